import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const deviceTypeChildHeight: Rule = {
  id: 'dcim/device-type-child-height',
  description: 'A child device type (subdevice_role: child) is not 0U.',
  severity: 'error',
  help: 'set u_height: 0 (a child device sits in its parent\'s device bay and takes no rack units), or drop subdevice_role: child',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'dcim.devicetype')) {
      if (obj.data.subdevice_role !== 'child') continue;
      // NetBox's default height is 1U: a child type that does not say is 1U too.
      const written = obj.data.u_height !== undefined;
      const h = written ? obj.data.u_height : 1;
      if (typeof h !== 'number' || h === 0) continue;
      findings.push({
        obj,
        field: written ? 'u_height' : 'subdevice_role',
        message: `${describe(obj)} is a child device type but ${written ? '' : 'by default '}${h}U tall: child device types are 0U`,
        data: { uHeight: h, written },
      });
    }
    return findings;
  },
};

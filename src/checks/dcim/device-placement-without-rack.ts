import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const devicePlacementWithoutRack: Rule = {
  id: 'dcim/device-placement-without-rack',
  description: 'A rack face or position needs a rack.',
  severity: 'error',
  help: 'add the rack the device is mounted in, or remove face and position',
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      if (device.data.rack !== undefined) continue;
      for (const field of ['position', 'face'] as const) {
        if (device.data[field] === undefined) continue;
        findings.push({
          obj: device,
          field,
          message: `${describe(device)} has a rack ${field} but no rack`,
          data: { field },
        });
      }
    }
    return findings;
  },
};

import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const deviceVcPosition: Rule = {
  id: 'dcim/device-vc-position',
  description: 'A device in a virtual chassis has no vc_position.',
  severity: 'error',
  help: "give the device its vc_position in the virtual chassis (0 to 255, unique in the chassis), or take it out of the virtual chassis",
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      const vc = ref(device, 'virtual_chassis');
      if (!vc) continue;
      const position = device.data.vc_position;
      if (position !== undefined && position !== null) continue;
      findings.push({
        obj: device,
        field: 'virtual_chassis',
        message: `${describe(device)} is in virtual chassis "${displayName(vc)}" without a vc_position`,
        data: { virtualChassis: displayName(vc) },
      });
    }
    return findings;
  },
};

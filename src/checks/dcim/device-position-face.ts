import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const devicePositionFace: Rule = {
  id: 'dcim/device-position-face',
  description: 'A device with a rack position has no rack face.',
  severity: 'error',
  help: 'add face: front or face: rear, or leave out the position',
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      // Without a rack, the position is dcim/device-placement-without-rack's error (NetBox asks for the rack first).
      if (device.data.rack === undefined) continue;
      const position = device.data.position;
      if (position === undefined || position === 0 || device.data.face !== undefined) continue;
      findings.push({
        obj: device,
        field: 'position',
        message: `${describe(device)} has a rack position but no face`,
        data: { position },
      });
    }
    return findings;
  },
};

import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

const DIMENSIONS = ['outer_width', 'outer_height', 'outer_depth'] as const;

export const rackOuterUnit: Rule = {
  id: 'dcim/rack-outer-unit',
  description: "A rack's or rack type's outer width, height or depth is given without an outer unit.",
  severity: 'error',
  help: 'add outer_unit (mm or in), or leave the outer dimensions out',
  run(model) {
    const findings: Finding[] = [];
    for (const kind of ['dcim.rack', 'dcim.racktype']) {
      for (const obj of objectsOf(model, kind)) {
        if (obj.data.outer_unit) continue;
        // NetBox asks for a unit only for dimensions that are set and not zero.
        const set = DIMENSIONS.filter((f) => typeof obj.data[f] === 'number' && obj.data[f] !== 0);
        if (!set.length) continue;
        findings.push({
          obj,
          field: set[0],
          message: `${describe(obj)} has ${set.join(' and ')} but no outer_unit`,
          data: { fields: set },
        });
      }
    }
    return findings;
  },
};

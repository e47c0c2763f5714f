import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** The kinds with NetBox's weight fields, and which of them each has. */
const KINDS: [string, readonly string[]][] = [
  ['dcim.devicetype', ['weight']],
  ['dcim.moduletype', ['weight']],
  ['dcim.rack', ['weight', 'max_weight']],
  ['dcim.racktype', ['weight', 'max_weight']],
];

export const weightUnit: Rule = {
  id: 'dcim/weight-unit',
  description: 'A weight or maximum weight is given without a weight unit.',
  severity: 'error',
  help: 'add weight_unit (kg, g, lb or oz), or leave the weight out',
  run(model) {
    const findings: Finding[] = [];
    for (const [kind, fields] of KINDS) {
      for (const obj of objectsOf(model, kind)) {
        if (obj.data.weight_unit) continue;
        // NetBox asks for a unit only for a weight that is set and not zero.
        const set = fields.filter((f) => typeof obj.data[f] === 'number' && obj.data[f] !== 0);
        if (!set.length) continue;
        findings.push({
          obj,
          field: set[0],
          message: `${describe(obj)} has ${set.join(' and ')} but no weight_unit`,
          data: { fields: set },
        });
      }
    }
    return findings;
  },
};

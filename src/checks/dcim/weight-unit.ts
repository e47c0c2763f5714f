import { describe } from '../../model/model.js';
import type { Rule } from '../rule.js';
import { measuredWithoutUnit } from '../unit-fields.js';

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
    return measuredWithoutUnit(model, KINDS, 'weight_unit').map(({ obj, fields }) => ({
      obj,
      field: fields[0],
      message: `${describe(obj)} has ${fields.join(' and ')} but no weight_unit`,
      data: { fields },
    }));
  },
};

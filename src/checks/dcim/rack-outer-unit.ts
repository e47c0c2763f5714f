import { describe } from '../../model/model.js';
import type { Rule } from '../rule.js';
import { measuredWithoutUnit } from '../unit-fields.js';

const DIMENSIONS = ['outer_width', 'outer_height', 'outer_depth'];
const KINDS = [
  ['dcim.rack', DIMENSIONS],
  ['dcim.racktype', DIMENSIONS],
] as const;

export const rackOuterUnit: Rule = {
  id: 'dcim/rack-outer-unit',
  description: "A rack's or rack type's outer width, height or depth is given without an outer unit.",
  severity: 'error',
  help: 'add outer_unit (mm or in), or leave the outer dimensions out',
  run(model) {
    return measuredWithoutUnit(model, KINDS, 'outer_unit').map(({ obj, fields }) => ({
      obj,
      field: fields[0],
      message: `${describe(obj)} has ${fields.join(' and ')} but no outer_unit`,
      data: { fields },
    }));
  },
};

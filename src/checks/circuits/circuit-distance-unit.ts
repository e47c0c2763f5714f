import { describe } from '../../model/model.js';
import type { Rule } from '../rule.js';
import { measuredWithoutUnit } from '../unit-fields.js';

export const circuitDistanceUnit: Rule = {
  id: 'circuits/circuit-distance-unit',
  description: 'A circuit gives a distance without a distance unit.',
  severity: 'error',
  help: 'add distance_unit (km, m, mi or ft), or leave the distance out',
  run(model) {
    return measuredWithoutUnit(model, [['circuits.circuit', ['distance']]], 'distance_unit').map(({ obj, fields }) => ({
      obj,
      field: fields[0],
      message: `${describe(obj)} has distance ${obj.data.distance} but no distance_unit`,
      data: { distance: obj.data.distance },
    }));
  },
};

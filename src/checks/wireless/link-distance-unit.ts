import type { Rule } from '../rule.js';
import { measuredWithoutUnit } from '../unit-fields.js';

export const linkDistanceUnit: Rule = {
  id: 'wireless/link-distance-unit',
  description: 'A wireless link gives a distance without a distance unit.',
  severity: 'error',
  help: 'add distance_unit (km, m, mi or ft), or leave the distance out',
  run(model) {
    return measuredWithoutUnit(model, [['wireless.wirelesslink', ['distance']]], 'distance_unit').map(({ obj, fields }) => ({
      obj,
      field: fields[0],
      message: `wireless link has distance ${obj.data.distance} but no distance_unit`,
      data: { distance: obj.data.distance },
    }));
  },
};

import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const circuitDistanceUnit: Rule = {
  id: 'circuits/circuit-distance-unit',
  description: 'A circuit gives a distance without a distance unit.',
  severity: 'error',
  help: 'add distance_unit (km, m, mi or ft), or leave the distance out',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'circuits.circuit')) {
      const distance = obj.data.distance;
      // NetBox asks for a unit only for a distance that is set and not zero.
      if (obj.data.distance_unit || typeof distance !== 'number' || distance === 0) continue;
      findings.push({ obj, field: 'distance', message: `${describe(obj)} has distance ${distance} but no distance_unit`, data: { distance } });
    }
    return findings;
  },
};

import type { Model, Obj } from '../model/model.js';
import { objectsOf } from '../model/model.js';

/**
 * Objects that give a measurement without its unit, as NetBox's weight, distance and outer-dimension
 * checks see it: a value that is set and not zero needs the unit field. Returns each object with the
 * fields it sets, in inventory order.
 */
export function measuredWithoutUnit(model: Model, kinds: readonly (readonly [string, readonly string[]])[], unit: string): { obj: Obj; fields: string[] }[] {
  const out: { obj: Obj; fields: string[] }[] = [];
  for (const [kind, fields] of kinds) {
    for (const obj of objectsOf(model, kind)) {
      if (obj.data[unit]) continue;
      const set = fields.filter((f) => typeof obj.data[f] === 'number' && obj.data[f] !== 0);
      if (set.length) out.push({ obj, fields: set });
    }
  }
  return out;
}

import { describe, objectsOf, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** The finding for one power port or template whose allocated draw exceeds its maximum, if it does. */
function check(what: string, data: Record<string, any>, obj: Obj, subPath?: (string | number)[]): Finding | undefined {
  const { maximum_draw: max, allocated_draw: allocated } = data;
  if (typeof max !== 'number' || typeof allocated !== 'number' || allocated <= max) return undefined;
  return {
    obj,
    field: subPath ? 'power-ports' : 'allocated_draw',
    subPath: subPath ? [...subPath, 'allocated_draw'] : undefined,
    message: `${what} allocates ${allocated} W, more than its maximum draw of ${max} W`,
    data: { allocatedDraw: allocated, maximumDraw: max },
  };
}

export const powerPortDraw: Rule = {
  id: 'dcim/power-port-draw',
  description: "A power port's allocated draw exceeds its maximum draw.",
  severity: 'error',
  help: 'lower allocated_draw to at most maximum_draw, or raise maximum_draw',
  run(model) {
    const findings: Finding[] = [];
    // Device and module types' templates, once at the type.
    for (const kind of ['dcim.devicetype', 'dcim.moduletype']) {
      for (const type of objectsOf(model, kind)) {
        const list = type.data['power-ports'];
        if (!Array.isArray(list)) continue;
        list.forEach((t: any, i: number) => {
          if (!t || typeof t !== 'object') return;
          const f = check(`power port template "${t.name}" of ${describe(type)}`, t, type, [i]);
          if (f) findings.push(f);
        });
      }
    }
    // A device's own power ports; those only a type defines carry the type's data, reported above.
    for (const obj of objectsOf(model, 'dcim.powerport')) {
      if (obj.origin !== 'written') continue;
      const f = check(describe(obj), obj.data, obj);
      if (f) findings.push(f);
    }
    return findings;
  },
};

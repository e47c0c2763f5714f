import { describe, objectsOf } from '../../model/model.js';
import { linksWithinType, TEMPLATE_LINKS } from '../../resolve/components.js';
import type { Finding, Rule } from '../rule.js';

/** The template lists holding each link, and what the link names. */
const LISTS: [list: string, field: string, what: string, target: string][] = [
  ['front-ports', 'rear_port', 'front port', 'rear port'],
  ['power-outlets', 'power_port', 'power outlet', 'power port'],
];

export const templateReference: Rule = {
  id: 'dcim/template-reference',
  description: "A front port template's rear port, or a power outlet template's power port, is not a template of the same device or module type.",
  severity: 'error',
  help: 'name a template of the same type (as written in its list, placeholders included), or add the missing template',
  run(model) {
    const findings: Finding[] = [];
    for (const kind of ['dcim.devicetype', 'dcim.moduletype']) {
      for (const type of objectsOf(model, kind)) {
        for (const [list, field, what, target] of LISTS) {
          const templates = type.data[list];
          if (!Array.isArray(templates)) continue;
          templates.forEach((t: any, i: number) => {
            if (!t || typeof t !== 'object' || typeof t[field] !== 'string' || linksWithinType(type, field, t[field])) return;
            findings.push({
              obj: type,
              field: list,
              subPath: [i, field],
              message: `${what} template "${t.name}" of ${describe(type)} names ${target} "${t[field]}", which is not one of the type's ${TEMPLATE_LINKS[field].replace(/-/g, ' ')}`,
              data: { field, value: t[field] },
            });
          });
        }
      }
    }
    return findings;
  },
};

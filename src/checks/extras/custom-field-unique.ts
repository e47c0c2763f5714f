import { customFieldsByKind, customFieldValue, isEmptyValue } from '../../model/custom-fields.js';
import { describe, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const customFieldUnique: Rule = {
  id: 'extras/custom-field-unique',
  description: 'Two objects of a kind share the value of a custom field that must be unique.',
  severity: 'error',
  help: 'give each object its own value for this custom field',
  run(model) {
    const defs = customFieldsByKind(model);
    const findings: Finding[] = [];
    const seen = new Map<string, Obj>();
    for (const [kind, byName] of defs) {
      const unique = [...byName.values()].filter((d) => d.data.unique === true);
      if (unique.length === 0) continue;
      for (const obj of model.byKind.get(kind) ?? []) for (const def of unique) {
        const value = customFieldValue(obj, def);
        if (isEmptyValue(value)) continue;
        const key = `${obj.kind.kind}\0${def.data.name}\0${JSON.stringify(value)}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, obj);
          continue;
        }
        findings.push({
          obj,
          field: 'custom_fields',
          subPath: [def.data.name],
          message: `custom field "${def.data.name}" must be unique: ${describe(first)} has ${JSON.stringify(value)} already`,
          data: { name: def.data.name, value },
          related: [{ obj: first, field: 'custom_fields', message: `${describe(first)}` }],
        });
      }
    }
    return findings;
  },
};

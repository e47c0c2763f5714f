import { customFieldsByKind, customFieldValue, isEmptyValue } from '../../model/custom-fields.js';
import { describe } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const customFieldRequired: Rule = {
  id: 'extras/custom-field-required',
  description: 'A required custom field has no value and no default.',
  severity: 'error',
  help: 'set the custom field under custom_fields:, or give its definition a default',
  run(model) {
    const defs = customFieldsByKind(model);
    const findings: Finding[] = [];
    for (const [kind, byName] of defs) {
      const required = [...byName.values()].filter((d) => d.data.required === true);
      if (required.length === 0) continue;
      for (const obj of model.byKind.get(kind) ?? []) for (const def of required) {
        if (!isEmptyValue(customFieldValue(obj, def))) continue;
        findings.push({
          obj,
          field: obj.data.custom_fields ? 'custom_fields' : undefined,
          message: `${describe(obj)} needs a value for the required custom field "${def.data.name}"`,
          data: { name: def.data.name },
          related: [{ obj: def, message: `custom field "${def.data.name}" is required` }],
        });
      }
    }
    return findings;
  },
};

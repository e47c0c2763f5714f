import { didYouMean } from '../../diagnostics/suggest.js';
import { customFieldEntries, customFieldsByKind } from '../../model/custom-fields.js';
import { kindLabel } from '../../model/kinds.js';
import type { Finding, Rule } from '../rule.js';

export const customFieldUnknown: Rule = {
  id: 'extras/custom-field-unknown',
  description: 'An object sets a custom field that is not defined for its kind.',
  severity: 'error',
  help: 'define the custom field (custom_fields: with object_types including this kind), or fix the name',
  run(model) {
    const defs = customFieldsByKind(model);
    const findings: Finding[] = [];
    for (const { obj, name } of customFieldEntries(model)) {
      const known = defs.get(obj.kind.kind);
      if (known?.has(name)) continue;
      findings.push({
        obj,
        field: 'custom_fields',
        subPath: [name],
        target: 'key',
        message: `no custom field "${name}" is defined for ${kindLabel(obj.kind)} objects${didYouMean(name, known?.keys() ?? [])}`,
        data: { name, kind: obj.kind.kind },
      });
    }
    return findings;
  },
};

import { customFieldEntries, customFieldsByKind, isEmptyValue } from '../../model/custom-fields.js';
import { displayName, type Model, type Obj } from '../../model/model.js';
import { pythonPattern } from '../../model/python-regex.js';
import type { Finding, Rule } from '../rule.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function validDate(v: string): boolean {
  const d = new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v.slice(0, 10);
}

function choiceValues(model: Model, def: Obj): Set<string> | undefined {
  const name = def.data.choice_set;
  const set = (model.byKind.get('extras.customfieldchoiceset') ?? []).find((s) => s.data.name === name);
  if (!set || set.data.base_choices) return undefined; // base choice lists (IATA, ISO 3166, UN/LOCODE) are not shipped
  return new Set((Array.isArray(set.data.extra_choices) ? set.data.extra_choices : []).map((c: unknown) => (Array.isArray(c) ? String(c[0]) : String(c))));
}

function namesOf(model: Model, kind: unknown): Set<string> {
  const out = new Set<string>();
  for (const o of typeof kind === 'string' ? (model.byKind.get(kind) ?? []) : []) {
    for (const f of o.kind.key.names) if (typeof o.data[f] === 'string' || typeof o.data[f] === 'number') out.add(String(o.data[f]));
    out.add(displayName(o));
  }
  return out;
}

/** What is wrong with one value of a custom field, as NetBox's CustomField.validate() judges it. */
export function valueProblem(model: Model, def: Obj, value: unknown): string | undefined {
  const d = def.data;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
  const range = (n: number) =>
    d.validation_minimum !== undefined && n < d.validation_minimum ? `must be at least ${d.validation_minimum}` : d.validation_maximum !== undefined && n > d.validation_maximum ? `must not exceed ${d.validation_maximum}` : undefined;
  switch (d.type ?? 'text') {
    case 'text':
    case 'longtext':
    case 'url': {
      if (typeof value !== 'string') return 'must be text';
      // A pattern Python refuses or RE2 cannot run is reported once, on the definition.
      const re = typeof d.validation_regex === 'string' && d.validation_regex !== '' ? pythonPattern(d.validation_regex) : undefined;
      return re?.kind === 'ok' && !re.match(value) ? `must match the regular expression ${d.validation_regex}` : undefined;
    }
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? range(value) : 'must be a whole number';
    case 'decimal': {
      const n = num(value);
      return n === undefined ? 'must be a decimal number' : range(n);
    }
    case 'boolean':
      return typeof value === 'boolean' || value === 0 || value === 1 ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && validDate(value) ? undefined : 'must be a date, YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && validDate(value) ? undefined : 'must be a date and time, e.g. 2026-01-31T12:00:00Z';
    case 'select':
    case 'multiselect': {
      const values = d.type === 'multiselect' ? value : [value];
      if (!Array.isArray(values)) return 'must be a list of choices';
      const choices = choiceValues(model, def);
      const bad = choices ? values.find((v) => !choices.has(String(v))) : undefined;
      return bad !== undefined ? `"${bad}" is not a choice of "${d.choice_set}" (${[...choices!].join(', ')})` : undefined;
    }
    case 'object':
    case 'multiobject': {
      const values = d.type === 'multiobject' ? value : [value];
      if (!Array.isArray(values)) return 'must be a list of object names';
      const names = namesOf(model, d.related_object_type);
      const bad = values.find((v) => !names.has(String(v)));
      return bad !== undefined ? `no ${d.related_object_type} named "${bad}"` : undefined;
    }
    default:
      return undefined; // json: any value
  }
}

export const customFieldValue: Rule = {
  id: 'extras/custom-field-value',
  description: "A custom field value does not fit its field's type, choices, range or pattern.",
  severity: 'error',
  help: "write a value of the custom field's type that meets its validation settings",
  run(model) {
    const defs = customFieldsByKind(model);
    const findings: Finding[] = [];
    for (const { obj, name, value } of customFieldEntries(model)) {
      const def = defs.get(obj.kind.kind)?.get(name);
      if (!def || isEmptyValue(value)) continue;
      const problem = valueProblem(model, def, value);
      if (!problem) continue;
      findings.push({
        obj,
        field: 'custom_fields',
        subPath: [name],
        message: `invalid value for custom field "${name}" (${def.data.type ?? 'text'}): ${problem}`,
        data: { name, value, type: def.data.type ?? 'text' },
        related: [{ obj: def, message: `custom field "${name}"` }],
      });
    }
    return findings;
  },
};

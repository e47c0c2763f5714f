import type { AttributeRule, Condition, CustomValidator } from '../../custom-validators.js';
import { describe, displayName, objectsOf, type Model, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** Django's EMPTY_VALUES: None, '', [], (), {}. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && !isObj(v) && Object.keys(v as object).length === 0;
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && 'kind' in (v as object) && 'refs' in (v as object);
}

/** Python's str() of a value, as a regex sees it; an object shows as its name. */
function pyStr(v: unknown): string {
  if (v === undefined || v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (isObj(v)) return displayName(v);
  return String(v);
}

/** Python's ==: True equals 1; an object or a list equals no text or number. */
function pyEq(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  const num = (x: unknown) => (typeof x === 'boolean' ? Number(x) : x);
  if ((typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean')) return num(a) === num(b);
  return a === b;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  return String(v);
}

/** A value NetBox would read; `unknown` when the field is absent and NetBox fills in a default sot does not know. */
type Reading = { value: unknown; absentText?: boolean } | { cannot: string } | 'skip' | 'unknown';

function read(obj: Obj, rule: AttributeRule): Reading {
  let cur = obj;
  for (let i = 0; i < rule.hops.length; i++) {
    const hop = rule.hops[i];
    const last = i === rule.hops.length - 1;
    const rf = cur.kind.refByField.get(hop);
    const type = last ? rule.lastTypes.get(cur.kind.kind) : rf && !rf.many ? 'ref' : undefined;
    // Through a polymorphic reference, the object reached may be of a kind without the field.
    if (type === undefined) return { cannot: `${describe(cur)} has no field "${hop}"` };
    const written = cur.data[hop];
    if (type === 'ref' || type === 'refs') {
      if (isEmpty(written)) {
        if (last) return { value: type === 'refs' ? [] : null };
        return { cannot: `${describe(cur)} has no ${hop.replace(/_/g, ' ')}` };
      }
      const r = cur.refs[hop];
      if (type === 'refs') {
        const list = Array.isArray(r) ? r : r ? [r] : [];
        if (!Array.isArray(written) || list.length !== written.length) return 'skip'; // not all resolved: already reported
        return { value: list };
      }
      if (!r || Array.isArray(r)) return 'skip'; // did not resolve: already reported
      if (last) return { value: r };
      cur = r;
      continue;
    }
    if (written !== undefined) return { value: written };
    // An absent text field is blank in NetBox ('' or, for a nullable one such as an asset tag, None);
    // a reference or list none; choices, numbers and booleans may have a default of NetBox's own.
    if (type === 'string') return { value: '', absentText: true };
    if (type === 'list') return { value: [] };
    return 'unknown';
  }
  return 'skip';
}

/** Why the value fails the condition, in our words, or undefined when it holds. */
function failure(c: Condition, v: unknown): string | undefined {
  const limit = c.limit;
  switch (c.descriptor) {
    case 'required':
      return limit && isEmpty(v) ? 'must not be empty' : undefined;
    case 'prohibited':
      return limit && !isEmpty(v) ? `must be empty (it is ${isObj(v) ? show(displayName(v)) : Array.isArray(v) ? `a list of ${v.length}` : show(v)})` : undefined;
    case 'eq':
      return pyEq(v, limit) ? undefined : `must equal ${show(limit)} (it is ${isObj(v) ? show(displayName(v)) : show(v)})`;
    case 'neq':
      return pyEq(v, limit) ? `must not equal ${show(limit)}` : undefined;
    case 'min':
    case 'max': {
      if (typeof v !== 'number' && typeof v !== 'boolean') return `has no number to compare with ${show(limit)}`;
      const n = Number(v);
      if (c.descriptor === 'min') return n < (limit as number) ? `must be at least ${show(limit)} (it is ${n})` : undefined;
      return n > (limit as number) ? `must be at most ${show(limit)} (it is ${n})` : undefined;
    }
    case 'min_length':
    case 'max_length': {
      if (typeof v !== 'string' && !Array.isArray(v)) return `has no length to compare with ${show(limit)}`;
      const n = typeof v === 'string' ? [...v].length : v.length;
      const unit = typeof v === 'string' ? 'character' : 'item';
      const count = (k: number) => `${k} ${unit}${k === 1 ? '' : 's'}`;
      if (c.descriptor === 'min_length') return n < (limit as number) ? `must have at least ${count(limit as number)} (it has ${n})` : undefined;
      return n > (limit as number) ? `must have at most ${count(limit as number)} (it has ${n})` : undefined;
    }
    case 'regex':
      // Django's RegexValidator searches: the pattern may match anywhere unless it anchors itself.
      return c.regex!.search(pyStr(v)) ? undefined : `must match the regular expression ${show(limit)}`;
  }
}

function check(obj: Obj, validator: CustomValidator, rule: AttributeRule, out: Finding[]): void {
  const reading = read(obj, rule);
  if (reading === 'skip' || reading === 'unknown') return;
  const first = rule.hops[0];
  const at = obj.data[first] === undefined ? {} : { field: first };
  const data = (condition: string, limit?: unknown) => ({ validator: validator.label, attribute: rule.attribute, condition, ...(limit === undefined ? {} : { limit }) });
  if ('cannot' in reading) {
    out.push({ obj, ...at, message: `${describe(obj)} fails custom validator ${validator.label}: ${rule.attribute} cannot be read, as ${reading.cannot}`, data: data('attribute') });
    return;
  }
  // NetBox stops at the first condition of an attribute that fails.
  for (const c of rule.conditions) {
    // '' and None are alike empty, but differ for a pattern (str(None) is "None"), a length or an
    // equality; the schemas do not say which text fields NetBox stores as None, so those wait for a value.
    if ('absentText' in reading && reading.absentText && c.descriptor !== 'required' && c.descriptor !== 'prohibited') return;
    const why = failure(c, reading.value);
    if (why === undefined) continue;
    out.push({ obj, ...at, message: `${describe(obj)} fails custom validator ${validator.label}: ${rule.attribute} ${why}`, data: data(c.descriptor, c.limit) });
    return;
  }
}

export const customValidator: Rule = {
  id: 'extras/custom-validator',
  description: 'An object fails one of the custom validators (NetBox\'s CUSTOM_VALIDATORS) set in sot.yaml.',
  severity: 'error',
  help: 'change the object to meet the condition, or change the validator under custom_validators',
  run(model: Model, ctx) {
    const findings: Finding[] = [];
    for (const validator of ctx.settings.customValidators ?? []) {
      for (const obj of objectsOf(model, validator.kind)) {
        // NetBox runs custom validators when an object is cleaned; components it makes from templates
        // are not, and objects sot creates for a reference are not written.
        if (obj.origin !== 'written') continue;
        for (const rule of validator.attributes) check(obj, validator, rule, findings);
      }
    }
    return findings;
  },
};

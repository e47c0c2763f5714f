// NetBox's CUSTOM_VALIDATORS, read from sot.yaml (`options: custom_validators:`) or from a YAML file of
// the inventory it names. Each validator is a mapping of attribute paths to conditions
// (`name: {min_length: 5}`); this module checks the mapping against the schemas and compiles it once,
// and extras/custom-validator applies it to every object of the kind.
import type { Diagnostic, DocPath } from './diagnostics/diagnostic.js';
import { didYouMean } from './diagnostics/suggest.js';
import { PlainScalar } from './parse/scalars.js';
import { targetKinds, type KindInfo, type SchemaSet } from './model/kinds.js';
import { pythonPattern, type PythonPattern } from './model/python-regex.js';

/** NetBox's descriptors, in the order its documentation lists them. */
export const DESCRIPTORS = ['min', 'max', 'min_length', 'max_length', 'regex', 'required', 'prohibited', 'eq', 'neq'] as const;
export type Descriptor = (typeof DESCRIPTORS)[number];

/** What sot knows about a field's values: this decides which descriptors can apply to it. */
export type FieldType = 'ref' | 'refs' | 'string' | 'choice' | 'number' | 'boolean' | 'list' | 'mapping' | 'any';

export interface Condition {
  descriptor: Descriptor;
  limit: unknown;
  /** Compiled for `regex`: read as Python reads it, run on a linear-time engine, so no pattern can stall the compiler. */
  regex?: Extract<PythonPattern, { kind: 'ok' }>;
  /** Where the condition is written: for the documentation of a finding. */
  file: string;
  path: DocPath;
}

export interface AttributeRule {
  /** As written: `name`, `tenant.group.slug`. */
  attribute: string;
  hops: string[];
  /** The last hop's type in each kind the path may reach (several through a polymorphic reference). */
  lastTypes: Map<string, FieldType>;
  conditions: Condition[];
}

export interface CustomValidator {
  kind: string;
  /** `dcim.site[0]` (the first validator of the list under `dcim.site`), or `dcim.site` for a single one. */
  label: string;
  attributes: AttributeRule[];
}

/** Component templates are lists inside a device or module type in sot, not objects of their own. */
const TEMPLATE_KIND = /^dcim\.[a-z]+template$/;

export function fieldType(schemas: SchemaSet, kind: KindInfo, field: string): FieldType | undefined {
  if (kind.refByField.has(field)) return kind.refByField.get(field)!.many ? 'refs' : 'ref';
  let prop = kind.schema.properties?.[field];
  if (prop === undefined) return undefined;
  for (let i = 0; i < 5 && prop?.$ref; i++) {
    const ref: string = prop.$ref;
    if (ref.startsWith('urn:sot:defs:choices')) return 'choice';
    const [doc, pointer] = ref.split('#');
    const target = schemas.documents.get(doc)?.$defs?.[pointer.replace('/$defs/', '')];
    if (!target) return 'any';
    prop = target;
  }
  if (prop?.enum) return 'choice';
  const types: string[] = ([] as string[]).concat(prop?.type ?? []).filter((t: string) => t !== 'null');
  if (types.length !== 1) return 'any';
  switch (types[0]) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'list';
    case 'object':
      return 'mapping';
    default:
      return 'any';
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Which descriptors can hold for a field of this type at all (Python raises a type error for the rest). */
const APPLIES: Record<FieldType, readonly Descriptor[]> = {
  ref: ['regex', 'required', 'prohibited'],
  refs: ['min_length', 'max_length', 'required', 'prohibited'],
  string: ['min_length', 'max_length', 'regex', 'required', 'prohibited', 'eq', 'neq'],
  choice: ['min_length', 'max_length', 'regex', 'required', 'prohibited', 'eq', 'neq'],
  number: ['min', 'max', 'regex', 'required', 'prohibited', 'eq', 'neq'],
  boolean: ['regex', 'required', 'prohibited', 'eq', 'neq'],
  list: ['min_length', 'max_length', 'required', 'prohibited'],
  mapping: ['required', 'prohibited'],
  any: DESCRIPTORS,
};

const WHY_NOT: Partial<Record<FieldType, string>> = {
  ref: 'it is a reference: compare one of its fields (e.g. `{field}.slug`), or use required, prohibited or regex',
  refs: 'it is a list of references: count them with min_length/max_length, or use required or prohibited',
  list: 'it is a list: count it with min_length/max_length, or use required or prohibited',
  mapping: 'it is a mapping: use required or prohibited',
  number: 'it is a number: use min, max, eq or neq',
  boolean: 'it is true or false: use eq or neq',
  string: 'it is text: use min_length, max_length, regex, eq or neq',
  choice: 'it is a choice: use eq, neq or regex',
};

export function readCustomValidators(data: unknown, file: string, base: DocPath, schemas: SchemaSet, out: Diagnostic[]): CustomValidator[] {
  const validators: CustomValidator[] = [];
  const problem = (path: DocPath, message: string, help: string, target?: 'key', severity: 'error' | 'warning' = 'error') =>
    out.push({ rule: 'settings/invalid', severity, message, location: { file, path, target }, help, data: { key: path.length ? String(path[path.length - 1]) : '' } });
  const HELP = 'see "Custom validators" in README.md';
  if (!isMapping(data)) {
    problem(base, 'custom validators must be a mapping of kinds (e.g. dcim.site) to lists of validators', HELP);
    return validators;
  }
  const byLower = new Map([...schemas.kinds.keys()].map((k) => [k.toLowerCase(), k]));
  for (const [key, value] of Object.entries(data)) {
    const kindName = byLower.get(key.toLowerCase());
    if (!kindName) {
      if (TEMPLATE_KIND.test(key.toLowerCase())) {
        problem([...base, key], `"${key}": sot does not apply custom validators to component templates (they are lists inside device and module types); this entry is not applied`, HELP, 'key', 'warning');
      } else {
        problem([...base, key], `"${key}" is not a kind sot knows${didYouMean(key, schemas.kinds.keys())}`, 'kinds are written as NetBox names them, <app>.<model>: see docs/kinds.md', 'key');
      }
      continue;
    }
    const kind = schemas.kinds.get(kindName)!;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, i) => {
      const at: DocPath = Array.isArray(value) ? [...base, key, i] : [...base, key];
      const label = Array.isArray(value) ? `${key}[${i}]` : key;
      if (typeof item === 'string') {
        problem(at, `"${item}" names a validator class; sot cannot run Python code, so it is not applied`, 'write the rules as a mapping of attributes to conditions instead', undefined, 'warning');
        return;
      }
      if (!isMapping(item)) {
        problem(at, `a validator must be a mapping of attributes to conditions, e.g. {name: {min_length: 5}}`, HELP);
        return;
      }
      const attributes: AttributeRule[] = [];
      for (const [attribute, rules] of Object.entries(item)) {
        const rule = readAttribute(schemas, kind, attribute, rules, [...at, attribute], file, problem);
        if (rule) attributes.push(rule);
      }
      validators.push({ kind: kindName, label, attributes });
    });
  }
  return validators;
}

type Problem = (path: DocPath, message: string, help: string, target?: 'key', severity?: 'error' | 'warning') => number;

function readAttribute(schemas: SchemaSet, kind: KindInfo, attribute: string, rules: unknown, at: DocPath, file: string, problem: Problem): AttributeRule | undefined {
  const hops = attribute.split('.');
  // NetBox checks `request.…` against the user's request, and skips it where there is none (scripts,
  // and a compiler): there is nothing to check here.
  if (hops[0] === 'request') return undefined;
  if (hops[0] === 'custom_fields') {
    problem(at, `"${attribute}": NetBox keeps custom field values in custom_field_data, a mapping a validator cannot look into; sot does not check it`, "give the custom field its own validation instead (required, validation_regex, validation_minimum…)", 'key');
    return undefined;
  }
  let kinds: KindInfo[] = [kind];
  let type: FieldType | undefined;
  const lastTypes = new Map<string, FieldType>();
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i];
    const types = kinds.map((k) => fieldType(schemas, k, hop)).filter((t): t is FieldType => t !== undefined);
    if (!types.length) {
      const fields = new Set(kinds.flatMap((k) => Object.keys(k.schema.properties ?? {})));
      const owner = i === 0 ? kind.kind : hops.slice(0, i).join('.');
      problem(at, `"${attribute}": ${owner} has no field "${hop}"${didYouMean(hop, fields)}`, `see the fields of ${kinds.map((k) => k.kind).join(', ')} in docs/kinds.md`, 'key');
      return undefined;
    }
    type = types.every((t) => t === types[0]) ? types[0] : 'any';
    if (i === hops.length - 1) {
      for (const k of kinds) {
        const t = fieldType(schemas, k, hop);
        if (t) lastTypes.set(k.kind, t);
      }
    }
    if (i < hops.length - 1) {
      if (type !== 'ref') {
        problem(at, `"${attribute}": "${hop}" is not a reference to one object, so the path cannot go on past it`, 'a dotted path follows references, e.g. tenant.group.slug', 'key');
        return undefined;
      }
      kinds = kinds.flatMap((k) => {
        const rf = k.refByField.get(hop);
        return rf ? targetKinds(rf.spec).map((t) => schemas.kinds.get(t)!) : [];
      });
    }
  }
  if (!isMapping(rules)) {
    problem(at, `"${attribute}": the conditions must be a mapping, e.g. {min_length: 5}`, `the conditions are ${DESCRIPTORS.join(', ')}`);
    return undefined;
  }
  const conditions: Condition[] = [];
  let ok = true;
  for (const [name, written] of Object.entries(rules)) {
    // `08`, `1.10`, `yes`: text where the field holds text, a number or boolean where it holds one.
    const limit =
      written instanceof PlainScalar
        ? name === 'regex' || ((name === 'eq' || name === 'neq') && type !== 'number' && type !== 'boolean')
          ? written.source
          : name === 'required' || name === 'prohibited'
            ? written.core
            : written.value
        : written;
    const path = [...at, name];
    const bad = (message: string, help = `see "Custom validators" in README.md`, target?: 'key') => {
      problem(path, `"${attribute}": ${message}`, help, target);
      ok = false;
    };
    if (!(DESCRIPTORS as readonly string[]).includes(name)) {
      bad(`"${name}" is not a condition NetBox knows${didYouMean(name, DESCRIPTORS)}`, `the conditions are ${DESCRIPTORS.join(', ')}`, 'key');
      continue;
    }
    const descriptor = name as Descriptor;
    if (!APPLIES[type!].includes(descriptor)) {
      bad(`${descriptor} cannot hold for this field: ${WHY_NOT[type!]!.replace('{field}', attribute)}`, 'NetBox would refuse every object with a type error', 'key');
      continue;
    }
    const condition: Condition = { descriptor, limit, file, path };
    switch (descriptor) {
      case 'min':
      case 'max':
        if (typeof limit !== 'number') bad(`${descriptor} must be a number`);
        break;
      case 'min_length':
      case 'max_length':
        if (!Number.isInteger(limit) || (limit as number) < 0) bad(`${descriptor} must be a whole number, 0 or more`);
        break;
      case 'required':
      case 'prohibited':
        if (typeof limit !== 'boolean') bad(`${descriptor} must be true or false`);
        break;
      case 'eq':
      case 'neq':
        if (limit !== null && !['string', 'number', 'boolean'].includes(typeof limit)) bad(`${descriptor} must be text, a number, true, false or null`);
        break;
      case 'regex':
        if (typeof limit !== 'string') {
          bad('regex must be text');
          break;
        }
        {
          const re = pythonPattern(limit);
          if (re.kind === 'ok') condition.regex = re;
          else if (re.kind === 'invalid') bad(`${JSON.stringify(limit)} is not a valid regular expression: ${re.reason}`);
          else bad(`${JSON.stringify(limit)} is not a regular expression sot can run: it uses ${re.construct}`, 'sot runs regular expressions in linear time, without backreferences or lookaround (see "Custom validators" in README.md)');
        }
        break;
    }
    conditions.push(condition);
  }
  return ok ? { attribute, hops, lastTypes, conditions } : undefined;
}

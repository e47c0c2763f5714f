import { isIP } from 'node:net';
import type { ErrorObject } from 'ajv';
import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { MAX_PER_RULE_PER_FILE, ProblemCount } from '../diagnostics/limit.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { PlainScalar } from '../parse/scalars.js';
import { type KindInfo, kindLabel, kindPlural } from '../model/kinds.js';
import type { Validators } from './ajv.js';

/** One object read from a file, before resolution. */
export interface RawItem {
  kind: KindInfo;
  data: Record<string, any>;
  file: string;
  /** Path of the object inside its file's document. */
  path: DocPath;
}

const MAX_FIX_ROUNDS = 3;

/**
 * Validate one object against its kind's schema. Clean objects pay one fast validator call. An object
 * that fails is first settled (see settle) and validated again, then its remaining errors are
 * translated into Diagnostics.
 */
/**
 * Validates one object against its kind's schema, its problems added to `out`. Past `maxUnknown` unknown
 * fields in the object the rest are counted (see tooManyProblems): a file whose sot-ignore comments
 * may silence some of them passes Infinity, as only located problems can be matched to a comment.
 */
export function validateItem(item: RawItem, validators: Validators, out: Diagnostic[], maxUnknown = MAX_PER_RULE_PER_FILE): boolean {
  const deprecated = item.kind.schema?.['x-deprecated'];
  if (typeof deprecated === 'string') {
    out.push({
      rule: 'schema/deprecated',
      severity: 'warning',
      message: `${kindPlural(item.kind)} are deprecated: ${deprecated}`,
      location: { file: item.file, path: item.path },
      modelPath: modelPath(item),
      data: { kind: item.kind.kind },
    });
  }
  let valid = validators.fastFor(item.kind.schemaId)(item.data);
  if (!valid) {
    const full = validators.fullFor(item.kind.schemaId);
    let errors: ErrorObject[] = [];
    const blanks: Blanks = { cleared: [], kept: new Set() };
    for (let round = 0; round < MAX_FIX_ROUNDS + 1 && !valid; round++) {
      if (full(item.data)) valid = true;
      else {
        errors = full.errors ?? [];
        // A blank that NetBox would require is not "not set": put it back so its own error shows.
        if (restoreRequiredBlanks(item.data, errors, blanks)) continue;
        if (!settle(item.data, errors, blanks)) break;
      }
    }
    if (!valid) translate(item, errors, out, maxUnknown);
  }
  asdotToInteger(item, out);
  return valid;
}

/** `asn: 65000.1` (asdot) is the 32-bit AS number 65000 × 65536 + 1; the model holds the integer. */
export function asdot(value: string): number | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(value);
  if (!m || Number(m[1]) > 65535 || Number(m[2]) > 65535) return undefined;
  return Number(m[1]) * 65536 + Number(m[2]);
}

const asdotFieldsByKind = new WeakMap<object, string[]>();

function asdotToInteger(item: RawItem, out: Diagnostic[]): void {
  let fields = asdotFieldsByKind.get(item.kind);
  if (!fields) {
    fields = Object.entries<any>(item.kind.schema?.properties ?? {}).filter(([, p]) => p?.['x-asdot']).map(([f]) => f);
    asdotFieldsByKind.set(item.kind, fields);
  }
  for (const field of fields) {
    const v = item.data[field];
    if (typeof v !== 'string') continue;
    const n = asdot(v);
    if (n !== undefined && n >= 1) item.data[field] = n;
    else if (/^\d+\.\d+$/.test(v)) {
      out.push({
        rule: 'schema/invalid-value',
        severity: 'error',
        message: `"${v}" is not a valid ${field}: in asdot notation each half is 0–65535 and the number is at least 1`,
        location: { file: item.file, path: [...item.path, field] },
        modelPath: modelPath(item),
        data: { field, value: v, keyword: 'x-asdot' },
      });
    }
  }
}

/**
 * YAML gives a plain scalar a type before anyone knows what the field wants. Where the schema says a
 * field is a string, the scalar's source text is what the user meant (`name: 101`, `serial: 0123`,
 * `part_number: 02351930`); where it wants a number or boolean, its typed reading. An explicit empty
 * value (`tenant:`) is an absent field, as in NetBox's API. Returns whether anything changed.
 */
function settle(root: unknown, errors: ErrorObject[], blanks: Blanks): boolean {
  let changed = false;
  for (const e of errors) {
    const { parent, key } = locateInstance(root, e.instancePath);
    if (parent === undefined || key === undefined) continue;
    const value = (parent as any)[key];
    if (value === null && !Array.isArray(parent)) {
      delete (parent as any)[key];
      changed = true;
      continue;
    }
    // NetBox stores '' for "not set" in optional text and choice fields, and Django skips a field's
    // validators and choices on a blank value: `color: ''` is no color.
    if (value === '' && BLANK_KEYWORDS.has(e.keyword) && key !== 'status' && !Array.isArray(parent) && typeof key === 'string' && !blanks.kept.has(`${blankId(parent as object)}\0${key}`)) {
      delete (parent as any)[key];
      blanks.cleared.push([parent as object, key]);
      changed = true;
      continue;
    }
    if (e.keyword !== 'type' && e.keyword !== 'x-ref') continue;
    const wanted = e.keyword === 'x-ref' ? ['string'] : ([] as string[]).concat((e.params as any).type);
    if (value instanceof PlainScalar) {
      (parent as any)[key] = wanted.includes('string') ? value.source : value.value;
      changed = true;
    } else if ((typeof value === 'number' || typeof value === 'boolean') && wanted.includes('string')) {
      (parent as any)[key] = String(value);
      changed = true;
    }
  }
  return changed;
}

/**
 * What a blank fails on a text or choice field that may be blank in NetBox (`blank=True`): a
 * validator or the choices. A blank where NetBox wants a number or boolean (a `type` error) is still
 * wrong, as it is in NetBox's API, and so is a blank status (NetBox requires one).
 */
const BLANK_KEYWORDS = new Set(['pattern', 'format', 'minLength', 'enum', 'const']);

/** Blank values settled as absent, and those put back because the field is required. */
interface Blanks {
  cleared: [object, string][];
  kept: Set<string>;
}

const blankIds = new WeakMap<object, number>();
let nextBlankId = 0;

function blankId(o: object): number {
  let id = blankIds.get(o);
  if (id === undefined) blankIds.set(o, (id = nextBlankId++));
  return id;
}

function restoreRequiredBlanks(root: unknown, errors: ErrorObject[], blanks: Blanks): boolean {
  if (blanks.cleared.length === 0) return false;
  let restored = false;
  for (const e of errors) {
    if (e.keyword !== 'required') continue;
    const missing = (e.params as any).missingProperty as string;
    const { parent, key } = locateInstance(root, e.instancePath);
    const obj = parent === undefined ? root : (parent as any)[key!];
    const i = blanks.cleared.findIndex(([o, k]) => o === obj && k === missing);
    if (i < 0) continue;
    (obj as any)[missing] = '';
    blanks.kept.add(`${blankId(obj as object)}\0${missing}`);
    blanks.cleared.splice(i, 1);
    restored = true;
  }
  return restored;
}

function locateInstance(root: unknown, pointer: string): { parent: unknown; key: string | number | undefined } {
  if (pointer === '') return { parent: undefined, key: undefined };
  const parts = pointer.slice(1).split('/').map(unescapePointer);
  let node: any = root;
  for (let i = 0; i < parts.length - 1; i++) {
    if (node === null || typeof node !== 'object') return { parent: undefined, key: undefined };
    node = node[Array.isArray(node) ? Number(parts[i]) : parts[i]];
  }
  if (node === null || typeof node !== 'object') return { parent: undefined, key: undefined };
  const last = parts[parts.length - 1];
  return { parent: node, key: Array.isArray(node) ? Number(last) : last };
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Converts a JSON pointer into a document path with numeric sequence indexes. */
function docPath(root: unknown, pointer: string): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: any = root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = unescapePointer(raw);
    const step = Array.isArray(node) ? Number(part) : part;
    out.push(step);
    node = node?.[step];
  }
  return out;
}

/** `devices[name=ams1-leaf1].interfaces[name=Ethernet1]`: the object a problem is about, by name. */
export function modelPath(item: RawItem, extra: readonly (string | number)[] = []): string {
  let text = `${item.kind.collection}${selector(item.kind, item.data)}`;
  let node: any = item.data;
  for (let i = 0; i < extra.length; i++) {
    const step = extra[i];
    const next = node?.[step];
    if (typeof step === 'number') {
      text += next && typeof next === 'object' && typeof next.name === 'string' ? `[name=${excerpt(next.name)}]` : `[${step}]`;
    } else if (Array.isArray(next) || (next && typeof next === 'object' && i < extra.length - 1)) {
      text += `.${step}`;
    } else {
      break; // a field, not an object: the message names it
    }
    node = next;
  }
  return text;
}

/** `[name=ams1-leaf1]`: the object's first natural-key field, as the resolver's named paths write it. */
export function selector(kind: KindInfo, data: Record<string, any>): string {
  const f = kind.key.names[0];
  const v = data?.[f];
  return typeof v === 'string' || typeof v === 'number' ? `[${f}=${excerpt(String(v))}]` : '';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof PlainScalar) return describe(value.value);
  switch (typeof value) {
    case 'string':
      return `the text "${excerpt(value)}"`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'a mapping';
    default:
      return String(value);
  }
}

function show(value: unknown): string {
  if (value instanceof PlainScalar) return excerpt(value.source);
  if (typeof value === 'string') return `"${excerpt(value)}"`;
  if (Array.isArray(value)) return 'the list';
  if (value !== null && typeof value === 'object') return 'the mapping';
  return JSON.stringify(value);
}

const COMBINATORS = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'allOf', 'not']);

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

function lastField(path: readonly (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return excerpt(path[i] as string);
  return 'value';
}

function translate(item: RawItem, errors: ErrorObject[], out: Diagnostic[], maxUnknown: number): void {
  // A failed `type` makes every other keyword at the same place noise.
  const typeFailed = new Set(errors.filter((e) => e.keyword === 'type' || e.keyword === 'x-ref').map((e) => e.instancePath));
  const seen = new Set<string>();
  // The allowed fields are listed once per object: with 100,000 unknown fields each would repeat them.
  const listed = new Set<string>();
  const listOnce = (at: string, text: string) => (listed.has(at) ? undefined : (listed.add(at), text));
  const label = kindLabel(item.kind);
  // Combinators only say that something inside failed; the errors that say what are reported instead.
  const explained = (e: ErrorObject) => errors.some((o) => o !== e && !COMBINATORS.has(o.keyword) && o.keyword !== 'propertyNames' && (o.instancePath === e.instancePath || o.instancePath.startsWith(`${e.instancePath}/`)));
  // An object with more unknown fields than a file lists gets them counted, not each made a diagnostic.
  const unknownFields = new ProblemCount(maxUnknown);
  for (const e of errors) {
    if (e.keyword !== 'type' && e.keyword !== 'x-ref' && typeFailed.has(e.instancePath)) continue;
    if (e.keyword === 'propertyNames') continue;
    if (COMBINATORS.has(e.keyword) && explained(e)) continue;
    const unknownField = e.keyword === 'additionalProperties' || (e as { propertyName?: string }).propertyName !== undefined;
    if (unknownField && !unknownFields.wanted()) continue;
    const rel = docPath(item.data, e.instancePath);
    const field = lastField(rel);
    const base = { modelPath: modelPath(item, rel) };
    let d: Omit<Diagnostic, 'location' | 'modelPath'> & { target?: 'key' | 'value'; at?: (string | number)[] };
    const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
    // Messages quote e.data through show/describe, which cut it once; `value` is already cut, for the data.
    const value = dataValue(e.data);
    if (propertyName !== undefined) {
      const allowed = (e.parentSchema as any)?.enum as string[] | undefined;
      d = {
        rule: 'schema/unknown-field',
        severity: 'error',
        message: `"${excerpt(propertyName)}" is not an allowed key in "${field}"${allowed ? didYouMean(propertyName, allowed) : `: ${valueProblem(e)}`}`,
        at: [...rel, propertyName],
        target: 'key',
        help: allowed ? listOnce(e.instancePath, `allowed keys: ${allowed.join(', ')}`) : undefined,
        data: { field, key: excerpt(propertyName) },
      };
    } else switch (e.keyword) {
      case 'dependentRequired': {
        const p = e.params as { property: string; missingProperty: string };
        d = {
          rule: 'schema/missing-field',
          severity: 'error',
          message: `"${p.property}" needs "${p.missingProperty}" as well`,
          at: [...rel, p.property],
          target: 'key',
          data: { field: p.missingProperty, with: p.property },
        };
        break;
      }
      case 'not':
        d = {
          rule: 'schema/invalid-value',
          severity: 'error',
          message: `${show(e.data)} is not allowed as ${field}`,
          help: typeof (e.parentSchema as any)?.description === 'string' ? (e.parentSchema as any).description : undefined,
          data: { field, value, keyword: e.keyword },
        };
        break;
      case 'additionalProperties': {
        const prop = (e.params as any).additionalProperty as string;
        const allowed = fieldNames(e.parentSchema);
        const warning = (e.parentSchema as any)?.['x-unknown-keys'] === 'warning';
        d = {
          rule: 'schema/unknown-field',
          severity: warning ? 'warning' : 'error',
          message: `unknown field "${excerpt(prop)}" in ${rel.length && typeof rel[rel.length - 1] === 'number' ? lastField(rel).replace(/s$/, '').replace(/-/g, ' ') : label}${didYouMean(prop, allowed)}`,
          at: [...rel, prop],
          target: 'key',
          help: allowed.length ? listOnce(e.instancePath, `allowed fields: ${allowed.join(', ')}`) : undefined,
          data: { field: excerpt(prop) },
        };
        break;
      }
      case 'required': {
        const missing = (e.params as any).missingProperty as string;
        d = {
          rule: 'schema/missing-field',
          severity: 'error',
          message: `${rel.length ? `"${lastField(rel)}" entry` : label} is missing the required field "${missing}"`,
          data: { field: missing },
        };
        break;
      }
      case 'type':
      case 'x-ref': {
        const types: string[] = e.keyword === 'x-ref' ? ['string', 'object'] : ([] as string[]).concat((e.params as any).type);
        d = {
          rule: 'schema/wrong-type',
          severity: 'error',
          message: `"${field}" must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${describe(e.data)}`,
          data: { field, expected: types },
        };
        break;
      }
      case 'enum': {
        const allowed = (e.params as any).allowedValues as unknown[];
        const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, … (${allowed.length} values)` : allowed.join(', ');
        d = {
          rule: 'schema/invalid-choice',
          severity: 'error',
          message: `${show(e.data)} is not a valid ${field}${didYouMean(String(e.data), allowedStrings(allowed))}`,
          help: `allowed values: ${shown}`,
          data: { field, value },
        };
        break;
      }
      case 'uniqueItems':
        d = {
          rule: 'schema/invalid-value',
          severity: 'error',
          message: `"${field}" lists the same value twice (items ${(e.params as any).j + 1} and ${(e.params as any).i + 1})`,
          data: { field },
        };
        break;
      default: {
        const descr = (e.parentSchema as any)?.description;
        // A long pattern says less than the field's description: show the description instead.
        const lengthless = missingPrefixLength(value);
        const problem = lengthless ?? (e.keyword === 'pattern' && typeof descr === 'string' && (e.params as any).pattern.length > 40 ? '' : `: ${valueProblem(e)}`);
        d = {
          rule: 'schema/invalid-value',
          severity: 'error',
          message: `${show(e.data)} is not a valid ${field}${problem}`,
          help: typeof descr === 'string' ? descr : undefined,
          data: { field, value, keyword: e.keyword },
        };
      }
    }
    const at = d.at ?? rel;
    const key = `${d.rule}\0${at.join('/')}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { at: _at, target, ...rest } = d;
    const made: Diagnostic = {
      ...rest,
      ...base,
      location: { file: item.file, path: [...item.path, ...at], target: target ?? (e.keyword === 'required' ? 'value' : 'value') },
    };
    if (unknownField) unknownFields.add(made, out);
    else out.push(made);
  }
  unknownFields.finish(out);
}

/** A failing value as a diagnostic's data holds it: long text cut as messages quote it (see excerpt). */
function dataValue(value: unknown): unknown {
  if (typeof value === 'string') return excerpt(value);
  if (value instanceof PlainScalar && value.source.length > 200) return excerpt(value.source);
  return value;
}

const fieldNamesBySchema = new WeakMap<object, string[]>();

/** A schema's field names, one array per schema so the suggester prepares them once (see suggest). */
function fieldNames(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  let names = fieldNamesBySchema.get(schema);
  if (!names) fieldNamesBySchema.set(schema, (names = Object.keys((schema as any).properties ?? {})));
  return names;
}

const allowedStringsByList = new WeakMap<object, string[]>();

function allowedStrings(allowed: unknown[]): string[] {
  let names = allowedStringsByList.get(allowed);
  if (!names) allowedStringsByList.set(allowed, (names = allowed.map(String)));
  return names;
}

/**
 * An address written without its prefix length (`10.255.0.1`) is the most common reason an address
 * field refuses a value: NetBox stores every IP address with the length of its subnet.
 */
function missingPrefixLength(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.includes('/')) return undefined;
  const family = isIP(value);
  if (family === 0) return undefined;
  return `: the prefix length is missing (write ${value}/${family === 4 ? 32 : 128} for a host, or the length of its subnet)`;
}

function valueProblem(e: ErrorObject): string {
  const p = e.params as any;
  switch (e.keyword) {
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${p.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${p.limit}`;
    case 'multipleOf':
      return `must be a multiple of ${p.multipleOf}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters long`;
    case 'maxLength':
      return `must be at most ${p.limit} characters long`;
    case 'pattern':
      return `must match ${p.pattern}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'minProperties':
      return p.limit === 1 ? 'must not be empty' : `must have at least ${p.limit} fields`;
    case 'minItems':
      return `must have at least ${p.limit} items`;
    case 'maxItems':
      return `must have at most ${p.limit} items`;
    default:
      return e.message ?? e.keyword;
  }
}

/**
 * Replaces PlainScalars left in free-form data (context data, JSON schemas) by their YAML 1.2 reading.
 * Custom field values keep both readings: their definitions decide (resolve/custom-fields.ts).
 * A number JSON cannot hold as written (`.nan`, `.inf`, an integer past 2^53) is left out of the
 * reading and reported instead, as a diagnostic of the item at `path`.
 */
export function settleRemaining(value: unknown, item?: RawItem, out?: Diagnostic[]): unknown {
  return settleFree(value, new Set(), [...(item?.path ?? [])], item && out ? { file: item.file, out } : undefined);
}

/** `path` is one array pushed and popped along the walk, copied only for a diagnostic. */
function settleFree(value: unknown, seen: Set<object>, path: (string | number)[], report: { file: string; out: Diagnostic[] } | undefined): unknown {
  if (value instanceof PlainScalar) {
    const why = report ? notJsonNumber(value) : undefined;
    if (why) report!.out.push({ rule: 'yaml/not-json-number', severity: 'error', message: why, location: { file: report!.file, path: path.slice() }, help: 'quote the value to keep it as text, or write a number JSON can hold', data: { value: value.source } });
    return value.core;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      value[i] = settleFree(value[i], seen, path, report);
      path.pop();
    }
  } else {
    for (const k of Object.keys(value)) {
      if (k === 'custom_fields') continue;
      path.push(k);
      (value as any)[k] = settleFree((value as any)[k], seen, path, report);
      path.pop();
    }
  }
  return value;
}

const INTEGER_LITERAL = /^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)$/;

/**
 * Why a number read from YAML cannot go into NetBox's JSON as written, or undefined. JSON has no NaN
 * or infinity, and JavaScript holds integers exactly only up to 2^53: a bigger one would change value.
 */
export function notJsonNumber(p: PlainScalar): string | undefined {
  const v = p.core;
  if (typeof v !== 'number') return undefined;
  if (!Number.isFinite(v)) return `${p.source} is not a number JSON can hold`;
  if (!Number.isSafeInteger(v) && INTEGER_LITERAL.test(p.source)) return `${p.source} is too big to hold exactly: integers must lie within ±9007199254740991`;
  return undefined;
}

// The resolved form of an object, the thing a diff compares: its fields as NetBox holds them (data as
// written, plus what its device type gives a component), each reference as the natural key of the
// object it names. Two objects are the same iff their resolved forms are equal, so respelling a
// reference (another case, a slug for a name) is no change.
import type { KindInfo } from '../model/kinds.js';
import type { Obj } from '../model/model.js';
import type { KeyFn } from './identity.js';

const fieldCache = new WeakMap<KindInfo, string[]>();

/**
 * The fields a kind's resolved form has, in the schema's order. Lists of objects written inline that
 * become objects of their own (a device's interfaces, an interface's ip_addresses) are left out: those
 * objects are compared themselves.
 */
export function snapshotFields(kind: KindInfo): string[] {
  let fields = fieldCache.get(kind);
  if (fields) return fields;
  fields = [];
  for (const [name, prop] of Object.entries<any>(kind.schema.properties ?? {})) {
    if (!inlineObjects(prop)) fields.push(name);
  }
  fieldCache.set(kind, fields);
  return fields;
}

/** A property whose values are other kinds' objects (`urn:sot:dcim:interface`, `…ip-address#/$defs/inline`). */
function inlineObjects(prop: any): boolean {
  const ref: unknown = prop?.$ref ?? prop?.items?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('urn:sot:')) return false;
  return !ref.startsWith('urn:sot:defs:') && !ref.startsWith('urn:sot:dcim:component-templates');
}

/**
 * One field's resolved value, or undefined where it is unset. A reference is the key of its object (a
 * many-valued one the sorted list of keys: NetBox keeps no order in them); a reference that did not
 * resolve is its written value.
 */
export function fieldValue(obj: Obj, field: string, key: KeyFn): unknown {
  const r = obj.refs[field];
  if (r !== undefined) {
    if (!Array.isArray(r)) return key(r);
    // Some names did not resolve (resolve reported them): show what is written rather than fewer keys.
    const written = obj.data[field];
    if (Array.isArray(written) && written.length !== r.length) return written;
    return r.map(key).sort();
  }
  const v = obj.data[field];
  return v === null ? undefined : v;
}

/** The whole resolved form, unset fields left out, in the kind's field order. */
export function snapshot(obj: Obj, key: KeyFn): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of snapshotFields(obj.kind)) {
    const v = fieldValue(obj, f, key);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

/** The head's object a base object is (after matching), or undefined where it has none. */
export type Counterpart = (base: Obj) => Obj | undefined;

/**
 * Whether one field has the same resolved value in a base object and a head object. References compare
 * by the objects they name (a base reference is equal to a head one when the matching paired their
 * objects), so neither a respelling nor a renamed object's new name counts, and no key is made.
 */
export function sameField(b: Obj, h: Obj, field: string, headOf: Counterpart): boolean {
  const rb = b.refs[field];
  const rh = h.refs[field];
  if (rb === undefined && rh === undefined) return sameValue(nullToUndefined(b.data[field]), nullToUndefined(h.data[field]));
  if (rb === undefined || rh === undefined) return false;
  if (!Array.isArray(rb) || !Array.isArray(rh)) return !Array.isArray(rb) && !Array.isArray(rh) && headOf(rb) === rh;
  if (rb.length !== rh.length) return false;
  if (rb.length === 1) return headOf(rb[0]) === rh[0];
  const inHead = new Set(rh);
  for (const o of rb) {
    const c = headOf(o);
    if (c === undefined || !inHead.has(c)) return false;
  }
  return true;
}

/**
 * The fields, in the kind's order, whose resolved values differ. Only the fields either object sets
 * are looked at (most of a kind's fields are unset on most objects).
 */
export function changedFields(b: Obj, h: Obj, headOf: Counterpart): string[] {
  const order = fieldIndex(h.kind);
  let out: string[] | undefined;
  const bd = b.data;
  const hd = h.data;
  if (sameTemplateData(b, h)) {
    // The data is the same, spellings included: only what references resolve to can differ.
    for (const f in b.refs) if (order.has(f) && !sameField(b, h, f, headOf)) (out ??= []).push(f);
    for (const f in h.refs) if (!(f in b.refs) && order.has(f) && !sameField(b, h, f, headOf)) (out ??= []).push(f);
  } else {
    for (const f in bd) if (order.has(f) && !sameField(b, h, f, headOf)) (out ??= []).push(f);
    for (const f in hd) if (!(f in bd) && order.has(f) && !sameField(b, h, f, headOf)) (out ??= []).push(f);
    for (const f in b.refs) if (!(f in bd) && !(f in hd) && order.has(f) && !sameField(b, h, f, headOf)) (out ??= []).push(f);
    for (const f in h.refs) if (!(f in bd) && !(f in hd) && !(f in b.refs) && order.has(f) && !sameField(b, h, f, headOf)) (out ??= []).push(f);
  }
  if (out === undefined) return NONE;
  const found: string[] = out;
  return found.length > 1 ? found.sort((x, y) => order.get(x)! - order.get(y)!) : found;
}

/**
 * Components a device type gives share its template's data (resolve never writes to it), so the
 * thousands of devices of one type repeat one pair of data objects: their equality is decided once.
 */
const equalData = new WeakMap<object, object>();

function sameTemplateData(b: Obj, h: Obj): boolean {
  if (b.origin !== 'template' || h.origin !== 'template') return false;
  if (equalData.get(b.data) === h.data) return true;
  if (!sameValue(b.data, h.data)) return false;
  equalData.set(b.data, h.data);
  return true;
}

const indexCache = new WeakMap<KindInfo, Map<string, number>>();

/** A kind's snapshot fields by their place in its order. */
function fieldIndex(kind: KindInfo): Map<string, number> {
  let m = indexCache.get(kind);
  if (!m) indexCache.set(kind, (m = new Map(snapshotFields(kind).map((f, i) => [f, i]))));
  return m;
}

const NONE: string[] = [];

const nullToUndefined = (v: unknown) => (v === null ? undefined : v);

/** Structural equality of data (custom fields, config context data): no text is made of either side. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let na = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    na++;
    if (!Object.prototype.hasOwnProperty.call(rb, k) || !sameValue(ra[k], rb[k])) return false;
  }
  let nb = 0;
  for (const k in rb) if (rb[k] !== undefined) nb++;
  return na === nb;
}

/** A stable text of an object's resolved form (object keys sorted), to order objects that share a key. */
export function snapshotText(obj: Obj, key: KeyFn): string {
  return stableText(snapshot(obj, key));
}

export function stableText(v: unknown): string {
  return JSON.stringify(v, (_k, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(value).sort()) sorted[k] = value[k];
      return sorted;
    }
    return value;
  });
}

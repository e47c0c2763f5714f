import { kindLabel, kindPlural, withArticle, type KindInfo, type UniqueConstraint } from '../model/kinds.js';
import { describe, displayName, namedPath, type Obj } from '../model/model.js';
import type { Resolver } from './resolve.js';

/**
 * NetBox's uniqueness constraints (`x-unique`), checked once every reference is resolved. As in
 * PostgreSQL, a constraint with an empty column never fires (two racks without a location may share a
 * name); a conditional one applies only where its `whenEmpty` fields are empty. The later object (in
 * inventory order) is reported, with the first as the related location.
 */
export function checkUnique(r: Resolver): void {
  for (const kind of r.schemas.kinds.values()) {
    if (kind.unique.length === 0) continue;
    const objs = r.byKind.get(kind.kind)!;
    // One mistake, one error: a slug clashing within its manufacturer is not reported again as a
    // clash across manufacturers.
    const reported = new Set<string>();
    for (const constraint of kind.unique) {
      // A component's name on its device is checked as components are made (a written entry with a
      // template's name completes that component rather than repeating it).
      if (kind.parent && constraint.fields.length === 2 && constraint.fields.includes(kind.parent.field) && constraint.fields.includes('name') && !constraint.whenEmpty) continue;
      const seen = new Map<string, Obj>();
      // Most objects leave some column empty (no MAC address made primary, no asset tag): a cheap look
      // at the data skips them before any key is built.
      const plain = constraint.fields.filter((f) => !(f in DERIVED) && f !== kind.parent?.field);
      for (const obj of objs) {
        const data = obj.data;
        let empty = false;
        for (let i = 0; i < plain.length; i++) {
          const v = data[plain[i]];
          if (v === undefined || v === null || v === '') {
            empty = !(constraint.nullsEqual?.includes(plain[i]) ?? false);
            if (empty) break;
          }
        }
        if (empty) continue;
        const key = constraintKey(kind, obj, constraint);
        if (key === undefined) continue;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, obj);
        else {
          const at = `${obj.id}\0${reportField(kind, constraint)}`;
          if (reported.has(at)) continue;
          reported.add(at);
          report(r, kind, obj, first, constraint);
        }
      }
    }
  }
}

/** Columns NetBox derives from others (`@scope_site`: a cluster's site, from a site or location scope). */
const DERIVED: Record<string, (obj: Obj) => Obj | undefined> = {
  '@scope_site': (obj) => {
    const scope = refOf(obj, 'scope');
    if (scope?.kind.kind === 'dcim.site') return scope;
    if (scope?.kind.kind === 'dcim.location') return refOf(scope, 'site');
    return undefined;
  },
};

function isEmpty(obj: Obj, field: string): boolean {
  const v = obj.data[field];
  return (v === undefined || v === null || v === '') && obj.refs[field] === undefined && !(obj.owner && obj.kind.parent?.field === field);
}

function refOf(obj: Obj, field: string): Obj | undefined {
  const o = obj.refs[field];
  if (o && !Array.isArray(o)) return o;
  return obj.owner && obj.kind.parent?.field === field ? obj.owner : undefined;
}

/** The constraint's columns of one object, or undefined when one is empty (or did not resolve). */
export function constraintKey(kind: KindInfo, obj: Obj, c: UniqueConstraint, refOfField: (obj: Obj, field: string) => Obj | undefined = refOf): string | undefined {
  if (c.whenEmpty && !c.whenEmpty.every((f) => isEmpty(obj, f))) return undefined;
  let key = '';
  for (const f of c.fields) {
    if (kind.refByField.has(f) || f in DERIVED) {
      const o = f in DERIVED ? DERIVED[f](obj) : refOfField(obj, f);
      if (!o) {
        // A column where NetBox's rule treats empty as a value of its own (the global table).
        if (c.nullsEqual?.includes(f) && isEmpty(obj, f)) {
          key += '-\0';
          continue;
        }
        return undefined;
      }
      key += `#${o.id}\0`;
      continue;
    }
    const v = obj.data[f];
    if (v === undefined || v === null || v === '') return undefined;
    let text = typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (c.lower?.includes(f)) text = text.toLowerCase();
    key += `${text}\0`;
  }
  return key;
}

/** The field a clash is reported at: the constraint's first plain field, else its last. */
function reportField(kind: KindInfo, c: UniqueConstraint): string {
  return c.fields.find((f) => !kind.refByField.has(f) && !(f in DERIVED)) ?? c.fields[c.fields.length - 1];
}

function report(r: Resolver, kind: KindInfo, obj: Obj, first: Obj, c: UniqueConstraint): void {
  // One of them may have been placed by a namesake of a broken object (see Obj.uncertain).
  if (c.fields.some((f) => obj.uncertain?.has(f) || first.uncertain?.has(f))) return;
  const title = kindLabel(kind);
  const scalars = c.fields.filter((f) => !kind.refByField.has(f) && !(f in DERIVED));
  const scopes = c.fields.filter((f) => (kind.refByField.has(f) || f in DERIVED) && (f in DERIVED ? DERIVED[f](obj) : refOf(obj, f)));
  const field = scalars[0] ?? scopes[scopes.length - 1] ?? c.fields[c.fields.length - 1];
  const value = scalars.length ? String(obj.data[field]) : displayName(refOf(obj, field) ?? obj);
  const what = scalars.length ? scalars.map((f) => `${f.replace(/_/g, ' ')} "${obj.data[f]}"`).join(' and ') : '';
  const where = scopes
    .filter((f) => scalars.length || f !== field)
    .map((f, i) => {
      const o = (f in DERIVED ? DERIVED[f](obj) : refOf(obj, f))!;
      // The first names its own scope (`location "Hall 1" in site "AMS1"`); the rest are short.
      return i === 0 ? describe(o) : `${kindLabel(o.kind)} "${displayName(o)}"`;
    })
    .join(' and ');
  const head = scalars.length ? `duplicate ${title} ${what}${where ? ` in ${where}` : ''}` : `${describe(refOf(obj, field)!)} already has ${withArticle(title)}${where ? ` for ${where}` : ''}`;
  const notes: string[] = [];
  if (c.lower?.some((f) => String(obj.data[f]) !== String(first.data[f]))) notes.push('names compare without case');
  if (c.whenEmpty) notes.push(`neither has ${c.whenEmpty.map((f) => withArticle(f.replace(/_/g, ' '))).join(' or ')}`);
  r.out.push({
    rule: 'resolve/duplicate-key',
    severity: 'error',
    message: `${head}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    location: { file: obj.file, path: [...obj.path, field] },
    modelPath: namedPath(obj),
    related: [{ location: { file: first.file, path: [...first.path, field] }, message: `the other ${describe(first)}` }],
    help: `${uniqueHelp(kind, c)}; change one of them, or merge them if they are one ${title}`,
    data: { kind: kind.kind, field, value, fields: c.fields },
  });
}

/** "a rack's name must be unique within its location", in NetBox's terms. */
function uniqueHelp(kind: KindInfo, c: UniqueConstraint): string {
  const words = (fs: string[]) => fs.map((f) => (f === '@scope_site' ? 'site' : f.replace(/_/g, ' '))).join(' and ');
  const scalars = c.fields.filter((f) => !kind.refByField.has(f) && !(f in DERIVED));
  const scopes = c.fields.filter((f) => kind.refByField.has(f) || f in DERIVED);
  const title = kindLabel(kind);
  const among = c.whenEmpty ? ` among ${kindPlural(kind)} without ${withArticle(words(c.whenEmpty))}` : '';
  if (scalars.length === 0) return `NetBox allows one ${title} per ${words(scopes)}`;
  return `${withArticle(title)}'s ${words(scalars)} must be unique${scopes.length ? ` within its ${words(scopes)}` : ''}${among}`;
}

/** Whether objects of one name break one of NetBox's constraints together (then they are reported as
 *  duplicates, and a reference to the name need not be reported as ambiguous too). */
export function clashing(kind: KindInfo, objs: readonly Obj[], refOfField: (obj: Obj, field: string) => Obj | undefined): boolean {
  return kind.unique.some((c) => {
    const first = constraintKey(kind, objs[0], c, refOfField);
    return first !== undefined && objs.every((o) => constraintKey(kind, o, c, refOfField) === first);
  });
}

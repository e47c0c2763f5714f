// The semantic diff of two compiled models: which objects a change creates, updates, deletes or
// renames, keyed by natural key, with the components a device type gives its devices folded into one
// entry per cause. Only changed objects are located or turned into text; the unchanged majority is
// compared field by field in place.
import type { CompileResult } from '../compile.js';
import { ref, type Model, type Obj } from '../model/model.js';
import { SourceMap } from '../parse/locate.js';
import { keyOrder, NaturalKeys, type KeyFn } from './identity.js';
import { changedFields, fieldValue, snapshotFields, snapshotText, sameField } from './snapshot.js';
import type { DerivedChange, FieldChange, KindCounts, ObjectChange, Place } from './types.js';

/** One side of a diff: its compile and the text of each file (to say where changed objects are). */
export interface DiffInput {
  result: CompileResult;
  texts: ReadonlyMap<string, string>;
}

export interface ModelDiff {
  /** Sorted by kind, then key. */
  objects: ObjectChange[];
  /** Sorted by cause kind, cause key, kind, action. */
  derived: DerivedChange[];
  summary: { objects: KindCounts; kinds: Record<string, KindCounts>; derived: number };
  /** Every object that differs, on the side(s) it exists on, derived members included. */
  changed: { base: Set<Obj>; head: Set<Obj> };
  /**
   * Natural keys that are equal for the two versions of one object: the head's key on both sides (a
   * renamed object's base version is keyed by its new name), the base's own for a deleted one.
   */
  keys: { base: KeyFn; head: KeyFn };
}

interface Pair {
  base: Obj;
  head: Obj;
  renamed: boolean;
}

/** The diff of base → head. */
export function diffModels(base: DiffInput, head: DiffInput): ModelDiff {
  const matched = matchObjects(base.result.model, head.result.model);
  const keys = {
    base: (o: Obj) => {
      const h = matched.headOf(o);
      return h ? matched.headKey(h) : matched.baseKey(o);
    },
    head: matched.headKey,
  };
  return { ...describeChanges(matched, base, head), keys };
}

/** How the two sides' objects correspond (headOf, baseOf), and what is only on one side. */
export interface Matching {
  /** The base's objects whose head counterpart is them renamed. */
  renamed: Set<Obj>;
  created: Obj[];
  deleted: Obj[];
  /** Natural keys as text, each side's own (a base object's key is its name in the base). */
  headKey: KeyFn;
  baseKey: KeyFn;
  /** The head object each base object corresponds to, and back. */
  headOf: (base: Obj) => Obj | undefined;
  baseOf: (head: Obj) => Obj | undefined;
}

/** The objects of one kind sharing one scope, by their name within it (several where NetBox allows). */
type Buckets = Map<Obj | null, Map<string, Obj | Obj[]>>;

/**
 * Matches objects by natural key, kind by kind in key order (a site before its devices, a device
 * before its interfaces). A key is compared as the pair (scope, name): the scope is the head's object
 * the matching already paired with the base's scope, so a renamed site keeps its devices, and no key
 * text is made for the unchanged majority. Within a kind, objects left over on both sides whose
 * resolved forms are equal but for their names are renames.
 */
export function matchObjects(baseModel: Model, headModel: Model): Matching {
  // By object id: two maps of every object would cost more than the rest of the matching.
  const headOfId = byId(baseModel);
  const baseOfId = byId(headModel);
  const headOf = (b: Obj) => headOfId[b.id];
  const baseOf = (h: Obj) => baseOfId[h.id];
  const ordinals = { base: new Map<Obj, number>(), head: new Map<Obj, number>() };
  const headKeys = new NaturalKeys(headModel, (o) => ordinals.head.get(o));
  const baseKeys = new NaturalKeys(baseModel, (o) => ordinals.base.get(o));
  const headKey = headKeys.key;
  const baseKey = baseKeys.key;
  const processed = new Set<string>();
  const renamed = new Set<Obj>();
  const created: Obj[] = [];
  const deleted: Obj[] = [];
  const pair = (b: Obj, h: Obj) => {
    headOfId[b.id] = h;
    baseOfId[h.id] = b;
  };
  const unpair = (b: Obj, h: Obj) => {
    headOfId[b.id] = undefined;
    baseOfId[h.id] = undefined;
  };

  // What a reference inside a key is compared by: the head's object it is (or, for a kind not matched
  // yet, its key text).
  const headToken = (r: Obj) => (processed.has(r.kind.kind) ? `#${r.id}` : `k${headKey(r)}`);
  const baseToken = (r: Obj) => {
    if (!processed.has(r.kind.kind)) return `k${baseKey(r)}`;
    const h = headOf(r);
    return h ? `#${h.id}` : `-${r.id}`;
  };
  const refToken = (obj: Obj, field: string, token: (r: Obj) => string): string | undefined => {
    const r = obj.refs[field];
    if (r !== undefined) return Array.isArray(r) ? r.map(token).sort().join(',') : token(r);
    const v = obj.data[field];
    return v === undefined || v === null || v === '' ? undefined : `=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`;
  };
  /**
   * The rest of the key (beyond the scope object, left in `outer`) as text; a name as written is
   * used as it is, so that most objects need no new text.
   */
  let outer: Obj | null = null;
  const place = (obj: Obj, side: 'base' | 'head'): string => {
    const scope = obj.kind.key.scope;
    const token = side === 'head' ? headToken : baseToken;
    outer = null;
    let rest = '';
    for (let i = 0; i < scope.length; i++) {
      const r = obj.refs[scope[i]];
      if (i === 0 && r !== undefined && !Array.isArray(r) && processed.has(r.kind.kind)) {
        outer = side === 'head' ? r : (headOf(r) ?? null);
        if (outer === null) rest += `-${r.id}\0`; // a scope the head does not have: nothing matches
      } else rest += `${refToken(obj, scope[i], token) ?? ''}\0`;
    }
    return rest === '' ? localName(obj, token) : rest + localName(obj, token);
  };
  const localName = (obj: Obj, token: (r: Obj) => string): string => {
    const spec = obj.kind.key;
    for (const f of spec.names) {
      if (obj.kind.refByField.has(f)) {
        const v = refToken(obj, f, token);
        if (v !== undefined) return v;
        continue;
      }
      const v = obj.data[f];
      if (typeof v === 'string' && v !== '') return spec.caseInsensitive ? v.toLowerCase() : v;
      if (typeof v === 'number') return String(v);
    }
    for (const h of spec.handles) {
      let out = '';
      let complete = true;
      for (const f of h) {
        const v = refToken(obj, f, token);
        if (v === undefined) {
          complete = false;
          break;
        }
        out += `${v}\0`;
      }
      if (complete) return `\u0001${out}`;
    }
    return '\u0002';
  };

  const kindInfos = new Map<string, Obj['kind']>();
  for (const m of [baseModel, headModel]) for (const [k, list] of m.byKind) if (list.length) kindInfos.set(k, list[0].kind);
  for (const kind of keyOrder(kindInfos.values(), kindInfos)) {
    const bs = baseModel.byKind.get(kind.kind) ?? [];
    const hs = headModel.byKind.get(kind.kind) ?? [];
    // Only the head's objects are put in buckets; each base object looks its name up there.
    let matchedHere = 0;
    const headBuckets = bucket(hs, (h) => place(h, 'head'), () => outer);
    const leftBase: Obj[] = [];
    const leftNames: string[] = [];
    let shared: Map<Obj | Obj[], Obj[]> | undefined;
    for (const b of bs) {
      const name = place(b, 'base');
      const h = headBuckets.get(outer)?.get(name);
      if (h === undefined) {
        leftBase.push(b);
        leftNames.push(`${outer === null ? '' : (outer as Obj).id}\0${name}`);
        continue;
      }
      if (!Array.isArray(h) && baseOf(h) === undefined) {
        pair(b, h);
        matchedHere++;
        continue;
      }
      // Objects sharing a key, on either side: paired below, once all are known.
      shared ??= new Map();
      const list = shared.get(h);
      if (list) list.push(b);
      else shared.set(h, [b]);
    }
    for (const [h, more] of shared ?? []) {
      let bl = more;
      if (!Array.isArray(h)) {
        const first = baseOf(h)!;
        unpair(first, h);
        matchedHere--;
        bl = [first, ...more];
      }
      // Equal ones pair first, the rest in the order of their resolved forms.
      const bo = sharedOrder(bl, baseKey, ordinals.base);
      const ho = sharedOrder(Array.isArray(h) ? h : [h], headKey, ordinals.head);
      const byText = new Map<string, number[]>();
      ho.forEach((x, j) => {
        const list = byText.get(x.text);
        if (list) list.push(j);
        else byText.set(x.text, [j]);
      });
      const hTaken = new Set<number>();
      const bTaken = new Set<number>();
      bo.forEach((b, i) => {
        const j = byText.get(b.text)?.shift();
        if (j === undefined) return;
        hTaken.add(j);
        bTaken.add(i);
        pair(b.obj, ho[j].obj);
        matchedHere++;
      });
      const restH = ho.filter((_, j) => !hTaken.has(j));
      bo.filter((_, i) => !bTaken.has(i)).forEach((b, i) => {
        if (i < restH.length) {
          pair(b.obj, restH[i].obj);
          matchedHere++;
        } else leftBase.push(b.obj);
      });
    }
    numberLeftovers(leftBase, leftNames, baseKey, ordinals.base);
    const leftHead = hs.length === matchedHere ? [] : hs.filter((h) => !baseOf(h));
    processed.add(kind.kind);
    if (leftBase.length && leftHead.length) {
      for (const [b, h] of findRenames(kind, leftBase, leftHead, baseToken, headToken)) {
        pair(b, h);
        renamed.add(b);
      }
    }
    for (const b of leftBase) if (!headOf(b)) deleted.push(b);
    for (const h of leftHead) if (!baseOf(h)) created.push(h);
  }
  return { renamed, created, deleted, headKey, baseKey, headOf, baseOf };
}

function byId(model: Model): (Obj | undefined)[] {
  let top = -1;
  for (const o of model.objects) if (o.id > top) top = o.id;
  return new Array<Obj | undefined>(top + 1).fill(undefined);
}

/** Base objects left over that share a key among themselves are numbered like those paired. */
function numberLeftovers(objs: Obj[], names: string[], key: KeyFn, ordinals: Map<Obj, number>): void {
  if (objs.length < 2) return;
  const groups = new Map<string, Obj[]>();
  names.forEach((n, i) => {
    const g = groups.get(n);
    if (g) g.push(objs[i]);
    else groups.set(n, [objs[i]]);
  });
  for (const g of groups.values()) if (g.length > 1) sharedOrder(g, key, ordinals);
}

function bucket(objs: readonly Obj[], nameOf: (o: Obj) => string, outerOf: () => Obj | null): Buckets {
  const out: Buckets = new Map();
  for (const o of objs) {
    const name = nameOf(o);
    const outer = outerOf();
    let names = out.get(outer);
    if (!names) out.set(outer, (names = new Map()));
    const seen = names.get(name);
    if (seen === undefined) names.set(name, o);
    else if (Array.isArray(seen)) seen.push(o);
    else names.set(name, [seen, o]);
  }
  return out;
}

/** Objects sharing a key in the order of their resolved forms (then their places); records their ranks. */
function sharedOrder(objs: Obj[], key: KeyFn, ordinals: Map<Obj, number>): { obj: Obj; text: string }[] {
  const withText = objs.map((obj) => ({ obj, text: snapshotText(obj, key), at: `${obj.file}\0${obj.path.join('\0')}` }));
  withText.sort((x, y) => cmp(x.text, y.text) || cmp(x.at, y.at));
  if (withText.length > 1) withText.forEach((w, i) => ordinals.set(w.obj, i + 1));
  return withText;
}

/**
 * Renames among one kind's unmatched objects: equal resolved forms but for the name fields (so, for a
 * component, the same owner). Where several fit, they pair in key order on each side. Components a
 * device type gives are not renamed: their type's change is reported, and they are folded under it.
 */
function findRenames(kind: Obj['kind'], bs: Obj[], hs: Obj[], baseToken: (r: Obj) => string, headToken: (r: Obj) => string): [Obj, Obj][] {
  const nameFields = new Set([...kind.key.names, ...kind.key.handles.flat()]);
  const fields = snapshotFields(kind).filter((f) => !nameFields.has(f));
  const sig = (o: Obj, token: (r: Obj) => string) =>
    JSON.stringify(
      fields.map((f) => {
        const r = o.refs[f];
        if (r !== undefined) return Array.isArray(r) ? r.map(token).sort() : token(r);
        return o.data[f] ?? null;
      }),
    );
  const groups = new Map<string, { b: Obj[]; h: Obj[] }>();
  for (const b of bs) {
    if (b.origin === 'template') continue;
    const s = sig(b, baseToken);
    let g = groups.get(s);
    if (!g) groups.set(s, (g = { b: [], h: [] }));
    g.b.push(b);
  }
  const out: [Obj, Obj][] = [];
  for (const h of hs) {
    if (h.origin === 'template') continue;
    groups.get(sig(h, headToken))?.h.push(h);
  }
  for (const g of groups.values()) {
    if (!g.h.length) continue;
    const names = (o: Obj) => nameText(o);
    g.b.sort((x, y) => cmp(names(x), names(y)));
    g.h.sort((x, y) => cmp(names(x), names(y)));
    for (let i = 0; i < Math.min(g.b.length, g.h.length); i++) out.push([g.b[i], g.h[i]]);
  }
  return out;
}

/** An object's name fields as text, to pair renames in a stable order. */
function nameText(o: Obj): string {
  return JSON.stringify([...o.kind.key.names, ...o.kind.key.handles.flat()].map((f) => o.data[f] ?? null));
}

/** Turns a matching into the diff's object changes, derived changes and summary. */
function describeChanges(m: Matching, base: DiffInput, head: DiffInput): Omit<ModelDiff, 'keys'> {

  const objects: ObjectChange[] = [];
  const changed = { base: new Set<Obj>(), head: new Set<Obj>() };
  const derived = new Map<string, DerivedChange>();
  const basePlace = placer(base.texts);
  const headPlace = placer(head.texts);
  const updatedPairs = new Set<Obj>();
  const headOf = m.headOf;

  // Updates first: whether a device type changed decides what its components' changes are folded under.
  const updates: { pair: Pair; fields: string[] }[] = [];
  for (const b of base.result.model.objects) {
    const h = headOf(b);
    if (h === undefined) continue;
    const fields = changedFields(b, h, headOf);
    const renamed = m.renamed.has(b);
    if (!fields.length && !renamed) continue;
    const pair = { base: b, head: h, renamed };
    updates.push({ pair, fields });
    updatedPairs.add(pair.head);
    changed.base.add(pair.base);
    changed.head.add(pair.head);
  }
  const fieldChanges = (b: Obj, h: Obj, fields: string[]): FieldChange[] =>
    fields.map((field) => {
      const fc: FieldChange = { field };
      const before = fieldValue(b, field, m.baseKey);
      const after = fieldValue(h, field, m.headKey);
      if (before !== undefined) fc.before = before;
      if (after !== undefined) fc.after = after;
      return fc;
    });

  const fold = (cause: { kind: string; key: string }, action: DerivedChange['action'], obj: Obj, key: string, changes?: FieldChange[]) => {
    const changesText = changes ? JSON.stringify(changes) : '';
    const id = `${cause.kind}\0${cause.key}\0${obj.kind.kind}\0${action}\0${changesText}`;
    let d = derived.get(id);
    if (!d) {
      d = { cause, action, kind: obj.kind.kind, ...(changes ? { changes } : {}), count: 0, objects: [] };
      derived.set(id, d);
    }
    d.count++;
    d.objects.push(key);
  };

  /** What a component its device type (or a module) gives changes because of. */
  const causeOf = (comp: Obj, side: 'base' | 'head'): { kind: string; key: string } => {
    const owner = comp.owner!;
    const ownerKey = side === 'base' ? m.baseKey : m.headKey;
    const headOwner = side === 'head' ? owner : m.headOf(owner);
    if (!headOwner) return { kind: owner.kind.kind, key: ownerKey(owner) };
    const baseOwner = m.baseOf(headOwner);
    if (!baseOwner) return { kind: owner.kind.kind, key: ownerKey(owner) };
    const type = ref(headOwner, 'device_type');
    // The device type changed and the device still has it: the type is the cause; else the device is.
    if (type && updatedPairs.has(type) && sameField(baseOwner, headOwner, 'device_type', headOf)) {
      return { kind: type.kind.kind, key: m.headKey(type) };
    }
    return { kind: headOwner.kind.kind, key: m.headKey(headOwner) };
  };

  for (const { pair, fields } of updates) {
    const { base: b, head: h } = pair;
    const changes = fieldChanges(b, h, fields);
    if (b.origin === 'template' && h.origin === 'template' && !pair.renamed && b.owner && h.owner) {
      fold(causeOf(h, 'head'), 'update', h, m.headKey(h), changes);
      continue;
    }
    const oc: ObjectChange = { action: pair.renamed ? 'rename' : 'update', kind: h.kind.kind, key: m.headKey(h) };
    if (pair.renamed) oc.from_key = m.baseKey(b);
    oc.base = basePlace(b);
    oc.head = headPlace(h);
    if (changes.length) oc.changes = changes;
    objects.push(oc);
  }
  for (const h of m.created) {
    changed.head.add(h);
    if (h.origin === 'template' && h.owner) fold(causeOf(h, 'head'), 'create', h, m.headKey(h));
    else objects.push({ action: 'create', kind: h.kind.kind, key: m.headKey(h), head: headPlace(h) });
  }
  for (const b of m.deleted) {
    changed.base.add(b);
    if (b.origin === 'template' && b.owner) fold(causeOf(b, 'base'), 'delete', b, m.baseKey(b));
    else objects.push({ action: 'delete', kind: b.kind.kind, key: m.baseKey(b), base: basePlace(b) });
  }

  objects.sort((x, y) => cmp(x.kind, y.kind) || cmp(x.key, y.key) || cmp(x.action, y.action));
  const derivedList = [...derived.values()];
  for (const d of derivedList) d.objects.sort(cmp);
  derivedList.sort(
    (x, y) =>
      cmp(x.cause.kind, y.cause.kind) ||
      cmp(x.cause.key, y.cause.key) ||
      cmp(x.kind, y.kind) ||
      cmp(x.action, y.action) ||
      cmp(JSON.stringify(x.changes ?? null), JSON.stringify(y.changes ?? null)),
  );
  return { objects, derived: derivedList, summary: summarize(objects, derivedList), changed };
}

function summarize(objects: ObjectChange[], derived: DerivedChange[]): ModelDiff['summary'] {
  const total: KindCounts = emptyCounts();
  const kinds: Record<string, KindCounts> = {};
  const field = { create: 'created', update: 'updated', delete: 'deleted', rename: 'renamed' } as const;
  for (const o of objects) {
    total[field[o.action]]++;
    (kinds[o.kind] ??= emptyCounts())[field[o.action]]++;
  }
  // Kinds in sorted order, so that the JSON is the same whatever order changes were found in.
  const sortedKinds: Record<string, KindCounts> = {};
  for (const k of Object.keys(kinds).sort(cmp)) sortedKinds[k] = kinds[k];
  return { objects: total, kinds: sortedKinds, derived: derived.reduce((n, d) => n + d.count, 0) };
}

const emptyCounts = (): KindCounts => ({ created: 0, updated: 0, deleted: 0, renamed: 0 });

/** Code-unit order: the same on every machine, whatever its locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** file:line:col (1-based) of an object, each file's positions read only once something in it changed. */
function placer(texts: ReadonlyMap<string, string>): (obj: Obj) => Place {
  const maps = new Map<string, SourceMap | null>();
  return (obj) => {
    let map = maps.get(obj.file);
    if (map === undefined) {
      const text = texts.get(obj.file);
      map = text === undefined ? null : new SourceMap(text);
      maps.set(obj.file, map);
    }
    if (!map) return { file: obj.file, line: 1, column: 1 };
    const start = map.locate(obj.path).start;
    return { file: obj.file, line: start.line + 1, column: start.column + 1 };
  };
}

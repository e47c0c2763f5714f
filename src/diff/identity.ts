// Natural keys as text: what identifies an object across two compiles, whatever file it is written in
// and in whatever order. A key is built from the kind's key spec (schema x-key): the keys of the
// objects that scope it (a device's site, an interface's device), then its first name, else its first
// complete handle. References inside a key are the keys of the objects they name, never their spelling.
import { targetKinds, type KindInfo } from '../model/kinds.js';
import type { Model, Obj } from '../model/model.js';

/** The separator between a key's levels: `dc1 / leaf1 / Ethernet1`. */
export const KEY_SEPARATOR = ' / ';

/** The text an object without a name or complete handle is keyed by (before disambiguation). */
export const UNNAMED = '(unnamed)';

export type KeyFn = (obj: Obj) => string;

/**
 * The natural keys of one model's objects, each computed once, when first asked for: a diff asks only
 * for the keys of what changed (and of what those name). Objects of one kind that share a key (NetBox
 * allows some: unnamed devices, a prefix repeated in a VRF) are told apart by `ordinal`, which the
 * matching of two models decides (see model-diff.ts): the first keeps the key, the others get ` #2`, ` #3`….
 */
export class NaturalKeys {
  /** Only the keys asked for: a diff asks for few, and a table of every object would cost more. */
  private readonly keys = new Map<Obj, string>();

  constructor(
    readonly model: Model,
    /** 1-based rank of an object among those of its kind sharing its key; 1 (or undefined) for most. */
    private readonly ordinal?: (obj: Obj) => number | undefined,
  ) {}

  /** The object's natural key as text. */
  readonly key: KeyFn = (obj) => {
    let k = this.keys.get(obj);
    if (k !== undefined) return k;
    // A key that names an object of its own kind, which names it back, is cut short rather than looping.
    this.keys.set(obj, UNNAMED);
    const n = this.ordinal?.(obj);
    k = this.rawKey(obj) + (n !== undefined && n > 1 ? ` #${n}` : '');
    this.keys.set(obj, k);
    return k;
  };

  /** The key before disambiguation: scope keys, then the name (or handle) within the scope. */
  rawKey(obj: Obj): string {
    const spec = obj.kind.key;
    let out = '';
    for (const f of spec.scope) {
      const v = this.fieldText(obj, f);
      if (v !== undefined) out += v + KEY_SEPARATOR;
    }
    return out + this.localKey(obj);
  }

  /** The object's name within its scope: its first name, else its first complete handle. */
  localKey(obj: Obj): string {
    const spec = obj.kind.key;
    for (const f of spec.names) {
      if (obj.kind.refByField.has(f)) {
        const v = this.fieldText(obj, f);
        if (v !== undefined) return v;
        continue;
      }
      const v = obj.data[f];
      if ((typeof v === 'string' && v !== '') || typeof v === 'number') {
        const s = String(v);
        return spec.caseInsensitive ? s.toLowerCase() : s;
      }
    }
    for (const h of spec.handles) {
      const parts: string[] = [];
      for (const f of h) {
        const v = this.fieldText(obj, f);
        if (v === undefined) break;
        parts.push(`${f}=${v}`);
      }
      if (parts.length === h.length) return parts.join(', ');
    }
    return UNNAMED;
  }

  /** A field inside a key: a reference as the key of what it names (as written if unresolved). */
  private fieldText(obj: Obj, field: string): string | undefined {
    const r = obj.refs[field];
    if (r !== undefined) {
      if (!Array.isArray(r)) return this.key(r);
      if (r.length) return r.map(this.key).sort().join(', ');
    }
    const v = obj.data[field];
    if (v === undefined || v === null || v === '') return undefined;
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/**
 * The kinds in an order where every kind comes after the kinds its keys are built from (a device
 * after its site, an interface after its device), so that a rename of a scope is known before the keys
 * it scopes are compared. Kinds in a cycle keep their name order.
 */
export function keyOrder(kinds: Iterable<KindInfo>, byName: ReadonlyMap<string, KindInfo>): KindInfo[] {
  const all = [...kinds].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const out: KindInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (k: KindInfo) => {
    if (state.has(k.kind)) return;
    state.set(k.kind, 'visiting');
    for (const dep of keyDependencies(k)) {
      const d = byName.get(dep);
      if (d && d !== k) visit(d);
    }
    state.set(k.kind, 'done');
    out.push(k);
  };
  for (const k of all) visit(k);
  return out;
}

/** The kinds whose keys a kind's key is built from. */
export function keyDependencies(kind: KindInfo): string[] {
  const fields = new Set([...kind.key.scope, ...kind.key.names, ...kind.key.handles.flat()]);
  const deps = new Set<string>();
  if (kind.parent) deps.add(kind.parent.kind);
  for (const f of fields) {
    const rf = kind.refByField.get(f);
    if (rf) for (const t of targetKinds(rf.spec)) deps.add(t);
  }
  return [...deps].sort();
}

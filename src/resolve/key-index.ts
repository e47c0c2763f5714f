import type { KindInfo } from '../model/kinds.js';
import type { Obj } from '../model/model.js';

/** One name in one scope: usually one object; several where NetBox lets names repeat in the scope. */
export type Entry = Obj | Obj[];

/**
 * Lookup index of one kind: name → objects within each lookup scope, and name → objects across scopes.
 * It answers "which objects could this reference mean"; it is not a uniqueness check (NetBox's
 * constraints are checked separately, see unique.ts), so a name may map to several objects.
 */
export class KeyIndex {
  /** scope key → name field → normalised value → object(s) */
  private readonly scoped = new Map<string, Map<string, Map<string, Entry>>>();
  /** name field → normalised value → object(s) in every scope; a name most often means one object,
   *  which is stored as it is rather than in a list of one */
  private readonly global = new Map<string, Map<string, Entry>>();

  /** AS numbers may be referred to in asdot notation (`65000.1`) as well as asplain. */
  private readonly asdot: boolean;

  constructor(readonly kind: KindInfo) {
    this.asdot = kind.key.names.some((n) => kind.schema?.properties?.[n]?.['x-asdot']);
  }

  norm(value: string): string {
    if (this.asdot && /^\d+\.\d+$/.test(value)) {
      const [hi, lo] = value.split('.').map(Number);
      return String(hi * 65536 + lo);
    }
    return this.kind.key.caseInsensitive ? value.toLowerCase() : value;
  }

  /** Enters an object under each of its names. An object without any name is found by its handles. */
  add(obj: Obj, scopeKey: string): void {
    this.allNamesCache = undefined;
    let byField = this.scoped.get(scopeKey);
    if (!byField) this.scoped.set(scopeKey, (byField = new Map()));
    for (const field of this.kind.key.names) {
      const resolved = obj.refs[field];
      const v = obj.data[field];
      if (resolved === undefined && ((typeof v !== 'string' && typeof v !== 'number') || v === '')) continue;
      // A reference compares by the object it names, however it is written.
      const value = resolved && !Array.isArray(resolved) ? `#${resolved.id}` : this.norm(typeof v === 'string' ? v : String(v));
      let names = byField.get(field);
      if (!names) byField.set(field, (names = new Map()));
      const known = names.get(value);
      if (known === undefined) names.set(value, obj);
      else if (known === obj) continue;
      else if (Array.isArray(known)) {
        if (known.includes(obj)) continue;
        known.push(obj);
      } else names.set(value, [known, obj]);
      // Components are found through their owner (`device:name`), never by name alone.
      if (this.kind.parent) continue;
      let all = this.global.get(field);
      if (!all) this.global.set(field, (all = new Map()));
      const seen = all.get(value);
      if (seen === undefined) all.set(value, obj);
      else if (Array.isArray(seen)) seen.push(obj);
      else all.set(value, [seen, obj]);
    }
  }

  /**
   * The map of one scope's names (first name field), for callers that check uniqueness themselves
   * (a device's components): entries set here are found by get like those added by add.
   */
  scopeNames(scopeKey: string): Map<string, Entry> {
    let byField = this.scoped.get(scopeKey);
    if (!byField) this.scoped.set(scopeKey, (byField = new Map()));
    const field = this.kind.key.names[0];
    let names = byField.get(field);
    if (!names) byField.set(field, (names = new Map()));
    return names;
  }

  /** The object(s) a name means in one scope (the first name field that knows it), as stored. */
  get(scopeKey: string, value: string): Entry | undefined {
    const byField = this.scoped.get(scopeKey);
    if (!byField) return undefined;
    const v = this.norm(value);
    for (const field of this.kind.key.names) {
      const hit = byField.get(field)?.get(v);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The object(s) one name field (a VLAN's `vid`, not its `name`) has this value for, in one scope. */
  getIn(scopeKey: string, field: string, value: string): Entry | undefined {
    return this.scoped.get(scopeKey)?.get(field)?.get(this.norm(value));
  }

  /** Every object one name field has this value for: in one scope, or (scopeKey undefined) in any. */
  allIn(scopeKey: string | undefined, field: string, value: string): Obj[] {
    const v = this.norm(value);
    if (scopeKey !== undefined) {
      const hit = this.scoped.get(scopeKey)?.get(field)?.get(v);
      return asList(hit);
    }
    if (!this.kind.parent) return asList(this.global.get(field)?.get(v));
    const out: Obj[] = [];
    for (const byField of this.scoped.values()) {
      const hit = byField.get(field)?.get(v);
      if (hit) out.push(...(Array.isArray(hit) ? hit : [hit]));
    }
    return out;
  }

  /** Every object a name means in one scope. */
  inScope(scopeKey: string, value: string): Obj[] {
    const hit = this.get(scopeKey, value);
    return asList(hit);
  }

  /** The first object (in inventory order) a name means in one scope. */
  first(scopeKey: string, value: string): Obj | undefined {
    const hit = this.get(scopeKey, value);
    return Array.isArray(hit) ? hit[0] : hit;
  }

  /** Objects of any scope with this name (first name field that matches wins). */
  anywhere(value: string): Obj[] {
    const v = this.norm(value);
    if (this.kind.parent) {
      // Components have no cross-scope index (see add); only error paths ask, so a scan will do.
      const out: Obj[] = [];
      for (const byField of this.scoped.values()) {
        for (const field of this.kind.key.names) {
          const hit = byField.get(field)?.get(v);
          if (hit) {
            if (Array.isArray(hit)) out.push(...hit);
            else out.push(hit);
            break;
          }
        }
      }
      return out;
    }
    for (const field of this.kind.key.names) {
      const hit = this.global.get(field)?.get(v);
      if (hit) return asList(hit);
    }
    return [];
  }

  namesInScope(scopeKey: string): string[] {
    const out = new Set<string>();
    for (const names of this.scoped.get(scopeKey)?.values() ?? []) for (const e of names.values()) for (const o of Array.isArray(e) ? e : [e]) this.namesOf(o, out);
    return [...out];
  }

  /**
   * Every name, one array until the next add: each dangling reference asks for it, and the suggester
   * prepares an array it is given again only once (diagnostics/suggest.ts).
   */
  allNames(): string[] {
    if (this.allNamesCache) return this.allNamesCache;
    const out = new Set<string>();
    for (const names of this.global.values()) for (const e of names.values()) for (const o of asList(e)) this.namesOf(o, out);
    return (this.allNamesCache = [...out]);
  }

  private allNamesCache?: string[];

  private namesOf(o: Obj, out: Set<string>): void {
    for (const f of this.kind.key.names) if (typeof o.data[f] === 'string' || typeof o.data[f] === 'number') out.add(String(o.data[f]));
  }
}

function asList(e: Entry | undefined): Obj[] {
  return e === undefined ? [] : Array.isArray(e) ? e : [e];
}

/** Marks a scope field left empty: such objects share one scope (NetBox's "no group", "no VRF"). */
export const NO_SCOPE = null;

export function scopeKeyOf(scopeObjs: readonly (Obj | undefined | null)[]): string | undefined {
  if (scopeObjs.length === 1) return scopePart(scopeObjs[0]);
  if (scopeObjs.some((o) => o === undefined)) return undefined;
  return scopeObjs.map((o) => (o === null ? '-' : o!.id)).join('|');
}

/** The key of a scope of one field: its object's id, '-' for NO_SCOPE, undefined if unresolved. */
export function scopePart(o: Obj | undefined | null): string | undefined {
  return o === undefined ? undefined : o === null ? '-' : String(o.id);
}

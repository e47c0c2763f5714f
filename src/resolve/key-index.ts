import type { KindInfo } from '../model/kinds.js';
import type { Obj } from '../model/model.js';

/** Natural-key index of one kind: name → object within each scope, and name → objects across scopes. */
export class KeyIndex {
  /** scope key → name field → normalised value → object */
  private readonly scoped = new Map<string, Map<string, Map<string, Obj>>>();
  /** name field → normalised value → objects in every scope */
  private readonly global = new Map<string, Map<string, Obj[]>>();

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



  /** Adds an object under each of its names; returns the objects it clashes with, per name field. */
  add(obj: Obj, scopeKey: string): { field: string; value: string; other: Obj }[] | undefined {
    let clashes: { field: string; value: string; other: Obj }[] | undefined;
    let byField = this.scoped.get(scopeKey);
    if (!byField) this.scoped.set(scopeKey, (byField = new Map()));
    for (const field of this.kind.key.names) {
      const resolved = obj.refs[field];
      const v = obj.data[field];
      if (resolved === undefined && ((typeof v !== 'string' && typeof v !== 'number') || v === '')) continue; // NetBox: a constraint with an empty column never fires
      const raw = typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
      // A reference compares by the object it names, however it is written.
      const value = resolved && !Array.isArray(resolved) ? `#${resolved.id}` : this.norm(raw);
      let names = byField.get(field);
      if (!names) byField.set(field, (names = new Map()));
      const other = names.get(value);
      if (other === obj) continue;
      if (other) {
        (clashes ??= []).push({ field, value: raw, other });
        continue;
      }
      names.set(value, obj);
      // Components are found through their owner (`device:name`), never by name alone.
      if (this.kind.parent) continue;
      let all = this.global.get(field);
      if (!all) this.global.set(field, (all = new Map()));
      const list = all.get(value);
      if (list) list.push(obj);
      else all.set(value, [obj]);
    }
    return clashes;
  }

  /**
   * The map of one scope's names (first name field), for callers that check uniqueness themselves
   * (a device's components): entries set here are found by inScope like those added by add.
   */
  scopeNames(scopeKey: string): Map<string, Obj> {
    let byField = this.scoped.get(scopeKey);
    if (!byField) this.scoped.set(scopeKey, (byField = new Map()));
    const field = this.kind.key.names[0];
    let names = byField.get(field);
    if (!names) byField.set(field, (names = new Map()));
    return names;
  }

  inScope(scopeKey: string, value: string): Obj | undefined {
    const byField = this.scoped.get(scopeKey);
    if (!byField) return undefined;
    const v = this.norm(value);
    for (const field of this.kind.key.names) {
      const hit = byField.get(field)?.get(v);
      if (hit) return hit;
    }
    return undefined;
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
            out.push(hit);
            break;
          }
        }
      }
      return out;
    }
    for (const field of this.kind.key.names) {
      const hit = this.global.get(field)?.get(v);
      if (hit) return hit;
    }
    return [];
  }

  namesInScope(scopeKey: string): string[] {
    return this.namesOf(this.scoped.get(scopeKey));
  }

  allNames(): string[] {
    const out = new Set<string>();
    for (const names of this.global.values()) for (const objs of names.values()) for (const o of objs) for (const f of this.kind.key.names) if (typeof o.data[f] === 'string' || typeof o.data[f] === 'number') out.add(String(o.data[f]));
    return [...out];
  }

  private namesOf(byField: Map<string, Map<string, Obj>> | undefined): string[] {
    const out = new Set<string>();
    for (const names of byField?.values() ?? []) for (const o of names.values()) for (const f of this.kind.key.names) if (typeof o.data[f] === 'string' || typeof o.data[f] === 'number') out.add(String(o.data[f]));
    return [...out];
  }
}

/** Marks a scope field left empty: such objects share one scope (NetBox's "no group", "no VRF"). */
export const NO_SCOPE = null;

export function scopeKeyOf(scopeObjs: readonly (Obj | undefined | null)[]): string | undefined {
  if (scopeObjs.length === 1) {
    const o = scopeObjs[0];
    return o === undefined ? undefined : o === null ? '-' : String(o.id);
  }
  if (scopeObjs.some((o) => o === undefined)) return undefined;
  return scopeObjs.map((o) => (o === null ? '-' : o!.id)).join('|');
}

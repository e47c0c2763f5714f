import type { DocPath } from '../diagnostics/diagnostic.js';
import { kindLabel, type KindInfo } from './kinds.js';

/** One NetBox object after resolution: its data as written (plus template data) and its references. */
export interface Obj {
  id: number;
  kind: KindInfo;
  data: Record<string, any>;
  /** Where it is written; for a component that only its device type defines, the template's place. */
  file: string;
  path: DocPath;
  /** Resolved references by field; a many-valued field maps to a list. Unresolved ones are absent. */
  refs: Record<string, Obj | Obj[]>;
  /** The device that owns a component. */
  owner?: Obj;
  /** written: in an inventory file; template: instantiated from a device type; implicit: created by a reference. */
  origin: 'written' | 'template' | 'implicit';
  /** For components that a device type defines: the template's place, for related locations. */
  template?: { file: string; path: DocPath; refFields?: string[] };
  /** Entered in its kind's natural-key index (once). */
  indexed?: boolean;
  /** Has a schema error of its own, reported already (see errorFields). */
  flawed?: boolean;
  /** The fields with a schema error (a misspelt one as the field meant): checks that read them pass it by. */
  errorFields?: ReadonlySet<string>;
  /** References that found an object while a namesake is known to be broken (it may be the wrong one). */
  uncertain?: Set<string>;
}

export interface Model {
  objects: Obj[];
  byKind: Map<string, Obj[]>;
}

export function objectsOf(model: Model, kind: string): Obj[] {
  return model.byKind.get(kind) ?? [];
}

export function ref(obj: Obj, field: string): Obj | undefined {
  const r = obj.refs[field];
  return Array.isArray(r) ? undefined : r;
}

export function refs(obj: Obj, field: string): Obj[] {
  const r = obj.refs[field];
  return Array.isArray(r) ? r : r ? [r] : [];
}

/** A reference written but not resolved: resolve has reported it, so rules stay silent about it. */
export function unresolvedRef(obj: Obj, field: string): boolean {
  const v = obj.data[field];
  return v !== undefined && v !== null && !ref(obj, field);
}

/** The display name of an object: its first key field, e.g. a site's name, a device type's model. */
export function displayName(obj: Obj): string {
  for (const f of obj.kind.key.names) {
    const v = obj.data[f];
    if ((typeof v === 'string' && v) || typeof v === 'number') return String(v);
  }
  if (obj.kind.kind === 'dcim.device') return unnamedDevice(obj);
  const handle = completeHandle(obj);
  if (handle) return handle.map(([f, v]) => `${f.replace(/_/g, ' ')} ${v}`).join(', ');
  return `#${obj.id}`;
}

/**
 * A device without a name as NetBox shows it: `<virtual chassis>:<position>` for a stack member, else
 * `<manufacturer> <model>` with its asset tag, or (where NetBox shows its id) its rack place.
 */
function unnamedDevice(obj: Obj): string {
  const vc = ref(obj, 'virtual_chassis');
  if (vc && obj.data.vc_position !== undefined) return `${displayName(vc)}:${obj.data.vc_position}`;
  const type = ref(obj, 'device_type');
  const manufacturer = type ? ref(type, 'manufacturer') : undefined;
  const model = type ? `${manufacturer ? `${displayName(manufacturer)} ` : ''}${displayName(type)}` : 'device';
  if (obj.data.asset_tag) return `${model} (${obj.data.asset_tag})`;
  const rack = ref(obj, 'rack');
  if (rack && obj.data.position !== undefined) return `${model} (${displayName(rack)} U${obj.data.position}${obj.data.face ? ` ${obj.data.face}` : ''})`;
  return `${model} (unnamed)`;
}

/** The first of a kind's handles (fields that identify an object without a name) the object has. */
function completeHandle(obj: Obj): [string, string][] | undefined {
  for (const h of obj.kind.key.handles) {
    if (!h.every((f) => obj.data[f] !== undefined && obj.data[f] !== null && obj.data[f] !== '')) continue;
    return h.map((f) => {
      const o = ref(obj, f);
      return [f, o ? displayName(o) : String(obj.data[f])];
    });
  }
  return undefined;
}

/** `rack "R101" in site "AMS1"`, `interface "Ethernet1" of device "ams1-leaf1"`: names both levels. */
export function describe(obj: Obj): string {
  const title = kindLabel(obj.kind);
  const scopeField = obj.kind.key.scope[0];
  const scope = scopeField ? ref(obj, scopeField) : undefined;
  const where = scope ? ` ${obj.owner ? 'of' : 'in'} ${kindLabel(scope.kind)} "${displayName(scope)}"` : '';
  return `${title} "${displayName(obj)}"${where}`;
}

/**
 * An unlabelled cable's ends as written (`ams1-leaf1:Ethernet1`, several terminations joined by `+`):
 * what names a cable for the people who wrote it, where NetBox would show its id.
 */
function cableEnds(obj: Obj): [string, string] | undefined {
  if (obj.kind.kind !== 'dcim.cable') return undefined;
  const written = (s: 'a' | 'b') => obj.data[s] !== undefined || obj.data[`${s}_terminations`] !== undefined;
  if (!written('a') || !written('b')) return undefined;
  const side = (s: 'a' | 'b'): string => {
    const v = obj.data[s] ?? obj.data[`${s}_terminations`];
    const one = (x: unknown): string =>
      typeof x === 'string' || typeof x === 'number' ? String(x) : x && typeof x === 'object' ? Object.values(x).filter((y) => typeof y === 'string' || typeof y === 'number').join(':') : '?';
    return Array.isArray(v) ? v.map(one).join('+') : one(v);
  };
  return [side('a'), side('b')];
}

/** `devices[name=ams1-leaf1].interfaces[name=Ethernet1]`: the named model path diagnostics show. */
export function namedPath(obj: Obj): string {
  const nameField = obj.kind.key.names.find((f) => (typeof obj.data[f] === 'string' && obj.data[f]) || typeof obj.data[f] === 'number');
  const handle = nameField ? undefined : completeHandle(obj);
  // A kind without names (rack reservations) is named by its place in its collection.
  const ends = nameField ? undefined : cableEnds(obj);
  const own = ends
    ? `[a=${ends[0]},b=${ends[1]}]`
    : handle
    ? `[${handle.map(([f, v]) => `${f}=${v}`).join(',')}]`
    : nameField || obj.kind.key.names.length
      ? `[${obj.kind.key.names[0]}=${displayName(obj)}]`
      : `[${typeof obj.path[obj.path.length - 1] === 'number' ? obj.path[obj.path.length - 1] : `#${obj.id}`}]`;
  if (obj.owner) return `${namedPath(obj.owner)}.${obj.kind.parent?.inline ?? obj.kind.collection}${own}`;
  return `${obj.kind.collection}${own}`;
}

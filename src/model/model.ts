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

/** The display name of an object: its first key field, e.g. a site's name, a device type's model. */
export function displayName(obj: Obj): string {
  for (const f of obj.kind.key.names) {
    const v = obj.data[f];
    if ((typeof v === 'string' && v) || typeof v === 'number') return String(v);
  }
  return `#${obj.id}`;
}

/** `rack "R101" in site "AMS1"`, `interface "Ethernet1" of device "ams1-leaf1"`: names both levels. */
export function describe(obj: Obj): string {
  const title = kindLabel(obj.kind);
  const scopeField = obj.kind.key.scope[0];
  const scope = scopeField ? ref(obj, scopeField) : undefined;
  const where = scope ? ` ${obj.owner ? 'of' : 'in'} ${kindLabel(scope.kind)} "${displayName(scope)}"` : '';
  return `${title} "${displayName(obj)}"${where}`;
}

/** `devices[name=ams1-leaf1].interfaces[name=Ethernet1]`: the named model path diagnostics show. */
export function namedPath(obj: Obj): string {
  const own = `[${obj.kind.key.names[0]}=${displayName(obj)}]`;
  if (obj.owner) return `${namedPath(obj.owner)}.${obj.kind.parent?.inline ?? obj.kind.collection}${own}`;
  return `${obj.kind.collection}${own}`;
}

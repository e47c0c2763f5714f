// The config context of a device or virtual machine, as NetBox computes it (netbox-rules.md §12): the
// active contexts that match the object on every dimension they set, merged by weight then name, the
// object's own local_context_data last. Each value remembers which context (or the object itself)
// supplied it, so a problem in the merged data is reported where it was written.
import type { DocPath } from '../diagnostics/diagnostic.js';
import { objectsOf, ref, refs, type Model, type Obj } from './model.js';

/** Where a part of the merged data was written: a context's `data`, or the object's local_context_data. */
export interface ContextSource {
  /** The config context, or the device/VM itself for its local_context_data. */
  obj: Obj;
  /** The path from the source object's data to the value (`['data', 'ntp', 'servers']`). */
  path: DocPath;
}

/** Provenance mirrors the merged data: a node knows its source; merged mappings know their keys'. */
export interface Provenance {
  source: ContextSource;
  children?: Map<string, Provenance>;
}

export interface EffectiveContext {
  data: Record<string, unknown>;
  /** The contexts that apply, in merge order (weight, then name). */
  contexts: Obj[];
  /** Provenance of each top-level key. */
  sources: Map<string, Provenance>;
}

/** The 13 assignment dimensions of a config context, and how an object matches each. */
const DIMENSIONS = [
  'regions',
  'site_groups',
  'sites',
  'locations',
  'device_types',
  'roles',
  'platforms',
  'cluster_types',
  'cluster_groups',
  'clusters',
  'tenant_groups',
  'tenants',
  'tags',
] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** The object and every ancestor along its kind's tree (regions, site groups, locations, roles, platforms). */
function withAncestors(obj: Obj | undefined): Obj[] {
  const out: Obj[] = [];
  const seen = new Set<Obj>();
  for (let o = obj; o && !seen.has(o); o = o.kind.tree ? ref(o, o.kind.tree) : undefined) {
    seen.add(o);
    out.push(o);
  }
  return out;
}

/** What the object offers on each dimension; an empty list matches only contexts that leave it unset. */
function attributes(obj: Obj): Record<Dimension, Obj[]> {
  const isDevice = obj.kind.kind === 'dcim.device';
  const site = ref(obj, 'site');
  const cluster = ref(obj, 'cluster');
  const tenant = ref(obj, 'tenant');
  const one = (o: Obj | undefined) => (o ? [o] : []);
  return {
    regions: withAncestors(site && ref(site, 'region')),
    site_groups: withAncestors(site && ref(site, 'group')),
    sites: one(site),
    // NetBox matches virtual machines only with contexts that set no locations and no device types.
    locations: isDevice ? withAncestors(ref(obj, 'location')) : [],
    device_types: isDevice ? one(ref(obj, 'device_type')) : [],
    roles: withAncestors(ref(obj, 'role')),
    platforms: withAncestors(ref(obj, 'platform')),
    cluster_types: one(cluster && ref(cluster, 'type')),
    cluster_groups: one(cluster && ref(cluster, 'group')),
    clusters: one(cluster),
    // The tenant's own group only: NetBox does not walk up tenant groups here.
    tenant_groups: one(tenant && ref(tenant, 'group')),
    tenants: one(tenant),
    tags: refs(obj, 'tags'),
  };
}

function applies(context: Obj, offered: Record<Dimension, Obj[]>): boolean {
  for (const dim of DIMENSIONS) {
    const assigned = refs(context, dim);
    if (assigned.length === 0) {
      // A dimension written but not resolved was reported by resolve; it matches nothing.
      if (Array.isArray(context.data[dim]) && context.data[dim].length > 0) return false;
      continue;
    }
    if (!offered[dim].some((o) => assigned.includes(o))) return false;
  }
  return true;
}

/** Active contexts in merge order: weight ascending (NetBox's default 1000), then name. */
function mergeOrder(model: Model): Obj[] {
  return objectsOf(model, 'extras.configcontext')
    .filter((c) => c.data.is_active !== false)
    .sort((a, b) => (a.data.weight ?? 1000) - (b.data.weight ?? 1000) || compareNames(a.data.name, b.data.name));
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * NetBox's deep merge: a mapping merges into a mapping key by key, unless it is empty; anything else
 * (lists, scalars, null, `{}`) replaces the old value whole. Keys are never removed. Neither input is
 * changed: merged mappings are new objects, replaced values are shared.
 */
export function deepMerge(
  old: Record<string, unknown>,
  next: Record<string, unknown>,
  provenance?: { into: Map<string, Provenance>; source: ContextSource },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...old };
  for (const key of Object.keys(next)) {
    const value = next[key];
    const before = out[key];
    const source = provenance && { obj: provenance.source.obj, path: [...provenance.source.path, key] };
    if (isMapping(before) && isMapping(value) && Object.keys(value).length > 0) {
      let node: Provenance | undefined;
      if (provenance && source) {
        node = provenance.into.get(key);
        if (!node) provenance.into.set(key, (node = { source }));
        node.children ??= new Map();
      }
      out[key] = deepMerge(before, value, node && source ? { into: node.children!, source } : undefined);
    } else {
      out[key] = value;
      if (provenance && source) provenance.into.set(key, { source });
    }
  }
  return out;
}

const cache = new WeakMap<Model, { order: Obj[]; byObj: Map<Obj, EffectiveContext> }>();

/** The effective config context of a device or virtual machine (memoized per model). */
export function effectiveContext(model: Model, obj: Obj): EffectiveContext {
  let c = cache.get(model);
  if (!c) cache.set(model, (c = { order: mergeOrder(model), byObj: new Map() }));
  let result = c.byObj.get(obj);
  if (!result) {
    const offered = attributes(obj);
    const contexts = c.order.filter((context) => applies(context, offered));
    let data: Record<string, unknown> = {};
    const sources = new Map<string, Provenance>();
    for (const context of contexts) {
      if (isMapping(context.data.data)) data = deepMerge(data, context.data.data, { into: sources, source: { obj: context, path: ['data'] } });
    }
    const local = obj.data.local_context_data;
    if (isMapping(local) && Object.keys(local).length > 0) {
      data = deepMerge(data, local, { into: sources, source: { obj, path: ['local_context_data'] } });
    }
    result = { data, contexts, sources };
    c.byObj.set(obj, result);
  }
  return result;
}

/**
 * Which source supplied the value at `path` of the merged data: the deepest mapping key recorded (a
 * list is replaced whole, so an index inside it belongs to whoever wrote the list).
 */
export function sourceOf(context: EffectiveContext, path: DocPath): ContextSource | undefined {
  let nodes: Map<string, Provenance> | undefined = context.sources;
  let found: ContextSource | undefined;
  for (let i = 0; i < path.length && nodes; i++) {
    const key = path[i];
    const node: Provenance | undefined = typeof key === 'string' ? nodes.get(key) : undefined;
    if (!node) break;
    found = { obj: node.source.obj, path: [...node.source.path, ...path.slice(i + 1)] };
    nodes = node.children;
  }
  return found;
}

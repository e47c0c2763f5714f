import { endsOn, sideOf } from '../model/cable-ends.js';
import { farEnd, TRACEABLE_KINDS } from '../model/cable-paths.js';
import { ipSpace, parseCidr, prefixContaining } from '../model/ip-space.js';
import type { KindInfo } from '../model/kinds.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';

// What a device's config template sees: the device's config context as top-level variables (as NetBox
// gives it) and `device`, the resolved device. Views are built on demand: every relation is a getter
// that builds the views it returns on first read and keeps them, so a template pays only for what it
// reads, and a device → interface → device loop is the same object met again, never a copy that grows.
// Views and context data have no prototype, so `{{constructor}}` or `{{__proto__}}` name nothing.

type View = Record<string, unknown>;

/** Per model: reverse indexes (components by owner, IPs by interface, LAG members), built once. */
interface Indexes {
  components?: Map<Obj, Map<string, Obj[]>>;
  reverse: Map<string, Map<Obj, Obj[]>>;
}

/**
 * Per render: the views built so far. A render's views are dropped with it, so rendering 10,000
 * devices holds one device's views at a time, not the views of every object any device reached.
 */
interface Views {
  model: Model;
  byObj: Map<Obj, View>;
  idx: Indexes;
}

const memo = new WeakMap<Model, Indexes>();

function viewsOf(model: Model): Views {
  let idx = memo.get(model);
  if (!idx) memo.set(model, (idx = { reverse: new Map() }));
  return { model, byObj: new Map(), idx };
}

/**
 * The variables of one device's template: its effective config context data at the top level, then
 * `device` (which wins over a context key of that name, as in NetBox).
 */
export function templateContext(model: Model, device: Obj, contextData: Record<string, unknown> = {}): View {
  const top = plainData(contextData) as View;
  // NetBox names the object `device`, or `virtualmachine` for a virtual machine.
  top[device.kind.kind === 'dcim.device' ? 'device' : 'virtualmachine'] = viewOf(viewsOf(model), device);
  return top;
}

/** The variables of an export template: `queryset`, the exported objects' views (as NetBox names it). */
export function exportContext(model: Model, objects: readonly Obj[]): View {
  const top: View = bare();
  const views = viewsOf(model);
  top.queryset = objects.map((o) => viewOf(views, o));
  return top;
}

/** The view of one object. */
export function objectView(model: Model, obj: Obj): View {
  return viewOf(viewsOf(model), obj);
}

/**
 * A prototype-free object that still turns into text (Handlebars writes the object into its strict
 * mode's error message); a symbol key, so no template path can reach it.
 */
function bare(): View {
  return Object.defineProperty(Object.create(null), Symbol.toPrimitive, { value: () => '[object]' });
}

/** A deep copy of YAML data with prototype-free objects. */
function plainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainData);
  if (value === null || typeof value !== 'object') return value;
  const out: View = bare();
  for (const k of Object.keys(value)) out[k] = plainData((value as View)[k]);
  return out;
}

function lazy(view: View, key: string, get: () => unknown): void {
  let done = false;
  let value: unknown;
  Object.defineProperty(view, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) [value, done] = [get(), true];
      return value;
    },
  });
}

/** Defaults NetBox's models give fields that the schemas leave unset. */
const NETBOX_DEFAULTS: Record<string, View> = {
  'dcim.interface': { enabled: true },
  'virtualization.vminterface': { enabled: true },
};

const defaultsByKind = new WeakMap<KindInfo, [string, unknown][]>();

/** Each field of a kind with the value a view starts from: the schema's default, [] for a list, else null. */
function fieldDefaults(kind: KindInfo): [string, unknown][] {
  let list = defaultsByKind.get(kind);
  if (!list) {
    list = Object.entries<any>(kind.schema.properties ?? {}).map(([f, spec]) => [f, spec?.default !== undefined ? spec.default : spec?.type === 'array' ? [] : null]);
    defaultsByKind.set(kind, list);
  }
  return list;
}

function viewOf(views: Views, obj: Obj): View {
  const known = views.byObj.get(obj);
  if (known) return known;
  const view: View = bare();
  views.byObj.set(obj, view);
  view.display = displayName(obj);
  // Every field the kind defines is present: unset ones are null (NetBox's None), so a template can
  // test them, while a misspelt name stays a missing variable. A field with a default has it (an
  // interface is enabled); lists (an owner's components) are [].
  for (const [f, value] of fieldDefaults(obj.kind)) view[f] = value !== null && typeof value === 'object' ? plainData(value) : value;
  Object.assign(view, NETBOX_DEFAULTS[obj.kind.kind]);
  for (const [f, v] of Object.entries(obj.data)) {
    const r = obj.refs[f];
    if (r === undefined) view[f] = plainData(v);
    else lazy(view, f, () => (Array.isArray(r) ? r.map((o) => viewOf(views, o)) : viewOf(views, r)));
  }
  // References resolved without a field as written (an inline IP's interface).
  for (const [f, r] of Object.entries(obj.refs)) {
    if (!(f in obj.data)) lazy(view, f, () => (Array.isArray(r) ? r.map((o) => viewOf(views, o)) : viewOf(views, r)));
  }
  addRelations(views, obj, view);
  return view;
}

function addRelations(views: Views, obj: Obj, view: View): void {
  const kind = obj.kind;
  const { model } = views;
  if (obj.owner && kind.parent) lazy(view, kind.parent.field, () => viewOf(views, obj.owner!));
  // An owner's components, all of them (from its device type too), under the names they are written as.
  for (const [inline, list] of componentsOf(views, obj)) lazy(view, inline, () => list.map((c) => viewOf(views, c)));
  if (kind.kind === 'dcim.interface' || kind.kind === 'virtualization.vminterface') {
    lazy(view, 'ip_addresses', () => reverse(views, 'ipam.ipaddress', 'assigned_object').get(obj)?.map((o) => viewOf(views, o)) ?? []);
    lazy(view, 'members', () => reverse(views, kind.kind, 'lag').get(obj)?.map((o) => viewOf(views, o)) ?? []);
  }
  if (TRACEABLE_KINDS.has(kind.kind)) {
    const end = () => endsOn(model, obj)[0];
    lazy(view, 'cable', () => {
      const e = end();
      return e ? viewOf(views, e.cable) : null;
    });
    // NetBox's link_peers: the terminations on the other end of this one's cable.
    lazy(view, 'link_peers', () => {
      const e = end();
      return e ? sideOf(model, e.cable, e.side === 'a' ? 'b' : 'a').map((p) => viewOf(views, p.termination)) : [];
    });
    // NetBox's connected_endpoints: where the whole cable path ends.
    lazy(view, 'connected_endpoints', () => farEnd(model, obj).map((o) => viewOf(views, o)));
  }
  if (kind.kind === 'ipam.ipaddress') {
    lazy(view, 'prefix', () => {
      const c = parseCidr(obj.data.address);
      const table = ipSpace(model).tables.get(ref(obj, 'vrf'));
      const node = c && table ? prefixContaining(table, c.family, c.value) : undefined;
      return node ? viewOf(views, node.obj) : null;
    });
  }
}

/** Components by owner, grouped under their inline list names, in inventory order. */
function componentsOf(views: Views, owner: Obj): Map<string, Obj[]> {
  if (!views.idx.components) {
    const all = new Map<Obj, Map<string, Obj[]>>();
    for (const o of views.model.objects) {
      if (!o.owner || !o.kind.parent) continue;
      let byList = all.get(o.owner);
      if (!byList) all.set(o.owner, (byList = new Map()));
      const list = byList.get(o.kind.parent.inline);
      if (list) list.push(o);
      else byList.set(o.kind.parent.inline, [o]);
    }
    views.idx.components = all;
  }
  return views.idx.components.get(owner) ?? new Map();
}

/** Objects of a kind by the object one of their reference fields names (memoized per model). */
function reverse(views: Views, kind: string, field: string): Map<Obj, Obj[]> {
  const key = `${kind} ${field}`;
  let index = views.idx.reverse.get(key);
  if (!index) {
    index = new Map();
    for (const o of objectsOf(views.model, kind)) {
      const target = ref(o, field);
      if (!target) continue;
      const list = index.get(target);
      if (list) list.push(o);
      else index.set(target, [o]);
    }
    views.idx.reverse.set(key, index);
  }
  return index;
}

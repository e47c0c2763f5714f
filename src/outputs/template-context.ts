import { endsOn, sideOf } from '../model/cable-ends.js';
import { farEnd, TRACEABLE_KINDS } from '../model/cable-paths.js';
import { ipSpace, parseCidr, prefixContaining } from '../model/ip-space.js';
import type { KindInfo } from '../model/kinds.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';

// What a device's config template sees: the device's config context as top-level variables (as NetBox
// gives it) and `device`, the resolved device. Views are built on demand: every relation is a getter
// that builds the views it returns on first read and keeps them, so a template pays only for what it
// reads, and a device → interface → device loop is the same object met again, never a copy that grows.
// Views and context data have no prototype but VIEW_PROTO, which has none itself, so
// `{{constructor}}` or `{{__proto__}}` name nothing. A relation is an own getter, as a field is an own
// value; its getters are shared by every view (no closure per view and field) and find what they
// compute from under a symbol, which no template path can name.

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
 * The prototype of views and context data: nothing but a way to turn into text (Handlebars writes the
 * object into its strict mode's error message), under a symbol, so that no template path can reach it.
 */
const VIEW_PROTO: object = Object.defineProperty(Object.create(null), Symbol.toPrimitive, { value: () => '[object]' });

function bare(): View {
  return Object.create(VIEW_PROTO) as View;
}

/** A deep copy of YAML data with prototype-free objects. */
function plainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainData);
  if (value === null || typeof value !== 'object') return value;
  const out: View = bare();
  for (const k of Object.keys(value)) out[k] = plainData((value as View)[k]);
  return out;
}

/** What a view's relations are computed from, and the relations computed so far. */
interface Source {
  views: Views;
  obj: Obj;
  computed?: Map<string, unknown>;
}

const SOURCE = Symbol('view source');

/** A relation's value: computed from the render's views, the object and the relation's name. */
type Relation = (views: Views, obj: Obj, key: string) => unknown;

const descriptors = new Map<Relation, Map<string, PropertyDescriptor>>();

/** The getter of `key` computed by `relation`: one per pair, shared by every view; computes once per view. */
function relationDescriptor(key: string, relation: Relation): PropertyDescriptor {
  let byKey = descriptors.get(relation);
  if (!byKey) descriptors.set(relation, (byKey = new Map()));
  let d = byKey.get(key);
  if (!d) {
    d = {
      enumerable: true,
      configurable: true,
      get(this: View) {
        const source = (this as unknown as Record<symbol, Source>)[SOURCE];
        const computed = (source.computed ??= new Map());
        if (computed.has(key)) return computed.get(key);
        const value = relation(source.views, source.obj, key);
        computed.set(key, value);
        return value;
      },
    };
    byKey.set(key, d);
  }
  return d;
}

function lazy(view: View, key: string, relation: Relation): void {
  Object.defineProperty(view, key, relationDescriptor(key, relation));
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
  (view as unknown as Record<symbol, Source>)[SOURCE] = { views, obj };
  view.display = displayName(obj);
  // Every field the kind defines is present: unset ones are null (NetBox's None), so a template can
  // test them, while a misspelt name stays a missing variable. A field with a default has it (an
  // interface is enabled); lists (an owner's components) are [].
  for (const [f, value] of fieldDefaults(obj.kind)) view[f] = value !== null && typeof value === 'object' ? plainData(value) : value;
  Object.assign(view, NETBOX_DEFAULTS[obj.kind.kind]);
  for (const f of Object.keys(obj.data)) {
    if (obj.refs[f] === undefined) view[f] = plainData(obj.data[f]);
    else lazy(view, f, referenced);
  }
  // References resolved without a field as written (an inline IP's interface).
  for (const f of Object.keys(obj.refs)) {
    if (!(f in obj.data)) lazy(view, f, referenced);
  }
  addRelations(obj, view);
  return view;
}

// The relations of views, each a function shared by every view (see relationDescriptor).

/** A reference field: the view of the object it names, or the views of those it lists. */
const referenced: Relation = (views, obj, key) => {
  const r = obj.refs[key];
  return Array.isArray(r) ? r.map((o) => viewOf(views, o)) : viewOf(views, r);
};
const owner: Relation = (views, obj) => viewOf(views, obj.owner!);
const components: Relation = (views, obj, key) => componentsOf(views, obj).get(key)!.map((c) => viewOf(views, c));
const ipAddresses: Relation = (views, obj) => reverse(views, 'ipam.ipaddress', 'assigned_object').get(obj)?.map((o) => viewOf(views, o)) ?? [];
const members: Relation = (views, obj) => reverse(views, obj.kind.kind, 'lag').get(obj)?.map((o) => viewOf(views, o)) ?? [];
const cable: Relation = (views, obj) => {
  const e = endsOn(views.model, obj)[0];
  return e ? viewOf(views, e.cable) : null;
};
/** NetBox's link_peers: the terminations on the other end of this one's cable. */
const linkPeers: Relation = (views, obj) => {
  const e = endsOn(views.model, obj)[0];
  return e ? sideOf(views.model, e.cable, e.side === 'a' ? 'b' : 'a').map((p) => viewOf(views, p.termination)) : [];
};
/** NetBox's connected_endpoints: where the whole cable path ends. */
const connectedEndpoints: Relation = (views, obj) => farEnd(views.model, obj).map((o) => viewOf(views, o));
const prefix: Relation = (views, obj) => {
  const c = parseCidr(obj.data.address);
  const table = ipSpace(views.model).tables.get(ref(obj, 'vrf'));
  const node = c && table ? prefixContaining(table, c.family, c.value) : undefined;
  return node ? viewOf(views, node.obj) : null;
};

function addRelations(obj: Obj, view: View): void {
  const kind = obj.kind;
  const views = ((view as unknown as Record<symbol, Source>)[SOURCE]).views;
  if (obj.owner && kind.parent) lazy(view, kind.parent.field, owner);
  // An owner's components, all of them (from its device type too), under the names they are written as.
  for (const inline of componentsOf(views, obj).keys()) lazy(view, inline, components);
  if (kind.kind === 'dcim.interface' || kind.kind === 'virtualization.vminterface') {
    lazy(view, 'ip_addresses', ipAddresses);
    lazy(view, 'members', members);
  }
  if (TRACEABLE_KINDS.has(kind.kind)) {
    lazy(view, 'cable', cable);
    lazy(view, 'link_peers', linkPeers);
    lazy(view, 'connected_endpoints', connectedEndpoints);
  }
  if (kind.kind === 'ipam.ipaddress') lazy(view, 'prefix', prefix);
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

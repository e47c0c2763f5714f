import { loadSchemas, type KindInfo, type RefField } from '../model/kinds.js';
import { displayName, ref, refs, type Model, type Obj } from '../model/model.js';
import { cableName, endsOn, sideOf } from '../model/cable-ends.js';
import { ipSpace } from '../model/ip-space.js';
import { PlainScalar } from '../parse/scalars.js';
import { choiceLabels } from '../validate/ajv.js';
import { PrettyJson, type Json } from './json-text.js';

// The whole compiled model as NetBox's REST API would list it: one JSON file per endpoint
// (`dcim/devices.json`), each an array of objects in the API's shape — references as nested brief
// objects, choice fields as {value, label}, tags as briefs, custom fields as a mapping. Components a
// device type defines are exported as the device's own, as NetBox has them after instantiation.
//
// The same inventory gives the same bytes whatever the order of its files: objects are sorted by a
// natural key made of what is written (never file order), ids are numbered in that order per
// endpoint, keys come in a fixed order and free-form mappings are sorted. See docs/export.md.

/** The export's own format version: bumped when the shape of a file changes incompatibly. */
export const SOT_EXPORT_VERSION = 1;
/** The NetBox release whose REST API shape the export follows. */
export const NETBOX_API_VERSION = '4.6';

export interface ExportFile {
  /** Relative to the export's folder: `meta.json`, `dcim/devices.json`. */
  path: string;
  text: string;
}

type JsonObject = { [key: string]: Json };

/** NetBox's REST endpoint of a kind, `app/endpoint` as in its URLs (`/api/dcim/devices/`). */
export function endpointOf(kind: KindInfo): string {
  const [app] = kind.kind.split('.');
  // VM interfaces are `virtualization/interfaces` in NetBox's URLs; every other endpoint is the collection.
  const name = kind.kind === 'virtualization.vminterface' ? 'interfaces' : kind.collection.replace(/_/g, '-');
  return `${app}/${name}`;
}

// The fields of each kind's brief serializer in NetBox 4.6 (after id, url and display). Counts
// (`device_count`…) are left out: they are annotations NetBox computes from its database.
const BRIEF: Record<string, string[]> = {
  'circuits.circuit': ['provider', 'cid', 'description'],
  'circuits.circuitgroup': ['name', 'description'],
  'circuits.circuitgroupassignment': ['group', 'member_type', 'member', 'priority'],
  'circuits.circuittermination': ['circuit', 'term_side', 'description', 'cable', '_occupied'],
  'circuits.provideraccount': ['account', 'name', 'description'],
  'circuits.virtualcircuit': ['provider_network', 'cid', 'description'],
  'circuits.virtualcircuittermination': ['virtual_circuit', 'role', 'description'],
  'dcim.cable': ['label', 'description'],
  'dcim.consoleport': ['device', 'name', 'description', 'cable', '_occupied'],
  'dcim.consoleserverport': ['device', 'name', 'description', 'cable', '_occupied'],
  'dcim.devicebay': ['device', 'name', 'description'],
  'dcim.devicetype': ['manufacturer', 'model', 'slug', 'description'],
  'dcim.frontport': ['device', 'name', 'description', 'cable', '_occupied'],
  'dcim.interface': ['device', 'name', 'description', 'cable', '_occupied'],
  'dcim.inventoryitem': ['device', 'name', 'description', '_depth'],
  'dcim.macaddress': ['mac_address', 'description'],
  'dcim.module': ['device', 'module_bay', 'module_type', 'description'],
  'dcim.modulebay': ['device', 'name', 'description'],
  'dcim.moduletype': ['profile', 'manufacturer', 'model', 'description'],
  'dcim.powerfeed': ['name', 'description', 'cable', '_occupied'],
  'dcim.poweroutlet': ['device', 'name', 'description', 'cable', '_occupied'],
  'dcim.powerport': ['device', 'name', 'description', 'cable', '_occupied'],
  'dcim.rackreservation': ['status', 'user', 'description', 'units'],
  'dcim.racktype': ['manufacturer', 'model', 'slug', 'description'],
  'dcim.rearport': ['device', 'name', 'description', 'cable', '_occupied'],
  'dcim.virtualchassis': ['name', 'master', 'description'],
  'dcim.virtualdevicecontext': ['name', 'identifier', 'device', 'description'],
  'extras.tag': ['name', 'slug', 'color', 'description'],
  'ipam.aggregate': ['family', 'prefix', 'description'],
  'ipam.asn': ['asn', 'description'],
  'ipam.fhrpgroup': ['protocol', 'group_id', 'description'],
  'ipam.fhrpgroupassignment': ['group', 'interface_type', 'interface_id', 'weight'],
  'ipam.ipaddress': ['family', 'address', 'description'],
  'ipam.iprange': ['family', 'start_address', 'end_address', 'description'],
  'ipam.prefix': ['family', 'prefix', 'description', '_depth'],
  'ipam.service': ['name', 'protocol', 'ports', 'description'],
  'ipam.servicetemplate': ['name', 'protocol', 'ports', 'description'],
  'ipam.vlan': ['vid', 'name', 'description'],
  'ipam.vlantranslationrule': ['local_vid', 'remote_vid', 'description'],
  'ipam.vrf': ['name', 'rd', 'description'],
  'tenancy.contactassignment': ['object_type', 'object_id', 'contact', 'role', 'priority'],
  'virtualization.virtualdisk': ['virtual_machine', 'name', 'size', 'description'],
  'virtualization.vminterface': ['virtual_machine', 'name', 'description'],
  'vpn.l2vpn': ['identifier', 'name', 'slug', 'type', 'description'],
  'vpn.l2vpntermination': ['l2vpn'],
  'vpn.tunneltermination': ['tunnel', 'role'],
  'wireless.wirelesslan': ['ssid', 'description'],
  'wireless.wirelesslink': ['ssid', 'description'],
};

/** Kinds a cable can end on: their objects carry `cable` and `_occupied`. */
const CABLED = new Set([
  'circuits.circuittermination',
  'dcim.consoleport',
  'dcim.consoleserverport',
  'dcim.frontport',
  'dcim.interface',
  'dcim.powerfeed',
  'dcim.poweroutlet',
  'dcim.powerport',
  'dcim.rearport',
]);

/** Kinds NetBox gives an address family ({value: 4, label: "IPv4"}). */
const FAMILY_FIELD: Record<string, string> = {
  'ipam.aggregate': 'prefix',
  'ipam.ipaddress': 'address',
  'ipam.iprange': 'start_address',
  'ipam.prefix': 'prefix',
};

/** The brief fields of a kind NetBox has no special brief for: name, slug (when it has them), description. */
function briefFields(kind: KindInfo): string[] {
  return memoByKind(briefFieldMemo, kind, briefFieldsOf);
}

const briefFieldMemo = new WeakMap<KindInfo, string[]>();
const restFieldMemo = new WeakMap<KindInfo, string[]>();
const endpointMemo = new WeakMap<KindInfo, string>();

function memoByKind<T>(memo: WeakMap<KindInfo, T>, kind: KindInfo, make: (kind: KindInfo) => T): T {
  let v = memo.get(kind);
  if (v === undefined) memo.set(kind, (v = make(kind)));
  return v;
}

function briefFieldsOf(kind: KindInfo): string[] {
  const special = BRIEF[kind.kind];
  if (special) return special;
  const props = kind.schema.properties ?? {};
  const fields = ['name', 'slug', 'description'].filter((f) => f in props);
  if (kind.tree) fields.push('_depth');
  return fields;
}

/** The properties of a kind that are NetBox fields: sot's own (components written under their device, `template`, `remove`, inline IPs) are not. */
function restFields(kind: KindInfo): string[] {
  return memoByKind(restFieldMemo, kind, restFieldsOf);
}

function restFieldsOf(kind: KindInfo): string[] {
  return Object.entries<any>(kind.schema.properties ?? {})
    .filter(([field, prop]) => {
      if (typeof prop?.description === 'string' && prop.description.startsWith('sot:')) return false;
      const item = prop?.items?.$ref;
      if (typeof item === 'string' && item.startsWith('urn:sot:') && !item.startsWith('urn:sot:defs:')) return false;
      if (kind.parent && field === 'ip_addresses') return false;
      if (kind.kind === 'dcim.cable' && ['a', 'b', 'a_terminations', 'b_terminations'].includes(field)) return false;
      return true;
    })
    .map(([field]) => field);
}

/** A kind's polymorphic references by the fields that name them: the type field, `<name>_id`. */
const typedMemo = new WeakMap<KindInfo, Map<string, RefField>>();
function typedFields(kind: KindInfo): Map<string, RefField> {
  return memoByKind(typedMemo, kind, (k) => {
    const map = new Map<string, RefField>();
    for (const r of k.refs) {
      if (!r.spec.typeField) continue;
      map.set(r.spec.typeField, r);
      map.set(`${r.spec.typeField.replace(/_type$/, '')}_id`, r);
    }
    return map;
  });
}

/** The choice set (`urn:sot:defs:choices#/$defs/<name>`) a property takes its values from, if any. */
function choiceSetOf(prop: any): string | undefined {
  const r = prop?.$ref ?? prop?.items?.$ref;
  const m = typeof r === 'string' ? /^urn:sot:defs:choices#\/\$defs\/(.+)$/.exec(r) : null;
  return m ? m[1] : undefined;
}

/** A scalar or free-form value as JSON: PlainScalars by their typed reading, mappings with sorted keys. */
function plain(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (v instanceof PlainScalar) return v.core;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const k of Object.keys(v as object).sort()) out[k] = plain((v as Record<string, unknown>)[k]);
    return out;
  }
  if (typeof v === 'bigint') return v.toString();
  return v as Json;
}

/** Compares text as people read names: digit runs by their value (`Ethernet2` before `Ethernet10`), the rest by code unit. */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0; // also spares the scan of a long key shared by two objects (their device's)
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      // Two digit runs: by value (length without leading zeros, then digits), then fewer zeros first.
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      let si = i;
      let sj = j;
      while (si < ei - 1 && a.charCodeAt(si) === 48) si++;
      while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      if (ei - i !== ej - j) return ei - i - (ej - j);
      i = ei;
      j = ej;
      continue;
    }
    if (x !== y) return x - y;
    i++;
    j++;
  }
  if (a.length - i !== b.length - j) return a.length - i - (b.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A part of a sort key: a name, or an object whose written data (as JSON) decides only a tie. */
type KeyPart = string | { written: Obj };

/** The keys of a kind's full objects: in order, quoted, and the slot of each key fields() puts, call by call. */
interface Layout {
  keys: string[];
  quoted: string[];
  calls: string[];
  slots: number[];
}

class Exporter {
  private readonly ids = new Map<Obj, number>();
  private readonly sortKeys = new Map<Obj, KeyPart[]>();
  private readonly writtenJson = new Map<Obj, string>();
  private readonly choices: Record<string, any>;
  private readonly depths = new Map<Obj, number>();
  private readonly labels = new Map<string, Map<string | number, string>>();
  private readonly briefs = new Map<Obj, JsonObject>();
  private readonly layouts = new Map<KindInfo, Layout>();

  constructor(private readonly model: Model) {
    const doc = loadSchemas().documents.get('urn:sot:defs:choices');
    this.choices = doc?.$defs ?? {};
  }

  /** The endpoint of a kind, `dcim/devices` (memoized: every object's url names it). */
  private endpoint(kind: KindInfo): string {
    return memoByKind(endpointMemo, kind, endpointOf);
  }

  /** Every exported object by endpoint, sorted, with ids assigned in that order. */
  number(): Map<string, { kind: KindInfo; objects: Obj[] }> {
    const groups = new Map<string, { kind: KindInfo; objects: Obj[] }>();
    for (const [, list] of [...this.model.byKind].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const live = list.filter((o) => o.data?.remove !== true);
      if (live.length === 0) continue;
      const kind = live[0].kind;
      const keyed = live.map((o) => [this.sortKey(o), o] as const);
      keyed.sort((x, y) => this.compareKeys(x[0], y[0]));
      const endpoint = endpointOf(kind);
      keyed.forEach(([, o], i) => this.ids.set(o, i + 1));
      groups.set(endpoint, { kind, objects: keyed.map(([, o]) => o) });
    }
    return groups;
  }

  /**
   * An object's place in its endpoint: a component after its device's key, by name; any other object
   * by its name, then the objects that scope the name (a rack's site); last what is written, as JSON
   * with sorted keys, so that two objects of one name keep an order that file order does not decide.
   */
  private sortKey(obj: Obj): KeyPart[] {
    let key = this.sortKeys.get(obj);
    if (key) return key;
    const label = this.sortLabel(obj);
    const written = { written: obj };
    if (obj.owner) key = [...this.sortKey(obj.owner), label, written];
    else {
      const scopes = obj.kind.key.scope.map((f) => ref(obj, f)).filter((o): o is Obj => !!o && o !== obj);
      key = [label, ...scopes.flatMap((s) => this.sortKey(s)), written];
    }
    this.sortKeys.set(obj, key);
    return key;
  }

  /** Names compare naturally; written data (only reached on a tie of names) by code unit; names first. */
  private compareKeys(a: KeyPart[], b: KeyPart[]): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (typeof x === 'string' || typeof y === 'string') {
        if (typeof x !== 'string') return 1;
        if (typeof y !== 'string') return -1;
        const c = naturalCompare(x, y);
        if (c !== 0) return c;
        continue;
      }
      if (x.written === y.written) continue;
      const jx = this.written(x.written);
      const jy = this.written(y.written);
      if (jx !== jy) return jx < jy ? -1 : 1;
    }
    return a.length - b.length;
  }

  /** What is written for an object, as JSON with sorted keys; computed only for objects whose names tie. */
  private written(obj: Obj): string {
    let json = this.writtenJson.get(obj);
    if (json === undefined) this.writtenJson.set(obj, (json = JSON.stringify(plain(obj.data))));
    return json;
  }

  /** The name an object is sorted by: its display without the parts that are ids (which sorting decides). */
  private sortLabel(obj: Obj): string {
    if (obj.kind.kind === 'dcim.cable' && !obj.data.label) return cableName(this.model, obj);
    return this.display(obj, false);
  }

  /** What NetBox shows for an object (its `__str__`), where that differs from sot's display name. */
  display(obj: Obj, withIds = true): string {
    const d = obj.data;
    const id = withIds ? this.ids.get(obj) : '';
    switch (obj.kind.kind) {
      case 'dcim.cable':
        return d.label ? String(d.label) : `#${id}`;
      case 'dcim.rack':
        return d.facility_id ? `${d.name} (${d.facility_id})` : String(d.name);
      case 'dcim.rackreservation': {
        const rack = ref(obj, 'rack');
        return `Reservation for rack ${rack ? this.display(rack, withIds) : ''}`;
      }
      case 'dcim.module': {
        const bay = ref(obj, 'module_bay');
        const type = ref(obj, 'module_type');
        return `${bay ? String(bay.data.name) : ''}: ${type ? this.display(type, withIds) : ''}${withIds ? ` (${id})` : ''}`;
      }
      case 'circuits.circuittermination': {
        const circuit = ref(obj, 'circuit');
        return `${circuit ? this.display(circuit, withIds) : ''}: Termination ${d.term_side}`;
      }
      case 'circuits.virtualcircuittermination': {
        const circuit = ref(obj, 'virtual_circuit');
        return `${circuit ? this.display(circuit, withIds) : ''}: ${this.choiceLabel(obj, 'role')} termination`;
      }
      case 'circuits.provideraccount':
        return d.name ? `${d.account} (${d.name})` : String(d.account);
      case 'circuits.circuitgroupassignment': {
        const group = ref(obj, 'group');
        const name = group ? this.display(group, withIds) : '';
        return d.priority ? `${name} (${this.choiceLabel(obj, 'priority')})` : name;
      }
      case 'ipam.vlan':
        return `${d.name} (${d.vid})`;
      case 'ipam.vrf':
        return d.rd ? `${d.name} (${d.rd})` : String(d.name);
      case 'ipam.asn':
        return `AS${d.asn}`;
    }
    if (obj.kind.parent && d.label) return `${d.name} (${d.label})`;
    const name = displayName(obj);
    return /^#\d+$/.test(name) ? `#${id}` : name;
  }

  /** The label of a choice field's value, as NetBox's get_<field>_display() gives it. */
  private choiceLabel(obj: Obj, field: string): string {
    const value = this.field(obj, field);
    return value && typeof value === 'object' && 'label' in value ? String(value.label) : String(value ?? '');
  }

  private head(obj: Obj): JsonObject {
    const id = this.ids.get(obj)!;
    return { id, url: `/api/${this.endpoint(obj.kind)}/${id}/`, display: this.display(obj) };
  }

  /** A nested reference as NetBox's brief serializer gives it. */
  brief(obj: Obj): JsonObject {
    // Built once per object and shared by every reference to it (never changed after).
    let out = this.briefs.get(obj);
    if (out) return out;
    out = this.head(obj);
    for (const field of briefFields(obj.kind)) out[field] = this.field(obj, field);
    this.briefs.set(obj, out);
    return out;
  }

  /**
   * The full object as NetBox's REST API lists it, field by field in the API's order: `put` is called
   * with each key and its value. The keys and their order depend on the kind alone (see layoutOf); a
   * key put twice keeps its first place and takes the later value, as an assignment would.
   */
  fields(obj: Obj, put: (key: string, value: Json) => void): void {
    const id = this.ids.get(obj)!;
    put('id', id);
    put('url', `/api/${this.endpoint(obj.kind)}/${id}/`);
    put('display', this.display(obj));
    const family = FAMILY_FIELD[obj.kind.kind];
    if (family) put('family', this.family(obj));
    for (const field of restFields(obj.kind)) {
      const rf = obj.kind.refByField.get(field);
      if (rf?.spec.typeField) continue; // written with its type field, below
      const typed = typedFields(obj.kind).get(field);
      if (typed && typed.spec.typeField === field) {
        const target = ref(obj, typed.field);
        put(field, target ? target.kind.kind : plain(obj.data[field]));
        put(`${typed.field}_id`, target ? this.ids.get(target)! : null);
        put(typed.field, target ? this.brief(target) : null);
        continue;
      }
      put(field, this.field(obj, field));
    }
    if (obj.kind.kind === 'dcim.cable') {
      put('a_terminations', this.terminations(obj, 'a'));
      put('b_terminations', this.terminations(obj, 'b'));
    }
    if (CABLED.has(obj.kind.kind)) {
      put('cable', this.field(obj, 'cable'));
      put('_occupied', this.field(obj, '_occupied'));
    }
  }

  /**
   * The full object's JSON text, `depth` levels deep, as JSON.stringify(full(obj), null, 2) would
   * write it there, without building the object: its values go into the slots of the kind's layout.
   */
  fullText(obj: Obj, json: PrettyJson, depth: number): string {
    const layout = this.layoutOf(obj);
    const values: (Json | undefined)[] = new Array(layout.keys.length);
    let call = 0;
    this.fields(obj, (key, value) => {
      if (layout.calls[call] !== key) throw new Error(`export: ${obj.kind.kind} put ${key} where its layout has ${layout.calls[call]}`);
      values[layout.slots[call++]] = value;
    });
    const inner = json.indent(depth + 1);
    let out = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined) continue; // JSON.stringify leaves such keys out
      out += `${out ? ',\n' : '{\n'}${inner}${layout.quoted[i]}: ${json.text(v, depth + 1)}`;
    }
    return out ? `${out}\n${json.indent(depth)}}` : '{}';
  }

  /** The keys fields() puts for a kind, in order of first appearance, and each call's slot among them. */
  private layoutOf(obj: Obj): Layout {
    let layout = this.layouts.get(obj.kind);
    if (layout) return layout;
    const calls: string[] = [];
    this.fields(obj, (key) => calls.push(key));
    const keys = [...new Set(calls)];
    layout = { keys, quoted: keys.map((k) => JSON.stringify(k)), calls, slots: calls.map((k) => keys.indexOf(k)) };
    this.layouts.set(obj.kind, layout);
    return layout;
  }

  private terminations(cable: Obj, side: 'a' | 'b'): Json {
    return sideOf(this.model, cable, side).map((end) => ({
      object_type: end.termination.kind.kind,
      object_id: this.ids.get(end.termination)!,
      object: this.brief(end.termination),
    }));
  }

  private family(obj: Obj): Json {
    const text = String(obj.data[FAMILY_FIELD[obj.kind.kind]] ?? '');
    return text.includes(':') ? { value: 6, label: 'IPv6' } : { value: 4, label: 'IPv4' };
  }

  /** One field's REST value: a reference as a brief, a choice as {value, label}, the rest as written. */
  private field(obj: Obj, field: string): Json {
    switch (field) {
      case 'family':
        return this.family(obj);
      case '_depth':
        return this.depth(obj);
      case 'cable': {
        const end = endsOn(this.model, obj)[0];
        return end ? this.brief(end.cable) : null;
      }
      case '_occupied':
        return endsOn(this.model, obj).length > 0 || obj.data.mark_connected === true;
    }
    const kind = obj.kind;
    const rf = kind.refByField.get(field);
    if (rf) {
      if (rf.many) return refs(obj, field).map((o) => this.brief(o));
      const target = ref(obj, field) ?? (kind.parent?.field === field ? obj.owner : undefined);
      return target ? this.brief(target) : null;
    }
    // A polymorphic reference's type and id fields, as briefs name them.
    const typed = typedFields(kind).get(field);
    if (typed) {
      const target = ref(obj, typed.field);
      if (field === typed.spec.typeField) return target ? target.kind.kind : plain(obj.data[field]);
      return target ? this.ids.get(target)! : null;
    }
    const prop = kind.schema.properties?.[field];
    const value = obj.data[field];
    if (field === 'custom_fields') return plain(value ?? {});
    const set = choiceSetOf(prop);
    if (set && value !== undefined && value !== null) {
      let labels = this.labels.get(set);
      if (!labels) this.labels.set(set, (labels = choiceLabels(this.choices[set] ?? {})));
      const choice = (v: unknown): Json => {
        const p = plain(v);
        return { value: p, label: labels.get(p as string | number) ?? String(p) };
      };
      return Array.isArray(value) ? value.map(choice) : choice(value);
    }
    if (value === undefined && prop?.type === 'array') return [];
    return plain(value);
  }

  /** How deep an object sits in its kind's hierarchy (0 at the top), as NetBox's trees number it. */
  private depth(obj: Obj): number {
    const known = this.depths.get(obj);
    if (known !== undefined) return known;
    let depth = 0;
    if (obj.kind.kind === 'ipam.prefix') {
      // A prefix's depth is how many prefixes of its VRF contain it.
      for (let n = ipSpace(this.model).nodeOf.get(obj)?.parent; n; n = n.parent) depth++;
      this.depths.set(obj, depth);
      return depth;
    }
    const field = obj.kind.tree;
    const seen = new Set<Obj>([obj]);
    for (let p = field ? ref(obj, field) : undefined; p && !seen.has(p); p = ref(p, field!)) {
      seen.add(p);
      depth++;
    }
    this.depths.set(obj, depth);
    return depth;
  }
}

/** Stable JSON text of a file: two-space indent and a final newline. */
function jsonText(value: Json): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One endpoint's file, as the parts of its text in order: a build may write them to a stream one by one. */
export interface ExportStream {
  path: string;
  /** The file's text in pieces (one per object); joined, they are the file's bytes. */
  parts(): Iterable<string>;
}

/**
 * The export as streams: `meta.json`, then one file per endpoint that has objects, in path order.
 * An endpoint's objects are converted one at a time as its parts are read, so the whole export never
 * needs to be in memory at once (an inventory's interfaces alone can outgrow one JavaScript string).
 */
export function netboxExportStreams(model: Model): ExportStream[] {
  const exporter = new Exporter(model);
  const groups = exporter.number();
  const endpoints = [...groups.keys()].sort();
  const meta: JsonObject = {
    sot_export_version: SOT_EXPORT_VERSION,
    netbox_version: NETBOX_API_VERSION,
    endpoints: Object.fromEntries(endpoints.map((e) => [e, { kind: groups.get(e)!.kind.kind, count: groups.get(e)!.objects.length }])),
  };
  const metaText = jsonText(meta);
  const json = new PrettyJson();
  return [
    { path: 'meta.json', parts: () => [metaText] },
    ...endpoints.map((endpoint) => ({ path: `${endpoint}.json`, parts: () => arrayParts(groups.get(endpoint)!.objects, (o) => exporter.fullText(o, json, 1)) })),
  ];
}

/** `JSON.stringify(list, null, 2)` and a newline, one element at a time; `text` gives an element's text one level deep. */
function* arrayParts<T>(list: readonly T[], text: (item: T) => string): Iterable<string> {
  if (list.length === 0) {
    yield '[]\n';
    return;
  }
  for (let i = 0; i < list.length; i++) {
    yield `${i === 0 ? '[\n' : ''}  ${text(list[i])}${i === list.length - 1 ? '\n]\n' : ',\n'}`;
  }
}

/**
 * The model as NetBox's REST API would give it, one file per endpoint that has objects
 * (`dcim/devices.json`…), in path order, after `meta.json`, which names the format version, the
 * NetBox version the shape follows and every endpoint with its count. For very large inventories,
 * netboxExportStreams gives the same bytes in pieces.
 */
export function netboxExport(model: Model): ExportFile[] {
  return netboxExportStreams(model).map((s) => ({ path: s.path, text: [...s.parts()].join('') }));
}

import { describe, displayName, objectsOf, ref, type Model, type Obj } from './model.js';

// NetBox's classes of interface types, and the walk the interface rules share: every interface
// template of a device or module type, and every interface written in the inventory.

/** The types NetBox counts as virtual: no cable, no PoE; only `virtual` itself may have a parent. */
export const VIRTUAL_INTERFACE_TYPES: ReadonlySet<string> = new Set(['virtual', 'bridge', 'lag']);

/** The wireless types: no cable; the only ones that may have a radio role, channel, frequency or width. */
export const WIRELESS_INTERFACE_TYPES: ReadonlySet<string> = new Set([
  'ieee802.11a', 'ieee802.11g', 'ieee802.11n', 'ieee802.11ac', 'ieee802.11ad', 'ieee802.11ax', 'ieee802.11ay', 'ieee802.11be',
  'ieee802.15.1', 'ieee802.15.4', 'other-wireless', 'gsm', 'cdma', 'lte', '4g', '5g',
]);

/** A problem with one interface or interface template, in terms of its own fields. */
export interface InterfaceProblem {
  field: string;
  /** Stable across the template and the components made from it: a written component's problem its template has too is not repeated. */
  reason: string;
  message: string;
  data?: Record<string, unknown>;
}

/** What a check sees of one interface: its data, and for a device's interface the object (for its references). */
export interface InterfaceSubject {
  data: Record<string, any>;
  obj?: Obj;
  /** `interface "et1" of device "leaf1"`, `interface template "et1" of device type "X-4" in manufacturer "Acme"`. */
  what: string;
}

/** A finding shaped as the checks want it (the model does not import the checks). */
export interface InterfaceFinding {
  obj: Obj;
  field: string;
  subPath?: (string | number)[];
  message: string;
  data?: Record<string, unknown>;
}

const TYPE_KINDS = ['dcim.devicetype', 'dcim.moduletype'];

/**
 * Runs `check` on every interface template of every device and module type (reported once, at the
 * type's list entry) and on every interface written in the inventory that sets one of `fields` (a
 * check finds nothing on an interface that sets none of them). A component only a type defines is the
 * template's problem; a written one that completes or renames a template is reported only for
 * problems its template does not have already.
 */
export function interfaceFindings(
  model: Model,
  check: (s: InterfaceSubject) => InterfaceProblem[],
  { fields, templates = true }: { fields: readonly string[]; templates?: boolean },
): InterfaceFinding[] {
  const out: InterfaceFinding[] = [];
  const byFile = new Map<string, Obj>();
  for (const kind of TYPE_KINDS) {
    for (const type of objectsOf(model, kind)) {
      byFile.set(type.file, type);
      if (!templates) continue;
      const list = type.data.interfaces;
      if (!Array.isArray(list)) continue;
      list.forEach((t: unknown, i: number) => {
        if (!t || typeof t !== 'object') return;
        const data = t as Record<string, any>;
        const what = `interface template "${String(data.name)}" of ${describe(type)}`;
        for (const p of check({ data, what })) out.push({ obj: type, field: 'interfaces', subPath: [i, p.field], message: p.message, data: p.data });
      });
    }
  }
  for (const obj of writtenSetting(model, fields)) {
    // Most interfaces pass: their description is only worked out for a message.
    const problems = check({
      data: obj.data,
      obj,
      get what() {
        return describe(obj);
      },
    });
    if (problems.length === 0) continue;
    const tdata = obj.template ? templateData(byFile, obj.template) : undefined;
    const inherited = tdata ? new Set(check({ data: tdata, what: '' }).map((p) => `${p.field}\0${p.reason}`)) : undefined;
    for (const p of problems) {
      if (inherited?.has(`${p.field}\0${p.reason}`)) continue;
      out.push({ obj, field: p.field, message: p.message, data: p.data });
    }
  }
  return out;
}

const settingMemo = new WeakMap<Model, Map<string, Obj[]>>();

/** The fields the interface rules look for: only these are indexed. */
const INDEXED_FIELDS: ReadonlySet<string> = new Set(['bridge', 'lag', 'parent', 'poe_mode', 'poe_type', 'rf_role', 'rf_channel', 'rf_channel_frequency', 'rf_channel_width']);

/**
 * The written interfaces that set any of `fields` (a value or a resolved reference), in inventory
 * order. One pass over the interfaces indexes them by the fields they set, shared by every rule: a
 * large inventory has half a million interfaces, and each rule needs only the few that set its fields.
 */
function writtenSetting(model: Model, fields: readonly string[]): Obj[] {
  let byField = settingMemo.get(model);
  if (!byField) {
    byField = new Map();
    const add = (field: string, obj: Obj) => {
      const list = byField!.get(field);
      if (list) list.push(obj);
      else byField!.set(field, [obj]);
    };
    for (const obj of objectsOf(model, 'dcim.interface')) {
      if (obj.origin !== 'written') continue;
      for (const field in obj.data) {
        if (!INDEXED_FIELDS.has(field)) continue;
        const v = obj.data[field];
        if (v !== undefined && v !== null && v !== '') add(field, obj);
      }
      for (const field in obj.refs) if (INDEXED_FIELDS.has(field) && !(field in obj.data)) add(field, obj);
    }
    settingMemo.set(model, byField);
  }
  for (const f of fields) if (!INDEXED_FIELDS.has(f)) throw new Error(`interface field "${f}" is not indexed`);
  const lists = fields.map((f) => byField!.get(f) ?? []).filter((l) => l.length);
  if (lists.length <= 1) return lists[0] ?? [];
  return [...new Set(lists.flat())].sort((a, b) => a.id - b.id);
}

/** The template a component was made from, as its type writes it. */
function templateData(byFile: Map<string, Obj>, template: { file: string; path: readonly (string | number)[] }): Record<string, any> | undefined {
  const type = byFile.get(template.file);
  if (!type) return undefined;
  let node: any = type.data;
  for (const step of template.path.slice(type.path.length)) node = node?.[step];
  return node && typeof node === 'object' ? node : undefined;
}

/** `leaf1:et1`: an interface with its device, as references write it. */
export function interfaceName(obj: Obj): string {
  const device = ref(obj, 'device');
  return device ? `${displayName(device)}:${displayName(obj)}` : displayName(obj);
}

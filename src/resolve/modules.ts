import { type KindInfo, kindLabel } from '../model/kinds.js';
import { describe, displayName, namedPath, ref, type Obj } from '../model/model.js';
import { linksWithinType, substituteVcPosition } from './components.js';
import type { Resolver } from './resolve.js';

const TOKEN = '{module}';

/**
 * Installs modules: each module's type adds its components to the device, as NetBox does on module
 * creation. `{module}` in a template's name, label or bay position becomes the position of the bay the
 * module sits in; with N tokens, the positions of the N bays from the device down (position
 * inheritance). Modules installed in bays of other modules are installed after them.
 */
export function installModules(r: Resolver): void {
  const modules = r.byKind.get('dcim.module') ?? [];
  const moduleKind = r.schemas.kinds.get('dcim.module');
  if (!moduleKind || modules.length === 0) return;
  const bayField = r.refField(moduleKind, 'module_bay')!;
  const typeField = r.refField(moduleKind, 'module_type')!;
  const bays = r.indexes.get('dcim.modulebay')!;
  const byList = componentKindsByTemplateList(r);

  for (const m of modules) r.resolveScope(m);
  // A bay is written by name or as a mapping with its name; a bay of another module exists once that
  // module is installed, so modules are installed in rounds.
  const bayName = (m: Obj): string | undefined => {
    const bay = m.data.module_bay;
    return typeof bay === 'string' ? bay : bay && typeof bay === 'object' && typeof bay.name === 'string' ? bay.name : undefined;
  };
  let pending = modules.filter((m) => ref(m, 'device') && bayName(m) !== undefined);
  for (;;) {
    const next: Obj[] = [];
    for (const m of pending) {
      if (bays.first(String(ref(m, 'device')!.id), bayName(m)!)) install(r, m, bayField, typeField, byList);
      else next.push(m);
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  // What is left names bays that exist nowhere: resolving them reports each one.
  for (const m of pending) r.resolveField(m, bayField);
}

function componentKindsByTemplateList(r: Resolver): Map<string, KindInfo> {
  const out = new Map<string, KindInfo>();
  for (const k of r.schemas.kinds.values()) if (k.parent?.kind === 'dcim.device') out.set(k.parent.inline.replace(/_/g, '-'), k);
  return out;
}

/** Bay positions from the device's own bay down to this one. */
function positionChain(bay: Obj): string[] {
  const chain: string[] = [];
  const seen = new Set<Obj>();
  for (let b: Obj | undefined = bay; b && !seen.has(b); ) {
    seen.add(b);
    chain.unshift(typeof b.data.position === 'string' ? b.data.position : '');
    const parentModule = ref(b, 'module');
    b = parentModule ? ref(parentModule, 'module_bay') : undefined;
  }
  return chain;
}

function install(r: Resolver, module: Obj, bayField: any, typeField: any, byList: Map<string, KindInfo>): void {
  r.resolveField(module, bayField);
  r.resolveField(module, typeField);
  const device = ref(module, 'device')!;
  const bay = ref(module, 'module_bay');
  const type = ref(module, 'module_type');
  if (!bay || !type) return;
  if (module.data.replicate_components === false) return;
  // A second module in the same bay is reported as a duplicate key; only the first one is installed.
  r.index(module);
  if (r.indexes.get('dcim.module')!.first(String(device.id), `#${bay.id}`) !== module) return;
  const chain = positionChain(bay);
  const report = (message: string, data: Record<string, unknown>) =>
    r.out.push({
      rule: 'resolve/module-placeholder',
      severity: 'error',
      message,
      location: { file: module.file, path: [...module.path, 'module_bay'] },
      modelPath: namedPath(module),
      related: [{ location: { file: type.file, path: type.path }, message: `${describe(type)}` }],
      help: 'give the module bay a position, or install the module in a bay as deep as its type expects',
      data,
    });
  const substitute = (text: unknown): string | undefined => {
    if (typeof text !== 'string' || !text.includes(TOKEN)) return text as string | undefined;
    const n = text.split(TOKEN).length - 1;
    if (n === 1) {
      const leaf = chain[chain.length - 1];
      if (!leaf) {
        report(`cannot install ${describe(type)} in module bay "${displayName(bay)}": its templates use {module} but the bay has no position`, { bay: displayName(bay) });
        return undefined;
      }
      return text.replace(TOKEN, leaf);
    }
    if (n !== chain.length) {
      report(`cannot install ${describe(type)} in a module bay tree ${chain.length} levels deep: "${text}" has ${n} {module} placeholders`, { depth: chain.length, placeholders: n });
      return undefined;
    }
    let i = 0;
    return text.replace(/\{module\}/g, () => chain[i++]);
  };

  for (const [listName, templates] of Object.entries(type.data)) {
    const kind = byList.get(listName);
    if (!kind || !Array.isArray(templates)) continue;
    const props = kind.schema.properties as Record<string, unknown>;
    templates.forEach((t: any, i: number) => {
      if (!t || typeof t !== 'object' || typeof t.name !== 'string') return;
      const name = substitute(t.name);
      if (name === undefined) return;
      const data: Record<string, any> = {};
      for (const [k, v] of Object.entries(t)) if (k in props && k !== 'device') data[k] = v;
      data.name = substituteVcPosition(name, device);
      const finalName: string = data.name;
      if (typeof t.label === 'string') data.label = substituteVcPosition(substitute(t.label) ?? t.label, device);
      if (kind.kind === 'dcim.modulebay' && typeof t.position === 'string') data.position = substituteVcPosition(substitute(t.position) ?? t.position, device);
      // Templates name each other by their template names (a front port's rear port): NetBox resolves
      // them with the same module, so the placeholders are replaced there too.
      for (const k of Object.keys(data)) {
        if (k !== 'name' && typeof data[k] === 'string' && kind.refByField.has(k)) data[k] = substituteVcPosition(substitute(data[k]) ?? data[k], device);
      }
      const existing = r.indexes.get(kind.kind)!.first(String(device.id), finalName);
      if (existing) {
        // A module never adopts the bay it sits in: that would make the bay its own parent.
        if (module.data.adopt_components === true && !ref(existing, 'module') && existing !== bay) {
          existing.refs.module = module;
          return;
        }
        r.out.push({
          rule: 'resolve/duplicate-key',
          severity: 'error',
          message: `installing ${describe(type)} in bay "${displayName(bay)}" would add ${kindLabel(kind)} "${finalName}", which ${describe(device)} already has`,
          location: { file: module.file, path: [...module.path, 'module_bay'] },
          modelPath: namedPath(module),
          related: [{ location: { file: existing.file, path: existing.path }, message: `the existing ${kindLabel(kind)}` }],
          help: existing.refs.module ? 'the existing component belongs to another module' : 'set adopt_components: true to take over the existing component, or rename it',
          data: { kind: kind.kind, field: 'name', value: finalName },
        });
        return;
      }
      const obj = r.add(kind, data, module.file, module.path, 'template', device);
      // A template link the module type does not define is reported once at the type.
      obj.template = { file: type.file, path: [...type.path, listName, i], refFields: Object.keys(data).filter((k) => kind.refByField.has(k) && linksWithinType(type, k, t[k])) };
      obj.refs.device = device;
      obj.refs.module = module;
      r.index(obj);
    });
  }
}

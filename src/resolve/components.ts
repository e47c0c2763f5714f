import { type KindInfo, kindLabel, withArticle } from '../model/kinds.js';
import { describe, displayName, namedPath, type Obj } from '../model/model.js';
import type { RawItem } from '../validate/validate.js';
import type { Resolver } from './resolve.js';

/**
 * NetBox creates a device's components from its device type when the device is created; sot does the
 * same, then applies what the inventory writes: an entry with a template's name completes or overrides
 * that component, any other entry adds one. Entries may be written inline under the device (the
 * device type's lists, in snake_case) or in a top-level collection (`interfaces:`) with a `device`.
 */
export function instantiateComponents(r: Resolver, topLevel: readonly RawItem[]): void {
  checkTemplateNames(r);
  const deviceKind = r.schemas.kinds.get('dcim.device')!;
  const typeRef = r.refField(deviceKind, 'device_type')!;

  // Top-level component entries, grouped by the owner (device, virtual machine) they name.
  const written = new Map<Obj, { kind: KindInfo; item: RawItem }[]>();
  for (const item of topLevel) {
    const ownerField = item.kind.parent!.field;
    if (item.data[ownerField] === undefined) {
      r.out.push({
        rule: 'schema/missing-field',
        severity: 'error',
        message: `${kindLabel(item.kind)} is missing the required field "${ownerField}" (written outside a ${ownerField.replace(/_/g, ' ')}, it must name one)`,
        location: { file: item.file, path: item.path },
        data: { field: ownerField },
      });
      continue;
    }
    // Not an object of the model yet: only the place to report a bad owner reference at.
    const probe: Obj = { id: -1, kind: item.kind, data: item.data, file: item.file, path: item.path, refs: {}, origin: 'written' };
    const rf = r.refField(item.kind, ownerField)!;
    const owner = r.lookup(item.data[ownerField], rf.spec, probe, [...item.path, ownerField], ownerField);
    if (!owner) continue;
    let list = written.get(owner);
    if (!list) written.set(owner, (list = []));
    list.push({ kind: item.kind, item });
  }

  const ownerKinds = [...new Set([...r.schemas.kinds.values()].filter((k) => k.parent).map((k) => k.parent!.kind))].sort();
  for (const ownerKind of ownerKinds) {
    const componentKinds = [...r.schemas.kinds.values()].filter((k) => k.parent?.kind === ownerKind);
    for (const device of r.byKind.get(ownerKind)!) {
      // Only devices have a type whose templates become components.
      if (ownerKind === 'dcim.device') r.resolveField(device, typeRef);
      const type = ownerKind === 'dcim.device' ? (device.refs.device_type as Obj | undefined) : undefined;
      instantiateOwner(r, device, type, componentKinds, written.get(device) ?? []);
    }
  }
}

/** One owner's components: its type's templates, then what is written for it. */
function instantiateOwner(r: Resolver, device: Obj, type: Obj | undefined, componentKinds: KindInfo[], written: { kind: KindInfo; item: RawItem }[]): void {
  for (const kind of componentKinds) {
    const byName = new Map<string, Obj>();
    // 1. From the device type's templates (devicetype-library list names are hyphenated).
    const listName = kind.parent!.inline.replace(/_/g, '-');
    const templates = type?.data[listName];
    if (Array.isArray(templates)) {
      const props = kind.schema.properties as Record<string, unknown>;
      templates.forEach((t: any, i: number) => {
        if (!t || typeof t !== 'object' || typeof t.name !== 'string') return;
        if (byName.has(t.name)) return; // reported once per type by checkTemplateNames
        const data: Record<string, any> = {};
        for (const [k, v] of Object.entries(t)) if (k in props && k !== 'device') data[k] = v;
        const path = [...type!.path, listName, i];
        const obj = r.add(kind, data, type!.file, path, 'template', device);
        obj.template = { file: type!.file, path };
        obj.refs[kind.parent!.field] = device;
        byName.set(t.name, obj);
      });
    }
    // 2. Inline under the device, then 3. top-level entries naming the device.
    const inline = device.data[kind.parent!.inline];
    const entries: { data: any; file: string; path: (string | number)[] }[] = [];
    if (Array.isArray(inline)) inline.forEach((d, i) => entries.push({ data: d, file: device.file, path: [...device.path, kind.parent!.inline, i] }));
    for (const w of written) if (w.kind === kind) entries.push({ data: w.item.data, file: w.item.file, path: [...w.item.path] });
    const writtenNames = new Map<string, Obj>();
    for (const e of entries) {
      if (!e.data || typeof e.data !== 'object' || typeof e.data.name !== 'string') continue;
      const name = e.data.name;
      const prior = writtenNames.get(name);
      if (prior) {
        r.out.push({
          rule: 'resolve/duplicate-key',
          severity: 'error',
          message: `duplicate ${kindLabel(kind)} name "${name}" on ${describe(device)}`,
          location: { file: e.file, path: [...e.path, 'name'] },
          modelPath: namedPath(prior),
          related: [{ location: { file: prior.file, path: [...prior.path, 'name'] }, message: `the ${kindLabel(kind)} already written with this name` }],
          help: `the ${kind.parent!.inline.replace(/_/g, ' ')} of ${withArticle(kindLabel(device.kind))} have unique names; merge the two entries`,
          data: { kind: kind.kind, field: 'name', value: name },
        });
        continue;
      }
      const fromType = byName.get(name);
      if (fromType) {
        const rest = { ...e.data };
        delete rest[kind.parent!.field];
        fromType.data = { ...fromType.data, ...rest };
        fromType.file = e.file;
        fromType.path = e.path;
        fromType.origin = 'written';
        writtenNames.set(name, fromType);
        continue;
      }
      // Without a resolved device type (reported already) nothing is known to be missing.
      const missing = type || device.data.device_type === undefined ? kind.requiredWhenNew.filter((f) => e.data[f] === undefined) : [];
      const obj = r.add(kind, e.data, e.file, e.path, 'written', device);
      obj.refs[kind.parent!.field] = device;
      if (missing.length) {
        r.out.push({
          rule: 'resolve/component-missing-field',
          severity: 'error',
          message: `${kindLabel(kind)} "${name}" is not defined by ${type ? describe(type) : 'the device type'}, so it needs ${missing.map((m) => `"${m}"`).join(' and ')}`,
          location: { file: e.file, path: [...e.path, 'name'] },
          modelPath: namedPath(obj),
          help: `check the spelling against the device type's ${kind.parent!.inline.replace(/_/g, ' ')}, or give the new component its ${missing.join(', ')}`,
          data: { kind: kind.kind, name, missing, deviceType: type ? displayName(type) : undefined },
        });
      }
      byName.set(name, obj);
      writtenNames.set(name, obj);
    }
    for (const obj of byName.values()) r.index(obj);
  }
}

/** Component names are unique per device or module type and kind, whether or not a device uses the type. */
function checkTemplateNames(r: Resolver): void {
  const lists = new Set([...r.schemas.kinds.values()].filter((k) => k.parent?.kind === 'dcim.device').map((k) => k.parent!.inline.replace(/_/g, '-')));
  lists.add('inventory-items');
  for (const typeKind of ['dcim.devicetype', 'dcim.moduletype']) {
    for (const type of r.byKind.get(typeKind) ?? []) {
      for (const [listName, templates] of Object.entries(type.data)) {
        if (!lists.has(listName) || !Array.isArray(templates)) continue;
        const first = new Map<string, number>();
        templates.forEach((t: any, i: number) => {
          if (!t || typeof t !== 'object' || typeof t.name !== 'string') return;
          const prior = first.get(t.name);
          if (prior === undefined) {
            first.set(t.name, i);
            return;
          }
          const what = listName.replace(/s$/, '').replace(/-/g, ' ');
          r.out.push({
            rule: 'resolve/duplicate-key',
            severity: 'error',
            message: `duplicate ${what} template name "${t.name}" in ${describe(type)}`,
            location: { file: type.file, path: [...type.path, listName, i, 'name'] },
            related: [{ location: { file: type.file, path: [...type.path, listName, prior, 'name'] }, message: 'the first template with this name' }],
            help: `component names are unique per ${kindLabel(type.kind)} and kind`,
            data: { kind: type.kind.kind, field: 'name', value: t.name, list: listName },
          });
        });
      }
    }
  }
}

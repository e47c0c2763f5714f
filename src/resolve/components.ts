import type { DocPath } from '../diagnostics/diagnostic.js';
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
      r.leftOut(item.kind, item.data);
      continue;
    }
    // Not an object of the model yet: only the place to report a bad owner reference at.
    const probe: Obj = { id: -1, kind: item.kind, data: item.data, file: item.file, path: item.path, refs: {}, origin: 'written' };
    const rf = r.refField(item.kind, ownerField)!;
    const owner = r.lookup(item.data[ownerField], rf.spec, probe, [...item.path, ownerField], ownerField);
    if (!owner) {
      r.leftOut(item.kind, item.data);
      continue;
    }
    let list = written.get(owner);
    if (!list) written.set(owner, (list = []));
    list.push({ kind: item.kind, item });
  }

  const paths = new InlinePaths();
  const ownerKinds = [...new Set([...r.schemas.kinds.values()].filter((k) => k.parent).map((k) => k.parent!.kind))].sort();
  for (const ownerKind of ownerKinds) {
    const componentKinds = [...r.schemas.kinds.values()].filter((k) => k.parent?.kind === ownerKind);
    for (const device of r.byKind.get(ownerKind)!) {
      // Only devices have a type whose templates become components.
      if (ownerKind === 'dcim.device') r.resolveField(device, typeRef);
      const type = ownerKind === 'dcim.device' ? (device.refs.device_type as Obj | undefined) : undefined;
      instantiateOwner(r, device, type, componentKinds, written.get(device) ?? [], paths);
    }
  }
}

/** A device type's templates of one kind, prepared once and shared by every device of the type. */
interface TemplateEntry {
  name: string;
  data: Record<string, any>;
  /** Fields holding `{vc_position}`, replaced per device. */
  vcFields?: string[];
  path: (string | number)[];
  template: { file: string; path: (string | number)[]; refFields: string[] };
}

const templateCache = new WeakMap<Obj, Map<string, TemplateEntry[]>>();

function templatesOf(type: Obj, kind: KindInfo): TemplateEntry[] {
  let byKind = templateCache.get(type);
  if (!byKind) templateCache.set(type, (byKind = new Map()));
  let entries = byKind.get(kind.kind);
  if (entries) return entries;
  entries = [];
  const listName = kind.parent!.inline.replace(/_/g, '-');
  const templates = type.data[listName];
  if (Array.isArray(templates)) {
    const props = kind.schema.properties as Record<string, unknown>;
    const seen = new Set<string>();
    templates.forEach((t: any, i: number) => {
      if (!t || typeof t !== 'object' || typeof t.name !== 'string' || seen.has(t.name)) return; // duplicates: checkTemplateNames
      seen.add(t.name);
      const data: Record<string, any> = {};
      for (const k of Object.keys(t)) if (k in props && k !== 'device') data[k] = t[k];
      const path = [...type.path, listName, i];
      const refFields = Object.keys(data).filter((k) => kind.refByField.has(k) && linksWithinType(type, k, data[k]));
      // NetBox resolves the token in names, labels and bay positions, and so in the names templates use for each other.
      const vcFields = Object.keys(data).filter((k) => (k === 'name' || k === 'label' || k === 'position' || kind.refByField.has(k)) && typeof data[k] === 'string' && data[k].includes('{vc_position'));
      entries!.push({ name: t.name, data, path, vcFields: vcFields.length ? vcFields : undefined, template: { file: type.file, path, refFields } });
    });
  }
  byKind.set(kind.kind, entries);
  return entries;
}

/**
 * Template fields that name another template of the same device or module type: a front port's rear
 * port, a power outlet's power port. NetBox links the templates themselves, so a name the type does
 * not define is the type's mistake (dcim/template-reference, once at the type): components made from
 * such a template leave the field unresolved instead of reporting it on every device.
 */
export const TEMPLATE_LINKS: Readonly<Record<string, string>> = { rear_port: 'rear-ports', power_port: 'power-ports' };

/** Whether a type's template field names a template of the type (or is not a template link at all). */
export function linksWithinType(type: Obj, field: string, value: unknown): boolean {
  const list = TEMPLATE_LINKS[field];
  if (list === undefined) return true;
  const templates = type.data[list];
  return Array.isArray(templates) && templates.some((t: any) => t && typeof t === 'object' && t.name === value);
}

/** NetBox's `{vc_position}` / `{vc_position:X}` in template names, labels, positions and the names
 *  templates use for each other (a front port's rear port). */
export const VC_POSITION = /\{vc_position(?::([^}]*))?\}/g;

/** The text with the device's virtual chassis position, or the token's fallback (default 0). */
export function substituteVcPosition(text: string, device: Obj): string {
  const position = device.data.virtual_chassis !== undefined && device.data.virtual_chassis !== null ? device.data.vc_position : undefined;
  return text.replace(VC_POSITION, (_, fallback: string | undefined) => (typeof position === 'number' ? String(position) : (fallback ?? '0')));
}

/** A template's data for one device: shared as it is, or a copy with `{vc_position}` replaced. */
function dataFor(t: TemplateEntry, device: Obj): Record<string, any> {
  if (!t.vcFields) return t.data;
  const data = { ...t.data };
  for (const f of t.vcFields) data[f] = substituteVcPosition(data[f], device);
  return data;
}

/**
 * One owner's components: its type's templates, then what is written for it. Components only the
 * type defines share the type's data (nothing writes to component data after resolution); a written
 * entry with a template's name becomes that component, filled from the template. A written entry may
 * also drop a template's component (`remove: true`) or rename it (`template: <its name in the type>`),
 * as NetBox lets a device's components be deleted or renamed after creation.
 */
const NO_TEMPLATES: TemplateEntry[] = [];
const NO_WRITTEN: { kind: KindInfo; item: RawItem }[] = [];
const NO_EDITS: Map<string, { t: TemplateEntry; data: Record<string, any> }> = new Map();

const vcCache = new WeakMap<TemplateEntry[], boolean>();

function hasVcPosition(templates: TemplateEntry[]): boolean {
  let known = vcCache.get(templates);
  if (known === undefined) vcCache.set(templates, (known = templates.some((t) => t.vcFields !== undefined)));
  return known;
}

function instantiateOwner(r: Resolver, device: Obj, type: Obj | undefined, componentKinds: KindInfo[], written: { kind: KindInfo; item: RawItem }[], paths: InlinePaths): void {
  const scopeKey = String(device.id);
  // The type's components this device renamed (old name → new) or removed (→ null), by kind.
  let renamed: Map<string, Map<string, string | null>> | undefined;
  for (const kind of componentKinds) {
    const ownerField = kind.parent!.field;
    const inlineName = kind.parent!.inline;
    const templates = type ? templatesOf(type, kind) : NO_TEMPLATES;
    // Inline under the device, then top-level entries naming the device.
    const inline = device.data[inlineName];
    const inlineCount = Array.isArray(inline) ? inline.length : 0;
    const others = written.length ? written.filter((w) => w.kind === kind) : NO_WRITTEN;
    if (templates.length === 0 && inlineCount === 0 && others.length === 0) continue;
    const inlinePaths = inlineCount ? paths.listAt(device.path, inlineName) : undefined;
    // Entries that drop or rename one of the type's components are known before the type's are made.
    let edits: Map<string, Record<string, any>> | undefined;
    for (let i = 0; i < inlineCount + others.length; i++) {
      const data = i < inlineCount ? inline[i] : others[i - inlineCount].item.data;
      if (data && typeof data === 'object' && (data.remove === true || typeof data.template === 'string')) {
        (edits ??= new Map()).set(data.remove === true ? data.name : data.template, data);
      }
    }
    // Components are entered straight into their kind's index under the device: the names of one
    // device are checked here, so the index has nothing to compare.
    const byName = r.indexes.get(kind.kind)!.scopeNames(scopeKey) as Map<string, Obj>;
    const fromTemplate = edits ? new Map<string, { t: TemplateEntry; data: Record<string, any> }>() : NO_EDITS;
    // Only {vc_position} can make two templates' names meet on a device.
    const mayClash = hasVcPosition(templates);
    for (const t of templates) {
      const data = dataFor(t, device);
      const name: string = data.name;
      if (edits?.has(name)) {
        fromTemplate.set(name, { t, data });
        continue;
      }
      const clash = mayClash ? byName.get(name) : undefined;
      if (clash) {
        // Two templates that differ only by {vc_position} became one name: NetBox refuses the device.
        r.ensureRef(device, 'virtual_chassis'); // to name an unnamed member as NetBox does (chassis:position)
        r.out.push({
          rule: 'resolve/duplicate-key',
          severity: 'error',
          message: `${kindLabel(kind)} template "${t.name}" of ${describe(type!)} becomes "${name}" on ${describe(device)}, the name of another of its ${inlineName.replace(/_/g, ' ')}`,
          location: { file: device.file, path: [...device.path, 'vc_position'] },
          modelPath: namedPath(device),
          related: [{ location: { file: type!.file, path: [...t.path, 'name'] }, message: `the template "${t.name}"` }, { location: { file: clash.file, path: [...clash.path, 'name'] }, message: `the ${kindLabel(kind)} "${name}"` }],
          help: 'change the device type\'s names or the device\'s vc_position so that each component keeps a name of its own',
          data: { kind: kind.kind, field: 'name', value: name },
        });
        continue;
      }
      const obj = r.add(kind, data, type!.file, t.path, 'template', device, ownerField === 'device' ? { device } : { [ownerField]: device });
      obj.template = t.template;
      obj.indexed = true;
      byName.set(name, obj);
    }
    for (let i = 0; i < inlineCount + others.length; i++) {
      const data = i < inlineCount ? inline[i] : others[i - inlineCount].item.data;
      if (!data || typeof data !== 'object' || typeof data.name !== 'string') {
        if (data && typeof data === 'object') r.leftOut(kind, data); // its name is validation's to report
        continue;
      }
      const file = i < inlineCount ? device.file : others[i - inlineCount].item.file;
      const path = i < inlineCount ? inlinePaths!.at(i) : others[i - inlineCount].item.path;
      const name: string = data.name;
      if (i < inlineCount && data[ownerField] !== undefined) ownerContradiction(r, kind, device, data, file, path);
      // Without edits (the first loop saw none), no entry needs asking again.
      const editOf = edits === undefined ? undefined : data.remove === true ? name : typeof data.template === 'string' ? data.template : undefined;
      let base: { t: TemplateEntry; data: Record<string, any> } | undefined;
      if (editOf !== undefined) {
        base = fromTemplate.get(editOf);
        if (!base) {
          const field = data.remove === true ? 'name' : 'template';
          r.out.push({
            rule: 'resolve/dangling-reference',
            severity: 'error',
            message: templates.some((t) => dataFor(t, device).name === editOf)
              ? `${kindLabel(kind)} "${editOf}" of ${type ? describe(type) : 'the device type'} is removed or renamed by an earlier entry already`
              : `${type ? describe(type) : 'the device type'} has no ${kindLabel(kind)} "${editOf}" to ${data.remove === true ? 'remove' : 'rename'}`,
            location: { file, path: [...path, field] },
            modelPath: namedPath(device),
            help: `"${data.remove === true ? 'remove' : 'template'}" names a component of the device type (after {vc_position} is replaced)`,
            data: { kind: kind.kind, value: editOf, candidates: [] },
          });
          continue;
        }
        fromTemplate.delete(editOf);
        let byKind = renamed?.get(kind.kind);
        if (!byKind) (renamed ??= new Map()).set(kind.kind, (byKind = new Map()));
        byKind.set(editOf, data.remove === true ? null : name);
        if (data.remove === true) continue;
      }
      // Entries written earlier in this loop are the only components of this device already 'written'.
      const prior = byName.get(name);
      if (prior && (prior.origin === 'written' || base)) {
        r.out.push({
          rule: 'resolve/duplicate-key',
          severity: 'error',
          message: `duplicate ${kindLabel(kind)} name "${name}" on ${describe(device)}`,
          location: { file, path: [...path, 'name'] },
          modelPath: namedPath(prior),
          related: [{ location: { file: prior.file, path: [...prior.path, 'name'] }, message: `the ${kindLabel(kind)} ${prior.origin === 'written' ? 'already written' : 'of the device type'} with this name` }],
          help: `the ${inlineName.replace(/_/g, ' ')} of ${withArticle(kindLabel(device.kind))} have unique names; merge the two entries`,
          data: { kind: kind.kind, field: 'name', value: name },
        });
        continue;
      }
      if (base) {
        // A renamed component of the type: its template's fields fill what the entry leaves out.
        const merged: Record<string, any> = Object.assign({}, base.data, data);
        delete merged.template;
        delete merged[ownerField];
        const obj = r.add(kind, merged, file, path, 'written', device);
        obj.refs[ownerField] = device;
        obj.template = base.t.template;
        obj.indexed = true;
        byName.set(name, obj);
        if (data.ip_addresses !== undefined) r.withInlineAddresses.push(obj);
        continue;
      }
      const fromType = prior;
      if (fromType) {
        // The written entry becomes the component: the type's fields fill what it leaves out, in a
        // copy, since parsed data is never written (an alias may share it with another place, a
        // parse cache with another compile) and the owner's own data keeps the entry as written.
        const merged: Record<string, any> = Object.assign({}, fromType.data, data);
        delete merged[ownerField];
        fromType.data = merged;
        fromType.file = file;
        fromType.path = path;
        fromType.origin = 'written';
        if (data.ip_addresses !== undefined) r.withInlineAddresses.push(fromType);
        continue;
      }
      // Without a resolved device type (reported already) nothing is known to be missing.
      // A field with a schema error (a misspelt `type`) is reported already.
      const errors = r.known.fieldsWithErrors(file, path);
      const typeKnown = type || (device.data.device_type === undefined && !r.known.fieldsWithErrors(device.file, device.path)?.has('device_type'));
      const missing = typeKnown ? kind.requiredWhenNew.filter((f) => data[f] === undefined && !errors?.has(f)) : [];
      const obj = r.add(kind, data, file, path, 'written', device);
      obj.refs[ownerField] = device;
      obj.indexed = true;
      if (missing.length) {
        r.out.push({
          rule: 'resolve/component-missing-field',
          severity: 'error',
          message: `${kindLabel(kind)} "${name}" is not defined by ${type ? describe(type) : 'the device type'}, so it needs ${missing.map((m) => `"${m}"`).join(' and ')}`,
          location: { file, path: [...path, 'name'] },
          modelPath: namedPath(obj),
          help: `check the spelling against the device type's ${inlineName.replace(/_/g, ' ')}, or give the new component its ${missing.join(', ')}`,
          data: { kind: kind.kind, name, missing, deviceType: type ? displayName(type) : undefined },
        });
      }
      byName.set(name, obj);
      if (data.ip_addresses !== undefined) r.withInlineAddresses.push(obj);
    }
  }
  if (renamed) followRenames(r, device, componentKinds, renamed);
}

/**
 * Paths of entries written under their owner (`[devices, 5, interfaces, 3]`). A path is relative to
 * its file and nothing changes one once made, so owners at the same place of their files share the
 * same path arrays, as the components of one template share the template's: the half a million
 * components of a large inventory need a few thousand paths rather than one each.
 */
export class InlinePaths {
  /** owner's collection → owner's index → list name → the list's entry paths */
  private readonly byPlace = new Map<string | number, Map<string | number, Map<string, EntryPaths>>>();

  /** The paths of one list under an owner. */
  listAt(ownerPath: DocPath, listName: string): EntryPaths {
    // Owners are top-level entries (`[devices, 5]`); any other place gets paths of its own.
    if (ownerPath.length !== 2) return new EntryPaths(ownerPath, listName);
    let byIndex = this.byPlace.get(ownerPath[0]);
    if (!byIndex) this.byPlace.set(ownerPath[0], (byIndex = new Map()));
    let byList = byIndex.get(ownerPath[1]);
    if (!byList) byIndex.set(ownerPath[1], (byList = new Map()));
    let list = byList.get(listName);
    if (!list) byList.set(listName, (list = new EntryPaths(ownerPath, listName)));
    return list;
  }
}

/** The paths `[...ownerPath, listName, i]`, each made once. */
export class EntryPaths {
  private readonly made: DocPath[] = [];

  constructor(
    private readonly ownerPath: DocPath,
    private readonly listName: string,
  ) {}

  at(i: number): DocPath {
    return (this.made[i] ??= [...this.ownerPath, this.listName, i]);
  }
}

/**
 * NetBox links a device's components to each other by id (a front port to its rear port, an outlet to
 * its power port), so renaming one keeps the link and removing one empties it. The type's templates
 * name each other by template name: on this device, those names follow the renames and removals.
 */
function followRenames(r: Resolver, device: Obj, componentKinds: KindInfo[], renamed: Map<string, Map<string, string | null>>): void {
  for (const kind of componentKinds) {
    const fields = kind.refs.filter((rf) => !rf.many && renamed.has(rf.spec.kind));
    if (fields.length === 0) continue;
    for (const obj of (r.indexes.get(kind.kind)!.scopeNames(String(device.id)) as Map<string, Obj>).values()) {
      if (obj.origin !== 'template' && obj.template === undefined) continue;
      // A written component's data is a copy made above; the type's data is shared by its devices
      // and is copied before the first write.
      let own = obj.origin !== 'template';
      for (const rf of fields) {
        const value = obj.data[rf.field];
        const map = renamed.get(rf.spec.kind)!;
        if (typeof value !== 'string' || !map.has(value)) continue;
        if (!own) {
          obj.data = { ...obj.data };
          own = true;
        }
        const to = map.get(value);
        if (to === null) delete obj.data[rf.field];
        else obj.data[rf.field] = to;
      }
    }
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

/**
 * A component written under its device may repeat the device's name in its owner field; naming another
 * device is a contradiction, reported at that field (the component stays with the device it is written
 * under, so nothing else is reported because of it).
 */
function ownerContradiction(r: Resolver, kind: KindInfo, device: Obj, data: Record<string, any>, file: string, path: DocPath): void {
  const ownerField = kind.parent!.field;
  const probe: Obj = { id: -1, kind, data, file, path, refs: {}, origin: 'written' };
  const named = r.lookup(data[ownerField], r.refField(kind, ownerField)!.spec, probe, [...path, ownerField], ownerField);
  if (!named || named === device) return;
  r.out.push({
    rule: 'resolve/wrong-scope',
    severity: 'error',
    message: `"${ownerField}" names ${describe(named)}, but this ${kindLabel(kind)} is written under ${describe(device)}`,
    location: { file, path: [...path, ownerField] },
    modelPath: namedPath(device),
    help: `a component written under its ${ownerField.replace(/_/g, ' ')} belongs to it: leave "${ownerField}" out, or move the entry under the other one`,
    data: { field: ownerField, value: data[ownerField] },
  });
}


import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.js';
import { suggest } from '../diagnostics/suggest.js';
import { targetKinds, type KindInfo, type RefField, type RefSpec, type SchemaSet, kindLabel, kindPlural, withArticle } from '../model/kinds.js';
import { describe, displayName, namedPath, type Model, type Obj } from '../model/model.js';
import type { RawItem } from '../validate/validate.js';
import { instantiateComponents } from './components.js';
import { KeyIndex, NO_SCOPE, scopeKeyOf } from './key-index.js';
import { resolveCables } from './cables.js';
import { settleCustomFields } from './custom-fields.js';
import { assignInlineAddresses } from './inline-ips.js';
import { installModules } from './modules.js';
import { checkTrees } from './trees.js';

/**
 * Natural keys, references and hierarchies. Objects are indexed kind by kind in the order their scopes
 * need (sites before locations before racks), components are instantiated from device types, then every
 * remaining reference is looked up. Problems become Diagnostics; resolution never stops at the first.
 */
export function resolve(items: readonly RawItem[], schemas: SchemaSet, out: Diagnostic[], sharedFiles: ReadonlySet<string> = new Set()): Model {
  const r = new Resolver(schemas, out, sharedFiles);
  return r.run(items);
}

export class Resolver {
  readonly objects: Obj[] = [];
  readonly byKind = new Map<string, Obj[]>();
  readonly indexes = new Map<string, KeyIndex>();

  constructor(
    readonly schemas: SchemaSet,
    readonly out: Diagnostic[],
    /** Files whose YAML shares objects through aliases: their data is copied, never changed in place. */
    readonly sharedFiles: ReadonlySet<string> = new Set(),
  ) {
    for (const kind of schemas.kinds.values()) {
      this.indexes.set(kind.kind, new KeyIndex(kind));
      this.byKind.set(kind.kind, []);
    }
  }

  run(items: readonly RawItem[]): Model {
    const topLevelComponents: RawItem[] = [];
    for (const item of items) {
      if (item.kind.parent) topLevelComponents.push(item);
      else this.add(item.kind, item.data, item.file, item.path, 'written');
    }
    // Kinds keyed by components (a MAC address by its interface, a wireless link by its interfaces)
    // are indexed once devices have their components.
    const order = scopeOrder(this.schemas);
    const late = keyedByComponents(this.schemas);
    const indexKind = (kind: KindInfo) => {
      for (const obj of this.byKind.get(kind.kind)!) {
        if (obj.origin === 'implicit') continue; // indexed when created
        this.resolveScope(obj);
        this.index(obj);
      }
    };
    for (const kind of order) if (!kind.parent && !late.has(kind.kind)) indexKind(kind);
    instantiateComponents(this, topLevelComponents);
    installModules(this);
    for (const kind of order) if (!kind.parent && late.has(kind.kind)) indexKind(kind);
    assignInlineAddresses(this);
    for (const obj of this.objects) this.resolveRefs(obj);
    resolveCables(this);
    settleCustomFields(this);
    checkTrees(this);
    return { objects: this.objects, byKind: this.byKind };
  }

  private lastKind?: KindInfo;
  private lastList?: Obj[];

  add(kind: KindInfo, data: Record<string, any>, file: string, path: DocPath, origin: Obj['origin'], owner?: Obj, refs: Obj['refs'] = {}): Obj {
    const obj: Obj = { id: this.objects.length, kind, data, file, path, refs, origin, owner, template: undefined, indexed: false };
    this.objects.push(obj);
    // Objects come in runs of one kind (a device's interfaces): remember the last list.
    if (kind !== this.lastKind) {
      this.lastKind = kind;
      this.lastList = this.byKind.get(kind.kind)!;
    }
    this.lastList!.push(obj);
    return obj;
  }

  refField(kind: KindInfo, field: string): RefField | undefined {
    return kind.refByField.get(field);
  }

  resolveScope(obj: Obj): void {
    for (const field of obj.kind.key.scope) {
      if (obj.refs[field]) continue;
      if (obj.owner && obj.kind.parent?.field === field) {
        obj.refs[field] = obj.owner;
        continue;
      }
      const rf = this.refField(obj.kind, field);
      if (rf) this.resolveField(obj, rf);
    }
  }

  /** The scope an object's names live in; undefined when a scope reference did not resolve. */
  scopeKey(obj: Obj): string | undefined {
    const scope = obj.kind.key.scope;
    if (scope.length === 0) return '';
    if (obj.owner && scope.length === 1 && scope[0] === obj.kind.parent?.field) return String(obj.owner.id);
    return scopeKeyOf(scope.map((f) => (obj.data[f] === undefined && !obj.refs[f] ? NO_SCOPE : (obj.refs[f] as Obj | undefined))));
  }

  /** Answers of find() for mappings whose scope is written as a name (see find). */
  private readonly explicitMemo = new Map<KindInfo, Map<string, Map<unknown, Obj>>>();

  /** Components written with `ip_addresses` (see inline-ips.ts), gathered while they are built. */
  readonly withInlineAddresses: Obj[] = [];

  index(obj: Obj, scopeKey?: string): void {
    if (obj.indexed) return;
    obj.indexed = true;
    const key = scopeKey ?? this.scopeKey(obj);
    if (key === undefined) return; // its scope did not resolve; that is reported already
    // A key field that is a reference (a wireless link's interface_b) compares the object it names.
    if (obj.kind.keyHasRefs) {
      for (const field of obj.kind.key.names) {
        const rf = this.refField(obj.kind, field);
        if (rf && obj.refs[field] === undefined) this.resolveField(obj, rf);
      }
    }
    const clashes = this.indexes.get(obj.kind.kind)!.add(obj, key);
    if (clashes) this.reportClashes(obj, clashes);
  }

  private reportClashes(obj: Obj, clashes: { field: string; value: string; other: Obj }[]): void {
    for (const clash of clashes) {
      const title = kindLabel(obj.kind);
      const scope = obj.kind.key.scope[0] ? obj.refs[obj.kind.key.scope[0]] : undefined;
      const where = scope && !Array.isArray(scope) ? ` in ${kindLabel(scope.kind)} "${displayName(scope)}"` : '';
      const ci = obj.kind.key.caseInsensitive && clash.value !== clash.other.data[clash.field] ? ' (names compare without case)' : '';
      this.out.push({
        rule: 'resolve/duplicate-key',
        severity: 'error',
        message: `duplicate ${title} ${clash.field} "${clash.value}"${where}${ci}`,
        location: { file: obj.file, path: [...obj.path, clash.field] },
        modelPath: namedPath(obj),
        related: [{ location: { file: clash.other.file, path: [...clash.other.path, clash.field] }, message: `the other ${title} with ${clash.field} "${clash.other.data[clash.field]}"` }],
        help: `${withArticle(title)}'s ${clash.field} must be unique${where ? ` within its ${scope && !Array.isArray(scope) ? kindLabel(scope.kind) : 'scope'}` : ''}; rename one of them`,
        data: { kind: obj.kind.kind, field: clash.field, value: clash.value },
      });
    }
  }

  resolveRefs(obj: Obj): void {
    // A component only its device type defines has the type's references, known in advance.
    const fields = obj.origin === 'template' ? obj.template?.refFields : undefined;
    if (fields) {
      for (const field of fields) if (obj.refs[field] === undefined) this.resolveField(obj, obj.kind.refByField.get(field)!);
      return;
    }
    // An object writes few of its kind's many reference fields: walk what it writes.
    const byField = obj.kind.refByField;
    const data = obj.data;
    for (const field in data) {
      const rf = byField.get(field);
      if (rf === undefined || obj.refs[field] !== undefined) continue;
      if (obj.owner && obj.kind.parent?.field === field) continue;
      this.resolveField(obj, rf);
    }
  }

  resolveField(obj: Obj, rf: RefField): void {
    const value = obj.data[rf.field];
    if (value === undefined || value === null) return;
    if (rf.many) {
      if (!Array.isArray(value)) return;
      const found: Obj[] = [];
      for (let i = 0; i < value.length; i++) {
        const hit = this.lookup(value[i], rf.spec, obj, undefined, rf.field, i);
        if (hit) found.push(hit);
      }
      obj.refs[rf.field] = found;
    } else {
      const hit = this.lookup(value, rf.spec, obj, undefined, rf.field);
      if (hit) obj.refs[rf.field] = hit;
    }
  }

  /**
   * Looks up a reference; reports and returns undefined when it does not name exactly one object.
   * `at` is where the value is written; left out, it is `from`'s field (and index), built only if a
   * problem is reported, since most references resolve.
   */
  lookup(value: unknown, spec: RefSpec, from: Obj, atGiven: DocPath | undefined, field: string, index?: number): Obj | undefined {
    return this.find(value, spec, from) ?? this.lookupOrReport(value, spec, from, atGiven, field, index);
  }

  /**
   * The common case of a lookup, with nothing to report: the reference names exactly one object,
   * found without building messages or paths. Anything else (not found, ambiguous, created on
   * demand, unusual forms) is left to lookupOrReport, which repeats the lookup and says what is wrong.
   */
  private find(value: unknown, spec: RefSpec, from: Obj): Obj | undefined {
    if (spec.kinds) {
      const chosen = from.data[spec.typeField!];
      return typeof chosen === 'string' && spec.kinds.includes(chosen) ? this.find(value, { kind: chosen, scope: spec.scope }, from) : undefined;
    }
    const target = this.schemas.kinds.get(spec.kind);
    if (!target) return undefined;
    const keyIndex = this.indexes.get(spec.kind)!;
    const scope = target.key.scope;
    let contextKey: string | undefined;
    if (spec.scope && scope.length) {
      if (scope.length !== 1) return undefined;
      const src = spec.scope[scope[0]];
      const o = src ? from.refs[src] : undefined;
      if (!o || Array.isArray(o)) return undefined;
      contextKey = String(o.id);
    }
    if (typeof value === 'string') {
      if (contextKey !== undefined) return keyIndex.inScope(contextKey, value);
      if (scope.length === 0) return keyIndex.inScope('', value);
      const matches = this.findAll(target, value);
      return matches.length === 1 ? matches[0] : undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value) || scope.length > 1) return undefined;
    const allowed = explicitFields(target);
    const v = value as Record<string, unknown>;
    for (const k in v) if (!allowed.has(k)) return undefined;
    // The same mapping (`{group: ams1-fabric, vid: 10}`) is written on many ports: remember answers,
    // by scope name and then by the one name value the mapping gives.
    let memo: Map<unknown, Obj> | undefined;
    let memoName: unknown;
    let key = '';
    if (scope.length === 1) {
      const s = v[scope[0]];
      if (s !== undefined && s !== null) {
        const rf = target.refByField.get(scope[0])!;
        if (rf.spec.typeField) return undefined;
        if (typeof s === 'string' && !rf.spec.scope) {
          let named = 0;
          for (const n of target.key.names) {
            if (v[n] !== undefined) {
              named++;
              memoName = v[n];
            }
          }
          if (named === 1) {
            let byScope = this.explicitMemo.get(target);
            if (!byScope) this.explicitMemo.set(target, (byScope = new Map()));
            memo = byScope.get(s);
            if (!memo) byScope.set(s, (memo = new Map()));
            const known = memo.get(memoName);
            if (known) return known;
          }
        }
        const owner = this.find(s, rf.spec, from);
        if (!owner) return undefined;
        key = String(owner.id);
      } else {
        key = contextKey !== undefined && s === undefined ? contextKey : '-';
      }
    }
    for (const n of target.key.names) {
      const name = v[n];
      if (typeof name === 'string' || typeof name === 'number') {
        const hit = keyIndex.inScope(key, String(name));
        if (hit && memo) memo.set(memoName, hit);
        return hit;
      }
    }
    return undefined;
  }

  private lookupOrReport(value: unknown, spec: RefSpec, from: Obj, atGiven: DocPath | undefined, field: string, index?: number): Obj | undefined {
    if (spec.kinds) return this.lookupPolymorphic(value, spec, from, atGiven ?? fieldPath(from, field, index), field);
    const at = atGiven;
    const target = this.schemas.kinds.get(spec.kind);
    if (!target) throw new Error(`sot: schema refers to unknown kind ${spec.kind}`);
    const keyIndex = this.indexes.get(spec.kind)!;
    const title = kindLabel(target);
    const report = (rule: string, message: string, help?: string, data?: Record<string, unknown>, related?: Diagnostic['related']) =>
      this.report(from, at ?? fieldPath(from, field, index), rule, message, help, data, related);

    // The context fixes the scope: a device's rack is a rack of the device's site.
    let contextScope: (Obj | undefined)[] | undefined;
    if (spec.scope && target.key.scope.length) {
      contextScope = target.key.scope.map((f) => {
        const src = spec.scope![f];
        const o = src ? from.refs[src] : undefined;
        return Array.isArray(o) ? undefined : o;
      });
      if (contextScope.some((o) => o === undefined)) {
        // Scope field missing or unresolved: resolve without it only if the written value says enough.
        contextScope = undefined;
        if (typeof value === 'string') return undefined;
      }
    }

    if (typeof value === 'string') {
      if (contextScope) {
        const key = scopeKeyOf(contextScope)!;
        const hit = keyIndex.inScope(key, value);
        if (hit) return hit;
        const elsewhere = keyIndex.anywhere(value);
        const scopeObj = contextScope[0]!;
        if (elsewhere.length) {
          const other = elsewhere[0];
          const otherScope = other.refs[target.key.scope[0]] as Obj;
          report(
            'resolve/wrong-scope',
            `${title} "${value}" is in ${kindLabel(otherScope.kind)} "${displayName(otherScope)}", not in ${describe(scopeObj)}`,
            `${withArticle(title)} referenced here must belong to the same ${kindLabel(scopeObj.kind)}`,
            { kind: spec.kind, value, expectedScope: displayName(scopeObj), actualScope: displayName(otherScope) },
            [{ location: { file: other.file, path: other.path }, message: `${describe(other)}` }],
          );
          return undefined;
        }
        this.dangling(report, title, spec.kind, value, keyIndex.namesInScope(key), ` in ${describe(scopeObj)}`);
        return undefined;
      }
      if (target.key.scope.length === 0) {
        const hit = keyIndex.inScope('', value);
        if (hit) return hit;
        if (spec.implicit) return this.createImplicit(target, value, from.file, at ?? fieldPath(from, field, index));
        this.dangling(report, title, spec.kind, value, keyIndex.allNames(), '');
        return undefined;
      }
      const matches = this.findAll(target, value);
      if (matches.length === 1) return matches[0];
      if (matches.length > 1) {
        report(
          'resolve/ambiguous-reference',
          `"${value}" names ${matches.length} ${kindPlural(target)}: ${matches.map((m) => describe(m)).join(', ')}`,
          `write it as a mapping (${[...target.key.scope, target.key.names[0]].join(', ')})${target.key.compact ? ` or as ${target.key.compact}` : ''}`,
          { kind: spec.kind, value },
          matches.map((m) => ({ location: { file: m.file, path: m.path }, message: describe(m) })),
        );
        return undefined;
      }
      this.dangling(report, title, spec.kind, value, keyIndex.allNames(), '');
      return undefined;
    }

    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return this.lookupExplicit(value as Record<string, unknown>, target, keyIndex, contextScope, from, at ?? fieldPath(from, field, index), report);
    }
    return undefined; // wrong types are reported by validation
  }

  /** A generic foreign key: `scope_type: dcim.site` + `scope: ams1` picks the kind, then looks up. */
  private lookupPolymorphic(value: unknown, spec: RefSpec, from: Obj, at: DocPath, field: string): Obj | undefined {
    const typeField = spec.typeField!;
    const chosen = from.data[typeField];
    if (typeof chosen !== 'string') {
      // Schemas pair the two fields with dependentRequired, and validation has said so already.
      if ((from.kind.schema?.dependentRequired?.[field] ?? []).includes(typeField)) return undefined;
      this.out.push({
        rule: 'resolve/invalid-reference',
        severity: 'error',
        message: `"${field}" needs "${typeField}" to say which kind of object it names (${spec.kinds!.join(', ')})`,
        location: { file: from.file, path: at },
        modelPath: namedPath(from),
        data: { field, typeField, kinds: spec.kinds },
      });
      return undefined;
    }
    if (!spec.kinds!.includes(chosen)) return undefined; // the schema's enum on typeField reports it
    return this.lookup(value, { kind: chosen, scope: spec.scope, implicit: spec.implicit }, from, at, field);
  }

  /** Reports a reference that names no object, or not exactly one (the only costly path of a lookup). */
  report(from: Obj, at: DocPath, rule: string, message: string, help?: string, data?: Record<string, unknown>, related?: Diagnostic['related']): void {
    this.out.push({ rule, severity: 'error', message, location: { file: from.file, path: at }, modelPath: namedPath(from), help, related, data });
  }

  private dangling(
    report: (rule: string, message: string, help?: string, data?: Record<string, unknown>) => void,
    title: string,
    kind: string,
    value: string,
    candidates: string[],
    where: string,
  ): void {
    const seen = new Set<string>();
    const close = suggest(value, candidates, 6).filter((c) => !seen.has(c.toLowerCase()) && seen.add(c.toLowerCase())).slice(0, 3);
    report(
      'resolve/dangling-reference',
      `no ${title} "${value}"${where}${close.length ? `; did you mean "${close[0]}"?` : ''}`,
      close.length > 1 ? `close names: ${close.join(', ')}` : `define the ${title} or fix the name`,
      { kind, value, candidates: close },
    );
  }

  /**
   * Every object a string can name where no context fixes the scope: its name in any scope, or the
   * compact form `<scope><sep><name>` whose scope part is itself looked up the same way
   * (`ams1/PP-A:feed-1` is feed-1 of panel PP-A of site ams1).
   */
  findAll(target: KindInfo, value: string): Obj[] {
    const index = this.indexes.get(target.kind)!;
    // A component is named through its owner (`leaf1:Ethernet1`), never by its name alone.
    const direct = target.parent ? [] : index.anywhere(value);
    if (direct.length || !target.key.compact) return direct;
    const scopeRef = this.refField(target, target.key.scope[0]);
    const scopeKind = scopeRef && !scopeRef.spec.kinds ? this.schemas.kinds.get(scopeRef.spec.kind) : undefined;
    if (!scopeKind) return [];
    const sep = compactSeparator(target);
    const hits = new Set<Obj>();
    for (let i = value.indexOf(sep); i > 0; i = value.indexOf(sep, i + 1)) {
      for (const owner of this.findAll(scopeKind, value.slice(0, i))) {
        const hit = index.inScope(String(owner.id), value.slice(i + sep.length));
        if (hit) hits.add(hit);
      }
    }
    return [...hits];
  }

  private lookupExplicit(
    value: Record<string, unknown>,
    target: KindInfo,
    index: KeyIndex,
    contextScope: (Obj | undefined)[] | undefined,
    from: Obj,
    at: DocPath,
    report: (rule: string, message: string, help?: string, data?: Record<string, unknown>) => void,
  ): Obj | undefined {
    const title = kindLabel(target);
    const allowed = explicitFields(target);
    let unknown: string[] | undefined;
    for (const k in value) if (!allowed.has(k)) (unknown ??= []).push(k);
    if (unknown) {
      const names = [...allowed];
      report(
        'resolve/invalid-reference',
        `a reference to ${withArticle(title)} takes the fields ${names.join(', ')}; "${unknown[0]}" is not one of them${suggest(unknown[0], names, 1).length ? `; did you mean "${suggest(unknown[0], names, 1)[0]}"?` : ''}`,
        undefined,
        { kind: target.kind, field: unknown[0] },
      );
      return undefined;
    }
    const scope: (Obj | null)[] = [];
    for (let i = 0; i < target.key.scope.length; i++) {
      const f = target.key.scope[i];
      if (value[f] !== undefined && value[f] !== null) {
        const rf = this.refField(target, f)!;
        // The written mapping stands in for the target object: its own type field picks the kind.
        const holder: Obj = rf.spec.typeField ? { ...from, data: { [rf.spec.typeField]: value[rf.spec.typeField] } } : from;
        const hit = this.lookup(value[f], rf.spec, holder, [...at, f], f);
        if (!hit) return undefined;
        scope.push(hit);
      } else if (contextScope?.[i] && value[f] === undefined) {
        scope.push(contextScope[i]!);
      } else {
        scope.push(NO_SCOPE); // no VRF, no group: the shared empty scope
      }
    }
    const nameField = target.key.names.find((n) => typeof value[n] === 'string' || typeof value[n] === 'number');
    if (!nameField) {
      report('resolve/invalid-reference', `a reference to ${withArticle(title)} needs one of ${target.key.names.map((n) => `"${n}"`).join(', ')}`, undefined, { kind: target.kind });
      return undefined;
    }
    const name = String(value[nameField]);
    const key = scopeKeyOf(scope)!;
    const hit = index.inScope(key, name);
    if (hit) return hit;
    this.dangling(report, title, target.kind, name, index.namesInScope(key), scope[0] ? ` in ${describe(scope[0])}` : '');
    return undefined;
  }

  private createImplicit(target: KindInfo, name: string, file: string, at: DocPath): Obj {
    const data: Record<string, any> = { name };
    if (target.key.names.includes('slug')) data.slug = slugify(name);
    const obj = this.add(target, data, file, at, 'implicit');
    this.indexes.get(target.kind)!.add(obj, '');
    return obj;
  }
}

/** NetBox's UI slugify: lower case, drop what is not a word character, spaces and runs to hyphens. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function compactSeparator(kind: KindInfo): string {
  return /^[a-z_]+(\W)[a-z_]+$/.exec(kind.key.compact ?? '')?.[1] ?? '/';
}

const explicitFieldCache = new WeakMap<KindInfo, Set<string>>();

/** The fields a mapping that refers to an object of `kind` may have: its key, and for a polymorphic
 *  scope (a VLAN group's `scope`) the type field that names the scope's kind (`scope_type`). */
function explicitFields(kind: KindInfo): Set<string> {
  let fields = explicitFieldCache.get(kind);
  if (!fields) {
    const typeFields = kind.key.scope.map((f) => kind.refByField.get(f)?.spec.typeField).filter((f): f is string => !!f);
    fields = new Set([...kind.key.scope, ...typeFields, ...kind.key.names]);
    explicitFieldCache.set(kind, fields);
  }
  return fields;
}

/** Where `from` writes `field` (and its item `index`): built only to report a problem there. */
function fieldPath(from: Obj, field: string, index?: number): DocPath {
  return index === undefined ? [...from.path, field] : [...from.path, field, index];
}

/** Kinds whose natural-key scope or names reach, directly or through other kinds, a component kind. */
export function keyedByComponents(schemas: SchemaSet): Set<string> {
  const out = new Set<string>();
  const memo = new Map<string, boolean>();
  const reaches = (k: KindInfo, seen: Set<string>): boolean => {
    const known = memo.get(k.kind);
    if (known !== undefined) return known;
    if (seen.has(k.kind)) return false;
    seen.add(k.kind);
    let result = false;
    for (const f of [...k.key.scope, ...k.key.names]) {
      const rf = k.refs.find((r) => r.field === f);
      for (const name of rf ? targetKinds(rf.spec) : []) {
        const dep = schemas.kinds.get(name);
        if (dep && dep !== k && (dep.parent || reaches(dep, seen))) result = true;
      }
    }
    memo.set(k.kind, result);
    return result;
  };
  for (const k of schemas.kinds.values()) if (!k.parent && reaches(k, new Set())) out.add(k.kind);
  return out;
}

/** Kinds ordered so that every kind comes after the kinds its natural-key scope refers to. */
export function scopeOrder(schemas: SchemaSet): KindInfo[] {
  const out: KindInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (k: KindInfo) => {
    if (state.get(k.kind) === 'done') return;
    if (state.get(k.kind) === 'visiting') throw new Error(`sot: natural-key scopes form a cycle at ${k.kind}`);
    state.set(k.kind, 'visiting');
    for (const f of k.key.scope) {
      const rf = k.refs.find((r) => r.field === f);
      for (const name of rf ? targetKinds(rf.spec) : []) {
        const dep = schemas.kinds.get(name);
        if (dep && dep !== k) visit(dep);
      }
    }
    state.set(k.kind, 'done');
    out.push(k);
  };
  for (const k of [...schemas.kinds.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1))) visit(k);
  return out;
}

import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { suggest } from '../diagnostics/suggest.js';
import { targetKinds, type KindInfo, type RefField, type RefSpec, type SchemaSet, kindLabel, kindPlural, withArticle } from '../model/kinds.js';
import { describe, displayName, namedPath, type Model, type Obj } from '../model/model.js';
import type { RawItem } from '../validate/validate.js';
import { instantiateComponents } from './components.js';
import { PREFERENCES } from './context.js';
import { NO_KNOWN_PROBLEMS, type KnownProblems } from './known-problems.js';
import { KeyIndex, NO_SCOPE, scopeKeyOf, scopePart, type Entry } from './key-index.js';
import { resolveCables } from './cables.js';
import { settleCustomFields } from './custom-fields.js';
import { assignInlineAddresses } from './inline-ips.js';
import { installModules } from './modules.js';
import { checkTrees } from './trees.js';
import { checkUnique, clashing } from './unique.js';

/**
 * Natural keys, references and hierarchies. Objects are indexed kind by kind in the order their scopes
 * need (sites before locations before racks), components are instantiated from device types, then every
 * remaining reference is looked up. Problems become Diagnostics; resolution never stops at the first.
 */
export function resolve(items: readonly RawItem[], schemas: SchemaSet, out: Diagnostic[], known: KnownProblems = NO_KNOWN_PROBLEMS): Model {
  const r = new Resolver(schemas, out, known);
  return r.run(items);
}

export class Resolver {
  readonly objects: Obj[] = [];
  readonly byKind = new Map<string, Obj[]>();
  readonly indexes = new Map<string, KeyIndex>();

  constructor(
    readonly schemas: SchemaSet,
    readonly out: Diagnostic[],
    /** What parse and validate reported: its consequences are not reported again. */
    readonly known: KnownProblems = NO_KNOWN_PROBLEMS,
  ) {
    for (const kind of known.unreadableKinds) this.brokenKinds.add(kind);
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
    this.noteIncompleteDevices();
    installModules(this);
    this.noteUninstalledModules();
    for (const kind of order) if (!kind.parent && late.has(kind.kind)) indexKind(kind);
    assignInlineAddresses(this);
    for (const obj of this.objects) this.resolveRefs(obj);
    resolveCables(this);
    settleCustomFields(this);
    checkTrees(this);
    checkUnique(this);
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
    if (origin === 'written') {
      const errors = this.known.fieldsWithErrors(file, path);
      if (errors) this.noteSchemaErrors(obj, errors);
    }
    return obj;
  }

  /**
   * Kinds with an object whose key could not be read (a missing or mistyped name, a file YAML could
   * not read): a reference to the kind that finds nothing may name that object, so it is not reported.
   */
  readonly brokenKinds = new Set<string>();
  /** Devices missing components they should have (their type or a module did not resolve). */
  readonly incomplete = new Set<Obj>();

  /** An object with schema errors of its own: checks pass it by; a broken key breaks its kind. */
  private noteSchemaErrors(obj: Obj, errors: ReadonlySet<string>): void {
    const nested = this.inlineLists(obj.kind);
    const key = obj.kind.key;
    let own = false;
    for (const f of errors) {
      if (nested.has(f)) continue; // a component's own problem
      own = true;
      if (key.names.includes(f) || key.scope.includes(f)) this.brokenKinds.add(obj.kind.kind);
    }
    if (!own) return;
    obj.flawed = true;
    obj.errorFields = errors;
    if (key.names.length && !key.names.some((n) => typeof obj.data[n] === 'string' || typeof obj.data[n] === 'number')) this.brokenKinds.add(obj.kind.kind);
  }

  /**
   * An object left out of its kind's index or never built (its scope or owner did not resolve, which
   * is reported): a reference to its name is the same mistake. Without a name, its whole kind is.
   */
  leftOut(kind: KindInfo, data: Record<string, any>): void {
    let names = this.scopeless.get(kind.kind);
    let named = false;
    for (const f of kind.key.names) {
      const v = data[f];
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      if (!names) this.scopeless.set(kind.kind, (names = new Set()));
      names.add(String(v));
      named = true;
    }
    if (!named) this.brokenKinds.add(kind.kind);
  }

  /**
   * Whether an object's place is uncertain: a field that tells it from namesakes (its scope, a filter
   * such as a rack's location, its parent) has a schema error or did not resolve, both reported.
   */
  private unsure(c: Obj): boolean {
    const key = c.kind.key;
    const errors = c.flawed ? this.known.fieldsWithErrors(c.file, c.path) : undefined;
    for (const f of [...key.scope, ...key.filters, ...(c.kind.tree ? [c.kind.tree] : [])]) {
      if (errors?.has(f)) return true;
      if (c.data[f] !== undefined && c.data[f] !== null && c.kind.refByField.has(f) && this.ensureRef(c, f) === undefined) return true;
    }
    return false;
  }

  /** Whether an object has a schema error, or a reference other than `field` that did not resolve: both reported. */
  private hasKnownProblem(obj: Obj, field: string): boolean {
    if (obj.flawed) return true;
    const busy = this.resolving.get(obj);
    for (const f in obj.data) {
      const rf = obj.kind.refByField.get(f);
      if (!rf || rf.many || f === field || busy?.has(f) || obj.data[f] === null || obj.refs[f] !== undefined) continue;
      if (this.missed.get(obj)?.has(f)) return true;
    }
    return false;
  }

  private readonly inlineListsMemo = new Map<KindInfo, Set<string>>();

  /** Fields of an owner kind that list its components inline (a device's `interfaces`). */
  private inlineLists(kind: KindInfo): Set<string> {
    let fields = this.inlineListsMemo.get(kind);
    if (!fields) {
      fields = new Set();
      for (const k of this.schemas.kinds.values()) if (k.parent?.kind === kind.kind) fields.add(k.parent.inline);
      this.inlineListsMemo.set(kind, fields);
    }
    return fields;
  }

  /** Devices whose type did not resolve, or with a module that could not be installed (see incomplete). */
  private noteIncompleteDevices(): void {
    for (const d of this.byKind.get('dcim.device') ?? []) {
      const type = d.refs.device_type as Obj | undefined;
      if (type ? type.flawed : d.data.device_type !== undefined || d.flawed) this.incomplete.add(d);
    }
  }

  /** Modules that could not be installed: their device misses their components (see incomplete). */
  private noteUninstalledModules(): void {
    for (const m of this.byKind.get('dcim.module') ?? []) {
      if (m.refs.module_bay && m.refs.module_type && !(m.refs.module_type as Obj).flawed) continue;
      const device = m.refs.device;
      if (device && !Array.isArray(device)) this.incomplete.add(device);
      else for (const k of this.schemas.kinds.values()) if (k.parent?.kind === 'dcim.device') this.brokenKinds.add(k.kind);
    }
  }

  /**
   * Whether a reference to `value` that finds nothing follows from a mistake reported already: its
   * kind has an object whose key could not be read, it names an object left out, or, written in a
   * compact form (`ams1/PP-A`, `leaf1:Ethernet1`), its owner is one of those or is missing components.
   */
  private explained(target: KindInfo, value: string, owner?: Obj): boolean {
    if (this.brokenKinds.has(target.kind)) return true;
    // A component's name says nothing on its own: one left out was meant for another owner.
    if (this.scopeless.get(target.kind)?.has(value) && !(target.parent && owner)) return true;
    if (owner && this.incomplete.has(owner)) return true;
    if (this.indexes.get(target.kind)!.anywhere(value).some((c) => this.unsure(c))) return true;
    for (const c of target.key.compact) {
      const rf = target.refByField.get(c.field);
      const ownerKind = rf && !rf.spec.kinds ? this.schemas.kinds.get(rf.spec.kind) : undefined;
      if (!ownerKind) continue;
      for (let i = value.indexOf(c.sep); i > 0; i = value.indexOf(c.sep, i + 1)) {
        const rest = value.slice(i + c.sep.length);
        if (!rest) continue;
        if (this.scopeless.get(target.kind)?.has(rest)) return true;
        // Its owner did not resolve (reported): `APC/AP8653` when the type's manufacturer is misspelt.
        if (this.indexes.get(target.kind)!.anywhere(rest).some((h) => h.data[c.field] !== undefined && h.data[c.field] !== null && this.ensureRef(h, c.field) === undefined)) return true;
        const prefix = value.slice(0, i);
        const owners = this.named(ownerKind, prefix, undefined);
        if (owners.length === 0 ? ownerKind !== target && this.explained(ownerKind, prefix) : owners.some((o) => this.incomplete.has(o))) return true;
      }
    }
    return false;
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
    // Most kinds have one scope field (a VLAN's group, an address's VRF): no list of one to build.
    if (scope.length === 1) return scopePart(scopeObj(obj, scope[0]));
    return scopeKeyOf(scope.map((f) => scopeObj(obj, f)));
  }

  /** Answers of find() for mappings whose scope is written as a name (see find). */
  private readonly explicitMemo = new Map<KindInfo, Map<string, Map<unknown, Obj>>>();

  /** Components written with `ip_addresses` (see inline-ips.ts), gathered while they are built. */
  readonly withInlineAddresses: Obj[] = [];

  /**
   * Names of objects left out of their kind's index because their scope did not resolve (a VLAN group
   * scoped to a missing site): a reference to one of them is the same mistake, reported already.
   */
  private readonly scopeless = new Map<string, Set<string>>();

  index(obj: Obj, scopeKey?: string): void {
    if (obj.indexed) return;
    obj.indexed = true;
    const key = scopeKey ?? this.scopeKey(obj);
    if (key === undefined) {
      // Its scope did not resolve; that is reported already.
      this.leftOut(obj.kind, obj.data);
      return;
    }
    // A key field that is a reference (a wireless link's interface_b) compares the object it names.
    if (obj.kind.keyHasRefs) {
      for (const field of obj.kind.key.names) {
        const rf = this.refField(obj.kind, field);
        if (rf && obj.refs[field] === undefined) this.resolveField(obj, rf);
      }
    }
    this.indexes.get(obj.kind.kind)!.add(obj, key);
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
      // Sized to the list (an empty array grows to 17 slots on its first push, and the model keeps
      // hundreds of thousands of these), then cut to the references that resolved.
      const found = new Array<Obj>(value.length);
      let n = 0;
      for (let i = 0; i < value.length; i++) {
        const hit = this.lookup(value[i], rf.spec, obj, undefined, rf.field, i);
        if (hit) found[n++] = hit;
      }
      found.length = n;
      obj.refs[rf.field] = found;
    } else {
      const hit = this.lookup(value, rf.spec, obj, undefined, rf.field);
      if (hit) obj.refs[rf.field] = hit;
      else {
        let missed = this.missed.get(obj);
        if (!missed) this.missed.set(obj, (missed = new Set()));
        missed.add(rf.field);
      }
    }
  }

  /** References resolveField looked up and did not find (each reported, or explained by a reported problem). */
  private readonly missed = new WeakMap<Obj, Set<string>>();

  /** References being resolved through ensureRef, so that a context that leads back to itself stops. */
  private readonly resolving = new Map<Obj, Set<string>>();
  /** References ensureRef tried and could not resolve. */
  private readonly failed = new WeakMap<Obj, Set<string>>();

  /**
   * One reference of an object, resolved now if it was not yet: narrowing by context may need a
   * candidate's location or an IP address's interface before resolution reaches that object.
   */
  ensureRef(obj: Obj, field: string): Obj | undefined {
    const known = obj.refs[field];
    if (known !== undefined) return Array.isArray(known) ? undefined : known;
    if (obj.owner && obj.kind.parent?.field === field) return obj.owner;
    const v = obj.data[field];
    if (v === undefined || v === null) return undefined;
    const rf = obj.kind.refByField.get(field);
    if (!rf || rf.many) return undefined;
    if (this.failed.get(obj)?.has(field)) return undefined;
    let busy = this.resolving.get(obj);
    if (busy?.has(field)) return undefined;
    if (!busy) this.resolving.set(obj, (busy = new Set()));
    busy.add(field);
    try {
      this.resolveField(obj, rf);
    } finally {
      busy.delete(field);
      if (busy.size === 0) this.resolving.delete(obj);
    }
    const r = obj.refs[field];
    if (r === undefined) {
      // Reported once; asked again (a candidate of many references), it stays unresolved at once.
      let failed = this.failed.get(obj);
      if (!failed) this.failed.set(obj, (failed = new Set()));
      failed.add(field);
    }
    return Array.isArray(r) ? undefined : r;
  }

  /** The object at a dotted path of reference fields (`assigned_object.device`); `$` is obj itself. */
  objectAt(obj: Obj, path: string): Obj | undefined {
    if (path === '$') return obj;
    let cur: Obj | undefined = obj;
    for (const f of path.split('.')) {
      if (!cur) return undefined;
      cur = this.ensureRef(cur, f);
    }
    return cur;
  }

  /**
   * Looks up a reference; reports and returns undefined when it does not name exactly one object.
   * `at` is where the value is written; left out, it is `from`'s field (and index), built only if a
   * problem is reported, since most references resolve.
   */
  lookup(value: unknown, spec: RefSpec, from: Obj, atGiven: DocPath | undefined, field: string, index?: number): Obj | undefined {
    // A name YAML read as a number (`group: 10`, `asn: 65001`) means its text.
    if (typeof value === 'number') value = String(value);
    const hit = this.find(value, spec, from) ?? this.lookupOrReport(value, spec, from, atGiven, field, index);
    // The object meant may be one whose key could not be read, or one left out, and this a namesake.
    if (hit && (this.brokenKinds.size || this.scopeless.size) && (this.brokenKinds.has(hit.kind.kind) || (typeof value === 'string' && this.scopeless.get(hit.kind.kind)?.has(value)))) (from.uncertain ??= new Set()).add(field);
    return hit;
  }

  /**
   * The common case of a lookup, with nothing to report: the reference names exactly one object in
   * its context, found without building messages or paths. Anything else (not found, several
   * candidates, created on demand, unusual forms) is left to lookupOrReport, which repeats the lookup,
   * narrows by context and says what is wrong.
   */
  private find(value: unknown, spec: RefSpec, from: Obj): Obj | undefined {
    if (spec.kinds) {
      const chosen = from.data[spec.typeField!];
      return typeof chosen === 'string' && spec.kinds.includes(chosen) ? this.find(value, { ...spec, kinds: undefined, typeField: undefined, kind: chosen }, from) : undefined;
    }
    const target = this.schemas.kinds.get(spec.kind);
    if (!target) return undefined;
    const keyIndex = this.indexes.get(spec.kind)!;
    const scope = target.key.scope;
    let contextKey: string | undefined;
    if (spec.scope && scope.length) {
      if (scope.length !== 1) return undefined;
      const src = spec.scope[scope[0]];
      const o = src ? from.refs[src] ?? (from.owner && from.kind.parent?.field === src ? from.owner : undefined) : undefined;
      if (!o || Array.isArray(o)) return undefined;
      contextKey = String(o.id);
    }
    if (typeof value === 'string') {
      let hit: Entry | undefined;
      if (contextKey !== undefined) hit = keyIndex.get(contextKey, value);
      else if (scope.length === 0) hit = keyIndex.get('', value);
      else {
        const matches = this.named(target, value, undefined);
        hit = matches.length === 1 ? matches[0] : undefined;
      }
      if (hit === undefined || Array.isArray(hit)) return undefined;
      return contextKey === undefined && spec.scope && !this.inContext(hit, spec, from) ? undefined : hit;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value) || scope.length > 1) return undefined;
    const allowed = fastMappingFields(target);
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
            if (known) return !spec.scope || this.inContext(known, spec, from) ? known : undefined;
          }
        }
        if (typeof s !== 'string') return undefined;
        const owner = this.find(s, rf.spec, from);
        if (!owner) return undefined;
        key = String(owner.id);
      } else if (contextKey !== undefined && s === undefined) {
        key = contextKey;
      } else {
        // Not written and not implied: a required scope could be any (lookupOrReport searches them all).
        if (requiredFields(target).has(scope[0])) return undefined;
        key = '-';
      }
    }
    for (const n of target.key.names) {
      const name = v[n];
      if (typeof name === 'string' || typeof name === 'number') {
        const hit = keyIndex.getIn(key, n, String(name));
        if (hit === undefined || Array.isArray(hit)) return undefined;
        if (memo) memo.set(memoName, hit);
        return !spec.scope || this.inContext(hit, spec, from) ? hit : undefined;
      }
    }
    return undefined;
  }

  /** The scope object `from` gives for a reference's scope field (its own reference, or its owner). */
  private fromScope(from: Obj, field: string): Obj | undefined {
    return this.ensureRef(from, field);
  }

  /** Whether a candidate lies in the referencing object's context (the spec's scope): same site, same device… */
  private inContext(c: Obj, spec: RefSpec, from: Obj): boolean {
    return this.outOfContext(c, spec, from) === undefined;
  }

  /** The first scope field where a candidate leaves the referencing object's context. */
  private outOfContext(c: Obj, spec: RefSpec, from: Obj): { field: string; want: Obj; have: Obj | undefined } | undefined {
    for (const tf in spec.scope) {
      const want = this.fromScope(from, spec.scope[tf]);
      if (want === undefined) continue;
      const have = this.ensureRef(c, tf);
      if (have === want) continue;
      if (spec.chassisWide && have && sameVirtualChassis(this, have, want)) continue;
      return { field: tf, want, have };
    }
    return undefined;
  }

  /**
   * The lookup scope the referencing object fixes (a device's rack: the device's site), UNRESOLVED when
   * the field that would give it did not resolve, undefined when the context says nothing.
   */
  private contextScope(spec: RefSpec, target: KindInfo, from: Obj): Obj[] | typeof UNRESOLVED | undefined {
    if (!spec.scope || !target.key.scope.length) return undefined;
    const out: Obj[] = [];
    for (const f of target.key.scope) {
      const src = spec.scope[f];
      if (!src) return undefined;
      const o = this.fromScope(from, src);
      if (!o) return from.data[src] !== undefined && from.data[src] !== null ? UNRESOLVED : undefined;
      out.push(o);
    }
    return out;
  }

  private lookupOrReport(value: unknown, spec: RefSpec, from: Obj, atGiven: DocPath | undefined, field: string, index?: number): Obj | undefined {
    // A value validation refused (`site: ''`) is reported already: that it names nothing is the same mistake.
    if (atGiven === undefined && (index === undefined ? from.errorFields?.has(field) : this.known.fieldsWithErrors(from.file, [...from.path, field])?.has(`#${index}`))) return undefined;
    if (spec.kinds) return this.lookupPolymorphic(value, spec, from, atGiven ?? fieldPath(from, field, index), field);
    const target = this.schemas.kinds.get(spec.kind);
    if (!target) throw new Error(`sot: schema refers to unknown kind ${spec.kind}`);
    const keyIndex = this.indexes.get(spec.kind)!;
    const title = kindLabel(target);
    const at = () => atGiven ?? fieldPath(from, field, index);
    const report = (rule: string, message: string, help?: string, data?: Record<string, unknown>, related?: Diagnostic['related']) =>
      this.report(from, at(), rule, message, help, data, related);

    const ctx = this.contextScope(spec, target, from);
    let candidates: Obj[];
    let shown: string;
    if (typeof value === 'string') {
      if (ctx === UNRESOLVED) return undefined; // the field that gives the context is reported already
      shown = value;
      const ctxKey = ctx ? scopeKeyOf(ctx)! : target.key.scope.length === 0 ? '' : undefined;
      candidates = this.named(target, value, ctxKey);
      if (candidates.length === 0 && ctx) {
        // A component's name on another device says nothing: the name is missing on this one.
        const elsewhere = target.parent ? [] : this.named(target, value, undefined);
        if (elsewhere.length) {
          this.reportWrongScope(report, target, value, elsewhere[0], spec, from);
          return undefined;
        }
        this.dangling(report, title, spec.kind, value, keyIndex.namesInScope(ctxKey!), ` in ${describe(ctx[0])}`, ctx[0]);
        return undefined;
      }
      if (candidates.length === 0) {
        if (spec.implicit && target.key.scope.length === 0) {
          // It may be the object whose key could not be read: created again, it would clash with it.
          if (this.brokenKinds.has(target.kind)) return undefined;
          return this.createImplicit(target, value, from.file, at());
        }
        this.dangling(report, title, spec.kind, value, keyIndex.allNames(), '');
        return undefined;
      }
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const found = this.mappingCandidates(value as Record<string, unknown>, target, ctx === UNRESOLVED ? undefined : ctx, from, at(), report);
      if (!found) return undefined;
      shown = found.shown;
      candidates = found.candidates;
      if (candidates.length === 0) {
        this.dangling(report, title, spec.kind, shown, found.names, found.where);
        return undefined;
      }
    } else {
      // Validation reports a wrong type in the object's own fields; inside a reference mapping it is said here.
      if (from.id < 0) report('resolve/invalid-reference', `a reference to ${withArticle(title)} is a name or a mapping, not ${value === null ? 'empty' : typeof value === 'boolean' ? 'true or false' : 'a list'}`, undefined, { kind: spec.kind });
      return undefined;
    }

    // Whatever its form, a reference stays in its context: a device's rack is in the device's site.
    if (spec.scope) {
      const fitting = candidates.filter((c) => this.inContext(c, spec, from));
      if (fitting.length === 0) {
        this.reportWrongScope(report, target, shown, candidates[0], spec, from);
        return undefined;
      }
      candidates = fitting;
    }
    if (candidates.length > 1 && spec.prefer) candidates = this.narrow(candidates, spec.prefer, from);
    if (candidates.length === 1) return candidates[0];
    // Objects that are duplicates of each other are reported as such; the reference takes the first.
    if (clashing(target, candidates, (o, f) => this.ensureRef(o, f))) return candidates[0];
    this.reportAmbiguous(report, target, shown, candidates, from, field);
    return undefined;
  }

  /** Keeps the candidates the referencing object's context prefers, step by step (see RefSpec.prefer). */
  private narrow(candidates: Obj[], prefer: NonNullable<RefSpec['prefer']>, from: Obj): Obj[] {
    for (const step of prefer) {
      let kept: Obj[];
      if (typeof step === 'string') {
        const predicate = PREFERENCES[step];
        if (!predicate) throw new Error(`sot: unknown preference "${step}" in a schema`);
        kept = predicate(this, candidates, from);
      } else {
        const pairs = Object.entries(step);
        kept = candidates.filter((c) =>
          pairs.every(([targetPath, fromPath]) => {
            const want = this.objectAt(from, fromPath);
            return want !== undefined && this.objectAt(c, targetPath) === want;
          }),
        );
      }
      if (kept.length) candidates = kept;
      if (candidates.length === 1) break;
    }
    return candidates;
  }

  private reportWrongScope(report: Reporter, target: KindInfo, shown: string, candidate: Obj, spec: RefSpec, from: Obj): void {
    // The object meant may be one left out or unreadable, or the candidate's own scope is in doubt.
    if (this.explained(target, shown) || this.unsure(candidate)) return;
    const title = kindLabel(target);
    const off = spec.scope ? this.outOfContext(candidate, spec, from) : undefined;
    const field = off?.field ?? target.key.scope[0];
    const have = off ? off.have : this.ensureRef(candidate, field);
    const want = off?.want ?? this.ensureRef(from, spec.scope?.[field] ?? field);
    const haveText = have ? `${kindLabel(have.kind)} "${displayName(have)}"` : `no ${field.replace(/_/g, ' ')}`;
    report(
      'resolve/wrong-scope',
      `${title} "${excerpt(shown)}" is in ${haveText}, not in ${want ? describe(want) : 'this one'}`,
      `${withArticle(title)} referenced here must belong to the same ${want ? kindLabel(want.kind) : field.replace(/_/g, ' ')}${spec.chassisWide ? ' (or another member of its virtual chassis)' : ''}`,
      { kind: target.kind, value: excerpt(shown), expectedScope: want ? displayName(want) : null, actualScope: have ? displayName(have) : null },
      [{ location: { file: candidate.file, path: candidate.path }, message: describe(candidate) }],
    );
  }

  private reportAmbiguous(report: Reporter, target: KindInfo, shown: string, candidates: Obj[], from?: Obj, field?: string): void {
    // Candidates whose place is in doubt, or a referencing object whose context is, follow from a
    // mistake reported already.
    if (candidates.some((c) => this.unsure(c)) || (from && field !== undefined && this.hasKnownProblem(from, field))) return;
    const pick = this.distinguishing(target, candidates);
    const shownValue = (c: Obj, f: string): string | undefined => {
      if (target.refByField.has(f)) {
        const o = this.ensureRef(c, f);
        return o ? displayName(o) : undefined;
      }
      const v = c.data[f];
      return v === undefined || v === null || v === '' ? undefined : String(v);
    };
    const labels = candidates.map((c) => {
      const extra = pick && pick.field !== target.key.scope[0] ? shownValue(c, pick.field) : undefined;
      return `${describe(c)}${extra ? ` (${pick!.field.replace(/_/g, ' ')} "${extra}")` : ''}`;
    });
    const nameField = target.key.names[0];
    let help = 'the candidates cannot be told apart by their fields; rename one of them';
    if (pick) {
      const firstRef = target.refByField.has(pick.field) ? this.ensureRef(candidates[0], pick.field) : undefined;
      const first = shownValue(candidates[0], pick.field);
      const name = displayName(candidates[0]);
      const typeField = target.refByField.get(pick.field)?.spec.typeField;
      const typed = typeField && firstRef ? `${typeField}: ${firstRef.kind.kind}, ` : '';
      const withName = nameField && pick.field !== nameField && target.key.names.some((n) => candidates[0].data[n] !== undefined);
      const example = `{${typed}${pick.field}: ${first ?? '…'}${withName ? `, ${nameField}: ${name}` : ''}}`;
      const compact = target.key.compact.find((c) => c.field === pick.field);
      help = `say which one: write a mapping such as ${example}${compact && first ? ` or the compact form ${first}${compact.sep}${name}` : ''}`;
      if (pick.context) help += `, or set this object's ${pick.context.replace(/_/g, ' ')}`;
    }
    report(
      'resolve/ambiguous-reference',
      `"${excerpt(shown)}" names ${candidates.length} ${kindPlural(target)}: ${labels.join(', ')}`,
      help,
      { kind: target.kind, value: excerpt(shown), candidates: candidates.map((c) => namedPath(c)) },
      candidates.map((c, i) => ({ location: { file: c.file, path: c.path }, message: labels[i] })),
    );
  }

  /** A reference field whose objects tell the candidates apart (a rack's location, a VLAN's site). */
  private distinguishing(target: KindInfo, candidates: Obj[]): { field: string; context?: string } | undefined {
    // Not the names: the candidates share the name they were found by.
    const fields = [...target.key.scope, ...target.key.filters, ...(target.tree ? [target.tree] : []), ...target.key.handles.flat()];
    const valueOf = (c: Obj, f: string): unknown => (target.refByField.has(f) ? this.ensureRef(c, f) : c.data[f] === '' || c.data[f] === null ? undefined : c.data[f]);
    for (const f of fields) {
      const seen = new Set(candidates.map((c) => valueOf(c, f)));
      if (seen.size === candidates.length && !seen.has(undefined)) return { field: f };
    }
    for (const f of fields) {
      const seen = new Set(candidates.map((c) => valueOf(c, f)));
      if (seen.size > 1) return { field: f };
    }
    return undefined;
  }

  /**
   * The objects a mapping names: it gives a name (or, for objects without one, a handle such as an
   * asset tag) and may add fields that pick one of several (a rack's location). Its reference fields
   * are looked up as the named object's own would be; a scope field it leaves out comes from the
   * referencing object's context. Returns undefined when the mapping itself is wrong (reported).
   */
  private mappingCandidates(
    value: Record<string, unknown>,
    target: KindInfo,
    ctx: Obj[] | undefined,
    from: Obj,
    at: DocPath,
    report: Reporter,
  ): { candidates: Obj[]; shown: string; names: string[]; where: string } | undefined {
    const title = kindLabel(target);
    const allowed = mappingFields(target);
    let unknown: string[] | undefined;
    for (const k in value) if (!allowed.has(k)) (unknown ??= []).push(k);
    if (unknown) {
      const names = [...allowed];
      const close = suggest(unknown[0], names, 1);
      report(
        'resolve/invalid-reference',
        `a reference to ${withArticle(title)} takes the fields ${names.join(', ')}; "${excerpt(unknown[0])}" is not one of them${close.length ? `; did you mean "${close[0]}"?` : ''}`,
        undefined,
        { kind: target.kind, field: excerpt(unknown[0]) },
      );
      return undefined;
    }
    // The mapping stands in for the object it names.
    const holder: Obj = { id: -1, kind: target, data: value, file: from.file, path: at, refs: {}, origin: 'written' };
    const scope = target.key.scope;
    scope.forEach((f, i) => {
      if ((value[f] === undefined || value[f] === null) && ctx?.[i]) holder.refs[f] = ctx[i];
    });
    const typeFields = new Set(target.refs.map((r) => r.spec.typeField).filter((f): f is string => !!f));
    const wants: [string, unknown][] = [];
    for (const f of Object.keys(value)) {
      const v = value[f];
      if (typeFields.has(f) || v === undefined) continue;
      if (v === null) {
        // An explicit empty value picks objects without one: `{group: null, name: NetOps}`.
        wants.push([f, null]);
        continue;
      }
      const rf = target.refByField.get(f);
      if (rf?.spec.typeField && (value[rf.spec.typeField] === undefined || value[rf.spec.typeField] === null)) {
        report('resolve/invalid-reference', `"${f}" in a reference to ${withArticle(title)} needs "${rf.spec.typeField}" to say which kind of object it names (${rf.spec.kinds!.join(', ')})`, undefined, {
          kind: target.kind,
          field: f,
          typeField: rf.spec.typeField,
        });
        return undefined;
      }
      if (rf && !rf.many) {
        const hit = holder.refs[f] ?? this.lookup(v, rf.spec, holder, [...at, f], f);
        if (!hit || Array.isArray(hit)) return undefined;
        holder.refs[f] = hit;
        wants.push([f, hit]);
      } else {
        wants.push([f, v]);
      }
    }
    const index = this.indexes.get(target.kind)!;
    const nameField = target.key.names.find((n) => typeof value[n] === 'string' || typeof value[n] === 'number');
    let candidates: Obj[];
    let shown: string;
    let names: string[];
    let where = '';
    if (nameField) {
      shown = String(value[nameField]);
      const scopeObjs = scope.map((f) => {
        const o = holder.refs[f];
        if (o && !Array.isArray(o)) return o;
        return requiredFields(target).has(f) && value[f] !== null ? undefined : NO_SCOPE;
      });
      if (scopeObjs.every((o) => o !== undefined)) {
        const key = scopeKeyOf(scopeObjs)!;
        candidates = index.allIn(key, nameField, shown);
        names = index.namesInScope(key);
        if (scopeObjs[0]) where = ` in ${describe(scopeObjs[0])}`;
      } else {
        candidates = index.allIn(undefined, nameField, shown);
        names = index.allNames();
      }
    } else {
      const handle = target.key.handles.find((h) => h.every((f) => value[f] !== undefined && value[f] !== null));
      if (!handle) {
        const forms = [...target.key.names.map((n) => `"${n}"`), ...target.key.handles.map((h) => h.map((f) => `"${f}"`).join(' + '))];
        report('resolve/invalid-reference', `a reference to ${withArticle(title)} needs ${forms.length > 1 ? 'one of ' : ''}${forms.join(', ')}`, undefined, { kind: target.kind });
        return undefined;
      }
      shown = handle.map((f) => `${f} ${holder.refs[f] ? displayName(holder.refs[f] as Obj) : String(value[f])}`).join(', ');
      candidates = this.handleIndex(target, handle).get(handle.map((f) => (target.refByField.has(f) ? `#${(holder.refs[f] as Obj).id}` : String(value[f]))).join('\0')) ?? [];
      names = [];
    }
    const keep = (c: Obj) =>
      wants.every(([f, want]) => {
        if (want === null) return (c.data[f] === undefined || c.data[f] === null || c.data[f] === '') && this.ensureRef(c, f) === undefined;
        if (typeof want === 'object') return this.ensureRef(c, f) === want;
        const have = c.data[f];
        if (have === undefined || have === null) return false;
        return target.key.names.includes(f) ? index.norm(String(have)) === index.norm(String(want)) : String(have) === String(want);
      });
    const filters = wants.filter(([f]) => f !== nameField && !scope.includes(f) && !(handleFields(target).has(f) && !nameField));
    if (filters.length) where += ` with ${filters.map(([f, w]) => `${f.replace(/_/g, ' ')} ${w === null ? 'empty' : `"${typeof w === 'object' ? displayName(w as Obj) : String(w)}"`}`).join(' and ')}`;
    return { candidates: candidates.filter(keep), shown, names, where };
  }

  private readonly handleIndexes = new Map<string, Map<string, Obj[]>>();

  /** Objects by the values of one handle (a device's asset tag; rack, position and face), built on first use. */
  private handleIndex(kind: KindInfo, handle: string[]): Map<string, Obj[]> {
    const id = `${kind.kind}\0${handle.join('\0')}`;
    let index = this.handleIndexes.get(id);
    if (index) return index;
    index = new Map();
    this.handleIndexes.set(id, index);
    for (const obj of this.byKind.get(kind.kind)!) {
      const parts: string[] = [];
      for (const f of handle) {
        const v = obj.data[f];
        if (v === undefined || v === null || v === '') break;
        if (kind.refByField.has(f)) {
          const o = this.ensureRef(obj, f);
          if (!o) break;
          parts.push(`#${o.id}`);
        } else parts.push(String(v));
      }
      if (parts.length !== handle.length) continue;
      const key = parts.join('\0');
      const list = index.get(key);
      if (list) list.push(obj);
      else index.set(key, [obj]);
    }
    return index;
  }

  /** A generic foreign key: `scope_type: dcim.site` + `scope: ams1` picks the kind, then looks up. */
  private lookupPolymorphic(value: unknown, spec: RefSpec, from: Obj, at: DocPath, field: string): Obj | undefined {
    const typeField = spec.typeField!;
    const chosen = from.data[typeField];
    if (typeof chosen !== 'string') {
      // Schemas pair the two fields with dependentRequired, and validation has said so already; a type
      // field that is written but not a text, or misspelt, is validation's too.
      if ((from.kind.schema?.dependentRequired?.[field] ?? []).includes(typeField)) return undefined;
      if ((chosen !== undefined && chosen !== null) || this.known.fieldsWithErrors(from.file, from.path)?.has(typeField)) return undefined;
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
    return this.lookup(value, { ...spec, kinds: undefined, typeField: undefined, kind: chosen }, from, at, field);
  }

  /** Reports a reference that names no object, or not exactly one (the only costly path of a lookup). */
  report(from: Obj, at: DocPath, rule: string, message: string, help?: string, data?: Record<string, unknown>, related?: Diagnostic['related']): void {
    this.out.push({ rule, severity: 'error', message, location: { file: from.file, path: at }, modelPath: from.id >= 0 ? namedPath(from) : undefined, help, related, data });
  }

  private dangling(report: Reporter, title: string, kind: string, value: string, candidates: string[], where: string, owner?: Obj): void {
    if (this.explained(this.schemas.kinds.get(kind)!, value, owner)) return;
    const seen = new Set<string>();
    const close = suggest(value, candidates, 6).filter((c) => !seen.has(c.toLowerCase()) && seen.add(c.toLowerCase())).slice(0, 3);
    report(
      'resolve/dangling-reference',
      `no ${title} "${excerpt(value)}"${where}${close.length ? `; did you mean "${close[0]}"?` : ''}`,
      close.length > 1 ? `close names: ${close.join(', ')}` : `define the ${title} or fix the name`,
      { kind, value: excerpt(value), candidates: close },
    );
  }

  /**
   * Every object a string can name: its name in the given lookup scope (or in any scope), else a
   * compact form `<field><sep><name>` whose first part is itself looked up the same way
   * (`ams1/PP-A:feed-1` is feed-1 of panel PP-A of site ams1; `europe/nl` the region nl under europe).
   */
  named(target: KindInfo, value: string, scopeKey: string | undefined, memo?: Map<string, Obj[]>): Obj[] {
    const index = this.indexes.get(target.kind)!;
    // A component is named through its owner (`leaf1:Ethernet1`), never by its name alone.
    const direct = scopeKey !== undefined ? index.inScope(scopeKey, value) : target.parent ? [] : index.anywhere(value);
    if (direct.length || target.key.compact.length === 0) return direct;
    // Every split of `a/b/c/…` asks about the same prefixes again: answer each once per lookup.
    const memoKey = `${target.kind}\0${scopeKey ?? ''}\0${value}`;
    const known = memo?.get(memoKey);
    if (known) return known;
    memo ??= new Map();
    memo.set(memoKey, []);
    const hits = new Set<Obj>();
    for (const c of target.key.compact) {
      const rf = target.refByField.get(c.field);
      const ownerKind = rf && !rf.spec.kinds ? this.schemas.kinds.get(rf.spec.kind) : undefined;
      if (!ownerKind) continue;
      const isScope = target.key.scope.length === 1 && target.key.scope[0] === c.field;
      for (let i = value.indexOf(c.sep); i > 0; i = value.indexOf(c.sep, i + 1)) {
        const rest = value.slice(i + c.sep.length);
        if (!rest) continue;
        // A parent of the same kind (a location's parent location) is named in the same scope.
        let owners = this.named(ownerKind, value.slice(0, i), ownerKind === target ? scopeKey : undefined, memo);
        // Owners that are duplicates of each other (reported as such) stand for the first one.
        if (owners.length > 1 && clashing(ownerKind, owners, (o, f) => this.ensureRef(o, f))) owners = [owners[0]];
        for (const owner of owners) {
          if (isScope) {
            for (const h of index.inScope(String(owner.id), rest)) hits.add(h);
          } else {
            const named = scopeKey !== undefined ? index.inScope(scopeKey, rest) : index.anywhere(rest);
            for (const h of named) if (this.ensureRef(h, c.field) === owner) hits.add(h);
          }
        }
      }
    }
    const found = [...hits];
    memo.set(memoKey, found);
    return found;
  }

  private createImplicit(target: KindInfo, name: string, file: string, at: DocPath): Obj {
    const data: Record<string, any> = { name };
    if (target.key.names.includes('slug')) data.slug = slugify(name);
    const obj = this.add(target, data, file, at, 'implicit');
    this.indexes.get(target.kind)!.add(obj, '');
    return obj;
  }
}

/** The object a scope field names: NO_SCOPE when left empty, undefined when it did not resolve. */
function scopeObj(obj: Obj, field: string): Obj | null | undefined {
  return obj.data[field] === undefined && !obj.refs[field] ? NO_SCOPE : (obj.refs[field] as Obj | undefined);
}

type Reporter = (rule: string, message: string, help?: string, data?: Record<string, unknown>, related?: Diagnostic['related']) => void;

const UNRESOLVED = Symbol('unresolved');

function sameVirtualChassis(r: Resolver, a: Obj, b: Obj): boolean {
  const vc = r.ensureRef(a, 'virtual_chassis');
  return vc !== undefined && vc === r.ensureRef(b, 'virtual_chassis');
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

/** A field set derived from a kind's schema, computed once per kind. */
function perKind(compute: (kind: KindInfo) => Set<string>): (kind: KindInfo) => Set<string> {
  const cache = new WeakMap<KindInfo, Set<string>>();
  return (kind) => {
    let fields = cache.get(kind);
    if (!fields) cache.set(kind, (fields = compute(kind)));
    return fields;
  };
}

/** Type fields of the kind's polymorphic scope fields (`scope_type` for `scope`). */
const typeFieldsOf = perKind((kind) => new Set(kind.key.scope.map((f) => kind.refByField.get(f)?.spec.typeField).filter((f): f is string => !!f)));

/** The fields of a mapping that find() answers without help: the key's scope and names, and the type
 *  field of a polymorphic scope (a VLAN group's `scope_type`). */
const fastMappingFields = perKind((kind) => new Set([...kind.key.scope, ...typeFieldsOf(kind), ...kind.key.names]));

/** The fields of the kind's handles (`asset_tag`; `rack`, `position`, `face`…). */
const handleFields = perKind((kind) => new Set(kind.key.handles.flat()));

/** Every field a mapping that refers to an object of `kind` may have. */
const mappingFields = perKind((kind) => {
  const fields = new Set([...fastMappingFields(kind), ...kind.key.handles.flat(), ...kind.key.filters, ...(kind.tree ? [kind.tree] : [])]);
  for (const f of [...fields]) {
    const typeField = kind.refByField.get(f)?.spec.typeField;
    if (typeField) fields.add(typeField);
  }
  return fields;
});

/** Fields every object of the kind has: a reference that leaves one out may mean any value of it. */
const requiredFields = perKind((kind) => {
  const fields = new Set<string>(kind.schema?.required ?? []);
  if (kind.parent) fields.add(kind.parent.field);
  return fields;
});

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

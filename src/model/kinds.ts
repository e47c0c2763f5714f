import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The JSON Schemas under schema/ are the single source of truth for every kind: fields, choice values,
// references (x-ref), natural keys (x-key), hierarchies (x-tree) and component ownership (x-parent).
// This module reads those annotations once; no phase hard-codes a kind's fields.

export interface RefSpec {
  /** Target kind, e.g. `dcim.rack`; for a polymorphic reference, chosen by `typeField` among `kinds`. */
  kind: string;
  /** Polymorphic reference (NetBox's generic foreign keys: scope, assigned_object, termination…). */
  kinds?: string[];
  /** The sibling field naming the target kind of a polymorphic reference (e.g. `scope_type`). */
  typeField?: string;
  /** Target scope field → this object's field holding the same scope object (e.g. {site: 'site'}). */
  scope?: Record<string, string>;
  /** An unknown name creates the target (manufacturers named by device-type files). */
  implicit?: boolean;
  /**
   * How the referencing object's context picks one of several objects of the same name, in order;
   * each step narrows only when some candidate passes it. `{targetPath: fromPath}` keeps candidates
   * whose object at targetPath (reference fields joined by dots) is this object's at fromPath (`$` is
   * the object itself); a plain string names a predicate of resolve/context.ts.
   */
  prefer?: (Record<string, string> | string)[];
  /** With scope `{device: device}`: a component of another member of the same virtual chassis will do. */
  chassisWide?: boolean;
}

/** One of NetBox's uniqueness constraints (a UniqueConstraint, unique=True, or a uniqueness clean()). */
export interface UniqueConstraint {
  fields: string[];
  /** Fields compared without regard to case (NetBox's Lower()). */
  lower?: string[];
  /** A conditional constraint: it applies only to objects whose these fields are empty. */
  whenEmpty?: string[];
  /** Fields whose emptiness is a value of its own here (no VRF: the global table). */
  nullsEqual?: string[];
}

export interface RefField {
  field: string;
  many: boolean;
  spec: RefSpec;
}

export interface KeySpec {
  /** Reference fields whose objects scope the names (a location's site). Empty: names are global. */
  scope: string[];
  /** Fields that each identify an object within its scope; the first is the display name. */
  names: string[];
  caseInsensitive: boolean;
  /** `manufacturer/model`, `device:name`, `parent/name`: compact string forms `<field><sep><name>`,
   *  the field's object named first; the separator is the character between the two field names. */
  compact: Compact[];
  /** Field sets that identify an object without a name (a device's asset tag; rack, position and face). */
  handles: string[][];
  /** Further fields a mapping may give to pick one of several objects of a name (a rack's location). */
  filters: string[];
}

export interface Compact {
  /** The form as written in the schema, e.g. `site/name`. */
  form: string;
  /** The field whose object the first part names. */
  field: string;
  sep: string;
}

export interface KindInfo {
  kind: string;
  collection: string;
  title: string;
  /** The title inside a sentence (see kindLabel). */
  label: string;
  schemaId: string;
  schemaFile: string;
  schema: Record<string, any>;
  key: KeySpec;
  refs: RefField[];
  refByField: Map<string, RefField>;
  /** Objects of the kind may set custom fields. */
  customFields: boolean;
  /** A natural-key name field is a reference (compared by the object it names). */
  keyHasRefs: boolean;
  /** The field that points to the parent in a hierarchy of this kind (regions, locations…). */
  tree?: string;
  /** Components: the owning kind and the list name under which they are written inline. */
  parent?: { field: string; kind: string; inline: string };
  /** Fields a component must have when the device type does not already provide it. */
  requiredWhenNew: string[];
  /** NetBox's uniqueness constraints for the kind (`x-unique`). */
  unique: UniqueConstraint[];
  /** Files in a folder of this name hold one definition each (devicetype-library layout). */
  fileFolder?: string;
}

export interface SchemaSet {
  root: string;
  /** sha256 of every schema document: tells whether precompiled validators fit these schemas. */
  hash: string;
  /** Every schema document by $id (kinds and shared definitions). */
  documents: Map<string, Record<string, any>>;
  kinds: Map<string, KindInfo>;
  byCollection: Map<string, KindInfo>;
  byFolder: Map<string, KindInfo>;
}

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'schema', 'defs', 'common.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('sot: cannot find the schema/ folder of the installation');
    dir = up;
  }
}

function listJson(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listJson(join(dir, entry.name), rel));
    // `*.schema.json` files describe what sot writes (the diff's JSON), not inventory files: not loaded here.
    else if (entry.name.endsWith('.json') && !entry.name.endsWith('.schema.json')) out.push(rel);
  }
  return out;
}

function refSpec(raw: any): RefSpec {
  return { ...raw, kind: raw.kind ?? '' };
}

function collectRefs(properties: Record<string, any>): RefField[] {
  const refs: RefField[] = [];
  for (const [field, prop] of Object.entries(properties ?? {})) {
    if (prop?.['x-ref']) refs.push({ field, many: false, spec: refSpec(prop['x-ref']) });
    else if (prop?.type === 'array' && prop.items?.['x-ref']) refs.push({ field, many: true, spec: refSpec(prop.items['x-ref']) });
  }
  return refs;
}

function parseCompact(form: string): Compact {
  const m = /^([a-z_]+)(\W)[a-z_]+$/.exec(form);
  if (!m) throw new Error(`sot: compact form "${form}" is not <field><separator><name>`);
  return { form, field: m[1], sep: m[2] };
}

/** The kinds a reference may point to. */
export function targetKinds(spec: RefSpec): string[] {
  return spec.kinds ?? [spec.kind];
}

let cached: SchemaSet | undefined;

export function loadSchemas(root = join(packageRoot(), 'schema')): SchemaSet {
  if (cached && cached.root === root) return cached;
  const documents = new Map<string, Record<string, any>>();
  const kinds = new Map<string, KindInfo>();
  const hash = createHash('sha256');
  for (const rel of listJson(root)) {
    const text = readFileSync(join(root, rel), 'utf8');
    hash.update(`${rel}\0${text}\0`);
    const schema = JSON.parse(text);
    documents.set(schema.$id, schema);
    if (!schema['x-kind']) continue;
    // Shared definitions such as `tags` carry their x-ref one level down; inline them for the registry.
    const props: Record<string, any> = {};
    for (const [name, prop] of Object.entries<any>(schema.properties ?? {})) {
      props[name] = prop?.$ref === 'urn:sot:defs:common#/$defs/tags' ? { type: 'array', items: { 'x-ref': { kind: 'extras.tag' } } } : prop;
    }
    const key = schema['x-key'];
    kinds.set(schema['x-kind'], {
      kind: schema['x-kind'],
      collection: schema['x-collection'],
      title: schema.title,
      label: String(schema.title).replace(/^[A-Z](?![A-Z0-9])/, (c) => c.toLowerCase()),
      schemaId: schema.$id,
      schemaFile: `schema/${rel}`,
      schema,
      key: {
        scope: key.scope ?? [],
        names: key.names,
        caseInsensitive: !!key.caseInsensitive,
        compact: ([] as string[]).concat(key.compact ?? []).map(parseCompact),
        handles: key.handles ?? [],
        filters: key.filters ?? [],
      },
      refs: collectRefs(props),
      refByField: new Map(collectRefs(props).map((r) => [r.field, r])),
      customFields: props.custom_fields !== undefined,
      keyHasRefs: key.names.some((n: string) => props[n]?.['x-ref'] !== undefined),
      tree: schema['x-tree'],
      parent: schema['x-parent'],
      requiredWhenNew: schema['x-required-when-new'] ?? [],
      unique: schema['x-unique'] ?? [],
      fileFolder: schema['x-file-folder'],
    });
  }
  const byCollection = new Map([...kinds.values()].map((k) => [k.collection, k]));
  const byFolder = new Map([...kinds.values()].filter((k) => k.fileFolder).map((k) => [k.fileFolder!, k]));
  for (const k of kinds.values()) {
    for (const rf of k.refs) {
      for (const target of targetKinds(rf.spec)) {
        if (!kinds.has(target)) throw new Error(`sot: ${k.schemaFile}: "${rf.field}" refers to an unknown kind "${target}"`);
      }
    }
  }
  cached = { root, hash: hash.digest('hex'), documents, kinds, byCollection, byFolder };
  return cached;
}

/** The kind's name inside a sentence: "device type", but "IP address", "VM interface", "wireless LAN". */
export function kindLabel(info: { title: string; label?: string }): string {
  return info.label ?? info.title.replace(/^[A-Z](?![A-Z0-9])/, (c) => c.toLowerCase());
}

export function kindPlural(info: { title: string }): string {
  const label = kindLabel(info);
  if (/chassis$/.test(label)) return label;
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(label)) return `${label}es`;
  return `${label}s`;
}

/** "a device", "an interface", "an IP address", "an L2VPN", "a MAC address". */
export function withArticle(label: string): string {
  const vowelSound = /^[aeiou]/.test(label) || (/^[A-Z]{2}/.test(label) && /^[AEFHILMNORSX]/.test(label) && !/^MAC\b/.test(label));
  return `${vowelSound ? 'an' : 'a'} ${label}`;
}

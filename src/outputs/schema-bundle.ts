import type { KindInfo, SchemaSet } from '../model/kinds.js';

/**
 * Self-contained JSON Schemas for editors (yaml-language-server): every `urn:sot:…` reference becomes
 * a local `#/$defs/…` pointer so an editor needs no resolver and no network.
 *
 * An editor sees a YAML 1.2 reading of each value, while sot settles a value against the field it is
 * written in (src/validate/validate.ts settle): a number or boolean in a text field is its text
 * (`color: 795548`, `serial: 12345`), yes/no/on/off in a boolean field is a boolean, and an empty
 * value (`tenant:`, `status: ~`, `description: ''`) in an optional field is no value. The editor
 * schemas say the same (see editorSchema), so the editor flags what `sot check` flags and nothing else;
 * sot's own validation schemas stay strict.
 */
export interface SchemaBundle {
  /** File name → schema, e.g. `inventory.schema.json`. */
  files: Map<string, Record<string, unknown>>;
  /** File name → the inventory globs it applies to, for editor settings. */
  globs: Map<string, string[]>;
}

function defName(id: string): string {
  return id.replace(/^urn:sot:/, '').replace(/:/g, '-');
}

/** Rewrites `$ref`s for a document embedded at `#/$defs/<self>`: other documents by name, its own `#/…` under itself. */
function rewrite(value: unknown, self?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, self));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$id' || k === '$schema') continue;
    if (k === '$ref' && typeof v === 'string') {
      const [doc, pointer] = v.split('#');
      out.$ref = doc ? `#/$defs/${defName(doc)}${pointer ?? ''}` : self ? `#/$defs/${self}${pointer ?? ''}` : v;
    } else {
      out[k] = rewrite(v, self);
    }
  }
  return out;
}

/** YAML 1.1 booleans sot reads as true or false where a field wants a boolean (src/parse/scalars.ts). */
const YAML11_BOOLEAN = '^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$';

type Schema = Record<string, any>;

/** The types a schema admits, following local `#/$defs/…` pointers; undefined when it does not say. */
function typesOf(schema: Schema | undefined, defs: Record<string, Schema>, depth = 0): Set<string> | undefined {
  if (!schema || typeof schema !== 'object' || depth > 20) return undefined;
  if (schema.type !== undefined) return new Set([].concat(schema.type));
  if (typeof schema.$ref === 'string') return typesOf(lookup(schema.$ref, defs), defs, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    const out = new Set<string>();
    for (const a of alternatives) for (const t of typesOf(a, defs, depth + 1) ?? []) out.add(t);
    return out;
  }
  return undefined;
}

function lookup(ref: string, defs: Record<string, Schema>): Schema | undefined {
  const parts = ref.replace(/^#\/\$defs\//, '').split('/');
  let node: any = defs[parts[0]];
  for (const p of parts.slice(1)) node = node?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

/** `08`, `1.5`, `true`: the YAML 1.2 reading of a choice value written plain, when it is not text. */
function yamlReading(text: string): number | boolean | undefined {
  if (/^[-+]?(?:[0-9]+|[0-9]*\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  return undefined;
}

/** Adds the forms an editor sees for values sot reads as text or as booleans (see settle). */
function settleLeaf(node: Schema): Schema {
  if (node.type === undefined) return node;
  const types: string[] = [].concat(node.type);
  const out = { ...node };
  if (types.includes('string')) {
    // sot keeps the text of a number or boolean written in a text field; an editor sees the number.
    out.type = [...types, ...['number', 'boolean'].filter((t) => !types.includes(t))];
    const choices: unknown[] | undefined = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : undefined;
    if (choices) {
      const read = choices.flatMap((c) => (typeof c === 'string' ? [yamlReading(c)] : [])).filter((v) => v !== undefined);
      if (read.length) {
        delete out.const;
        out.enum = [...choices, ...read.filter((v) => !choices.includes(v))];
      }
    }
  } else if (types.includes('boolean')) {
    out.type = [...types, 'string'];
    out.pattern = YAML11_BOOLEAN;
    out.patternErrorMessage = 'true or false (yes/no/on/off are read as true/false too)';
  }
  return out;
}

/** What a reference names, for the editor's hover: the kind and the key it is written by. */
function refDescription(xref: Schema, schemas: SchemaSet): string | undefined {
  const kinds: string[] = [].concat(xref.kind ?? xref.kinds ?? []);
  const infos = kinds.map((k) => schemas.kinds.get(k)).filter((k): k is KindInfo => k !== undefined);
  if (!infos.length) return undefined;
  const one = (k: KindInfo): string => {
    const within = k.key.scope.length ? ` (unique within its ${k.key.scope.join(' and ')})` : '';
    const compact = k.key.compact.map((c) => `, or as \`${c.form}\``).join('');
    return `a ${k.label} (\`${k.kind}\`) by its ${k.key.names.join(' or ')}${within}${compact}`;
  };
  return `Refers to ${infos.map(one).join('; or ')}; or by a mapping of its key fields.`;
}

/** Keywords whose values are data or names, not schemas: copied as they are. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'required', 'dependentRequired', 'title', 'description', 'pattern', 'format', '$ref']);

/**
 * The editor's form of one schema: leaves take the YAML forms sot settles (settleLeaf); an optional
 * property also takes null (sot drops it) and, for text and choice fields other than status, '' (sot
 * drops a blank where NetBox allows one); a reference says what it refers to.
 */
function editorSchema(node: unknown, defs: Record<string, Schema>, schemas: SchemaSet): unknown {
  if (Array.isArray(node)) return node.map((n) => editorSchema(n, defs, schemas));
  if (node === null || typeof node !== 'object') return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    // sot's own keywords mean nothing to an editor, and beside a $ref they hide the hover text.
    if (k.startsWith('x-')) continue;
    if (DATA_KEYWORDS.has(k)) out[k] = v;
    else if (k === 'properties' && v && typeof v === 'object') {
      const required = new Set<string>(Array.isArray(src.required) ? src.required : []);
      out.properties = Object.fromEntries(
        Object.entries(v as Schema).map(([name, p]) => {
          const t = editorSchema(p, defs, schemas) as Schema;
          return [name, required.has(name) ? t : optional(t, p as Schema, name, defs)];
        }),
      );
    } else if ((k === 'additionalProperties' && v && typeof v === 'object') || k === 'patternProperties') {
      out[k] =
        k === 'additionalProperties'
          ? optional(editorSchema(v, defs, schemas) as Schema, v as Schema, undefined, defs)
          : Object.fromEntries(Object.entries(v as Schema).map(([re, p]) => [re, optional(editorSchema(p, defs, schemas) as Schema, p as Schema, undefined, defs)]));
    } else {
      out[k] = editorSchema(v, defs, schemas);
    }
  }
  if (src['x-ref'] && out.description === undefined) {
    const text = refDescription(src['x-ref'], schemas);
    if (text) {
      out.description = text;
      out.markdownDescription = text;
    }
  }
  return settleLeaf(out);
}

/** An optional property's schema: its own, null, and '' where sot treats a blank as not set. */
function optional(t: Schema, raw: Schema, name: string | undefined, defs: Record<string, Schema>): Schema {
  const types = typesOf(raw, defs);
  const blank = name !== 'status' && (types === undefined || types.has('string'));
  const hoisted: Schema = {};
  for (const k of ['title', 'description', 'markdownDescription']) if (t[k] !== undefined) hoisted[k] = t[k];
  return { ...hoisted, anyOf: [t, { type: 'null' }, ...(blank ? [{ const: '' }] : [])] };
}

/**
 * Inline components (a device's `interfaces:`) belong to the object they are written under: their
 * schema does not offer the owner field (`device`).
 */
function inlineComponents(defs: Record<string, Schema>, schemas: SchemaSet): void {
  for (const kind of schemas.kinds.values()) {
    const parent = kind.parent;
    const owner = parent && schemas.kinds.get(parent.kind);
    const component = defs[defName(kind.schemaId)];
    const list = owner && defs[defName(owner.schemaId)]?.properties?.[parent.inline];
    if (!parent || !component || !list?.items?.$ref) continue;
    const name = `${defName(kind.schemaId)}-inline`;
    const { [parent.field]: _owner, ...properties } = component.properties ?? {};
    defs[name] = {
      ...component,
      description: `${component.description ?? kind.title}: written under its ${parent.kind.split('.')[1]}, which it belongs to.`,
      properties,
      required: (component.required ?? []).filter((f: string) => f !== parent.field),
    };
    list.items = { ...list.items, $ref: `#/$defs/${name}` };
  }
}

function bundle(schemas: SchemaSet, root: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, Schema> = {};
  for (const [id, doc] of [...schemas.documents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (id === 'urn:sot:settings') continue;
    raw[defName(id)] = rewrite(doc, defName(id)) as Schema;
  }
  inlineComponents(raw, schemas);
  const $defs: Record<string, unknown> = {};
  for (const name of Object.keys(raw).sort()) $defs[name] = editorSchema(raw[name], raw, schemas);
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...root, $defs };
}

export function schemaBundle(schemas: SchemaSet): SchemaBundle {
  const files = new Map<string, Record<string, unknown>>();
  const globs = new Map<string, string[]>();
  const collections: Record<string, unknown> = {};
  for (const kind of [...schemas.kinds.values()].sort((a, b) => (a.collection < b.collection ? -1 : 1))) {
    collections[kind.collection] = {
      description: kind.schema.description,
      type: ['array', 'null'],
      items: { $ref: `#/$defs/${defName(kind.schemaId)}` },
    };
  }
  files.set(
    'inventory.schema.json',
    bundle(schemas, {
      title: 'sot inventory data file',
      description: 'A mapping of collections (NetBox REST endpoint names in snake_case) to lists of objects.',
      type: 'object',
      additionalProperties: false,
      properties: collections,
    }),
  );
  const folders: string[] = [];
  for (const kind of schemas.byFolder.values()) {
    const name = `${kind.fileFolder!.replace(/s$/, '')}.schema.json`;
    files.set(name, bundle(schemas, { $ref: `#/$defs/${defName(kind.schemaId)}` }));
    globs.set(name, [`${kind.fileFolder}/**/*.yaml`, `${kind.fileFolder}/**/*.yml`]);
    folders.push(kind.fileFolder!);
  }
  // sot.yaml is settled as data files are (settings.ts validates it with validateItem).
  const settings = rewrite(schemas.documents.get('urn:sot:settings')) as Schema;
  files.set('settings.schema.json', { $schema: 'https://json-schema.org/draft/2020-12/schema', ...(editorSchema(settings, settings.$defs ?? {}, schemas) as Schema) });
  globs.set('settings.schema.json', ['sot.yaml']);
  globs.set('inventory.schema.json', ['**/*.yaml', '**/*.yml', '!sot.yaml', ...folders.sort().map((f) => `!${f}/**`)]);
  return { files, globs };
}

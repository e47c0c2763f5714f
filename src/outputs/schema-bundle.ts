import type { SchemaSet } from '../model/kinds.js';

/**
 * Self-contained JSON Schemas for editors (yaml-language-server): every `urn:sot:…` reference becomes
 * a local `#/$defs/…` pointer so an editor needs no resolver and no network.
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

function bundle(schemas: SchemaSet, root: Record<string, unknown>): Record<string, unknown> {
  const $defs: Record<string, unknown> = {};
  for (const [id, doc] of [...schemas.documents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (id === 'urn:sot:settings') continue;
    $defs[defName(id)] = rewrite(doc, defName(id));
  }
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
  files.set('settings.schema.json', rewrite(schemas.documents.get('urn:sot:settings')) as Record<string, unknown>);
  globs.set('settings.schema.json', ['sot.yaml']);
  globs.set('inventory.schema.json', ['**/*.yaml', '**/*.yml', '!sot.yaml', ...folders.sort().map((f) => `!${f}/**`)]);
  return { files, globs };
}

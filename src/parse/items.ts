import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { ProblemCount } from '../diagnostics/limit.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { type SchemaSet, kindLabel, kindPlural, withArticle } from '../model/kinds.js';
import type { RawItem } from '../validate/validate.js';
import type { ParsedFile } from './parse-file.js';

/**
 * Splits a parsed file into objects. A file under a `device-types/` or `module-types/` folder holds
 * one definition (the devicetype-library layout); any other data file is a mapping of collection
 * names (NetBox's REST endpoints in snake_case) to lists of objects.
 */
export function collectItems(parsed: ParsedFile, schemas: SchemaSet, out: Diagnostic[]): RawItem[] {
  const { file, data } = parsed;
  const folders = file.split('/').slice(0, -1);
  const single = folders.map((f) => schemas.byFolder.get(f)).find((k) => k !== undefined);
  // An empty data file holds no collections, which is fine; an empty device type file defines nothing.
  if ((data === undefined || data === null) && (!single || parsed.diagnostics.length > 0)) return [];
  if (single) {
    if (!isPlainObject(data)) {
      out.push({
        rule: 'schema/wrong-type',
        severity: 'error',
        message: `${withArticle(kindLabel(single))} file must hold one ${kindLabel(single)} as a mapping, not ${data === undefined || data === null ? 'an empty file' : typeName(data)}`,
        location: { file, path: [] },
        data: { expected: ['object'] },
      });
      return [];
    }
    // Collections (`device_types:` and a list) where the definition's fields belong: one mistake, the
    // layout, not a missing field for each field the kind requires.
    const fields = single.schema?.properties ?? {};
    const keys = Object.keys(data);
    if (keys.length > 0 && keys.every((k) => schemas.byCollection.has(k) && !(k in fields))) {
      const folder = folders.find((f) => schemas.byFolder.get(f) === single)!;
      out.push({
        rule: 'schema/wrong-type',
        severity: 'error',
        message: `a file under ${folder}/ holds one ${kindLabel(single)}, its fields at the top (the devicetype-library layout), not collections like "${excerpt(keys[0]!)}"`,
        location: { file, path: [keys[0]!], target: 'key' },
        help: `write the ${kindLabel(single)}'s fields (manufacturer:, model:, …) at the top of the file, or move the file out of ${folder}/`,
        data: { expected: ['object'], collection: excerpt(keys[0]!) },
      });
      return [];
    }
    return [{ kind: single, data, file, path: [] }];
  }
  if (!isPlainObject(data)) {
    out.push({
      rule: 'schema/wrong-type',
      severity: 'error',
      message: `a data file must be a mapping of collections (sites:, racks:, devices: …), not ${typeName(data)}`,
      location: { file, path: [] },
      data: { expected: ['object'] },
    });
    return [];
  }
  const items: RawItem[] = [];
  // Past the limit a file lists, unknown collections are counted, not each made a diagnostic (a
  // sot-ignore comment cannot silence one, so the count is final here).
  const unknown = new ProblemCount();
  for (const [collection, list] of Object.entries(data)) {
    const kind = schemas.byCollection.get(collection);
    if (!kind) {
      if (!unknown.wanted()) continue;
      unknown.add({
        rule: 'schema/unknown-collection',
        severity: 'error',
        message: `unknown collection "${excerpt(collection)}"${collectionHint(collection, schemas)}`,
        location: { file, path: [collection], target: 'key' },
        help: 'collections are named like NetBox REST endpoints in snake_case: see docs/kinds.md',
        data: { collection: excerpt(collection) },
      }, out);
      continue;
    }
    if (list === null) continue;
    if (!Array.isArray(list)) {
      out.push({
        rule: 'schema/wrong-type',
        severity: 'error',
        message: `"${collection}" must be a list of ${kindPlural(kind)}, not ${typeName(list)}`,
        location: { file, path: [collection] },
        data: { field: collection, expected: ['array'] },
      });
      continue;
    }
    list.forEach((entry, i) => {
      if (!isPlainObject(entry)) {
        out.push({
          rule: 'schema/wrong-type',
          severity: 'error',
          message: `each entry of "${collection}" must be a mapping, not ${typeName(entry)}`,
          location: { file, path: [collection, i] },
          data: { field: collection, expected: ['object'] },
        });
        return;
      }
      items.push({ kind, data: entry, file, path: [collection, i] });
    });
  }
  unknown.finish(out);
  return items;
}

export function isPlainObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'empty';
  if (typeof v === 'object') return 'a mapping';
  return `the ${typeof v === 'string' ? 'text' : typeof v} ${JSON.stringify(v)}`;
}

/**
 * What users write for a collection NetBox names otherwise. `rack_groups` became locations in NetBox
 * 4; ipam's `roles` are the prefix and VLAN roles.
 */
const COLLECTION_ALIASES: Record<string, string> = {
  ips: 'ip_addresses',
  ipam_roles: 'roles',
  prefix_roles: 'roles',
  vlan_roles: 'roles',
  rack_groups: 'locations',
  vms: 'virtual_machines',
};

const collectionNames = new WeakMap<SchemaSet, string[]>();

/** `; did you mean "ip_addresses"?`: from the alias table, else the closest collection name. */
function collectionHint(collection: string, schemas: SchemaSet): string {
  const alias = Object.hasOwn(COLLECTION_ALIASES, collection.toLowerCase()) ? COLLECTION_ALIASES[collection.toLowerCase()] : undefined;
  if (alias && schemas.byCollection.has(alias)) return `; did you mean "${alias}"?`;
  let names = collectionNames.get(schemas);
  if (!names) collectionNames.set(schemas, (names = [...schemas.byCollection.keys()]));
  return didYouMean(collection, names);
}

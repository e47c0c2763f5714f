import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';

// Mutations of a real inventory, one mistake each, with where sot must report it. The inventory is
// inventory-example/ (valid: sot checks it clean); every mutation changes one file's text in one place,
// so the expected diagnostic's file, line and column follow from the edit, not from a recorded run.

export const EXAMPLE = join(import.meta.dirname, '..', '..', 'inventory-example');
const SCHEMAS = join(import.meta.dirname, '..', '..', 'schema');

export interface Expected {
  /** The rule ids any one of which is the right report. */
  rules: readonly string[];
  file: string;
  /** 1-based; absent when only the file and the entry's lines are known. */
  line?: number;
  column?: number;
  /** 1-based, inclusive: the lines of the object the mistake is in, for diagnostics located on the object. */
  within?: [number, number];
}

export interface Mutation {
  name: string;
  file: string;
  text: string;
  expected: Expected;
}

interface KindSchema {
  required: readonly string[];
  refs: ReadonlySet<string>;
  /** References whose unknown name creates the object (a device type's manufacturer): never dangling. */
  implicit: ReadonlySet<string>;
  enums: ReadonlySet<string>;
  properties: ReadonlySet<string>;
}

export function readExample(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) files.set(relative(EXAMPLE, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(EXAMPLE);
  return files;
}

function schemaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? schemaFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

function isEnumProperty(property: any): boolean {
  return typeof property?.$ref === 'string' && property.$ref.includes(':choices#');
}

/** Each collection's schema facts, and the device/module/rack type schemas by folder. */
export function kindSchemas(): Map<string, KindSchema> {
  const out = new Map<string, KindSchema>();
  for (const path of schemaFiles(SCHEMAS)) {
    const schema = JSON.parse(readFileSync(path, 'utf8'));
    const collection = schema['x-collection'];
    if (typeof collection !== 'string' || schema.type !== 'object' || schema.properties === undefined) continue;
    const properties = schema.properties as Record<string, any>;
    const facts: KindSchema = {
      required: schema.required ?? [],
      refs: new Set(Object.keys(properties).filter((k) => properties[k]['x-ref'] !== undefined)),
      implicit: new Set(Object.keys(properties).filter((k) => properties[k]['x-ref']?.implicit === true)),
      enums: new Set(Object.keys(properties).filter((k) => isEnumProperty(properties[k]))),
      properties: new Set(Object.keys(properties)),
    };
    out.set(collection, facts);
  }
  return out;
}

const TYPE_FOLDERS: Record<string, string> = { 'device-types': 'device_types', 'module-types': 'module_types', 'rack-types': 'rack_types' };

/** The objects a file holds: [collection, mapping]; a device-type file is one object. */
function objectsOf(file: string, root: unknown): [string, YAMLMap][] {
  const folder = file.split('/')[0]!;
  if (TYPE_FOLDERS[folder] !== undefined) return isMap(root) ? [[TYPE_FOLDERS[folder]!, root]] : [];
  if (!isMap(root)) return [];
  const out: [string, YAMLMap][] = [];
  for (const pair of root.items) {
    if (!isScalar(pair.key) || !isSeq(pair.value)) continue;
    for (const item of pair.value.items) if (isMap(item)) out.push([String(pair.key.value), item]);
  }
  return out;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** A pair written alone on its line(s) in block style: its key starts the line after indentation. */
function ownsLines(text: string, pair: Pair): boolean {
  const key = pair.key as { range?: [number, number, number] };
  if (!key.range) return false;
  const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
  return /^\s*$/.test(text.slice(lineStart, key.range[0]));
}

/**
 * Every mutation of every file, in file order; `limit` per (family, collection, field) keeps the
 * corpus broad rather than repetitive.
 */
export function mutations(files: ReadonlyMap<string, string>, schemas = kindSchemas()): Mutation[] {
  const out: Mutation[] = [];
  const seen = new Map<string, number>();
  const take = (key: string, limit = 1): boolean => {
    const n = seen.get(key) ?? 0;
    if (n >= limit) return false;
    seen.set(key, n + 1);
    return true;
  };
  for (const [file, text] of files) {
    if (file === 'sot.yaml') continue;
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false });
    const at = (offset: number): { line: number; column: number } => {
      const p = lines.linePos(offset);
      return { line: p.line, column: p.col };
    };
    for (const [collection, object] of objectsOf(file, doc.contents)) {
      const schema = schemas.get(collection);
      if (!schema || !object.range) continue;
      const within: [number, number] = [at(object.range[0]).line, at(Math.max(object.range[0], object.range[1] - 1)).line];
      for (const pair of object.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const field = String(pair.key.value);
        const keyRange = pair.key.range;
        const value = pair.value;
        const valueAt = isScalar(value) && value.range ? at(value.range[0]) : undefined;

        if (schema.refs.has(field) && !schema.implicit.has(field) && isScalar(value) && value.range && typeof value.value === 'string' && take(`dangling ${collection}.${field}`)) {
          out.push({
            name: `${file}: ${collection} ${field} names nothing`,
            file,
            text: splice(text, value.range[0], value.range[1], 'zz-no-such-object'),
            expected: { rules: ['resolve/dangling-reference'], file, ...valueAt! },
          });
        }
        if (schema.enums.has(field) && isScalar(value) && value.range && take(`choice ${collection}.${field}`)) {
          out.push({
            name: `${file}: ${collection} ${field} is not one of NetBox's choices`,
            file,
            text: splice(text, value.range[0], value.range[1], 'zz-not-a-choice'),
            expected: { rules: ['schema/invalid-choice', 'schema/wrong-type'], file, ...valueAt! },
          });
        }
        if (isScalar(value) && value.range && !schema.refs.has(field) && take(`shape ${collection}.${field}`) && take(`shapes ${collection}`, 4)) {
          out.push({
            name: `${file}: ${collection} ${field} holds a mapping`,
            file,
            text: splice(text, value.range[0], value.range[1], '{ zz: 1 }'),
            expected: { rules: ['schema/wrong-type', 'schema/invalid-value', 'schema/invalid-choice'], file, ...valueAt! },
          });
        }
        if (!schema.required.includes(field) && take(`typo ${collection}.${field}`) && take(`typos ${collection}`, 4)) {
          const typo = `${field}zz`;
          out.push({
            name: `${file}: ${collection} field "${typo}" is a typo`,
            file,
            text: splice(text, keyRange[0], keyRange[1], typo),
            expected: { rules: ['schema/unknown-field'], file, ...at(keyRange[0]) },
          });
        }
        if (schema.required.includes(field) && ownsLines(text, pair) && value && 'range' in value && value.range && take(`missing ${collection}.${field}`)) {
          const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
          const end = text.indexOf('\n', value.range[1] - 1);
          const removed = splice(text, lineStart, end === -1 ? text.length : end + 1, '');
          // Removing the first key of a `- name:` item would take the dash with it.
          if (/^\s*-\s/.test(text.slice(lineStart, keyRange[0] + 1))) continue;
          out.push({
            name: `${file}: ${collection} lacks its required ${field}`,
            file,
            text: removed,
            expected: { rules: ['schema/missing-field'], file, within: [within[0], within[1] - 1] },
          });
        }
      }
      // A prototype key at the object's level, as the first key of a block mapping or in a flow one.
      const first = object.items[0];
      if (isPair(first) && isScalar(first.key) && first.key.range && take(`proto ${collection}`, 1)) {
        const proto = ['__proto__', 'constructor', 'prototype'];
        for (const key of [proto[out.length % proto.length]!]) {
          const start = first.key.range[0];
          const block = !object.flow;
          const indent = at(start).column - 1;
          const insert = block ? `${key}: zz\n${' '.repeat(indent)}` : `${key}: zz, `;
          out.push({
            name: `${file}: ${collection} has a ${key} key`,
            file,
            text: splice(text, start, start, insert),
            expected: { rules: ['yaml/forbidden-key'], file, ...at(start) },
          });
        }
      }
    }
  }
  return out;
}

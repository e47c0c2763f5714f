// Editor wiring: the `yaml.schemas` setting of VS Code's YAML extension (yaml-language-server) that
// points an inventory's files at sot's JSON Schemas. VS Code reads .vscode/settings.json only at the
// folder that is opened, which for an inventory kept in a repository is the repository's root; the
// file is the user's too, so sot changes its one key and leaves every other byte alone.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { loadSchemas } from '../model/kinds.js';
import { schemaBundle } from '../outputs/schema-bundle.js';
import { gitTopLevel } from '../reporters/repository.js';
import { byteOrder, listWorktree } from '../sources/worktree.js';
import { writeFilesSafely } from './write-files.js';

/** Where sot writes its editor schemas inside an inventory. */
export const SCHEMA_DIR = '.sot/schemas';
export const SETTINGS_FILE = '.vscode/settings.json';
const KEY = 'yaml.schemas';

/**
 * The folder an editor opens for an inventory: its git repository's top level, else the inventory
 * itself; and the inventory's path as seen from there (real paths: git answers with one). The
 * inventory folder may not exist yet (`sot init new-folder`): its nearest existing parent decides.
 */
export function editorRoot(inventoryDir: string): { root: string; inventory: string } {
  let existing = resolve(inventoryDir);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const inventory = join(realpathSync(existing), relative(existing, resolve(inventoryDir)));
  const top = gitTopLevel(existing);
  return { root: top === undefined ? inventory : realpathSync(top), inventory };
}

function slash(path: string): string {
  return path.split(sep).join('/');
}

/**
 * `yaml.schemas` for an inventory: schema file (relative to the editor root) → the inventory's own
 * files it applies to, so other YAML in the repository (workflows, Ansible, mkdocs) keeps the schema
 * the editor would otherwise give it. `globs` are the bundle's, relative to the inventory. An inventory
 * at the root is mapped by its top-level folders and files (a glob over the whole root would claim
 * every YAML file of the repository): run `sot init --editor` again after adding a top-level folder.
 */
export function yamlSchemasSetting(inventoryDir: string, root: string, globs: Map<string, string[]>, newFiles: string[] = []): Record<string, string[]> {
  const rel = slash(relative(root, inventoryDir));
  const prefix = rel ? `${rel}/` : '';
  const selection = fileSelection(inventoryDir);
  const files = rel ? [] : [...(existsSync(inventoryDir) ? listWorktree(inventoryDir) : []), ...newFiles.filter((f) => !f.startsWith('.'))];
  const topLevel = rel ? undefined : [...new Set(files.map((f) => (f.includes('/') ? `${f.slice(0, f.indexOf('/'))}/` : f)))].sort(byteOrder);
  // sot.yaml's exclude patterns are not inventory: the editor leaves those files to other schemas.
  const notInventory = selection.exclude.flatMap((p) => [`!${p}`, `!${p}/**`]);
  const out: Record<string, string[]> = {};
  for (const [name, patterns] of [...globs].sort(([a], [b]) => byteOrder(a, b))) {
    let mapped = patterns;
    if (patterns.includes('**/*.yaml')) {
      // The inventory's catch-all pattern: sot.yaml's include patterns when it has them; for an
      // inventory at the root, spelled out as what the inventory holds today.
      const excluded = patterns.filter((p) => p.startsWith('!'));
      const folders = excluded.map((p) => p.slice(1).replace(/\/\*\*$/, '/'));
      if (selection.include) mapped = [...selection.include.flatMap((p) => [p, `${p}/**`]), ...excluded];
      else if (topLevel) mapped = topLevel.filter((e) => !folders.includes(e)).flatMap((e) => (e.endsWith('/') ? [`${e}**/*.yaml`, `${e}**/*.yml`] : [e]));
    }
    if (name !== 'settings.schema.json') mapped = [...mapped, ...notInventory];
    out[`./${prefix}${SCHEMA_DIR}/${name}`] = mapped.map((p) => (p.startsWith('!') ? `!${prefix}${p.slice(1)}` : `${prefix}${p}`));
  }
  return out;
}

/**
 * sot.yaml's `include` and `exclude` globs as written (a folder's trailing `/` dropped), for the
 * editor's patterns, which read the simple globs sot.yaml holds the same way.
 */
function fileSelection(inventoryDir: string): { include?: string[]; exclude: string[] } {
  let d: any;
  try {
    d = jsyaml.load(readFileSync(join(inventoryDir, 'sot.yaml'), 'utf8'));
  } catch {
    return { exclude: [] };
  }
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string').map((p) => p.replace(/\/+$/, '')) : undefined);
  return { include: list(d?.include), exclude: list(d?.exclude) ?? [] };
}

/**
 * The text of a JSON-with-comments document as plain JSON: comments become spaces and trailing commas
 * go, at the same offsets (so positions found in one hold in the other).
 */
export function jsoncToJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const j = stringEnd(text, i);
      out += text.slice(i, j);
      i = j;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const j = commentEnd(text, i);
      out += text.slice(i, j).replace(/[^\n]/g, ' ');
      i = j;
    } else {
      // A comma followed only by blanks and comments before } or ] is a trailing comma.
      out += c === ',' && /[}\]]/.test(text[skipBlanks(text, i + 1)] ?? '') ? ' ' : c;
      i++;
    }
  }
  return out;
}

/** The offset after the string that starts at `i` (its closing quote included). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The offset after the comment that starts at `i`. */
function commentEnd(text: string, i: number): number {
  if (text[i + 1] === '/') {
    const nl = text.indexOf('\n', i);
    return nl < 0 ? text.length : nl;
  }
  const end = text.indexOf('*/', i + 2);
  return end < 0 ? text.length : end + 2;
}

function skipBlanks(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) i = commentEnd(text, i);
    else return i;
  }
}

/** Offsets of a top-level member's value in a JSON text (comments already blanked), if present. */
function memberValueSpan(json: string, key: string): { start: number; end: number } | undefined {
  let depth = 0;
  let i = 0;
  while (i < json.length) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const name = JSON.parse(json.slice(i, j + 1));
      i = j + 1;
      if (depth === 1) {
        const colon = /^\s*:/.exec(json.slice(i));
        if (colon && name === key) {
          const start = i + colon[0].length + (/^\s*/.exec(json.slice(i + colon[0].length))?.[0].length ?? 0);
          return { start, end: valueEnd(json, start) };
        }
      }
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return undefined;
}

function valueEnd(json: string, start: number): number {
  let depth = 0;
  for (let i = start; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      i = j;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === ',' || c === '\n')) return i;
  }
  return json.length;
}

function indented(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

/**
 * Merges sot's `yaml.schemas` entries into a settings file's text (undefined: no file yet). Entries
 * that point at `ownedPrefix` (this inventory's schema folder) are sot's and are replaced; every other
 * entry, setting, comment and blank stays as it was. An existing text that is not a JSON object (with
 * or without comments) is an error: sot will not guess at a file it cannot read.
 */
export function mergeEditorSettings(existing: string | undefined, schemas: Record<string, string[]>, ownedPrefix: string): { text: string } | { error: string } {
  if (existing === undefined || existing.trim() === '') return { text: `${JSON.stringify({ [KEY]: schemas }, null, 2)}\n` };
  const json = jsoncToJson(existing);
  let settings: unknown;
  try {
    settings = JSON.parse(json);
  } catch (e) {
    return { error: `it is not valid JSON (comments and trailing commas are fine): ${(e as Error).message}` };
  }
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return { error: 'it does not hold a JSON object' };
  const current = (settings as Record<string, unknown>)[KEY];
  if (current !== undefined && (current === null || typeof current !== 'object' || Array.isArray(current))) {
    return { error: `its "${KEY}" is not a mapping of schema to files` };
  }
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((current as Record<string, unknown>) ?? {})) if (!k.startsWith(ownedPrefix)) merged[k] = v;
  Object.assign(merged, schemas);
  const span = memberValueSpan(json, KEY);
  if (span) {
    const lineStart = existing.lastIndexOf('\n', span.start) + 1;
    const indent = /^\s*/.exec(existing.slice(lineStart))![0];
    return { text: `${existing.slice(0, span.start)}${indented(merged, indent)}${existing.slice(span.end)}` };
  }
  // No such key yet: add it as the object's first member, so no comma needs to follow another.
  const open = json.indexOf('{');
  const empty = Object.keys(settings).length === 0;
  const member = `\n  ${JSON.stringify(KEY)}: ${indented(merged, '  ')}${empty ? '\n' : ','}`;
  const rest = existing.slice(open + 1);
  return { text: `${existing.slice(0, open + 1)}${member}${empty ? rest.replace(/^\s*/, '') : rest}` };
}

/** The settings file of an editor root and its text, if there is one. */
export function readEditorSettings(root: string): string | undefined {
  const file = join(root, SETTINGS_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** What wiring an editor to an inventory writes: the schemas, and the merged settings at the editor root. */
export interface EditorWiring {
  /** Schema files, relative to the inventory. */
  schemas: Map<string, string>;
  /** The settings file (absolute) and its new text; error when the existing file cannot be merged. */
  settingsFile: string;
  settings: { text: string } | { error: string };
}

/**
 * The editor wiring of the inventory in `dir`: sot's schemas in its .sot/schemas, and `yaml.schemas`
 * merged into .vscode/settings.json at the folder an editor opens (see editorRoot). `newFiles` are
 * inventory files about to be written.
 */
export function planEditorWiring(dir: string, newFiles: string[] = []): EditorWiring {
  const bundle = schemaBundle(loadSchemas());
  const schemas = new Map<string, string>();
  for (const [name, schema] of bundle.files) schemas.set(`${SCHEMA_DIR}/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
  const { root, inventory } = editorRoot(dir);
  const setting = yamlSchemasSetting(inventory, root, bundle.globs, newFiles);
  const rel = relative(root, inventory).split(sep).join('/');
  const owned = `./${rel ? `${rel}/` : ''}${SCHEMA_DIR}/`;
  return { schemas, settingsFile: join(root, SETTINGS_FILE), settings: mergeEditorSettings(readEditorSettings(root), setting, owned) };
}

/** Writes a planned wiring; returns the schema files written (relative to `dir`). */
export function writeEditorWiring(dir: string, wiring: EditorWiring): string[] {
  if ('error' in wiring.settings) return [];
  const written = writeFilesSafely(dir, wiring.schemas);
  const root = wiring.settingsFile.slice(0, -SETTINGS_FILE.length - 1);
  writeFilesSafely(root, new Map([[SETTINGS_FILE, wiring.settings.text]]));
  return written;
}

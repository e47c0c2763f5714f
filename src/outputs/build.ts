// What `sot build` writes, as data: every output file's path and text, decided from the compiled model
// alone, so that the same inventory gives the same files byte for byte, whatever the file order or
// platform. Writing them (atomically) is the CLI's job (src/cli/build.ts).
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { effectiveContext } from '../model/config-context.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';
import { netboxExportStreams } from './netbox-export.js';
import { configTemplateOf, TemplateRenderer, type RenderOptions } from './render.js';

export interface OutputFile {
  /** Relative to the output folder, `/`-separated, never leaving it. */
  path: string;
  text: string;
}

export interface BuildResult {
  files: OutputFile[];
  diagnostics: Diagnostic[];
  /** Devices and virtual machines rendered. */
  configs: number;
  /** Exports written: one per export template, one for the Ansible inventory, one for Nornir's. */
  exports?: number;
  /** Template files read, for reporters to quote (see TemplateRenderer.files). */
  templateFiles: Map<string, string>;
  /** The output path of each rendered device or virtual machine. */
  pathOf: Map<Obj, string>;
}

/** Bumped when the layout of the output folder or the manifest changes. */
export const BUILD_FORMAT = 1;

/**
 * A file name from an object's name: path separators, control characters and a leading dot become
 * `_`, so that no name (`../../etc/passwd`, `.ssh`) can leave the folder or hide a file. Cut to
 * `maxBytes` of UTF-8 at a character boundary: file systems count a name's bytes (255 at most), and
 * the name still needs room for a suffix and an extension.
 */
export function safeFileName(name: string, maxBytes = 200): string {
  let s = name.replace(/[/\\\u0000-\u001f\u007f:*?"<>|]/g, '_');
  if (s.startsWith('.')) s = `_${s.slice(1)}`;
  if (s === '') s = '_';
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return s.slice(0, end);
}

const RENDERED_KINDS = ['dcim.device', 'virtualization.virtualmachine'];

/** The object's name in file names: its name, or NetBox's display name for an unnamed device. */
function baseName(obj: Obj): string {
  return safeFileName(typeof obj.data.name === 'string' && obj.data.name ? obj.data.name : displayName(obj));
}

function siteFolder(obj: Obj): string {
  const site = ref(obj, 'site');
  return safeFileName(site ? String(site.data.slug ?? displayName(site)) : '_no-site');
}

/**
 * `configs/<name>.<ext>`; names that several objects share (NetBox makes device names unique per site
 * and tenant only) go one level down, `configs/<site>/<name>.<ext>`, for every object that shares them.
 */
function configPaths(objects: Obj[], extension: (obj: Obj) => string): Map<Obj, string> {
  const byName = new Map<string, Obj[]>();
  for (const o of objects) {
    const key = `${baseName(o).toLowerCase()}.${extension(o)}`;
    const group = byName.get(key);
    if (group) group.push(o);
    else byName.set(key, [o]);
  }
  const paths = new Map<Obj, string>();
  for (const group of byName.values()) {
    for (const o of group) {
      const file = `${baseName(o)}.${extension(o)}`;
      paths.set(o, group.length === 1 ? `configs/${file}` : `configs/${siteFolder(o)}/${file}`);
    }
  }
  // Two objects of one name at one site (a device and a VM, or two tenants' devices): add the id.
  const seen = new Map<string, Obj>();
  for (const o of objects) {
    const p = paths.get(o)!;
    const key = p.toLowerCase();
    if (seen.has(key)) {
      const dot = p.lastIndexOf('.');
      paths.set(o, `${p.slice(0, dot)}-${o.kind.kind === 'dcim.device' ? 'device' : 'vm'}${o.id}${p.slice(dot)}`);
    } else seen.set(key, o);
  }
  return paths;
}

function extensionOf(obj: Obj): string {
  const ext = configTemplateOf(obj)?.data.file_extension;
  return typeof ext === 'string' && ext ? safeFileName(ext.replace(/^\.+/, ''), 16) : 'txt';
}

/** The devices and virtual machines that have a config template, in inventory order. */
function renderedObjects(model: Model): Obj[] {
  return RENDERED_KINDS.flatMap((k) => objectsOf(model, k)).filter((o) => configTemplateOf(o));
}

/** Where `sot build` writes each rendered device's config. */
export function configPathsOf(model: Model): Map<Obj, string> {
  return configPaths(renderedObjects(model), extensionOf);
}

/** Renders every device and virtual machine that has a config template. */
export function renderConfigs(model: Model, options: RenderOptions, progress?: (done: number, total: number) => void): BuildResult {
  const objects = renderedObjects(model);
  const renderer = new TemplateRenderer(model, options);
  const paths = configPaths(objects, extensionOf);
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  objects.forEach((obj, i) => {
    const out = renderer.render(obj, effectiveContext(model, obj).data);
    if ('text' in out) files.push({ path: paths.get(obj)!, text: out.text });
    else {
      // A template that does not compile fails every device that uses it: say so once.
      for (const d of out.diagnostics) {
        const perTemplate = d.rule === 'template/syntax' || d.rule === 'template/missing-file';
        const key = `${d.rule}|${d.location.file}|${d.message}`;
        if (perTemplate && reported.has(key)) continue;
        reported.add(key);
        diagnostics.push(d);
      }
    }
    progress?.(i + 1, objects.length);
  });
  return { files, diagnostics, configs: objects.length, templateFiles: renderer.files, pathOf: paths };
}

/** A file written in pieces (the JSON export: one piece per object), never held as one string. */
export interface StreamedFile {
  path: string;
  parts(): Iterable<string>;
}

export type Output = OutputFile | StreamedFile;

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** `exports/<file_name or name>.<file_extension or txt>` of each export template, in inventory order. */
export function exportPaths(templates: readonly Obj[]): Map<Obj, string> {
  const paths = new Map<Obj, string>();
  const taken = new Set<string>();
  for (const t of templates) {
    const written = typeof t.data.file_name === 'string' && t.data.file_name ? t.data.file_name : displayName(t);
    const base = safeFileName(written);
    const ext = typeof t.data.file_extension === 'string' && t.data.file_extension.replace(/^\.+/, '') ? safeFileName(t.data.file_extension.replace(/^\.+/, '')) : 'txt';
    // Two templates of one file name (names differ only in case on some file systems): the later ones,
    // in inventory order, get -2, -3…
    let path = `exports/${base}.${ext}`;
    for (let n = 2; taken.has(path.toLowerCase()); n++) path = `exports/${base}-${n}.${ext}`;
    taken.add(path.toLowerCase());
    paths.set(t, path);
  }
  return paths;
}

/** Renders every export template over its queryset. */
export function renderExports(model: Model, options: RenderOptions): BuildResult {
  const templates = objectsOf(model, 'extras.exporttemplate');
  const renderer = new TemplateRenderer(model, options);
  const paths = exportPaths(templates);
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const t of templates) {
    const out = renderer.renderExport(t);
    if ('text' in out) files.push({ path: paths.get(t)!, text: out.text });
    else diagnostics.push(...out.diagnostics);
  }
  return { files, diagnostics, configs: 0, exports: files.length, templateFiles: renderer.files, pathOf: paths };
}

/** The manifest: every other file with its size and sha256, sorted by path. */
export function manifestText(entries: readonly ManifestEntry[], version: string): string {
  const files = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ sot_build_format: BUILD_FORMAT, sot_version: version, files }, null, 2)}\n`;
}

/** The JSON export in NetBox's REST shape (docs/export.md), under `exports/netbox/`. */
export function netboxExportOutputs(model: Model): StreamedFile[] {
  return netboxExportStreams(model).map((s) => ({ path: `exports/netbox/${s.path}`, parts: () => s.parts() }));
}

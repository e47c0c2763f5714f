// The compiler in one place: sources → parse → validate → resolve → checks. Each phase is a function of
// the previous one's output; problems are collected as Diagnostics and located only at the end.
import { performance } from 'node:perf_hooks';
import { RULES, runChecks } from './checks/index.js';
import { readCustomValidators } from './custom-validators.js';
import { didYouMean } from './diagnostics/suggest.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { loadSchemas, type SchemaSet } from './model/kinds.js';
import type { Model } from './model/model.js';
import { collectItems } from './parse/items.js';
import { SourceMap } from './parse/locate.js';
import { parseYamlFile, type ParsedFile } from './parse/parse-file.js';
import { resolve } from './resolve/resolve.js';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_FILE, type Settings } from './settings.js';
import type { SourceFile } from './sources/worktree.js';
import { Validators } from './validate/ajv.js';
import { settleRemaining, validateItem, type RawItem } from './validate/validate.js';

export type Phase = 'parse' | 'validate' | 'resolve' | 'checks' | 'locate';

export interface CompileResult {
  model: Model;
  settings: Settings;
  /** Sorted, de-duplicated, every one with a range. */
  diagnostics: Diagnostic[];
  /** A problem with sot.yaml itself (exit code 2 rather than 1). */
  configError: boolean;
  filesRead: number;
  bytesRead: number;
  timings: Record<Phase, number>;
}

const validatorCache = new Map<string, Validators>();

function validatorsFor(schemas: SchemaSet, settings: Settings): Validators {
  const key = JSON.stringify(settings.fieldChoices);
  let v = validatorCache.get(key);
  if (!v || v.schemas !== schemas) {
    v = new Validators(schemas, settings.fieldChoices);
    validatorCache.set(key, v);
  }
  return v;
}

export interface CompileOptions {
  schemas?: SchemaSet;
}

export function compile(files: readonly SourceFile[], options: CompileOptions = {}): CompileResult {
  const schemas = options.schemas ?? loadSchemas();
  const timings: Record<Phase, number> = { parse: 0, validate: 0, resolve: 0, checks: 0, locate: 0 };
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  let bytesRead = 0;
  let t = performance.now();
  const lap = (phase: Phase) => {
    const now = performance.now();
    timings[phase] += now - t;
    t = now;
  };

  const parsed: ParsedFile[] = [];
  let settingsFile: ParsedFile | undefined;
  for (const f of files) {
    texts.set(f.file, f.text);
    bytesRead += Buffer.byteLength(f.text);
    const p = parseYamlFile(f.file, f.text);
    if (f.file === SETTINGS_FILE) settingsFile = p;
    else parsed.push(p);
  }
  lap('parse');

  let settings = DEFAULT_SETTINGS;
  let configError = false;
  if (!settingsFile) {
    configError = true;
    diagnostics.push({
      rule: 'settings/missing',
      severity: 'error',
      message: `no ${SETTINGS_FILE} at the root of the inventory`,
      location: { file: SETTINGS_FILE },
      help: 'an inventory is a folder with a sot.yaml (format: 1) at its root; `sot init` creates one',
    });
  } else {
    const before = diagnostics.length;
    settings = readSettings(settingsFile, schemas, validatorsFor(schemas, DEFAULT_SETTINGS), diagnostics);
    checkRuleSettings(settings, settingsFile.file, diagnostics);
    settings = readValidatorsFile(settings, settingsFile.file, parsed, schemas, diagnostics);
    configError = diagnostics.slice(before).some((d) => d.severity === 'error');
  }
  const validators = validatorsFor(schemas, settings);

  const items: RawItem[] = [];
  for (const p of parsed) {
    diagnostics.push(...p.diagnostics);
    const fileItems = collectItems(p, schemas, diagnostics);
    for (const item of fileItems) {
      validateItem(item, validators, diagnostics);
      items.push(item);
    }
    if (p.hasPlainScalars) {
      // A PlainScalar is an object to ajv; where one is left where the schema wants a mapping
      // (`data: yes`), its own reading now fails validation.
      for (const item of fileItems) {
        settleRemaining(item.data);
        validateItem(item, validators, diagnostics);
      }
    }
  }
  lap('validate');

  const model = resolve(items, schemas, diagnostics, new Set(parsed.filter((p) => p.hasAliases).map((p) => p.file)));
  lap('resolve');

  runChecks(model, { settings }, diagnostics);
  lap('checks');

  locate(diagnostics, texts);
  const sorted = sortDiagnostics(diagnostics);
  lap('locate');

  return { model, settings, diagnostics: sorted, configError, filesRead: files.length, bytesRead, timings };
}

/**
 * `options: custom_validators: <file>`: the named file holds the validators, so it is taken out of the
 * inventory's data files and read here; its problems are configuration errors like sot.yaml's.
 */
function readValidatorsFile(settings: Settings, settingsFile: string, parsed: ParsedFile[], schemas: SchemaSet, out: Diagnostic[]): Settings {
  const name = settings.customValidatorsFile;
  if (name === undefined) return settings;
  const i = parsed.findIndex((p) => p.file === name);
  if (i < 0) {
    out.push({
      rule: 'settings/invalid',
      severity: 'error',
      message: `custom_validators names "${name}", which is not a file of the inventory${didYouMean(name, parsed.map((p) => p.file))}`,
      location: { file: settingsFile, path: ['options', 'custom_validators'] },
      help: 'give the path of a YAML file from the inventory root, e.g. custom-validators.yaml',
      data: { key: 'custom_validators' },
    });
    return settings;
  }
  const [file] = parsed.splice(i, 1);
  out.push(...file.diagnostics);
  if (file.diagnostics.some((d) => d.severity === 'error')) return settings;
  return { ...settings, customValidators: readCustomValidators(file.data, file.file, [], schemas, out) };
}

/** `rules:` in sot.yaml names check rules; another id is a configuration error, with a did-you-mean. */
function checkRuleSettings(settings: Settings, file: string, out: Diagnostic[]): void {
  const known = RULES.map((r) => r.id);
  for (const id of Object.keys(settings.rules)) {
    if (known.includes(id)) continue;
    out.push({
      rule: 'settings/invalid',
      severity: 'error',
      message: `"${id}" is not a rule sot.yaml can set${didYouMean(id, known)}`,
      location: { file, path: ['rules', id], target: 'key' },
      help: 'rules: sets the severity of the check rules listed in docs/rules/README.md',
      data: { key: id },
    });
  }
}

/** Fills in ranges: each file with diagnostics is parsed once more, with positions (see SourceMap). */
function locate(diagnostics: Diagnostic[], texts: Map<string, string>): void {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (file: string) => {
    let m = maps.get(file);
    if (m === undefined) {
      const text = texts.get(file);
      m = text === undefined ? null : new SourceMap(text);
      maps.set(file, m);
    }
    return m;
  };
  const fill = (loc: Diagnostic['location']) => {
    if (loc.range) return;
    const m = mapFor(loc.file);
    loc.range = m && loc.path ? m.locate(loc.path, loc.target) : { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
  };
  for (const d of diagnostics) {
    fill(d.location);
    for (const r of d.related ?? []) fill(r.location);
  }
}

// The compiler in one place: sources → parse → validate → resolve → checks. Each phase is a function of
// the previous one's output; problems are collected as Diagnostics and located only at the end.
import { performance } from 'node:perf_hooks';
import { runChecks } from './checks/index.js';
import { readCustomValidators } from './custom-validators.js';
import { allRules } from './diagnostics/catalog.js';
import { limitPerFile } from './diagnostics/limit.js';
import { didYouMean, withSuggestBudget } from './diagnostics/suggest.js';
import { applySeverities, applySuppressions, findSuppressions, isConfigurable, type Suppression } from './diagnostics/suppress.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { loadSchemas, type SchemaSet } from './model/kinds.js';
import type { Model } from './model/model.js';
import { SourceMap } from './parse/locate.js';
import { parseYamlFile } from './parse/parse-file.js';
import { knownProblems } from './resolve/known-problems.js';
import { resolve } from './resolve/resolve.js';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_FILE, type Settings } from './settings.js';
import { ROOT_FOLDER } from './sources/problems.js';
import type { SourceFile } from './sources/worktree.js';
import { emptyTimings, frontFile, validatorsFor, type FileFront, type Phase } from './front.js';
import type { RawItem } from './validate/validate.js';

export { emptyTimings, type FileFront, type Phase };

export interface CompileResult {
  model: Model;
  settings: Settings;
  /** Sorted, de-duplicated, every one with a range. */
  diagnostics: Diagnostic[];
  /** What `# sot-ignore` comments silenced, sorted and located, each with its reason. */
  suppressed: Diagnostic[];
  /** A problem with sot.yaml itself (exit code 2 rather than 1). */
  configError: boolean;
  filesRead: number;
  bytesRead: number;
  timings: Record<Phase, number>;
}

export interface CompileOptions {
  schemas?: SchemaSet;
}

/** The steps a long compile goes through, named for a status line. */
export type CompilePhase = 'reading' | 'parsing' | 'resolving' | 'checking' | 'locating';

/** Called as each step starts (the CLI's status line on a terminal); no other effect. */
export type OnPhase = (phase: CompilePhase) => void;

export function compile(files: readonly SourceFile[], options: CompileOptions = {}): CompileResult {
  const schemas = options.schemas ?? loadSchemas();
  const timings = emptyTimings();
  const texts = new Map<string, string>();
  for (const f of files) texts.set(f.file, f.text);
  const config = readConfiguration(files.map((f) => f.file), (file) => texts.get(file) ?? '', schemas, timings);
  return compileSelected(config, files.filter((f) => isInventoryFile(config, f.file)), texts, schemas, timings);
}

/** Parses, validates and finishes the files sot.yaml selects (`config` read from them already), in their order. */
export function compileSelected(
  config: Configuration,
  files: readonly SourceFile[],
  texts: ReadonlyMap<string, string>,
  schemas: SchemaSet,
  timings: Record<Phase, number>,
  onPhase?: OnPhase,
): CompileResult {
  onPhase?.('parsing');
  const validators = validatorsFor(schemas, config.settings);
  const fronts: FileFront[] = [];
  for (const f of files) {
    if (!config.consumed.has(f.file)) fronts.push(frontFile(f, schemas, validators, timings));
  }
  let bytesRead = 0;
  for (const f of files) bytesRead += Buffer.byteLength(f.text);
  return finishCompile(config, fronts, texts, schemas, timings, { filesRead: files.length, bytesRead }, onPhase);
}

/**
 * Whether a listed file is read: sot.yaml and the custom validators file it names always, a data file
 * when sot.yaml's include and exclude select it.
 */
export function isInventoryFile(config: Configuration, file: string): boolean {
  return config.consumed.has(file) || config.settings.selects(file);
}

/** What sot.yaml (and the custom validators file it names) say, read before any data file. */
export interface Configuration {
  settings: Settings;
  /** A problem with sot.yaml itself (exit code 2 rather than 1). */
  configError: boolean;
  diagnostics: Diagnostic[];
  /** Files read as configuration, not as inventory data. */
  consumed: Set<string>;
  /**
   * Data files and folders that could not be read (sources/ rules), of those sot.yaml selects: problems
   * in the inventory, not in its configuration. Reading may add more.
   */
  unread: Diagnostic[];
}

/** A file's text, or the problem reading it. */
export type ReadText = (file: string) => string | Diagnostic;

/**
 * Reads sot.yaml and the custom validators file it names; `text` gives a file's text by its path.
 * `problems` are the listing's (sources/): one with the inventory folder itself or with sot.yaml is a
 * configuration error and nothing else is read; the others are kept for the files sot.yaml selects.
 */
export function readConfiguration(
  fileNames: readonly string[],
  text: ReadText,
  schemas: SchemaSet,
  timings: Record<Phase, number>,
  problems: readonly Diagnostic[] = [],
): Configuration {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const consumed = new Set<string>();
  let settings = DEFAULT_SETTINGS;
  let configError = false;
  const fatal = problems.filter((p) => p.location.file === ROOT_FOLDER || p.location.file === SETTINGS_FILE);
  const settingsText = fatal.length === 0 && fileNames.includes(SETTINGS_FILE) ? text(SETTINGS_FILE) : undefined;
  if (fatal.length > 0 || (settingsText !== undefined && typeof settingsText !== 'string')) {
    configError = true;
    diagnostics.push(...(fatal.length > 0 ? fatal : [settingsText as Diagnostic]));
  } else if (settingsText === undefined) {
    configError = true;
    diagnostics.push({
      rule: 'settings/missing',
      severity: 'error',
      message: `no ${SETTINGS_FILE} at the root of the inventory`,
      location: { file: SETTINGS_FILE },
      help: 'an inventory is a folder with a sot.yaml (format: 1) at its root; `sot init` creates one',
    });
  } else {
    consumed.add(SETTINGS_FILE);
    const settingsFile = parseYamlFile(SETTINGS_FILE, settingsText);
    settings = readSettings(settingsFile, schemas, validatorsFor(schemas, DEFAULT_SETTINGS), diagnostics);
    checkRuleSettings(settings, SETTINGS_FILE, diagnostics);
    settings = readValidatorsFile(settings, fileNames, text, consumed, schemas, diagnostics);
    configError = diagnostics.some((d) => d.severity === 'error');
  }
  timings.parse += performance.now() - started;
  const unread = configError && fatal.length > 0 ? [] : problems.filter((p) => consumed.has(p.location.file) || selectsPlace(settings, p));
  return { settings, configError, diagnostics, consumed, unread };
}

/**
 * Whether sot.yaml selects the place of a problem: a file as any file; a folder that could not be
 * listed when a YAML file in it would be selected (what it holds is unknown).
 */
function selectsPlace(settings: Settings, problem: Diagnostic): boolean {
  const { file } = problem.location;
  return settings.selects(file) || (problem.data?.folder === true && settings.selects(`${file}/any.yaml`));
}

/** Resolve, checks and locate over every file's front, in the files' order. */
export function finishCompile(
  config: Configuration,
  fronts: readonly FileFront[],
  texts: ReadonlyMap<string, string>,
  schemas: SchemaSet,
  timings: Record<Phase, number>,
  counts: { filesRead: number; bytesRead: number },
  onPhase?: OnPhase,
): CompileResult {
  const { settings, configError } = config;
  let diagnostics: Diagnostic[] = [...config.diagnostics, ...config.unread];
  const items: RawItem[] = [];
  for (const front of fronts) {
    diagnostics.push(...front.diagnostics);
    for (const item of front.items) items.push(item);
  }
  let t = performance.now();
  const lap = (phase: Phase) => {
    const now = performance.now();
    timings[phase] += now - t;
    t = now;
  };
  onPhase?.('resolving');
  // Files no object could be read from (a YAML syntax error): what they define is unknown.
  const unreadable = fronts.filter((f) => f.items.length === 0 && f.diagnostics.some((d) => d.severity === 'error')).map((f) => ({ file: f.file, text: texts.get(f.file) ?? '' }));
  const model = withSuggestBudget(() => {
    const resolved = resolve(items, schemas, diagnostics, knownProblems(diagnostics, unreadable, schemas));
    lap('resolve');
    onPhase?.('checking');
    runChecks(resolved, { settings }, diagnostics);
    return resolved;
  });
  diagnostics = withoutRepeatedFields(diagnostics, items);
  lap('checks');

  // sot.yaml's own problems keep their severity: they decide the configuration error.
  diagnostics = applySeverities(diagnostics, settings.rules, (d) => !config.consumed.has(d.location.file));
  onPhase?.('locating');
  const suppressions: Suppression[] = [];
  const marked = new Set<string>();
  for (const front of fronts) {
    const text = texts.get(front.file);
    if (text !== undefined && front.suppressing) {
      marked.add(front.file);
      suppressions.push(...findSuppressions(front.file, text));
    }
  }
  // Only located problems can be matched to a sot-ignore comment's line: a file holding one is cut
  // to the limit after its comments have been applied.
  diagnostics = limitPerFile(diagnostics, (d) => marked.has(d.location.file));
  locate(diagnostics, texts);
  let suppressed: Diagnostic[] = [];
  if (suppressions.length > 0) {
    const applied = applySuppressions(diagnostics, suppressions, Object.keys(allRules()));
    diagnostics = limitPerFile(applySeverities(applied.diagnostics, settings.rules));
    suppressed = sortDiagnostics(applied.suppressed);
  }
  const sorted = sortDiagnostics(diagnostics);
  lap('locate');

  return { model, settings, diagnostics: sorted, suppressed, configError, ...counts, timings };
}

/**
 * `options: custom_validators: <file>`: the named file holds the validators, so it is taken out of the
 * inventory's data files and read here; its problems are configuration errors like sot.yaml's.
 */
function readValidatorsFile(
  settings: Settings,
  fileNames: readonly string[],
  text: ReadText,
  consumed: Set<string>,
  schemas: SchemaSet,
  out: Diagnostic[],
): Settings {
  const name = settings.customValidatorsFile;
  if (name === undefined) return settings;
  if (name === SETTINGS_FILE || !fileNames.includes(name)) {
    out.push({
      rule: 'settings/invalid',
      severity: 'error',
      message: `custom_validators names "${name}", which is not a file of the inventory${didYouMean(name, fileNames.filter((f) => f !== SETTINGS_FILE))}`,
      location: { file: SETTINGS_FILE, path: ['options', 'custom_validators'] },
      help: 'give the path of a YAML file from the inventory root, e.g. custom-validators.yaml',
      data: { key: 'custom_validators' },
    });
    return settings;
  }
  consumed.add(name);
  const read = text(name);
  if (typeof read !== 'string') {
    out.push(read);
    return settings;
  }
  const file = parseYamlFile(name, read);
  out.push(...file.diagnostics);
  if (file.diagnostics.some((d) => d.severity === 'error')) return settings;
  return { ...settings, customValidators: readCustomValidators(file.data, file.file, [], schemas, out) };
}

/**
 * `rules:` in sot.yaml names rules whose severity may change (isConfigurable); another id is a
 * configuration error: an unknown one with a did-you-mean, a fixed one (a file that cannot be read)
 * with why.
 */
function checkRuleSettings(settings: Settings, file: string, out: Diagnostic[]): void {
  const all = Object.keys(allRules());
  const known = all.filter(isConfigurable);
  for (const id of Object.keys(settings.rules)) {
    if (known.includes(id)) continue;
    const fixed = all.includes(id);
    out.push({
      rule: 'settings/invalid',
      severity: 'error',
      message: fixed
        ? `"${id}" is not a rule sot.yaml can set: ${id.startsWith('report/') ? 'it counts problems of another rule that are not listed, which keep their severity' : 'it means a file, collection or template could not be read, so it is always an error'}`
        : `"${id}" is not a rule sot.yaml can set${didYouMean(id, known)}`,
      location: { file, path: ['rules', id], target: 'key' },
      help: 'rules: sets the severity of the rules listed in docs/rules/README.md, but for yaml/*, settings/*, template/*, report/*, schema/unknown-collection, suppress/missing-reason and suppress/invalid-rule',
      data: { key: id },
    });
  }
}

/**
 * One mistake, one error among validation's reports: a misspelt field (`schema/unknown-field` with a
 * did-you-mean M) is the same mistake as a required field missing from the same object when that field
 * is M or is required because M is absent (a config template's template_code without file); a field
 * missing outright is not reported again as the partner another field needs.
 */
function withoutRepeatedFields(diagnostics: Diagnostic[], items: readonly RawItem[]): Diagnostic[] {
  const meant = new Map<string, string[]>();
  const missing = new Set<string>();
  for (const d of diagnostics) {
    if (!d.location.path) continue;
    const m = d.rule === 'schema/unknown-field' ? /did you mean "([^"]+)"\?$/.exec(d.message) : null;
    if (m) {
      const object = objectKey(d.location.file, d.location.path.slice(0, -1));
      meant.set(object, [...(meant.get(object) ?? []), m[1]!]);
    }
    if (d.rule === 'schema/missing-field' && d.data?.with === undefined) missing.add(`${objectKey(d.location.file, d.location.path)}\0${d.data?.field}`);
  }
  if (meant.size === 0 && missing.size === 0) return diagnostics;
  let kinds: Map<string, RawItem['kind']> | undefined;
  const kindAt = (object: string) => (kinds ??= new Map(items.map((i) => [objectKey(i.file, i.path), i.kind]))).get(object);
  return diagnostics.filter((d) => {
    if (d.rule !== 'schema/missing-field' || !d.location.path) return true;
    const partner = d.data?.with !== undefined;
    const object = objectKey(d.location.file, partner ? d.location.path.slice(0, -1) : d.location.path);
    const field = d.data?.field as string;
    if (partner && missing.has(`${object}\0${field}`)) return false;
    const typos = meant.get(object);
    if (!typos) return true;
    if (typos.includes(field)) return false;
    const schema = kindAt(object)?.schema;
    return !(schema?.then?.required?.includes(field) && typos.some((t) => schema?.if?.properties?.[t] === false));
  });
}

function objectKey(file: string, path: readonly (string | number)[]): string {
  return JSON.stringify([file, ...path]);
}

/** Fills in ranges: each file with diagnostics is parsed once more, with positions (see SourceMap). */
export function locate(diagnostics: Diagnostic[], texts: ReadonlyMap<string, string>): void {
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

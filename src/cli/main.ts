import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import type { CompileResult } from '../compile.js';
import { compileWorktree } from '../compile-worktree.js';
import type { ListingOrder } from '../sources/worktree.js';
import { compileRevision } from '../compile-revision.js';
import { GitError, openRepository } from '../sources/git.js';
import { discoverInventory, missingSettings } from '../sources/discover.js';
import { emptyTimings } from '../front.js';
import { runDiff } from '../diff/run-diff.js';
import { formatJson } from '../diff/format-json.js';
import { formatMarkdown } from '../diff/format-markdown.js';
import { formatPretty } from '../diff/format-pretty.js';
import { isEmptyDiff } from '../diff/format-common.js';
import { withDisplayPaths } from '../diff/display-paths.js';
import { HistoryError, objectHistory } from '../diff/history.js';
import { formatLogJson, formatLogPretty } from '../diff/format-log.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { packageRoot } from '../model/kinds.js';
import { FORMAT_NAMES, reporterFor, reporters } from '../reporters/index.js';
import { gitRead } from '../sources/git-process.js';
import { repositoryPaths } from '../reporters/repository.js';
import { rackElevation, elevationJson } from '../outputs/rack-elevation.js';
import { rackSvg } from '../outputs/rack-svg.js';
import { rackText } from '../outputs/rack-text.js';
import { planEditorWiring, writeEditorWiring } from './editor-settings.js';
import { initInventory } from './init.js';
import { findRack, fullName } from './rack.js';
import { writeSchemas } from './schema.js';
import { NotAFolder } from './write-files.js';
import { HELP, commandHelp } from './help.js';
import { watchCommand } from './watch.js';
import { checkLength, findPrefix, findVrf } from './ipam.js';
import { formatAddress, ipSpace } from '../model/ip-space.js';
import { availableIps, availablePrefixes, freeNetsOfLength } from '../model/ip-utilization.js';
import { ipTree, ipTreeJson, ipTreeText } from '../outputs/ip-tree.js';
import type { Obj } from '../model/model.js';
import { findTermination, pathJson, pathText, TRACE_KINDS } from './trace.js';
import { pathFrom } from '../model/cable-paths.js';
import { effectiveContext } from '../model/config-context.js';
import { contextText } from '../outputs/context-text.js';
import { findDevice } from './find-device.js';
import { BUILTIN_PREFIX, TemplateRenderer, configTemplateOf } from '../outputs/render.js';
import { manifestText, netboxExportOutputs, renderConfigs, renderExports } from '../outputs/build.js';
import { automationExports } from '../outputs/automation-inventory.js';
import { refuseOutput, replaceFolder } from './build-folder.js';
import { relaunchWithHeap } from './heap.js';
import { compareExpected, EXPECTED_DIR } from '../outputs/expected.js';
import { writeFilesSafely } from './write-files.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { describe, displayName, ref } from '../model/model.js';

export const EXIT = { clean: 0, problems: 1, usage: 2, internal: 3 } as const;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** stdout is a terminal. */
  isTTY: boolean;
  /** stderr is a terminal (a status line goes there while a long check runs). */
  stderrIsTTY?: boolean;
  /**
   * Runs the command again with a bigger heap when the inventory needs it (see heap.ts); the exit code.
   * `models`: how many compiled inventories the command holds at once (a diff holds two).
   */
  relaunch?: (root: string, models?: number) => number | undefined;
  /** Tests only: reorders every listing of the inventory's files before sot sorts it (`sot build`). */
  listingOrder?: ListingOrder;
}

const processIo = (): Io => ({
  stdout: quietOnBrokenPipe(process.stdout),
  stderr: quietOnBrokenPipe(process.stderr),
  cwd: process.cwd(),
  env: process.env,
  isTTY: !!process.stdout.isTTY,
  stderrIsTTY: !!process.stderr.isTTY,
  relaunch: (root, models) => relaunchWithHeap(root, process.env, models),
});

/**
 * Writes to a stream until its reader goes away (`sot check | head -1`): from the first EPIPE on,
 * output is dropped without a word, as ripgrep and git stop, and the command ends with the exit code
 * it would have had (not 141), so that a pipeline under pipefail still says whether the inventory had
 * problems.
 * Node ignores SIGPIPE, so without this the EPIPE would surface as an unhandled error's stack trace.
 */
function quietOnBrokenPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let broken = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') broken = true;
    else throw err;
  });
  return (text) => {
    if (!broken) stream.write(text);
  };
}

/**
 * Whether to colour what goes to a stream (`tty`: it is a terminal), by the conventions other tools
 * follow, first match wins: NO_COLOR set to anything non-empty turns colour off (no-color.org);
 * FORCE_COLOR turns it on with 1, 2, 3 or true — even in a pipe — and off with 0 or false (empty or
 * another value: not set); TERM=dumb is a terminal without escape sequences; otherwise colour on a
 * terminal only.
 */
export function colorWanted(env: Io['env'], tty: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR?.toLowerCase();
  if (force === '0' || force === 'false') return false;
  if (force === '1' || force === '2' || force === '3' || force === 'true') return true;
  if (env.TERM === 'dumb') return false;
  return tty;
}

/** Whether a status line may be redrawn on stderr: a terminal that moves its cursor, not a CI log. */
function statusLineWanted(io: Io): boolean {
  return !!io.stderrIsTTY && io.env.TERM !== 'dumb' && !io.env.CI;
}

export function version(): string {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
}

class UsageError extends Error {}

/** No sot.yaml in the folder a command was given nor above it: reported as `sot check` reports it, exit 2. */
class NoInventory extends Error {
  constructor(
    readonly root: string,
    readonly diagnostic: Diagnostic,
  ) {
    super(diagnostic.message);
  }
}

/** The folder a [dir] argument (or --dir) names, absolute; a usage error unless it is a folder. */
function folderArg(io: Io, dir: string | undefined): string {
  // An empty argument ("$DIR" unset) would otherwise be the current folder: a silent wrong target.
  if (dir === '') throw new UsageError('an empty path is not a folder (for the current folder, give .)');
  const path = resolvePath(io.cwd, dir ?? '.');
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`no inventory folder at ${dir ?? '.'}`);
  return path;
}

/** A folder as messages show it: relative to the current folder, `.` for the current folder itself. */
function shownFolder(io: Io, dir: string): string {
  return relative(io.cwd, dir).split(sep).join('/') || '.';
}

/** The inventory a command works on: the folder given or the nearest above it with a sot.yaml (discover.ts). */
function inventoryRoot(io: Io, dir: string | undefined): string {
  const start = folderArg(io, dir);
  const found = discoverInventory(start);
  if (found.found) return found.root;
  throw new NoInventory(start, missingSettings(found, (d) => shownFolder(io, d)));
}

/**
 * The inventory of a command that reads commits (diff, log): found in the working tree as for the
 * other commands, else the folder given, whose sot.yaml the commits may hold.
 */
function revisionInventory(start: string): string {
  const found = discoverInventory(start);
  return found.found ? found.root : start;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof UsageError || (err as any)?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.stderr(`sot: ${(err as Error).message}\nRun "sot help" for usage.\n`);
      return EXIT.usage;
    }
    if (err instanceof NoInventory) {
      reportProblems(io, err.root, [err.diagnostic], [], { filesRead: 0, elapsedMs: 0 });
      return EXIT.usage;
    }
    if (err instanceof GitError) {
      io.stderr(`sot: ${err.message}\nhelp: ${err.help}\n`);
      return EXIT.usage;
    }
    if (err instanceof NotAFolder) {
      io.stderr(`sot: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout(HELP);
    return EXIT.clean;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout(`${version()}\n`);
    return EXIT.clean;
  }
  switch (command) {
    case 'help': {
      const text = rest[0] ? commandHelp(rest[0]) : HELP;
      if (text === undefined) throw new UsageError(`no command "${rest[0]}"`);
      io.stdout(text);
      return EXIT.clean;
    }
    case 'check':
      return check(rest, io);
    case 'init':
      return init(rest, io);
    case 'schema':
      return schema(rest, io);
    case 'rack':
      return rack(rest, io);
    case 'trace':
      return trace(rest, io);
    case 'ipam':
      return ipam(rest, io);
    case 'context':
      return context(rest, io);
    case 'build':
      return build(rest, io);
    case 'test':
      return testOutputs(rest, io);
    case 'render':
      return render(rest, io);
    case 'diff':
      return diff(rest, io);
    case 'log':
      return log(rest, io);
    case 'watch':
      return watchCommand(rest, io, { inventoryRoot: (dir) => inventoryRoot(io, dir), usageError: (m) => new UsageError(m), version: version() });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function wantsHelp(args: string[], name: string, io: Io): boolean {
  if (!args.includes('--help') && !args.includes('-h')) return false;
  io.stdout(commandHelp(name)!);
  return true;
}

async function check(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'check', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'pretty' },
      'fail-on': { type: 'string', default: 'error' },
      quiet: { type: 'boolean', short: 'q', default: false },
      timings: { type: 'boolean', default: false },
      rev: { type: 'string' },
      output: { type: 'string', short: 'o' },
      changed: { type: 'string' },
    },
  });
  const rev = values.rev as string | undefined;
  if (rev !== undefined && rev.trim() === '') throw new UsageError('--rev takes a revision: a branch, a tag or a commit id');
  const changed = values.changed as string | undefined;
  if (changed !== undefined && (changed.trim() === '' || changed.startsWith('-'))) throw new UsageError('--changed takes a revision: a branch, a tag or a commit id');
  const format = values.format as string;
  const reporter = reporterFor(format);
  if (!reporter) throw new UsageError(`unknown format "${format}" (one of: ${FORMAT_NAMES.join(', ')})`);
  const failOn = values['fail-on'] as string;
  if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on takes error or warning, not "${failOn}"`);
  const output = values.output === undefined ? undefined : outputFile(io, values.output as string);
  const { dir, files: only } = checkTargets(io, positionals);
  if (changed !== undefined && only !== undefined) throw new UsageError('give files or --changed, not both');
  const found = discoverInventory(dir);
  // With --rev, the folder names the inventory's place in its repository and its files come from the
  // commit: without a sot.yaml in the working tree, the folder given is taken as it is.
  const root = found.found ? found.root : dir;
  const missing = !found.found && rev === undefined ? missingSettings(found, (d) => shownFolder(io, d)) : undefined;
  const wanted = only && !missing ? inventoryPaths(io, root, only) : undefined;
  const changedFiles = changed !== undefined && !missing ? changedSince(root, changed) : undefined;

  const again = missing ? undefined : io.relaunch?.(root);
  if (again !== undefined) return again;
  const started = performance.now();
  const status = statusLineWanted(io) ? statusLine(io) : undefined;
  const onPhase = status && ((phase: string) => status(`sot check: ${phase}…`));
  const { result, files } = missing
    ? { result: { diagnostics: [missing], filesRead: 0, bytesRead: 0, configError: true, timings: emptyTimings() }, files: [] as { file: string; text: string }[] }
    : rev === undefined
      ? await compileWorktree(root, { onPhase })
      : await compileRevision(openRepository(root), rev);
  status?.('');
  const elapsedMs = performance.now() - started;

  const texts = new Map(files.map((f) => [f.file, f.text]));
  const selected = wanted ?? changedFiles;
  if (wanted) {
    for (const [file, shown] of wanted) {
      if (!texts.has(file)) io.stderr(`sot: note: ${shown} is not a file of the inventory (not YAML, excluded by sot.yaml or ignored by git): nothing is reported for it\n`);
    }
  }
  // A problem with sot.yaml concerns every file: it is reported whatever files were asked for.
  const reported = selected && !result.configError ? result.diagnostics.filter((d) => selected.has(d.location.file)) : result.diagnostics;
  const shown = values.quiet ? reported.filter((d) => d.severity === 'error') : reported;
  const allSuppressed = 'suppressed' in result ? result.suppressed : [];
  const suppressed = selected ? allSuppressed.filter((d) => selected.has(d.location.file)) : allSuppressed;
  const text = reporter(
    { diagnostics: shown, suppressed, filesRead: result.filesRead, elapsedMs, version: version(), hiddenWarnings: reported.length - shown.length },
    {
      displayPath: (file) => relative(io.cwd, join(root, file)).split(sep).join('/'),
      source: (file) => texts.get(file),
      color: format === 'pretty' && output === undefined && colorWanted(io.env, io.isTTY),
      repository: repositoryPaths(root, io.cwd, io.env),
    },
  );
  if (output === undefined) io.stdout(text);
  else writeAtomically(output, text);
  if (values.timings || io.env.SOT_TIMINGS === '1') {
    const t = result.timings;
    const mb = result.bytesRead / 1e6;
    io.stderr(
      `timings: read ${ms(t.read)}, parse ${ms(t.parse)}, validate ${ms(t.validate)}, ${t.workers ? `other threads ${ms(t.workers)}, ` : ''}resolve ${ms(t.resolve)}, checks ${ms(t.checks)}, locate ${ms(t.locate)}; ` +
        `total ${ms(elapsedMs)} for ${result.filesRead} files, ${mb.toFixed(1)} MB (${(mb / (elapsedMs / 1000)).toFixed(1)} MB/s); ` +
        `heap limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB\n`,
    );
  }
  if (result.configError) return EXIT.usage;
  const { errors, warnings } = countBySeverity(reported);
  if (errors > 0 || (failOn === 'warning' && warnings > 0)) return EXIT.problems;
  return EXIT.clean;
}

/**
 * `sot check [dir | files…]`: one folder, the inventory's (as before), or files to report on, which
 * pre-commit hooks pass relative to the current folder. With files only, the inventory is the one the
 * first file's folder is in.
 */
function checkTargets(io: Io, positionals: string[]): { dir: string; files?: string[] } {
  if (positionals.some((p) => p === '')) throw new UsageError('an empty path is neither a folder nor a file (for the current folder, give .)');
  const isFolder = (p: string) => existsSync(resolvePath(io.cwd, p)) && statSync(resolvePath(io.cwd, p)).isDirectory();
  if (positionals.length === 1 && isFolder(positionals[0])) return { dir: resolvePath(io.cwd, positionals[0]) };
  if (positionals.length === 0) return { dir: folderArg(io, undefined) };
  for (const p of positionals) {
    if (isFolder(p)) throw new UsageError(`${p} is a folder: give the inventory's folder alone, or files`);
    if (!existsSync(resolvePath(io.cwd, p))) throw new UsageError(`no file or folder at ${p}`);
  }
  return { dir: dirname(resolvePath(io.cwd, positionals[0])), files: positionals };
}

/** Files named on the command line, by their path in the inventory (to the path as given); a usage error outside it. */
function inventoryPaths(io: Io, root: string, files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const given of files) {
    const rel = relative(root, resolvePath(io.cwd, given));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${given} is outside the inventory at ${shownFolder(io, root)}`);
    out.set(rel.split(sep).join('/'), given);
  }
  return out;
}

/** The inventory's files changed since `rev` (committed, staged or not) and its untracked files, by path in the inventory. */
function changedSince(root: string, rev: string): Set<string> {
  // --relative: paths from the inventory's folder, and only those below it.
  const diff = gitRead(root, ['diff', '--name-only', '--relative', '--no-renames', '-z', rev, '--']);
  if (diff === undefined) throw new UsageError(`cannot list the files changed since "${rev}": not in a git repository, or git does not know that revision`);
  const untracked = gitRead(root, ['ls-files', '--others', '--exclude-standard', '-z']) ?? Buffer.alloc(0);
  const names = `${diff.toString('utf8')}${untracked.toString('utf8')}`.split('\0').filter((n) => n !== '');
  return new Set(names);
}

/** The file --output names, absolute; a usage error, before any work, when its folder does not exist. */
function outputFile(io: Io, given: string): string {
  if (given === '') throw new UsageError('--output takes a file name');
  const path = resolvePath(io.cwd, given);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`cannot write ${given}: no folder ${shownFolder(io, folder)}`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`cannot write ${given}: it is a folder`);
  return path;
}

/**
 * Writes a file whole or not at all: into a temporary file beside it, then renamed over it, so a
 * reader (a CI step, an editor) never sees half a report and a failed run leaves the last one.
 */
function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(err as Error).message}`);
  }
}

/** One status line on stderr, redrawn in place; '' erases it (before the report). */
function statusLine(io: Io): (text: string) => void {
  let drawn = false;
  return (text) => {
    if (text === '' && !drawn) return;
    io.stderr(`\r\x1b[K${text}`);
    drawn = text !== '';
  };
}

const DIFF_FORMATS = ['pretty', 'markdown', 'json'] as const;

async function diff(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'diff', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'pretty' },
      dir: { type: 'string', short: 'C', default: '.' },
      'all-configs': { type: 'boolean', default: false },
      'max-bytes': { type: 'string' },
      'exit-code': { type: 'boolean', default: false },
      timings: { type: 'boolean', default: false },
    },
  });
  if (positionals.length < 1) throw new UsageError('diff needs a base revision: sot diff <base> [<head>]');
  if (positionals.length > 2) throw new UsageError('diff takes a base and a head revision; name the inventory folder with --dir');
  const format = values.format as string;
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (${DIFF_FORMATS.join(', ')})`);
  const maxBytes = values['max-bytes'] === undefined ? undefined : Number(values['max-bytes']);
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1000)) throw new UsageError(`--max-bytes takes a number of bytes of at least 1000, not "${values['max-bytes']}"`);
  const root = revisionInventory(folderArg(io, values.dir as string));

  // Two models are held at once.
  const again = io.relaunch?.(root, 2);
  if (again !== undefined) return again;
  const started = performance.now();
  const run = await runDiff({ root, base: positionals[0], head: positionals[1], allConfigs: values['all-configs'] as boolean });
  const { result } = run;
  // The JSON keeps paths from the inventory folder; a person reads them from the current folder.
  const shown = () => withDisplayPaths(result, (file) => relative(io.cwd, join(root, file)).split(sep).join('/'));
  if (format === 'json') io.stdout(formatJson(result));
  else if (format === 'markdown') io.stdout(formatMarkdown(shown(), { maxBytes }));
  else io.stdout(formatPretty(shown(), { color: colorWanted(io.env, io.isTTY) }));
  if (values.timings || io.env.SOT_TIMINGS === '1') {
    const t = run.timings;
    const phases = (p: CompileResult['timings']) =>
      `read ${ms(p.read)}, parse ${ms(p.parse)}, validate ${ms(p.validate)}, other threads ${ms(p.workers)}, resolve ${ms(p.resolve)}, checks ${ms(p.checks)}`;
    io.stderr(
      `timings: base ${ms(t.base)} (${phases(run.base.result.timings)}), head ${ms(t.head)} (${phases(run.head.result.timings)}), ` +
        `objects ${ms(t.objects)}, configs ${ms(t.configs)} (${run.rendered.base} + ${run.rendered.head} rendered); total ${ms(performance.now() - started)}\n`,
    );
  }
  if (run.head.result.configError) return EXIT.usage;
  return values['exit-code'] && !isEmptyDiff(result) ? EXIT.problems : EXIT.clean;
}

async function log(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'log', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'pretty' },
      rev: { type: 'string' },
      'max-count': { type: 'string', short: 'n', default: '50' },
    },
  });
  if (positionals.length < 2) throw new UsageError('log needs a kind and a natural key: sot log <kind> <key> [dir]');
  if (positionals.length > 3) throw new UsageError('log takes a kind, a natural key and one inventory folder (quote a key with spaces)');
  const format = values.format as string;
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`unknown format "${format}" (pretty, json)`);
  const maxCount = Number(values['max-count']);
  if (!Number.isInteger(maxCount) || maxCount < 1) throw new UsageError(`--max-count takes a number of commits, not "${values['max-count']}"`);
  const root = revisionInventory(folderArg(io, positionals[2]));
  // A commit and its parent are held at once.
  const again = io.relaunch?.(root, 2);
  if (again !== undefined) return again;
  let history;
  try {
    history = await objectHistory({ root, kind: positionals[0], key: positionals[1], rev: values.rev as string | undefined, maxCount });
  } catch (err) {
    if (err instanceof HistoryError) throw new UsageError(err.message);
    throw err;
  }
  io.stdout(format === 'json' ? formatLogJson(history) : formatLogPretty(history, { color: colorWanted(io.env, io.isTTY) }));
  return EXIT.clean;
}

async function trace(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'trace', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      kind: { type: 'string' },
    },
  });
  if (positionals.length < 1) throw new UsageError('trace takes a termination: <device>:<port>, <circuit>:<A|Z> or <power panel>:<feed>');
  if (positionals.length > 2) throw new UsageError('trace takes a termination and one inventory folder');
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (text, json)`);
  const kindName = values.kind as string | undefined;
  if (kindName !== undefined && !Object.hasOwn(TRACE_KINDS, kindName)) throw new UsageError(`unknown kind "${kindName}" (${Object.keys(TRACE_KINDS).join(', ')})`);
  const root = inventoryRoot(io, positionals[1]);

  const result = await compileOrReport(root, io);
  if (typeof result === 'number') return result;

  const hit = findTermination(result.model, positionals[0], kindName ? TRACE_KINDS[kindName] : undefined);
  if ('error' in hit) throw new UsageError(hit.error);
  const path = pathFrom(result.model, hit.found);
  io.stdout(format === 'json' ? `${JSON.stringify(pathJson(result.model, path), null, 2)}\n` : pathText(result.model, path));
  return EXIT.clean;
}

async function build(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'build', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o', default: 'out' },
      force: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      timings: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 1) throw new UsageError('build takes one inventory folder');
  const root = inventoryRoot(io, positionals[0]);
  const outArg = values.out as string;
  const out = resolvePath(io.cwd, outArg);
  const refused = refuseOutput(out, root);
  if (refused) throw new UsageError(refused);

  const again = io.relaunch?.(root);
  if (again !== undefined) return again;
  const started = performance.now();
  const { result, files } = await compileWorktree(root, { listingOrder: io.listingOrder });
  const texts = new Map(files.map((f) => [f.file, f.text]));
  const report = (diagnostics: Diagnostic[], extra: ReadonlyMap<string, string> = new Map()) =>
    reportProblems(io, root, diagnostics, [texts, extra], { filesRead: result.filesRead, elapsedMs: performance.now() - started });
  const inventoryErrors = countBySeverity(result.diagnostics).errors > 0;
  if (inventoryErrors || (!values.quiet && result.diagnostics.length)) report(result.diagnostics);
  if (result.configError) return EXIT.usage;
  if (inventoryErrors && !values.force) {
    io.stderr(`sot: nothing written: the inventory has errors (--force builds anyway)\n`);
    return EXIT.problems;
  }

  const compiledAt = performance.now();
  const progress = statusLineWanted(io) ? progressLine(io, 'rendering configs') : undefined;
  const rendered = renderConfigs(result.model, { root, texts }, progress);
  if (progress) io.stderr('\r\x1b[K');
  const renderedAt = performance.now();
  const exported = renderExports(result.model, { root, texts });
  const builtin = automationExports(result.model);
  const exportedAt = performance.now();
  const problems = [...rendered.diagnostics, ...exported.diagnostics];
  if (problems.length) {
    report(problems, new Map([...rendered.templateFiles, ...exported.templateFiles]));
    if (!values.force) {
      io.stderr(`sot: nothing written: ${problems.length} template problem${problems.length === 1 ? '' : 's'} (--force writes what rendered)\n`);
      return EXIT.problems;
    }
  }
  const netbox = netboxExportOutputs(result.model);
  try {
    replaceFolder(out, [...rendered.files, ...exported.files, ...builtin, ...netbox], (entries) => ({ path: 'manifest.json', text: manifestText(entries, version()) }));
  } catch (err) {
    throw new UsageError(`cannot write ${outArg}: ${(err as Error).message}`);
  }
  const shown = relative(io.cwd, out).split(sep).join('/') || '.';
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (values.timings || io.env.SOT_TIMINGS === '1') {
    io.stderr(
      `timings: compile ${ms(compiledAt - started)}, configs ${ms(renderedAt - compiledAt)}, export templates and Ansible/Nornir ${ms(exportedAt - renderedAt)}, ` +
        `NetBox export, hashing and writing ${ms(performance.now() - exportedAt)}; total ${ms(performance.now() - started)}\n`,
    );
  }
  // Exports: each export template's file, the Ansible and Nornir inventories, the NetBox JSON export.
  const exports = exported.files.length + 3;
  io.stdout(`✔ built ${rendered.files.length} config${rendered.files.length === 1 ? '' : 's'}, ${exports} exports and the manifest into ${shown}/ (${seconds} s)\n`);
  return inventoryErrors || problems.length ? EXIT.problems : EXIT.clean;
}

async function testOutputs(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'test', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      update: { type: 'boolean', default: false },
      add: { type: 'string', multiple: true, default: [] },
    },
  });
  if (positionals.length > 1) throw new UsageError('test takes one inventory folder');
  const root = inventoryRoot(io, positionals[0]);
  const compiled = await compileOrReport(root, io, true);
  if (typeof compiled === 'number') return compiled;
  const { result, texts } = compiled;
  const rendered = renderConfigs(result.model, { root, texts });
  if (rendered.diagnostics.length) {
    reportProblems(io, root, rendered.diagnostics, [texts, rendered.templateFiles], { filesRead: result.filesRead, elapsedMs: 0 });
    return EXIT.problems;
  }
  const byPath = new Map(rendered.files.map((f) => [f.path, f.text]));
  const write = (path: string) => writeFilesSafely(join(root, EXPECTED_DIR), new Map([[path, byPath.get(path)!]]));
  for (const name of values.add as string[]) {
    const hit = findDevice(result.model, name);
    if ('error' in hit) throw new UsageError(hit.error);
    const path = rendered.pathOf.get(hit.found);
    if (path === undefined) throw new UsageError(`${describe(hit.found)} has no config template: there is nothing to expect`);
    write(path);
    io.stdout(`added ${EXPECTED_DIR}/${path}\n`);
  }
  const results = compareExpected(root, rendered.files);
  if (results.length === 0) {
    io.stdout(`no expected outputs in ${EXPECTED_DIR}/ (sot test --add <device> keeps a device's current render there)\n`);
    return EXIT.clean;
  }
  let failed = 0;
  for (const r of results) {
    if (r.status === 'pass') continue;
    if (values.update && r.status === 'fail') {
      write(r.path);
      io.stdout(`updated ${EXPECTED_DIR}/${r.path}\n`);
      continue;
    }
    failed++;
    if (r.status === 'no-output') io.stdout(`✖ ${EXPECTED_DIR}/${r.path}: sot renders nothing at ${r.path} (renamed or removed device, or no config template)\n`);
    else io.stdout(`✖ ${r.path} differs from ${EXPECTED_DIR}/${r.path}:\n${r.diff}`);
  }
  const passed = results.length - failed;
  io.stdout(failed ? `✖ ${failed} of ${results.length} expected output${results.length === 1 ? '' : 's'} differ${failed === 1 ? 's' : ''}\n` : `✔ ${passed} expected output${passed === 1 ? '' : 's'} match${passed === 1 ? 'es' : ''}\n`);
  return failed ? EXIT.problems : EXIT.clean;
}

/** A progress counter on one terminal line, redrawn at most every 1 %. */
function progressLine(io: Io, label: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const pct = Math.floor((done * 100) / Math.max(total, 1));
    if (pct === shown) return;
    shown = pct;
    io.stderr(`\r${label}: ${done}/${total}`);
  };
}

async function context(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'context', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'json' } },
  });
  if (positionals.length < 1) throw new UsageError('context needs a device or virtual machine: sot context <name> [dir]');
  if (positionals.length > 2) throw new UsageError('context takes a device or virtual machine and one inventory folder');
  const format = values.format as string;
  if (format !== 'json' && format !== 'text') throw new UsageError(`unknown format "${format}" (json, text)`);
  const root = inventoryRoot(io, positionals[1]);

  const result = await compileOrReport(root, io);
  if (typeof result === 'number') return result;

  const hit = findDevice(result.model, positionals[0]);
  if ('error' in hit) throw new UsageError(hit.error);
  const ec = effectiveContext(result.model, hit.found);
  io.stdout(format === 'text' ? contextText(hit.found, ec) : `${JSON.stringify(ec.data, null, 2)}\n`);
  return EXIT.clean;
}

const RACK_FORMATS = ['text', 'svg', 'json'] as const;

async function rack(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'rack', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      out: { type: 'string', short: 'o' },
    },
  });
  if (positionals.length === 0) throw new UsageError('rack needs a rack: sot rack <site>/<rack> [dir]');
  if (positionals.length > 2) throw new UsageError('rack takes a rack and one inventory folder');
  const format = values.format as string;
  if (!(RACK_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (${RACK_FORMATS.join(', ')})`);
  const root = inventoryRoot(io, positionals[1]);

  const result = await compileOrReport(root, io);
  if (typeof result === 'number') return result;

  const found = findRack(result.model, positionals[0]);
  if ('error' in found) throw new UsageError(found.error);
  const elevation = rackElevation(result.model, found.rack);
  if (!elevation) throw new UsageError(`the units of rack ${fullName(found.rack)} are unknown`);
  const text = format === 'svg' ? rackSvg(elevation) : format === 'json' ? elevationJson(elevation) : rackText(elevation);
  if (values.out === undefined) io.stdout(text);
  else {
    try {
      writeFileSync(resolvePath(io.cwd, values.out as string), text);
    } catch (err) {
      throw new UsageError(`cannot write ${values.out}: ${(err as Error).message}`);
    }
  }
  return EXIT.clean;
}

async function render(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'render', io)) return EXIT.clean;
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError('render needs a device: sot render <device> [dir]');
  if (positionals.length > 2) throw new UsageError('render takes a device and one inventory folder');
  const root = inventoryRoot(io, positionals[1]);

  const compiled = await compileOrReport(root, io, true);
  if (typeof compiled === 'number') return compiled;
  const { result, texts } = compiled;
  const hit = findDevice(result.model, positionals[0]);
  if ('error' in hit) throw new UsageError(hit.error);
  const device = hit.found;
  if (!configTemplateOf(device)) {
    const role = ref(device, 'role');
    const platform = ref(device, 'platform');
    const owners = [`its own`, role ? `its role's (${displayName(role)})` : undefined, platform ? `its platform's (${displayName(platform)})` : undefined].filter(Boolean);
    io.stderr(`sot: ${describe(device)} has no config template: neither ${owners.join(' nor ')} names one\n`);
    return EXIT.usage;
  }
  const renderer = new TemplateRenderer(result.model, { root, texts });
  const out = renderer.render(device, effectiveContext(result.model, device).data);
  if ('text' in out) {
    io.stdout(out.text);
    return EXIT.clean;
  }
  reportProblems(io, root, out.diagnostics, [texts, renderer.files], { filesRead: result.filesRead, elapsedMs: 0 });
  return EXIT.problems;
}

/**
 * Compiles the inventory for a command that shows part of it (rack, trace, ipam). Only a valid inventory is
 * shown: with errors, its problems go to stderr as `sot check` reports them, nothing to stdout, and the
 * exit code is returned instead of the compile result.
 */
async function compileOrReport(root: string, io: Io): Promise<CompileResult | number>;
async function compileOrReport(root: string, io: Io, withTexts: true): Promise<{ result: CompileResult; texts: Map<string, string> } | number>;
async function compileOrReport(root: string, io: Io, withTexts = false): Promise<CompileResult | { result: CompileResult; texts: Map<string, string> } | number> {
  const again = io.relaunch?.(root);
  if (again !== undefined) return again;
  const started = performance.now();
  const { result, files } = await compileWorktree(root);
  const texts = new Map(files.map((f) => [f.file, f.text]));
  if (countBySeverity(result.diagnostics).errors === 0) return withTexts ? { result, texts } : result;
  reportProblems(io, root, result.diagnostics, [texts], { filesRead: result.filesRead, elapsedMs: performance.now() - started });
  return result.configError ? EXIT.usage : EXIT.problems;
}

/**
 * Problems on stderr as `sot check` prints them, quoting lines from the first of `sources` that has the
 * file (inventory files, then template files); a built-in template keeps its `builtin:` name.
 */
function reportProblems(io: Io, root: string, diagnostics: Diagnostic[], sources: ReadonlyMap<string, string>[], meta: { filesRead: number; elapsedMs: number }): void {
  io.stderr(
    reporters.pretty(
      { diagnostics, filesRead: meta.filesRead, elapsedMs: meta.elapsedMs, version: version() },
      {
        displayPath: (file) => (file.startsWith(BUILTIN_PREFIX) ? file : relative(io.cwd, join(root, file)).split(sep).join('/')),
        source: (file) => sources.find((m) => m.has(file))?.get(file),
        // stderr: its own terminal or not.
        color: colorWanted(io.env, io.stderrIsTTY ?? io.isTTY),
      },
    ),
  );
}

const IPAM_FORMATS = ['text', 'json'] as const;

async function ipam(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    io.stdout(commandHelp('ipam')!);
    return EXIT.clean;
  }
  if (sub === undefined) throw new UsageError('ipam needs a command: sot ipam tree [dir] or sot ipam available <prefix> [dir]');
  if (sub !== 'tree' && sub !== 'available') throw new UsageError(`unknown ipam command "${sub}" (tree, available)`);
  if (wantsHelp(rest, 'ipam', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      vrf: { type: 'string' },
      ...(sub === 'available' ? { ips: { type: 'string' as const }, 'prefix-length': { type: 'string' as const }, count: { type: 'string' as const } } : {}),
    },
  });
  const format = values.format as string;
  if (!(IPAM_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (${IPAM_FORMATS.join(', ')})`);
  const dirAt = sub === 'tree' ? 0 : 1;
  if (sub === 'available' && positionals.length === 0) throw new UsageError('ipam available needs a prefix: sot ipam available <prefix> [dir]');
  if (positionals.length > dirAt + 1) throw new UsageError(sub === 'tree' ? 'ipam tree takes one inventory folder' : 'ipam available takes a prefix and one inventory folder');
  const v = values as Record<string, string | undefined>;
  if (v.ips !== undefined && v['prefix-length'] !== undefined) throw new UsageError('give --ips or --prefix-length, not both');
  if (v.count !== undefined && v['prefix-length'] === undefined) throw new UsageError('--count goes with --prefix-length (for addresses, --ips N)');
  const positive = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--${name} takes a whole number from 1, not "${text}"`);
    return Number(text);
  };
  const ips = positive('ips', v.ips, 1);
  const count = positive('count', v.count, PREFIX_LIST_LIMIT);
  const root = inventoryRoot(io, positionals[dirAt]);

  const result = await compileOrReport(root, io);
  if (typeof result === 'number') return result;
  const model = result.model;
  let vrf: Obj | undefined;
  if (v.vrf !== undefined) {
    const found = findVrf(model, v.vrf);
    if ('error' in found) throw new UsageError(found.error);
    vrf = found.vrf;
  }

  if (sub === 'tree') {
    const only = vrf ? [ipSpace(model).tables.get(vrf) ?? { vrf, prefixes: [], roots: [], ranges: [], ips: [] }] : undefined;
    const tree = ipTree(model, only);
    io.stdout(format === 'json' ? ipTreeJson(tree) : ipTreeText(tree));
    return EXIT.clean;
  }

  const found = findPrefix(model, positionals[0], vrf);
  if ('error' in found) throw new UsageError(found.error);
  const { node, prefix } = found;
  const vrfJson = found.table.vrf ? { name: String(found.table.vrf.data.name), rd: found.table.vrf.data.rd ?? null } : null;
  const net = `${formatAddress(node.family, node.first)}/${node.length}`;
  if (v['prefix-length'] !== undefined) {
    const length = checkLength(v['prefix-length'], node);
    if (typeof length === 'string') throw new UsageError(length);
    const { nets, total } = freeNetsOfLength(availablePrefixes(model, prefix), length, count);
    const texts = nets.map((n) => `${formatAddress(n.family, n.first)}/${n.length}`);
    io.stdout(format === 'json' ? `${JSON.stringify(texts.map((p) => ({ family: node.family, prefix: p, vrf: vrfJson })), null, 2)}\n` : texts.map((t) => `${t}\n`).join(''));
    if (total === 0n) io.stderr(`sot: no free /${length} in ${net}\n`);
    else if (BigInt(nets.length) < total) io.stderr(`sot: the first ${nets.length} of ${total} free /${length} prefixes in ${net}; --count N lists more\n`);
    return EXIT.clean;
  }
  const free = availableIps(model, prefix, ips);
  const texts = free.map((a) => `${formatAddress(node.family, a)}/${node.length}`);
  io.stdout(format === 'json' ? `${JSON.stringify(texts.map((a) => ({ family: node.family, address: a, vrf: vrfJson })), null, 2)}\n` : texts.map((t) => `${t}\n`).join(''));
  if (free.length < ips) io.stderr(`sot: ${free.length ? `only ${free.length} free` : 'no free'} address${free.length === 1 ? '' : 'es'} in ${net}\n`);
  return EXIT.clean;
}

/** Free prefixes of one length listed without --count. */
const PREFIX_LIST_LIMIT = 256;

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

async function init(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'init', io)) return EXIT.clean;
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false }, editor: { type: 'boolean', default: false } } });
  if (positionals.length > 1) throw new UsageError('init takes one folder');
  if (positionals[0] === '') throw new UsageError('an empty path is not a folder (for the current folder, give .)');
  const dir = resolvePath(io.cwd, positionals[0] ?? '.');
  const shown = relative(io.cwd, dir) || '.';
  const list = (files: string[]) => files.map((f) => `  ${f}\n`).join('');
  // The settings live at the folder an editor opens (the repository's root), maybe outside dir.
  const settingsLine = (file: string) => `Editor settings: ${relative(io.cwd, file) || file}\n`;
  if (values.editor) {
    // An existing inventory gets the editor wiring only: its files stay as they are.
    if (!existsSync(join(dir, 'sot.yaml'))) {
      io.stderr(`sot: ${shown} holds no sot.yaml: run sot init --editor in an inventory's folder\n`);
      return EXIT.usage;
    }
    const wiring = planEditorWiring(dir);
    if ('error' in wiring.settings) {
      io.stderr(`sot: not changing ${relative(io.cwd, wiring.settingsFile)}: ${wiring.settings.error}\n`);
      return EXIT.usage;
    }
    io.stdout(`Wired editors to the inventory in ${shown}:\n${list(writeEditorWiring(dir, wiring))}${settingsLine(wiring.settingsFile)}`);
    return EXIT.clean;
  }
  const result = initInventory(dir, { force: values.force as boolean });
  if (result.conflicts.length) {
    io.stderr(`sot: not overwriting ${result.conflicts.join(', ')} (use --force)\n`);
    return EXIT.usage;
  }
  if (result.settingsError) {
    io.stderr(`sot: not changing ${relative(io.cwd, result.settingsError.file)}: ${result.settingsError.message}\n`);
    return EXIT.usage;
  }
  io.stdout(`Created an inventory in ${shown}:\n${list(result.written)}${settingsLine(result.settingsFile!)}${result.notes.map((n) => `Note: ${n}\n`).join('')}Next: sot check ${shown}\n`);
  return EXIT.clean;
}

async function schema(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args, 'schema', io)) return EXIT.clean;
  const { values } = parseArgs({ args, options: { out: { type: 'string', short: 'o', default: '.sot/schemas' } } });
  const dir = resolvePath(io.cwd, values.out as string);
  const written = writeSchemas(dir);
  io.stdout(`Wrote ${written.length} JSON Schemas to ${relative(io.cwd, dir) || '.'}:\n${written.map((f) => `  ${f}\n`).join('')}`);
  return EXIT.clean;
}

// `sot watch`: `sot check` again on every save. The inventory's files are listed, read and hashed as
// `sot check --rev` does a commit's, and compiled through a parse cache (src/parse-cache.ts), so a save
// parses and validates only the files it changed; resolve, checks and locate run over the whole
// inventory each time (they need every file). A file whose size, times and inode are those of the
// last check, and of which the watcher said nothing, is neither read nor hashed again.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { watch as watchFiles } from 'chokidar';
import type { CompileResult } from '../compile.js';
import { compileInventory, type InventoryFile } from '../compile-worktree.js';
import { ParseCache } from '../parse-cache.js';
import { decodeSource } from '../parse/utf8.js';
import { FORMAT_NAMES, reporterFor, reporters, type FormatName } from '../reporters/index.js';
import { repositoryPaths } from '../reporters/repository.js';
import { blobId } from '../sources/git.js';
import { isSkippedName, isYamlFile, listWorktree } from '../sources/worktree.js';
import { commandHelp } from './help.js';
import { colorWanted, type Io } from './main.js';

/** Saves closer together than this are checked once: an editor's save is often several writes. */
export const DEBOUNCE_MS = 100;

/** What the command needs from main.ts, which owns the inventory lookup and the usage errors. */
export interface WatchShell {
  /** The inventory a [dir] argument names (discover.ts), or a thrown error main() reports. */
  inventoryRoot(dir: string | undefined): string;
  usageError(message: string): Error;
  version: string;
}

export async function watchCommand(args: string[], io: Io, shell: WatchShell): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(commandHelp('watch')!);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'pretty' },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  if (positionals.length > 1) throw shell.usageError('watch takes one inventory folder');
  const format = values.format as string;
  if (!reporterFor(format)) throw shell.usageError(`unknown format "${format}" (one of: ${FORMAT_NAMES.join(', ')})`);
  const root = shell.inventoryRoot(positionals[0]);

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  // Ctrl-C reaches the whole foreground process group: while a bigger heap's sot runs the watch (heap.ts),
  // this one waits for it to exit cleanly instead of dying first.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // The parse cache's fronts stay alive beside each new model, as a diff's do.
    const again = io.relaunch?.(root, 2);
    if (again !== undefined) return again;
    await watchInventory(root, io, { format: format as FormatName, quiet: values.quiet as boolean, signal: stop.signal, version: shell.version });
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export interface WatchOptions {
  format: FormatName;
  /** Report errors only. */
  quiet?: boolean;
  /** Aborting it closes the watcher; watchInventory then resolves. */
  signal: AbortSignal;
  version: string;
  debounceMs?: number;
  /** Called after each check is printed (tests, the benchmark). */
  onCheck?: (check: WatchCheck) => void;
  /** Called when changes left every file's bytes as they were, so nothing was checked (tests). */
  onUnchanged?: () => void;
}

export interface WatchCheck {
  result: CompileResult;
  /** From the first change seen (or the start) to the report printed, in milliseconds. */
  elapsedMs: number;
  /** Files read and hashed again (not taken on their size and times). */
  reread: number;
  /** Files parsed and validated again (not taken from the parse cache). */
  parsed: number;
  /** From the first change seen to the check's start: the debounce, or a check still running. */
  waitMs: number;
  /** Listing, reading and hashing the files (the compile's own phases are in result.timings). */
  readMs: number;
  /** Time spent printing the report. */
  reportMs: number;
}

/**
 * Checks the inventory at `root`, then again after each burst of changes, printing each report as
 * `sot check` would (the screen cleared first on a terminal) and a status line on stderr. Resolves
 * when `signal` aborts, with the watcher closed. A file deleted, renamed or half-written is reported
 * like any other state of the inventory; a folder that cannot be listed any more is said on the status
 * line, and the watch goes on.
 */
export async function watchInventory(root: string, io: Io, options: WatchOptions): Promise<void> {
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  const tree = new WorkingFiles(root);
  const cache = new ParseCache();
  const shownRoot = relative(io.cwd, root).split(sep).join('/') || '.';
  const repository = repositoryPaths(root, io.cwd, io.env);
  const reporter = reporters[options.format];

  const watcher = watchFiles(root, { ignoreInitial: true, ignored: (path) => isIgnored(root, path) });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let firstChange: number | undefined;
  /** The files and their blob ids the report on screen is of. */
  let lastState: string | undefined;

  const checkOnce = async () => {
    const started = firstChange ?? performance.now();
    firstChange = undefined;
    const readStarted = performance.now();
    let files: InventoryFile[];
    try {
      files = tree.read();
    } catch (err) {
      io.stderr(`sot watch: cannot read ${shownRoot}: ${(err as Error).message}; waiting for changes\n`);
      return;
    }
    const readMs = performance.now() - readStarted;
    // A save that changed no bytes (or a file touched) gives the same report: the one shown stays.
    const state = files.map((f) => `${f.blob} ${f.file}`).join('\n');
    if (state === lastState) {
      io.stderr(`sot watch: no file's bytes changed, the report stands; waiting for changes to ${shownRoot}, Ctrl-C to stop\n`);
      options.onUnchanged?.();
      return;
    }
    lastState = state;
    const misses = cache.stats.misses;
    const { result, files: kept } = await compileInventory(files, { cache });
    cache.keepOnly(files);
    const texts = new Map(kept.map((f) => [f.file, f.text]));
    const reportStarted = performance.now();
    const shown = options.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
    const output = reporter(
      { diagnostics: shown, filesRead: result.filesRead, elapsedMs: reportStarted - started, version: options.version },
      {
        displayPath: (file) => relative(io.cwd, join(root, file)).split(sep).join('/'),
        source: (file) => texts.get(file),
        color: options.format === 'pretty' && colorWanted(io.env, io.isTTY),
        repository,
      },
    );
    // Clear the screen and its scrollback, cursor home: each report replaces the last one.
    if (io.isTTY) io.stdout('\x1b[2J\x1b[3J\x1b[H');
    io.stdout(output);
    const elapsedMs = performance.now() - started;
    const parsed = cache.stats.misses - misses;
    io.stderr(`sot watch: ${statusLine(shownRoot, tree.reread, parsed, result.filesRead, elapsedMs)}\n`);
    options.onCheck?.({ result, elapsedMs, reread: tree.reread, parsed, waitMs: readStarted - started, readMs, reportMs: performance.now() - reportStarted });
  };

  // A bug in a check is said as bin/sot.js says it; the next save is checked all the same.
  const checkSafely = () => checkOnce().catch((err) => io.stderr(`sot: internal error: ${err?.stack ?? String(err)}\n`));
  // One check at a time; changes seen during one start another when it ends.
  const run = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = checkSafely().finally(() => {
      running = undefined;
      if (again && !options.signal.aborted) {
        again = false;
        schedule();
      }
    });
  };
  const schedule = () => {
    firstChange ??= performance.now();
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };

  watcher.on('all', (event, path) => {
    const file = relative(root, path).split(sep).join('/');
    if (!isRelevant(event, file)) return;
    tree.changed(file, event === 'change');
    schedule();
  });
  // A watcher that fails (a folder it may not read) is said, not thrown: the last report stays true
  // for the files still watched.
  watcher.on('error', (err) => io.stderr(`sot watch: ${(err as Error).message}\n`));

  await new Promise<void>((ready) => watcher.once('ready', ready));
  if (!options.signal.aborted) {
    running = checkSafely().finally(() => (running = undefined));
  }
  await new Promise<void>((stopped) => {
    if (options.signal.aborted) stopped();
    else options.signal.addEventListener('abort', () => stopped(), { once: true });
  });
  if (timer) clearTimeout(timer);
  again = false;
  await watcher.close();
  await running;
}

/** `12 files checked in 0.41 s (1 read again, 1 parsed again); waiting for changes to inventory, Ctrl-C to stop`. */
export function statusLine(shownRoot: string, reread: number, parsed: number, filesRead: number, elapsedMs: number): string {
  return (
    `${filesRead} file${filesRead === 1 ? '' : 's'} checked in ${(elapsedMs / 1000).toFixed(2)} s ` +
    `(${reread} read again, ${parsed} parsed again); waiting for changes to ${shownRoot}, Ctrl-C to stop`
  );
}

/**
 * What the watcher need not follow: hidden folders and files (.git) and node_modules, which are never
 * part of an inventory (worktree.ts), but for .gitignore files, which say what is.
 */
export function isIgnored(root: string, path: string): boolean {
  const rel = relative(root, path);
  if (rel === '') return false;
  const parts = rel.split(sep);
  const last = parts.pop()!;
  return parts.some(isSkippedName) || (isSkippedName(last) && last !== '.gitignore');
}

/**
 * Whether a change can change the report: a YAML file, or what decides which files are listed (a
 * .gitignore, a sot build's manifest.json, a folder removed).
 */
export function isRelevant(event: string, file: string): boolean {
  const name = basename(file);
  return isYamlFile(name) || name === '.gitignore' || name === 'manifest.json' || event === 'unlinkDir';
}

interface Known extends InventoryFile {
  stats: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;
}

/**
 * The inventory's files as the last check read them. The listing (git ls-files, sot.yaml's place) is
 * made again only after a file is added or removed or a .gitignore changes; a file is read and hashed
 * again only when the watcher saw it change or its size, times or inode differ.
 */
export class WorkingFiles {
  private names: string[] | undefined;
  private readonly known = new Map<string, Known>();
  private readonly dirty = new Set<string>();
  /** Files read and hashed by the last read(). */
  reread = 0;

  constructor(private readonly root: string) {}

  /** The watcher saw `file` change; `contentOnly`: its bytes, not whether it exists. */
  changed(file: string, contentOnly: boolean): void {
    this.dirty.add(file);
    if (!contentOnly || !this.known.has(file)) this.names = undefined;
  }

  read(): InventoryFile[] {
    const names = (this.names ??= listWorktree(this.root));
    const out: InventoryFile[] = [];
    this.reread = 0;
    let vanished = false;
    for (const file of names) {
      const path = join(this.root, file);
      let stats: Stats;
      let bytes: Buffer;
      const before = this.known.get(file);
      try {
        stats = statSync(path);
        if (before && !this.dirty.has(file) && sameFile(before.stats, stats)) {
          out.push(before);
          continue;
        }
        if (!stats.isFile()) {
          // Made a FIFO or a folder since it was listed: reading could block; the next listing reports it.
          this.known.delete(file);
          vanished = true;
          continue;
        }
        bytes = readFileSync(path);
      } catch (err) {
        // Listed, then gone before it could be read (a rename, an editor's swap): it is just gone.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        this.known.delete(file);
        vanished = true;
        continue;
      }
      this.reread++;
      // Decoded as sot check decodes it: a byte that is not UTF-8 is reported, not replaced.
      const f: Known = { file, text: decodeSource(bytes), blob: blobId(bytes), size: bytes.length, stats: pickStats(stats) };
      this.known.set(file, f);
      out.push(f);
    }
    this.dirty.clear();
    const listed = new Set(names);
    for (const file of this.known.keys()) if (!listed.has(file)) this.known.delete(file);
    if (vanished) this.names = undefined;
    return out;
  }
}

function pickStats(s: Stats): Known['stats'] {
  return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
}

function sameFile(a: Known['stats'], b: Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

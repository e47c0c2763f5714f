// `sot check` on a folder: read, parse and validate the data files on several threads, then resolve,
// check and locate on this one. Parsing is most of a compile (docs/performance.md) and each file
// parses alone, so on a big inventory this is where more cores pay.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { compileSelected, finishCompile, isInventoryFile, readConfiguration, type CompileResult, type Configuration, type OnPhase, type ReadText } from './compile.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { emptyTimings, frontFile, validatorsFor, type FileFront, type Phase } from './front.js';
import type { FrontJob, FrontMessage } from './front-worker.js';
import { loadSchemas, type SchemaSet } from './model/kinds.js';
import { PlainScalar } from './parse/scalars.js';
import { type ParseCache, validationFingerprint } from './parse-cache.js';
import { blobId } from './sources/git.js';
import { decodeSource } from './parse/utf8.js';
import { errorCode, unreadable } from './sources/problems.js';
import { readSourceFile, scanWorktree, type ListingOrder, type SourceFile } from './sources/worktree.js';

/** Below this much YAML a thread's start-up (~0.1 s) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 4_000_000;
/** Threads beyond four mostly wait on the one that resolves. */
const MAX_THREADS = 4;

export interface WorktreeOptions {
  schemas?: SchemaSet;
  /** Threads that read and parse, this one included (default: the machine's cores, at most 4). */
  threads?: number;
  /** Inventories smaller than this are compiled on this thread alone. */
  minBytes?: number;
  /** false leaves every data file to the other threads, so that each crosses between threads (tests). */
  mainParses?: boolean;
  /**
   * Fronts kept between compiles: a file whose path, bytes (its git blob id) and field choices a
   * compile has seen is not parsed again. Each file is then read and hashed on this thread.
   */
  cache?: ParseCache;
  /** Told as each step of the compile starts. */
  onPhase?: OnPhase;
  /** Tests only: reorders the file system's or git's listing before it is sorted (see ListingOrder). */
  listingOrder?: ListingOrder;
}

export interface WorktreeCompile {
  result: CompileResult;
  /** Every file read, in path order, with its text (reporters quote source lines). */
  files: SourceFile[];
}

export async function compileWorktree(root: string, options: WorktreeOptions = {}): Promise<WorktreeCompile> {
  const started = performance.now();
  options.onPhase?.('reading');
  const listing = scanWorktree(root, options.listingOrder);
  const names = listing.files;
  if (options.cache) {
    // The blob id needs the bytes, so every file is read here (a hit then costs a read and a hash).
    const files: InventoryFile[] = [];
    const problems = [...listing.problems];
    for (const file of names) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(root, file));
      } catch (err) {
        problems.push(unreadable(file, 'file', errorCode(err)));
        continue;
      }
      files.push({ file, text: decodeSource(bytes), blob: blobId(bytes), size: bytes.length });
    }
    const readMs = performance.now() - started;
    const out = await compileInventory(files, options, problems);
    out.result.timings.read += readMs;
    return out;
  }
  // sot.yaml first: its include and exclude say which of the other files are read at all.
  const schemas = options.schemas ?? loadSchemas();
  const timings = emptyTimings();
  timings.read += performance.now() - started; // listing the files
  const texts = new Map<string, string>();
  const failed = new Map<string, Diagnostic>();
  const read: ReadText = (file) => {
    const known = texts.get(file) ?? failed.get(file);
    if (known !== undefined) return known;
    const t0 = performance.now();
    const text = readSourceFile(root, file);
    timings.read += performance.now() - t0;
    if (typeof text === 'string') texts.set(file, text);
    else failed.set(file, text);
    return text;
  };
  const config = readConfiguration(names, read, schemas, timings, listing.problems);
  const kept = names.filter((file) => isInventoryFile(config, file));
  const threads = threadCount(options);
  const sizes = threads < 2 ? [] : kept.map(sizeOf(root));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (threads < 2 || total < (options.minBytes ?? PARALLEL_MIN_BYTES)) {
    const files = readable(kept, read, config);
    const result = compileSelected(config, files, texts, schemas, timings, options.onPhase);
    return { result, files };
  }

  options.onPhase?.('parsing');
  const data = kept.map((file, i) => ({ file, size: sizes[i] })).filter((f) => !config.consumed.has(f.file));
  const fronts = await frontsInParallel(data, { root }, threads, schemas, config, read, texts, timings, options);
  const byFile = new Map(fronts.map((f) => [f.file, f]));
  const ordered = kept.filter((f) => byFile.has(f)).map((f) => byFile.get(f)!);
  const files = readable(kept, read, config, true);
  let bytesRead = 0;
  for (const f of files) bytesRead += Buffer.byteLength(f.text);
  const result = finishCompile(config, ordered, texts, schemas, timings, { filesRead: files.length, bytesRead }, options.onPhase);
  return { result, files };
}

/**
 * The files whose text could be read; the problem reading each other data file joins the
 * configuration's (sot.yaml's own is one already). `reported`: the fronts carry those problems.
 */
function readable(files: readonly string[], read: ReadText, config: Configuration, reported = false): SourceFile[] {
  const out: SourceFile[] = [];
  for (const file of files) {
    const text = read(file);
    if (typeof text === 'string') out.push({ file, text });
    else if (!reported && !config.consumed.has(file)) config.unread.push(text);
  }
  return out;
}

/** A file's size for scheduling; 0 when it cannot be seen (the read reports why). */
function sizeOf(root: string): (file: string) => number {
  return (file) => {
    try {
      return statSync(join(root, file)).size;
    } catch {
      return 0;
    }
  };
}

/** The front of a file that could not be read: its one problem, no objects. */
export function unreadFront(file: string, problem: Diagnostic): FileFront {
  return { file, diagnostics: [problem], items: [], hasAliases: false, hasPlainScalars: false, suppressing: false };
}

/** A file whose text is at hand, with its git blob id (for the cache) and its size in bytes. */
export interface InventoryFile extends SourceFile {
  blob: string;
  size: number;
}

/**
 * Compiles files already read (a commit's, or a working tree's hashed for the cache), in path order:
 * fronts from the cache where path, blob and field choices match, the rest parsed (on several threads
 * when they are big enough), then resolve, checks and locate as compileWorktree does.
 */
export async function compileInventory(all: readonly InventoryFile[], options: WorktreeOptions = {}, problems: readonly Diagnostic[] = []): Promise<WorktreeCompile> {
  const schemas = options.schemas ?? loadSchemas();
  const timings = emptyTimings();
  const texts = new Map<string, string>();
  for (const f of all) texts.set(f.file, f.text);
  const config = readConfiguration(all.map((f) => f.file), (file) => texts.get(file) ?? '', schemas, timings, problems);
  const files = all.filter((f) => isInventoryFile(config, f.file));
  const kept = files.map((f) => f.file);
  const cache = options.cache;
  cache?.useSchemas(schemas);
  const fingerprint = validationFingerprint(config.settings);
  const byFile = new Map<string, FileFront>();
  const missing: InventoryFile[] = [];
  for (const f of files) {
    cache?.rememberText(f.blob, f.text);
    if (config.consumed.has(f.file)) continue;
    const hit = cache?.get(f.file, f.blob, fingerprint);
    if (hit) byFile.set(f.file, hit);
    else missing.push(f);
  }
  let total = 0;
  for (const f of missing) total += f.size;
  const threads = threadCount(options);
  let made: FileFront[];
  options.onPhase?.('parsing');
  if (threads < 2 || total < (options.minBytes ?? PARALLEL_MIN_BYTES)) {
    const validators = validatorsFor(schemas, config.settings);
    made = missing.map((f) => frontFile(f, schemas, validators, timings));
  } else {
    const read = (file: string) => texts.get(file)!;
    made = await frontsInParallel(missing, { texts }, threads, schemas, config, read, new Map(), timings, options);
  }
  const blobs = new Map(missing.map((f) => [f.file, f.blob]));
  for (const front of made) {
    byFile.set(front.file, front);
    cache?.set(front.file, blobs.get(front.file)!, fingerprint, front);
  }
  const ordered = kept.filter((f) => byFile.has(f)).map((f) => byFile.get(f)!);
  let bytesRead = 0;
  for (const f of files) bytesRead += f.size;
  const result = finishCompile(config, ordered, texts, schemas, timings, { filesRead: files.length, bytesRead }, options.onPhase);
  return { result, files: files.map((f) => ({ file: f.file, text: f.text })) };
}

function threadCount(options: WorktreeOptions): number {
  return Math.max(1, Math.min(options.threads ?? availableParallelism(), MAX_THREADS));
}

/**
 * Parses and validates `data` on this thread and `threads - 1` others, which read each file from
 * `root` or take its text from `texts`. The fronts come back in no particular order.
 */
async function frontsInParallel(
  data: readonly { file: string; size: number }[],
  from: { root?: string; texts?: ReadonlyMap<string, string> },
  threads: number,
  schemas: SchemaSet,
  config: Configuration,
  read: ReadText,
  received: Map<string, string>,
  timings: Record<Phase, number>,
  options: WorktreeOptions,
): Promise<FileFront[]> {
  // Biggest first, so the last files claimed are small and the threads finish together.
  const order = [...data].sort((a, b) => b.size - a.size || (a.file < b.file ? -1 : 1));
  const job: FrontJob = {
    root: from.root ?? '',
    files: order.map((f) => f.file),
    texts: from.texts ? order.map((f) => from.texts!.get(f.file)!) : undefined,
    next: new Int32Array(new SharedArrayBuffer(4)),
    fieldChoices: config.settings.fieldChoices,
  };
  const fronts: (FileFront | undefined)[] = new Array(order.length);
  const others = Array.from({ length: threads - 1 }, () => runThread(job, schemas, fronts, received));

  const validators = validatorsFor(schemas, config.settings);
  while (options.mainParses !== false) {
    const index = Atomics.add(job.next, 0, 1);
    if (index >= job.files.length) break;
    const file = job.files[index];
    const text = read(file);
    fronts[index] = typeof text === 'string' ? frontFile({ file, text }, schemas, validators, timings) : unreadFront(file, text);
  }
  const waited = performance.now();
  await Promise.all(others);
  timings.workers += performance.now() - waited;
  return fronts as FileFront[];
}

/** Starts one thread on the job; resolves when it has claimed its last file and sent every front. */
function runThread(job: FrontJob, schemas: SchemaSet, fronts: (FileFront | undefined)[], texts: Map<string, string>): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./front-worker.js', import.meta.url), { workerData: job });
    worker.on('message', (m: FrontMessage) => {
      if (!m.unread) texts.set(job.files[m.index], m.text);
      fronts[m.index] = fromMessage(m, schemas);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`sot: a parsing thread stopped with exit code ${code}`))));
  });
}

function fromMessage(m: FrontMessage, schemas: SchemaSet): FileFront {
  const items = m.items.map((item) => ({ kind: schemas.kinds.get(item.kind)!, data: item.data, file: item.file, path: item.path }));
  for (const [i, ...path] of m.plain) {
    let parent: any = items[i as number].data;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const last = path[path.length - 1];
    const p = parent[last];
    parent[last] = new PlainScalar(p.source, p.value, p.core);
  }
  return { file: m.file, diagnostics: m.diagnostics as Diagnostic[], items, hasAliases: m.hasAliases, hasPlainScalars: m.plain.length > 0, suppressing: m.suppressing };
}

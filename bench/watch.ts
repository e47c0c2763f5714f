// `sot watch` at one scale (docs/performance.md): the time from a save of one file to the report
// printed again, as a user waits for it.
//
// The generated inventory is copied beside it (`<out>-watch`, so that the generated one stays as it
// is), and watched in this process as `sot watch` does (watchInventory, its output dropped). Then, one
// after the other, `runs` saves of one site file each (the site files in turn; one interface's MTU
// changed, or changed back), each timed from the write to the report printed, with where that time
// went: the watcher's notice and the debounce, listing/reading/hashing, parse and validate of the
// changed file, resolve, checks, locate, the reporter.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Io } from '../src/cli/main.js';
import { DEBOUNCE_MS, watchInventory, type WatchCheck } from '../src/cli/watch.js';
import { listWorktree } from '../src/sources/worktree.js';
import { fmtMs, median, round, table } from './util.js';

/** A copy of the generated inventory to edit; made again when the generated one changed. */
function ensureWatchCopy(root: string): string {
  const copy = join(dirname(root), `${basename(root)}-watch`);
  const stamp = join(copy, 'bench-manifest.json');
  const manifest = readFileSync(join(root, 'bench-manifest.json'), 'utf8');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== manifest) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(root, copy, { recursive: true });
  }
  return copy;
}

interface EditRun {
  file: string;
  bytes: number;
  /** From the write to the report printed. */
  totalMs: number;
  /** The check's figures without its model: nine models of M would not fit in the heap. */
  check: Omit<WatchCheck, 'result'> & { timings: WatchCheck['result']['timings'] };
}

function figures({ result, ...rest }: WatchCheck): EditRun['check'] {
  return { ...rest, timings: result.timings };
}

export async function runWatchBench(root: string, runs: number, json: boolean): Promise<void> {
  const copy = ensureWatchCopy(root);
  const sites = listWorktree(copy).filter((f) => f.startsWith('sites/') && readFileSync(join(copy, f), 'utf8').includes('mtu: 9216'));
  const io: Io = { stdout: () => {}, stderr: () => {}, cwd: copy, env: {}, isTTY: false };
  const stop = new AbortController();
  let wake: ((check: EditRun['check']) => void) | undefined;
  let first: { filesRead: number; problems: number; elapsedMs: number } | undefined;
  const watching = watchInventory(copy, io, {
    format: 'pretty',
    signal: stop.signal,
    version: 'bench',
    onCheck: (check) => {
      first ??= { filesRead: check.result.filesRead, problems: check.result.diagnostics.length, elapsedMs: check.elapsedMs };
      wake?.(figures(check));
    },
  });
  const nextCheck = () => new Promise<EditRun['check']>((r) => (wake = r));
  if (!first) await nextCheck();
  const start = first!;
  const edits: EditRun[] = [];
  for (let i = 0; i < runs; i++) {
    const file = sites[i % sites.length];
    const path = join(copy, file);
    const text = readFileSync(path, 'utf8');
    // Every other round over the files puts the MTU back: each save is new bytes all the same.
    const next = text.includes('mtu: 9216') ? text.replace('mtu: 9216', 'mtu: 9100') : text.replace('mtu: 9100', 'mtu: 9216');
    const waiting = nextCheck();
    const t0 = process.hrtime.bigint();
    writeFileSync(path, next);
    const check = await waiting;
    edits.push({ file, bytes: Buffer.byteLength(next), totalMs: Number(process.hrtime.bigint() - t0) / 1e6, check });
  }
  stop.abort();
  await watching;

  const phase = (f: (r: EditRun) => number) => round(median(edits.map(f)));
  const parts = {
    total_ms: phase((r) => r.totalMs),
    // The write's notice reaching the watcher, then DEBOUNCE_MS of quiet.
    notice_and_debounce_ms: phase((r) => r.totalMs - r.check.elapsedMs + r.check.waitMs),
    read_ms: phase((r) => r.check.readMs),
    parse_validate_ms: phase((r) => r.check.timings.parse + r.check.timings.validate),
    resolve_ms: phase((r) => r.check.timings.resolve),
    checks_ms: phase((r) => r.check.timings.checks),
    locate_ms: phase((r) => r.check.timings.locate),
    report_ms: phase((r) => r.check.reportMs),
  };
  const load = loadavg()[0];
  const problems = start.problems;
  if (json) {
    console.log(JSON.stringify({ root: copy, runs, files: start.filesRead, debounce_ms: DEBOUNCE_MS, first_check_ms: round(start.elapsedMs), problems, load: round(load, 2), ...parts }));
    return;
  }
  console.log(
    `sot watch on ${copy}: ${start.filesRead} files, ${problems} problems; first check ${fmtMs(start.elapsedMs)} ms; ` +
      `${runs} saves of one site file each (median ${Math.round(median(edits.map((r) => r.bytes)) / 1000)} kB), one after the other; load average ${load.toFixed(2)}`,
  );
  console.log(table([
    ['save → report', 'median ms'],
    ...Object.entries(parts).map(([name, value]) => [name.replace(/_ms$/, '').replace(/_/g, ' '), fmtMs(value)]),
  ]));
  console.log(`runs (total ms): ${edits.map((r) => fmtMs(r.totalMs)).join(' ')}; parsed again per save: ${[...new Set(edits.map((r) => r.check.parsed))].join(', ')}`);
}

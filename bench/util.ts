// Small helpers shared by the benchmark scripts.
import { spawnSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** maxRSS (KB) → MB: the process's peak resident set so far. */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 0);
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface Args {
  flags: Set<string>;
  values: Map<string, string>;
}

/** `--name value` and `--flag`; `boolean` lists the flags that take no value. */
export function parseArgs(argv: readonly string[], boolean: readonly string[]): Args {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) values.set(a.slice(2, eq), a.slice(eq + 1));
    else if (boolean.includes(a.slice(2))) flags.add(a.slice(2));
    else if (i + 1 < argv.length) values.set(a.slice(2), argv[++i]);
    else throw new Error(`${a} needs a value`);
  }
  return { flags, values };
}

/**
 * The benchmark wants `global.gc` (to start each measurement from a collected heap) and, at the large
 * scale, a bigger V8 heap than node's default. Without them, run the same script again in a child node
 * with `--expose-gc --max-old-space-size=<heapMb>` and exit with its status. Returns only in the process
 * that has them.
 */
/**
 * `youngMb`: the semi-space size `sot` itself gives a big inventory (src/cli/heap.ts), so that in-process
 * figures (the compile and the floor alike) are those of the command.
 */
export function respawnWithFlags(heapMb: number, youngMb?: number): void {
  const limitMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const hasYoung = youngMb === undefined || process.execArgv.includes(`--max-semi-space-size=${youngMb}`);
  if ((hasGc && limitMb >= heapMb * 0.95 && hasYoung) || process.env.SOT_BENCH_CHILD) return;
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--max-old-space-size') && !a.startsWith('--max-semi-space-size') && a !== '--expose-gc');
  const young = youngMb === undefined ? [] : [`--max-semi-space-size=${youngMb}`];
  const r = spawnSync(process.execPath, [...execArgv, '--expose-gc', `--max-old-space-size=${heapMb}`, ...young, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, SOT_BENCH_CHILD: '1' },
  });
  process.exit(r.status ?? 1);
}

export function fmtMs(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1);
}

/** A plain-text table; columns in `left` are left-aligned, the others right-aligned. */
export function table(rows: string[][], left: readonly number[] = [0]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd())
    .join('\n');
}

import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { listWorktree } from '../sources/worktree.js';

// A compile holds the whole model in memory: about 8.5 bytes of heap per byte of YAML at 100,000
// devices (docs/performance.md, peak 6.3 GB for 750 MB). Node's default old-space limit (about 4 GB on
// 64-bit machines, less on small ones) is too small for the largest inventories, so sot asks for what
// the inventory needs instead of making its users set NODE_OPTIONS.
const HEAP_PER_BYTE = 10;
const HEAP_BASE_MB = 512;
/** Never ask for more than this share of the machine's memory. */
const MAX_SHARE = 0.75;

/** The heap (MB) an inventory of `bytes` of YAML needs, or undefined when the current limit is enough. */
export function heapNeeded(bytes: number, limitBytes = getHeapStatistics().heap_size_limit, memory = totalmem()): number | undefined {
  const needMb = Math.ceil((bytes * HEAP_PER_BYTE) / 2 ** 20) + HEAP_BASE_MB;
  if (needMb * 2 ** 20 <= limitBytes) return undefined;
  const capMb = Math.floor((memory * MAX_SHARE) / 2 ** 20);
  const mb = Math.min(needMb, capMb);
  return mb * 2 ** 20 > limitBytes ? mb : undefined;
}

export function inventoryBytes(root: string): number {
  let total = 0;
  for (const f of listWorktree(root)) total += statSync(join(root, f)).size;
  return total;
}

/**
 * Below this much YAML the young generation's default size is fine; above it a compile allocates
 * hundreds of MB of short-lived objects, and a young generation of 64 MB semi-spaces halves the time
 * spent collecting them (docs/performance.md) for about 70 MB more memory.
 */
export const YOUNG_MIN_BYTES = 16 * 2 ** 20;
const SEMI_SPACE_MB = 64;

/** The node flags a command on `bytes` of YAML should run with that this process lacks (none: it will do). */
export function relaunchFlags(bytes: number, execArgv: readonly string[], limitBytes = getHeapStatistics().heap_size_limit, memory = totalmem()): string[] {
  const flags: string[] = [];
  const mb = heapNeeded(bytes, limitBytes, memory);
  if (mb !== undefined) flags.push(`--max-old-space-size=${mb}`);
  if (bytes >= YOUNG_MIN_BYTES && !execArgv.some((a) => a.startsWith('--max-semi-space-size'))) flags.push(`--max-semi-space-size=${SEMI_SPACE_MB}`);
  return flags;
}

/**
 * Runs this same command again in a node with the heap the inventory needs, when the current one is
 * too small (or its young generation is, for a big inventory); returns the exit code, or undefined when
 * this process will do. Only once: the second process has the flags and a marker in its environment.
 * `models`: how many compiled inventories the command holds at once.
 */
export function relaunchWithHeap(root: string, env: Record<string, string | undefined>, models = 1): number | undefined {
  if (env.SOT_HEAP_RELAUNCHED === '1' || !process.argv[1]) return undefined;
  const flags = relaunchFlags(inventoryBytes(root) * models, process.execArgv);
  if (flags.length === 0) return undefined;
  const r = spawnSync(process.execPath, [...process.execArgv, ...flags, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, SOT_HEAP_RELAUNCHED: '1' },
  });
  if (r.error) return undefined;
  return r.status ?? 3;
}

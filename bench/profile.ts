// CPU profile of one cold compile(): `npm run bench -- --profile --scale M [--top N]`.
//
// Equivalent to `node --cpu-prof dist/bench/run.js --scale M --runs 1`, but the profile covers only the
// compile (reading included), not the generator, the floor or the warm runs. It writes
// bench/out/profile-<scale>.cpuprofile (open it in Chrome DevTools → Performance, or speedscope) and
// prints the functions with the most self time, mapped through the source maps to src/*.ts lines.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile.js';
import { readWorktree } from '../src/sources/worktree.js';
import { benchRoot } from './generate.js';
import { fmtMs, table } from './util.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  /** Samples per source line (1-based, of the generated JS) inside this function. */
  positionTicks?: { line: number; ticks: number }[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
  /** Self samples by original source line (`src/x.ts:42` → samples), where V8 recorded them. */
  lines: Map<string, number>;
}

const maps = new Map<string, SourceMap | null>();
const jsLines = new Map<string, string[]>();

/** The column of a generated line's first code character, a better anchor for the source map than 0. */
function firstColumn(path: string, line: number): number {
  let lines = jsLines.get(path);
  if (!lines) jsLines.set(path, (lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : []));
  const text = lines[line] ?? '';
  return text.length - text.trimStart().length;
}

/** `file:///…/dist/src/x.js` line/col (0-based) → `src/x.ts:line` through the .js.map beside it. */
function original(url: string, line: number, column: number, root: string): string {
  if (!url) return '(native)';
  if (!url.startsWith('file://')) return `${url}:${line + 1}`;
  const path = fileURLToPath(url);
  if (column < 0) column = firstColumn(path, line);
  let map = maps.get(path);
  if (map === undefined) {
    map = existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : null;
    maps.set(path, map);
  }
  if (map) {
    const e = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
    if (e?.originalSource) {
      const src = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : join(path, '..', e.originalSource);
      return `${relative(root, src)}:${(e.originalLine ?? 0) + 1}`;
    }
  }
  return `${relative(root, path)}:${line + 1}`;
}

/** Self time per function (summed over its call sites), largest first. */
export function hotSpots(profile: CpuProfile, root: string): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = profile.endTime - profile.startTime;
  const agg = new Map<string, HotSpot>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const fn = f.functionName || (f.url ? '(anonymous)' : f.functionName);
    const where = original(f.url, f.lineNumber, f.columnNumber, root);
    const key = `${fn}\0${where}`;
    const h = agg.get(key) ?? { fn: fn || '(program)', where, selfMs: 0, share: 0, lines: new Map<string, number>() };
    h.selfMs += us / 1000;
    for (const pt of byId.get(id)!.positionTicks ?? []) {
      const at = original(f.url, pt.line - 1, -1, root);
      h.lines.set(at, (h.lines.get(at) ?? 0) + pt.ticks);
    }
    agg.set(key, h);
  }
  const out = [...agg.values()].sort((a, b) => b.selfMs - a.selfMs);
  for (const h of out) h.share = (h.selfMs * 1000) / total;
  return out;
}

export async function runProfile(opts: { root: string; scale: string; top: number }): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t0 = process.hrtime.bigint();
  const files = readWorktree(opts.root);
  const result = compile(files);
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  session.disconnect();
  const file = join(benchRoot(), 'out', `profile-${opts.scale}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const projectRoot = join(benchRoot(), '..');
  console.log(
    `cold compile of ${opts.root}: ${fmtMs(totalMs)} ms (parse ${fmtMs(result.timings.parse)}, validate ${fmtMs(result.timings.validate)}, ` +
      `resolve ${fmtMs(result.timings.resolve)}, checks ${fmtMs(result.timings.checks)}, locate ${fmtMs(result.timings.locate)}), ` +
      `${result.diagnostics.length} diagnostics; profile written to ${relative(process.cwd(), file)}`,
  );
  const spots = hotSpots(profile, projectRoot).slice(0, opts.top);
  console.log('');
  console.log(
    table([
      ['#', 'self ms', 'share', 'function', 'where'],
      ...spots.map((h, i) => [String(i + 1), fmtMs(h.selfMs), `${(h.share * 100).toFixed(1)}%`, h.fn.length > 48 ? `${h.fn.slice(0, 47)}…` : h.fn, h.where]),
    ], [3, 4]),
  );
  // Where inside sot's own functions the self time goes, line by line.
  console.log('');
  for (const h of spots.filter((x) => x.where.startsWith('src/') && x.lines.size).slice(0, 6)) {
    const total = [...h.lines.values()].reduce((a, b) => a + b, 0);
    const top = [...h.lines].sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(`${h.fn} (${h.where}): ${top.map(([at, n]) => `${at.replace(/^.*\//, '')} ${Math.round((n * 100) / total)}%`).join(', ')}`);
  }
}

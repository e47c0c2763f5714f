// The benchmark runner (docs/performance.md).
//
//   npm run bench -- --scale S|M|L [--json] [--runs N] [--errors N] [--seed N] [--out DIR] [--force]
//   npm run bench -- --corpus [--json] [--runs N]
//   npm run bench -- --profile --scale M [--top N]
//   npm run bench -- --hostile [--out DIR] [--only NAME]   (bench/hostile.ts)
//
// One process per scale. The inventory is generated (or reused) by a child process, so that the first
// compile() here is really the first: cold means a fresh V8 with sot's modules loaded but nothing run,
// as with `sot check`. Then, in this order:
//   1. check cold   compileWorktree(), as `sot check` runs it, the first in the process (schema
//                   loading and ajv compilation included); peak RSS is taken right after it
//   2. floor        js-yaml 4's bare `load` of the same texts, already in memory (median of --runs)
//   3. JSON.parse   of the same data serialised to JSON (median of --runs)
//   4. check warm   compileWorktree() again, --runs times (median)
// --threads N sets the threads that read and parse (default: as `sot check`, the machine's cores).
// ratio = check cold / floor.
//
// The script re-runs itself in a child node with --expose-gc and, for the large scale, a larger heap
// (--max-old-space-size, see HEAP_MB) unless it already has them (see respawnWithFlags).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import jsyaml from 'js-yaml';
import type { CompileResult, Phase } from '../src/compile.js';
import { compileWorktree } from '../src/compile-worktree.js';
import type { SourceFile } from '../src/sources/worktree.js';
import { DEFAULT_SEED, defaultOut, ERROR_KINDS, SCALES, type GenerateResult, type ScaleName } from './generate.js';
import { fmtMs, gc, median, ms, parseArgs, peakRssMb, respawnWithFlags, round, table } from './util.js';

/** V8 old-space limit per scale (MB). L's model of 100,000 devices needs more than node's default. */
export const HEAP_MB: Record<ScaleName, number> = { S: 2048, M: 4096, L: 16384 };

const USAGE = `usage: npm run bench -- --scale S|M|L [--json] [--runs N] [--threads N] [--errors N] [--seed N] [--out DIR] [--force]
       npm run bench -- --corpus [--json] [--runs N]
       npm run bench -- --profile --scale S|M|L [--top N]
       npm run bench -- --build --scale S|M|L [--runs N] [--json]
       npm run bench -- --diff --scale S|M|L [--runs N] [--json]
       npm run bench -- --watch --scale S|M|L [--runs N] [--json]
       npm run bench -- --hostile [--out DIR] [--only NAME,NAME]`;

interface CheckRun {
  totalMs: number;
  readMs: number;
  timings: Record<Phase, number>;
}

const PHASES: Phase[] = ['parse', 'validate', 'workers', 'resolve', 'checks', 'locate'];

async function checkOnce(root: string, threads: number | undefined): Promise<{ run: CheckRun; files: SourceFile[]; result: CompileResult }> {
  const t0 = process.hrtime.bigint();
  const { result, files } = await compileWorktree(root, { threads });
  const totalMs = ms(t0);
  return { run: { totalMs, readMs: result.timings.read, timings: result.timings }, files, result };
}

/** Generates the inventory in a child process (so this process stays cold), or reuses it. */
export function ensureInventory(opts: { devices: number; seed: number; errors: number; out: string; force: boolean }): GenerateResult {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'generate.js');
  const args = [script, '--devices', String(opts.devices), '--seed', String(opts.seed), '--errors', String(opts.errors), '--out', opts.out, '--json'];
  if (opts.force) args.push('--force');
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench: generating the inventory failed (exit ${r.status})`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as GenerateResult;
}

function phaseCells(run: { readMs: number; timings: Record<Phase, number> }): string[] {
  return [fmtMs(run.readMs), ...PHASES.map((p) => fmtMs(run.timings[p]))];
}

/**
 * `sot build` against `sot check` on the same inventory, as users run them: the CLI in a fresh node
 * process each time (start-up included), alternating, `runs` times each; medians and their ratio.
 */
function runBuildBench(root: string, runs: number, json: boolean): void {
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sot.js');
  const outDir = join(dirname(root), `${basename(root)}-build`);
  const time = (args: string[]): number => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    const elapsed = ms(t0);
    if (r.status !== 0) throw new Error(`bench: sot ${args[0]} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    return elapsed;
  };
  const check: number[] = [];
  const build: number[] = [];
  for (let i = 0; i < runs; i++) {
    check.push(time(['check', root, '--quiet']));
    build.push(time(['build', root, '--out', outDir, '--quiet']));
  }
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { files: unknown[] };
  const ratio = median(build) / median(check);
  if (json) {
    console.log(JSON.stringify({ root, runs, check_ms: round(median(check)), build_ms: round(median(build)), ratio: Math.round(ratio * 100) / 100, files: manifest.files.length }));
    return;
  }
  console.log(`sot build against sot check on ${root} (${runs} runs each, alternating, node start-up included; load average ${loadavg()[0].toFixed(2)})`);
  console.log(table([
    ['', 'median ms', 'runs'],
    ['sot check', fmtMs(median(check)), check.map(fmtMs).join(' ')],
    ['sot build', fmtMs(median(build)), build.map(fmtMs).join(' ')],
  ]));
  console.log(`ratio build / check: ${ratio.toFixed(2)}   files written: ${manifest.files.length} and the manifest`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['json', 'corpus', 'profile', 'force', 'help', 'build', 'diff', 'watch', 'hostile']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return;
  }
  const json = args.flags.has('json');
  if (args.flags.has('hostile')) {
    const { runHostileBench } = await import('./hostile.js');
    runHostileBench(args.values.get('out') ?? 'bench/out/hostile', args.values.get('only')?.split(','));
    return;
  }
  if (args.flags.has('corpus')) {
    respawnWithFlags(4096);
    const { runCorpus } = await import('./corpus.js');
    await runCorpus({ json, runs: Number(args.values.get('runs') ?? 3) });
    return;
  }
  const scale = (args.values.get('scale') ?? '').toUpperCase() as ScaleName;
  if (!(scale in SCALES)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  // As `sot` runs a big inventory (src/cli/heap.ts): S is below YOUNG_MIN_BYTES, M and L above it.
  respawnWithFlags(HEAP_MB[scale], scale === 'S' ? undefined : 64);
  const errors = Number(args.values.get('errors') ?? 0);
  const seed = Number(args.values.get('seed') ?? DEFAULT_SEED);
  const out = args.values.get('out') ?? defaultOut(scale, errors);
  const force = args.flags.has('force');

  if (args.flags.has('profile')) {
    const gen = ensureInventory({ devices: SCALES[scale], seed, errors, out, force });
    const { runProfile } = await import('./profile.js');
    await runProfile({ root: gen.out, scale, top: Number(args.values.get('top') ?? 10) });
    return;
  }

  if (args.flags.has('build')) {
    const gen = ensureInventory({ devices: SCALES[scale], seed, errors, out, force });
    runBuildBench(gen.out, Number(args.values.get('runs') ?? 3), json);
    return;
  }

  if (args.flags.has('diff')) {
    const gen = ensureInventory({ devices: SCALES[scale], seed, errors, out, force });
    const { runDiffBench } = await import('./diff.js');
    runDiffBench(gen.out, Number(args.values.get('runs') ?? 3), json);
    return;
  }

  if (args.flags.has('watch')) {
    const gen = ensureInventory({ devices: SCALES[scale], seed, errors, out, force });
    const { runWatchBench } = await import('./watch.js');
    await runWatchBench(gen.out, Number(args.values.get('runs') ?? 9), json);
    return;
  }

  const runs = Number(args.values.get('runs') ?? (scale === 'L' ? 1 : 3));
  const threads = args.values.has('threads') ? Number(args.values.get('threads')) : undefined;
  const gen = ensureInventory({ devices: SCALES[scale], seed, errors, out, force });
  const log = (s: string) => console.log(s);
  log(
    `sot bench, scale ${scale}: ${gen.devices.toLocaleString('en-US')} devices, ${gen.sites} sites, ${gen.racks.toLocaleString('en-US')} racks, ` +
      `${gen.files} files, ${(gen.bytes / 1e6).toFixed(1)} MB of YAML (${gen.reused ? 'reused' : `generated in ${fmtMs(gen.generateMs)} ms`}: ${gen.out})`,
  );
  const load = loadavg()[0];
  log(
    `node ${process.version}, ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, V8 heap limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB, ` +
      `runs ${runs}, load average ${load.toFixed(2)}${load > cpus().length * 0.75 ? ' (a busy machine: expect slower, noisier figures)' : ''}`,
  );

  // 1. cold
  const cold = await checkOnce(gen.out, threads);
  const peakRss = peakRssMb();
  const files = cold.files;
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const diags = cold.result.diagnostics;
  const errorCount = diags.filter((d) => d.severity === 'error').length;
  const byRule: Record<string, number> = {};
  for (const d of diags) byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
  const devices = cold.result.model.byKind.get('dcim.device')?.length ?? 0;
  const interfaces = cold.result.model.byKind.get('dcim.interface')?.length ?? 0;
  const objects = cold.result.model.objects.length;
  let failure: string | undefined;
  if (devices !== gen.devices) failure = `compile() found ${devices} devices, the generator wrote ${gen.devices}`;
  if (errors === 0) {
    if (errorCount > 0) {
      failure ??= `the generated inventory should compile clean but has ${errorCount} errors`;
      for (const d of diags.slice(0, 10)) console.error(`  ${d.location.file}:${(d.location.range?.start.line ?? 0) + 1}  ${d.rule}  ${d.message}`);
    } else log(`compiles clean: 0 errors, ${diags.length} warnings; ${devices.toLocaleString('en-US')} devices, ${interfaces.toLocaleString('en-US')} interfaces, ${objects.toLocaleString('en-US')} objects`);
  } else {
    const short = Object.entries(ERROR_KINDS).filter(([, rule]) => (byRule[rule] ?? 0) < errors);
    log(`seeded ${errors} of each error kind; sot reports ${errorCount} errors: ${Object.entries(byRule).map(([r, n]) => `${r} ${n}`).join(', ')}`);
    if (short.length) failure ??= `expected at least ${errors} of ${short.map(([, r]) => r).join(', ')}`;
  }
  if (failure) {
    console.error(`bench: ${failure}`);
    process.exitCode = 1;
    return;
  }
  (cold as { result?: unknown }).result = undefined;
  gc();

  // 2. floor: js-yaml's bare load of the same texts.
  const floor: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    const t = process.hrtime.bigint();
    for (const f of files) {
      try {
        jsyaml.load(f.text);
      } catch {
        // the seeded syntax errors
      }
    }
    floor.push(ms(t));
  }

  // 3. JSON.parse of the same data.
  let jsons: (string | null)[] = files.map((f) => {
    try {
      return JSON.stringify(jsyaml.load(f.text));
    } catch {
      return null;
    }
  });
  const jsonBytes = jsons.reduce((s, j) => s + (j ? j.length : 0), 0);
  const jsonParse: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    const t = process.hrtime.bigint();
    for (const j of jsons) if (j !== null) JSON.parse(j);
    jsonParse.push(ms(t));
  }
  jsons = [];

  // 4. warm
  const warm: CheckRun[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    warm.push((await checkOnce(gen.out, threads)).run);
  }
  const processPeak = peakRssMb();

  const floorMs = median(floor);
  const warmMed: CheckRun = {
    totalMs: median(warm.map((w) => w.totalMs)),
    readMs: median(warm.map((w) => w.readMs)),
    timings: Object.fromEntries(PHASES.map((p) => [p, median(warm.map((w) => w.timings[p]))])) as Record<Phase, number>,
  };
  const mb = bytes / 1e6;
  const rate = (t: number) => (mb / (t / 1000)).toFixed(1);
  log('');
  log(
    table([
      ['', 'ms', 'MB/s', 'read', 'parse', 'validate', 'threads', 'resolve', 'checks', 'locate'],
      ['floor: js-yaml load', fmtMs(floorMs), rate(floorMs)],
      ['JSON.parse (same data)', fmtMs(median(jsonParse)), rate(median(jsonParse))],
      ['sot check, cold', fmtMs(cold.run.totalMs), rate(cold.run.totalMs), ...phaseCells(cold.run)],
      ['sot check, warm', fmtMs(warmMed.totalMs), rate(warmMed.totalMs), ...phaseCells(warmMed)],
    ]),
  );
  const ratio = cold.run.totalMs / floorMs;
  log('');
  log(`ratio cold / floor: ${ratio.toFixed(2)}   warm / floor: ${(warmMed.totalMs / floorMs).toFixed(2)}   peak RSS after the cold check: ${peakRss} MB (whole run: ${processPeak} MB)`);
  if (json) {
    const phases = (r: CheckRun) => ({ read: round(r.readMs), ...Object.fromEntries(PHASES.map((p) => [p, round(r.timings[p])])) });
    console.log(
      JSON.stringify({
        scale,
        devices,
        bytes,
        floor_ms: round(floorMs),
        check_cold_ms: round(cold.run.totalMs),
        check_warm_ms: round(warmMed.totalMs),
        ratio: round(ratio, 3),
        peak_rss_mb: peakRss,
        interfaces,
        objects,
        files: files.length,
        json_parse_ms: round(median(jsonParse)),
        json_bytes: jsonBytes,
        cold_phases: phases(cold.run),
        warm_phases: phases(warmMed),
        runs,
        floor_runs_ms: floor.map((x) => round(x)),
        warm_runs_ms: warm.map((w) => round(w.totalMs)),
        process_peak_rss_mb: processPeak,
        errors_seeded: errors,
        diagnostics: byRule,
        seed,
        digest: gen.digest,
        generated_ms: gen.reused ? null : gen.generateMs,
        node: process.version,
        cpus: cpus().length,
        loadavg_start: round(load, 2),
        loadavg_end: round(loadavg()[0], 2),
      }),
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 3;
});

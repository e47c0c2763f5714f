// sot against the devicetype-library's own way of checking its files: `npm run bench -- --corpus`.
//
// sot: an in-memory inventory of a `sot.yaml` (format: 1) plus every device-type and module-type file of
// the corpus at its own path (device-types/…, module-types/…, edge-cases/device-types/…), read from disk
// and compile()d. Cold = the first compile() in a fresh node process (one process per run); warm = later
// compile()s in this process.
// Python: bench/corpus_check.py — PyYAML (CSafeLoader) + jsonschema's Draft 2020-12 validator with the
// library's schemas — one fresh process per run, timing itself after its imports.
// Times are medians of --runs (default 3). The corpus folder is only read.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile.js';
import { byteOrder, type SourceFile } from '../src/sources/worktree.js';
import { benchRoot, isMain } from './generate.js';
import { fmtMs, median, ms, round, table } from './util.js';

export const DEFAULT_CORPUS = '/work/shared/corpus/devicetype-library';
const TOP_FOLDERS = ['device-types', 'module-types', 'edge-cases'];

/** Every YAML file below device-types/, module-types/ and edge-cases/, relative, in byte order. */
export function corpusFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(join(dir, e.name), r);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(r);
    }
  };
  for (const top of TOP_FOLDERS) if (existsSync(join(root, top))) walk(join(root, top), top);
  return out.sort(byteOrder);
}

export interface SotCorpusRun {
  ms: number;
  readMs: number;
  files: number;
  errors: number;
  warnings: number;
  filesWithErrors: number;
  byRule: Record<string, number>;
  timings: Record<string, number>;
}

/** Lists and reads the corpus and compiles it as one inventory. */
export function sotOnce(root: string): SotCorpusRun {
  const t0 = process.hrtime.bigint();
  const files: SourceFile[] = [{ file: 'sot.yaml', text: 'format: 1\nname: devicetype-library\n' }];
  for (const rel of corpusFiles(root)) files.push({ file: rel, text: readFileSync(join(root, rel), 'utf8') });
  const readMs = ms(t0);
  const r = compile(files);
  const total = ms(t0);
  const byRule: Record<string, number> = {};
  const withErrors = new Set<string>();
  let errors = 0;
  for (const d of r.diagnostics) {
    byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
    if (d.severity === 'error') {
      errors++;
      withErrors.add(d.location.file);
    }
  }
  const timings = Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, round(v)]));
  return { ms: total, readMs, files: files.length - 1, errors, warnings: r.diagnostics.length - errors, filesWithErrors: withErrors.size, byRule, timings };
}

interface PythonRun {
  elapsed_ms: number;
  files: number;
  files_with_errors: number;
  errors: number;
  yaml_errors: number;
  loader: string;
  refs: string;
  wallMs: number;
}

function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

export async function runCorpus(opts: { json: boolean; runs: number; root?: string }): Promise<void> {
  const root = resolvePath(opts.root ?? process.env.SOT_CORPUS ?? DEFAULT_CORPUS);
  if (!existsSync(join(root, 'device-types'))) {
    const msg = `corpus benchmark skipped: no devicetype-library corpus at ${root} (set SOT_CORPUS to a checkout of netbox-community/devicetype-library)`;
    console.log(msg);
    if (opts.json) console.log(JSON.stringify({ corpus: null, skipped: msg }));
    return;
  }
  const log = (s: string) => console.log(s);
  const here = fileURLToPath(import.meta.url);
  const nFiles = corpusFiles(root).length;
  const load = loadavg()[0];
  log(`corpus: ${root}, ${nFiles} device-type and module-type files; ${opts.runs} runs each; ${cpus().length} CPUs, load average ${load.toFixed(2)}`);

  // sot cold: one fresh node per run.
  const cold: { run: SotCorpusRun; wallMs: number }[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [here, '--once', root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    const wallMs = ms(t);
    if (r.status !== 0) throw new Error(`bench: sot corpus run failed (exit ${r.status})`);
    cold.push({ run: lastJson<SotCorpusRun>(r.stdout), wallMs });
  }
  // sot warm: in this process, after one run to warm up.
  sotOnce(root);
  const warm: SotCorpusRun[] = [];
  for (let i = 0; i < opts.runs; i++) warm.push(sotOnce(root));

  // Python.
  const script = join(benchRoot(), 'corpus_check.py');
  const probe = spawnSync('python3', ['-c', 'import yaml, jsonschema'], { encoding: 'utf8' });
  const py: PythonRun[] = [];
  let pySkipped: string | undefined;
  if (probe.status !== 0) {
    pySkipped = `python3 with PyYAML and jsonschema is not available (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;
  } else {
    for (let i = 0; i < opts.runs; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync('python3', [script, root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
      const wallMs = ms(t);
      if (r.status !== 0) throw new Error(`bench: ${script} failed (exit ${r.status})`);
      py.push({ ...lastJson<PythonRun>(r.stdout), wallMs });
    }
  }

  const sotCold = median(cold.map((c) => c.run.ms));
  const sotColdWall = median(cold.map((c) => c.wallMs));
  const sotWarm = median(warm.map((w) => w.ms));
  const first = cold[0].run;
  log('');
  const rows = [
    ['', 'in-process ms', 'process wall ms', 'files', 'errors', 'files with errors'],
    ['sot, cold (fresh node)', fmtMs(sotCold), fmtMs(sotColdWall), String(first.files), String(first.errors), String(first.filesWithErrors)],
    ['sot, warm', fmtMs(sotWarm), '', String(warm[0].files), String(warm[0].errors), String(warm[0].filesWithErrors)],
  ];
  let pyMs = NaN;
  let pyWall = NaN;
  if (py.length) {
    pyMs = median(py.map((p) => p.elapsed_ms));
    pyWall = median(py.map((p) => p.wallMs));
    rows.push([`python (PyYAML ${py[0].loader} + jsonschema)`, fmtMs(pyMs), fmtMs(pyWall), String(py[0].files), String(py[0].errors), String(py[0].files_with_errors)]);
  }
  log(table(rows));
  log('');
  log(`sot diagnostics by rule: ${Object.entries(first.byRule).map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`);
  if (pySkipped) log(`python comparison skipped: ${pySkipped}`);
  else {
    log(`python: ${py[0].errors} schema/YAML errors in ${py[0].files_with_errors} files (${py[0].yaml_errors} YAML errors), references via ${py[0].refs}`);
    log(`ratio python / sot cold: ${(pyMs / sotCold).toFixed(2)}× in-process, ${(pyWall / sotColdWall).toFixed(2)}× wall clock`);
  }
  if (opts.json) {
    console.log(
      JSON.stringify({
        corpus: root,
        files: first.files,
        sot_cold_ms: round(sotCold),
        sot_warm_ms: round(sotWarm),
        python_ms: py.length ? round(pyMs) : null,
        ratio: py.length ? round(pyMs / sotCold, 2) : null,
        sot_cold_wall_ms: round(sotColdWall),
        python_wall_ms: py.length ? round(pyWall) : null,
        ratio_wall: py.length ? round(pyWall / sotColdWall, 2) : null,
        sot_read_ms: round(median(cold.map((c) => c.run.readMs))),
        sot_cold_phases: cold[0].run.timings,
        sot_warm_phases: warm[0].timings,
        sot_errors: first.errors,
        sot_files_with_errors: first.filesWithErrors,
        sot_by_rule: first.byRule,
        python_errors: py[0]?.errors ?? null,
        python_files_with_errors: py[0]?.files_with_errors ?? null,
        python_loader: py[0]?.loader ?? null,
        runs: opts.runs,
        loadavg_start: round(load, 2),
        loadavg_end: round(loadavg()[0], 2),
      }),
    );
  }
}

if (isMain(import.meta.url) && process.argv[2] === '--once') {
  console.log(JSON.stringify(sotOnce(process.argv[3] ?? DEFAULT_CORPUS)));
}

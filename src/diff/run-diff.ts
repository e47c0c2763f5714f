// `sot diff <base> [<head>]`: compile both sides (a commit read from git, or the working tree) through
// one parse cache, so the head parses only the files the change touched; then the model diff, the
// configs the change can reach, and the problems it brings or fixes, as one DiffResult.
import { posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CompileResult } from '../compile.js';
import { compileRevision } from '../compile-revision.js';
import { compileWorktree } from '../compile-worktree.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadSchemas } from '../model/kinds.js';
import { objectsOf, type Model } from '../model/model.js';
import { ParseCache } from '../parse-cache.js';
import { BlobReader, openRepository, readCommitFile, type GitRepository } from '../sources/git.js';
import type { SourceFile } from '../sources/worktree.js';
import { BUILTIN_PREFIX } from '../outputs/render.js';
import { configDiff } from './config-diff.js';
import { diagnosticsDelta } from './diagnostics-delta.js';
import { diffModels } from './model-diff.js';
import { DIFF_FORMAT, type DiffResult } from './types.js';

export interface DiffOptions {
  /** The inventory folder (absolute), inside a git repository. */
  root: string;
  base: string;
  /** A revision; undefined compares with the working tree. */
  head?: string;
  /** Render every device on both sides (default: the devices a change can reach). */
  allConfigs?: boolean;
  threads?: number;
}

/** One side of a diff as compiled: its result and files, for reporters and callers that need more. */
export interface DiffSideCompile {
  result: CompileResult;
  files: SourceFile[];
  commit: string | null;
}

export interface DiffRun {
  result: DiffResult;
  base: DiffSideCompile;
  head: DiffSideCompile;
  /** Milliseconds per step, for --timings. */
  timings: { base: number; head: number; objects: number; configs: number };
  /** Devices and virtual machines rendered on each side. */
  rendered: { base: number; head: number };
}

/** Compiles both sides and diffs them. Throws GitError for a revision git cannot give. */
export async function runDiff(options: DiffOptions): Promise<DiffRun> {
  const repo = openRepository(options.root);
  const schemas = loadSchemas();
  const cache = new ParseCache();
  const reader = new BlobReader(repo);
  try {
    let t = performance.now();
    const lap = () => {
      const now = performance.now();
      const ms = now - t;
      t = now;
      return ms;
    };
    const baseCompile = await compileRevision(repo, options.base, { cache, reader, schemas, threads: options.threads });
    const base: DiffSideCompile = { result: baseCompile.result, files: baseCompile.files, commit: baseCompile.commit };
    const baseMs = lap();
    let head: DiffSideCompile;
    if (options.head === undefined) {
      const c = await compileWorktree(options.root, { cache, schemas, threads: options.threads });
      head = { result: c.result, files: c.files, commit: null };
    } else {
      const c = await compileRevision(repo, options.head, { cache, reader, schemas, threads: options.threads });
      head = { result: c.result, files: c.files, commit: c.commit };
    }
    const headMs = lap();

    const texts = { base: textsOf(base.files), head: textsOf(head.files) };
    const models = diffModels({ result: base.result, texts: texts.base }, { result: head.result, texts: texts.head });
    const objectsMs = lap();

    const templates = {
      base: await templateFiles(repo, base.commit!, base.result.model, reader),
      head: head.commit === null ? undefined : await templateFiles(repo, head.commit, head.result.model, reader),
    };
    const configs = configDiff(
      { model: base.result.model, render: { root: options.root, texts: texts.base, readFile: (f) => templates.base.get(normalFile(f) ?? '') } },
      { model: head.result.model, render: { root: options.root, texts: texts.head, readFile: templates.head && ((f) => templates.head!.get(normalFile(f) ?? '')) } },
      models.changed,
      { keys: models.keys, all: options.allConfigs },
    );
    const configsMs = lap();

    const delta = diagnosticsDelta(withRenders(base.result.diagnostics, configs.problems.base), withRenders(head.result.diagnostics, configs.problems.head));
    const count = (action: string) => configs.configs.filter((c) => c.action === action).length;
    const result: DiffResult = {
      format: DIFF_FORMAT,
      base: { rev: options.base, commit: base.commit },
      head: { rev: options.head ?? '', commit: head.commit },
      summary: {
        objects: models.summary.objects,
        kinds: models.summary.kinds,
        derived: models.summary.derived,
        configs: { created: count('create'), updated: count('update'), deleted: count('delete') },
        diagnostics: { introduced: delta.introduced.length, fixed: delta.fixed.length, preexisting: delta.preexisting.length },
      },
      objects: models.objects,
      derived: models.derived,
      configs: configs.configs,
      diagnostics: delta,
    };
    return { result, base, head, timings: { base: baseMs, head: headMs, objects: objectsMs, configs: configsMs }, rendered: configs.rendered };
  } finally {
    reader.close();
  }
}

function textsOf(files: readonly SourceFile[]): Map<string, string> {
  return new Map(files.map((f) => [f.file, f.text]));
}

/** The compile's problems and the render problems of the configs rendered, in one sorted list. */
function withRenders(diagnostics: readonly Diagnostic[], renders: readonly Diagnostic[]): Diagnostic[] {
  return renders.length === 0 ? [...diagnostics] : sortDiagnostics([...diagnostics, ...renders]);
}

/** A template's `file:` as a path inside the inventory folder, or undefined when it leaves it. */
function normalFile(file: string): string | undefined {
  const p = posix.normalize(file.replace(/\\/g, '/'));
  return p.startsWith('../') || p === '..' || p.startsWith('/') ? undefined : p;
}

/** The files config templates name, as the commit holds them (reading is asynchronous, rendering is not). */
async function templateFiles(repo: GitRepository, commit: string, model: Model, reader: BlobReader): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const template of objectsOf(model, 'extras.configtemplate')) {
    const file = template.data.file;
    if (typeof file !== 'string' || file.startsWith(BUILTIN_PREFIX)) continue;
    const path = normalFile(file);
    if (path === undefined || out.has(path)) continue;
    const bytes = await readCommitFile(repo, commit, path, reader);
    if (bytes) out.set(path, bytes.toString('utf8'));
  }
  return out;
}

// The threaded compile must be the single-thread compile, byte for byte. The threads run the built
// code (a worker loads JavaScript), so this test imports from dist/, which `npm test` builds first.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWorktree } from '../dist/src/compile-worktree.js';
import { compileRevision } from '../dist/src/compile-revision.js';
import { ParseCache } from '../dist/src/parse-cache.js';
import { openRepository } from '../dist/src/sources/git.js';
import { commitFiles, newRepo } from './helpers/git-repo.js';
import { reporters } from '../dist/src/reporters/index.js';
import type { CompileResult } from '../src/compile.js';

const REPO = join(import.meta.dirname, '..');

function inventory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sot-threads-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

/** What a user or pipeline sees of a compile: the JSON report and every object of the model. */
function observable(result: CompileResult): string {
  const report = reporters.json({ diagnostics: result.diagnostics, filesRead: result.filesRead, elapsedMs: 0, version: 'test' }, { displayPath: (f: string) => f, source: () => undefined, color: false });
  const objects = result.model.objects.map((o) => `${o.kind} ${o.file} ${JSON.stringify(o.path)} ${JSON.stringify(o.data)}`);
  return `${report}\n${objects.join('\n')}\n${result.filesRead} files, ${result.bytesRead} bytes`;
}

async function bothWays(root: string): Promise<[string, string, CompileResult]> {
  const single = await compileWorktree(root, { threads: 1 });
  const threaded = await compileWorktree(root, { threads: 3, minBytes: 0, mainParses: false });
  expect(threaded.result.timings.workers).toBeGreaterThan(0);
  expect(threaded.files).toEqual(single.files);
  return [observable(single.result), observable(threaded.result), threaded.result];
}

describe('compileWorktree on several threads', () => {
  it('compiles inventory-example exactly as one thread does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sot-threads-'));
    cpSync(join(REPO, 'inventory-example'), root, { recursive: true });
    const [single, threaded, result] = await bothWays(root);
    expect(threaded).toBe(single);
    expect(result.diagnostics).toEqual([]);
    expect(result.model.byKind.get('dcim.device')!.length).toBeGreaterThan(10);
  });

  it('gives the same diagnostics for broken files, aliases, plain scalars in custom fields and custom validators', async () => {
    const root = inventory({
      'sot.yaml': 'format: 1\noptions:\n  custom_validators: validators.yaml\n  field_choices:\n    dcim.Site.status+: [planning-2]\n',
      'validators.yaml': 'dcim.site:\n  - name: {min_length: 2}\n',
      'defs.yaml': 'custom_fields:\n  - {name: contract, type: text, object_types: [dcim.site], validation_regex: "^SVC-[0-9]{4}$"}\n  - {name: budget, type: integer, object_types: [dcim.site]}\n',
      'broken.yaml': 'sites:\n  - name: [unclosed\n',
      'sites/a.yaml': 'sites:\n  - &s {name: A, slug: a, status: planning-2, description: x, custom_fields: {contract: 0042, budget: "15"}}\n  - {name: B, slug: b, status: actve, description: x, custom_fields: {contract: SVC-0001, budget: 08}}\n',
      'sites/b.yaml': 'sites:\n  - {name: C, slug: c, descripton: typo}\nregions:\n  - {name: Europe, slug: europe, custom_fields: {contract: yes}}\n',
      'sites/c.yaml': 'site:\n  - {name: D, slug: d}\n',
    });
    const [single, threaded, result] = await bothWays(root);
    expect(threaded).toBe(single);
    expect(new Set(result.diagnostics.map((d) => d.rule))).toEqual(
      new Set(['yaml/syntax', 'extras/custom-field-value', 'schema/invalid-choice', 'schema/unknown-field', 'extras/custom-validator', 'extras/custom-field-unknown', 'schema/unknown-collection']),
    );
  });

  it("parses a commit's files on several threads, and only the ones the cache lacks, as one thread does", async () => {
    const repo = newRepo();
    const files: Record<string, string> = {};
    for (const f of ['sot.yaml', 'organization/regions.yaml', 'organization/tags.yaml', 'organization/roles.yaml']) files[f] = readFileSync(join(REPO, 'inventory-example', f), 'utf8');
    files['broken.yaml'] = 'sites:\n  - {name: X, slug: x, status: actve, custom_fields: {a: 08}}\n';
    commitFiles(repo, files, 'A');
    commitFiles(repo, { 'extra.yaml': 'sites:\n  - {name: Y, slug: y, descripton: typo}\n' }, 'B');
    const git = openRepository(repo);
    for (const rev of ['HEAD~1', 'HEAD']) {
      const single = await compileRevision(git, rev, { threads: 1 });
      const threaded = await compileRevision(git, rev, { threads: 3, minBytes: 0, mainParses: false });
      expect(threaded.result.timings.workers).toBeGreaterThan(0);
      expect(threaded.files).toEqual(single.files);
      expect(observable(threaded.result)).toBe(observable(single.result));
    }
    const cache = new ParseCache();
    const a = await compileRevision(git, 'HEAD~1', { threads: 3, minBytes: 0, mainParses: false, cache });
    const b = await compileRevision(git, 'HEAD', { threads: 3, minBytes: 0, mainParses: false, cache });
    expect(cache.stats).toEqual({ hits: 4, misses: 5 }); // B adds one file
    expect(observable(a.result)).toBe(observable((await compileRevision(git, 'HEAD~1')).result));
    expect(observable(b.result)).toBe(observable((await compileRevision(git, 'HEAD')).result));
  }, 60_000); // eight compiles, six of them starting threads
});

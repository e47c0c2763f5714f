import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

// The hostile-input corpus: inventories a careless or hostile author could write (test/fixtures/hostile,
// one folder each), and inventories too big to keep in the repository, built here. Each is checked as
// `sot check --format json` would be: the exit code, every diagnostic's rule and 1-based line:column
// (test/fixtures/hostile/expect.json), no stack trace, and the inventory's files untouched.

const CORPUS = join(import.meta.dirname, 'fixtures', 'hostile');
const EXPECT = join(CORPUS, 'expect.json');

interface Outcome {
  code: number;
  diagnostics: string[];
}

/** A digest of every path, kind and byte under a folder: the tree sot must leave as it found it. */
export function treeDigest(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = lstatSync(path);
      hash.update(`${path.slice(root.length)}\0${stat.mode}\0`);
      if (stat.isDirectory()) walk(path);
      else if (stat.isSymbolicLink()) hash.update(readlinkSync(path));
      else if (stat.isFile()) hash.update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest('hex');
}

/** Runs `sot check` on a copy of the inventory; the outcome as expect.json records it. */
export async function checkCase(dir: string, extra: string[] = []): Promise<Outcome & { stderr: string; stdout: string }> {
  const before = treeDigest(dir);
  const { code, stdout, stderr } = await runCli(['check', dir, '--format', 'json', ...extra]);
  expect(treeDigest(dir), 'the inventory is left as it was').toBe(before);
  expect(stderr).not.toMatch(/\n\s+at |internal error|Maximum call stack/);
  let diagnostics: string[] = [];
  if (stdout !== '') {
    const report = JSON.parse(stdout);
    diagnostics = report.diagnostics.map((d: any) => `${d.rule} ${d.file.replace(/^.*?\/inventory\//, '')}:${d.line}:${d.column}`);
  }
  return { code, diagnostics, stderr, stdout };
}

function copyCase(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sot-hostile-')), 'inventory');
  cpSync(join(CORPUS, name), dir, { recursive: true });
  return dir;
}

const names = readdirSync(CORPUS)
  .filter((n) => !n.includes('.'))
  .sort();
const expected: Record<string, Outcome> = existsSync(EXPECT) ? JSON.parse(readFileSync(EXPECT, 'utf8')) : {};

describe('the hostile-input corpus', () => {
  it('has an expectation for every case and a case for every expectation', () => {
    expect(Object.keys(expected).sort()).toEqual(names);
  });

  it.each(names)('%s', async (name) => {
    const started = performance.now();
    const { code, diagnostics } = await checkCase(copyCase(name));
    // Each case is small: a hang or a cost that grows with the square of the input shows here (the
    // inventories large on purpose are bounded in hostile-large.test.ts).
    expect(performance.now() - started).toBeLessThan(2000);
    if (process.env.SOT_RECORD_HOSTILE) {
      const all = existsSync(EXPECT) ? JSON.parse(readFileSync(EXPECT, 'utf8')) : {};
      all[name] = { code, diagnostics };
      writeFileSync(EXPECT, `${JSON.stringify(Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1))), null, 2)}\n`);
      return;
    }
    expect({ code, diagnostics }).toEqual(expected[name]);
    // Problems in the inventory exit 1; a valid one 0; sot.yaml that cannot be used 2.
    expect([0, 1, 2]).toContain(code);
    if (code === 1) expect(diagnostics.length).toBeGreaterThan(0);
  });
});

describe('the hostile-input corpus in one process of its own', () => {
  it('checks every case with a peak under 200 MB, so that no case needs more, and the exit codes recorded', () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, 'hostile', 'measure-corpus.mjs'), join(import.meta.dirname, '..')], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toBe('');
    const run = JSON.parse(r.stdout);
    expect(run.codes).toEqual(Object.fromEntries(Object.entries(expected).map(([name, o]) => [name, o.code])));
    expect(run.rssMb).toBeLessThan(200);
  });
});

// Command lines a careless or hostile caller could type: each is a usage error (exit 2) or a problem
// report (exit 1) in words, never a stack trace, and writes nothing into the inventory.
const EXAMPLE = join(import.meta.dirname, '..', 'inventory-example');
const PROTOTYPE_WORDS = ['constructor', '__proto__', 'prototype', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];
const ARGUMENTS: [string, string[], number][] = [
  ...PROTOTYPE_WORDS.map((w): [string, string[], number] => [`check --format ${w}`, ['check', EXAMPLE, '--format', w], 2]),
  ...PROTOTYPE_WORDS.map((w): [string, string[], number] => [`command ${w}`, [w], 2]),
  ...PROTOTYPE_WORDS.map((w): [string, string[], number] => [`help ${w}`, ['help', w], 2]),
  ...PROTOTYPE_WORDS.map((w): [string, string[], number] => [`check --fail-on ${w}`, ['check', EXAMPLE, '--fail-on', w], 2]),
  ['check ""', ['check', ''], 2],
  ['diff --dir ""', ['diff', 'HEAD', '--dir', ''], 2],
  ['init ""', ['init', ''], 2],
  ['check a folder that does not exist', ['check', join(EXAMPLE, 'no-such-folder')], 2],
  ['check a file outside the inventory', ['check', join(EXAMPLE, '..', 'package.json')], 2],
  ['check an unknown option', ['check', EXAMPLE, '--no-such-option'], 2],
  ['check an option without its value', ['check', EXAMPLE, '--format'], 2],
  ['check --output into a folder that does not exist', ['check', EXAMPLE, '--output', join(EXAMPLE, 'no-such-folder', 'report.json')], 2],
  ['check --changed an option-looking revision', ['check', EXAMPLE, '--changed', '--output=/tmp/x'], 2],
  ['check --rev a revision that does not exist', ['check', EXAMPLE, '--rev', 'no-such-revision-zz'], 2],
  ['check a 100,000-character argument', ['check', 'x'.repeat(100_000)], 2],
  ['rack a path-like name', ['rack', '../../etc/passwd', EXAMPLE], 2],
  ['rack an empty name', ['rack', '', EXAMPLE], 2],
  ['trace a port that does not exist', ['trace', 'nowhere:eth0', EXAMPLE], 2],
  ['render a device that does not exist', ['render', 'constructor', EXAMPLE], 2],
  ['context a prototype word', ['context', '__proto__', EXAMPLE], 2],
  ['log an unknown kind', ['log', 'constructor', 'x', EXAMPLE], 2],
  ['ipam available a text that is no prefix', ['ipam', 'available', '10.0.0.0/99', EXAMPLE], 2],
  ['diff an unknown revision', ['diff', 'no-such-revision-zz', '--dir', EXAMPLE], 2],
  ['schema an unknown kind', ['schema', 'constructor'], 2],
];

describe('hostile command lines', () => {
  it.each(ARGUMENTS)('%s', async (_name, args, code) => {
    const before = treeDigest(EXAMPLE);
    const run = await runCli(args);
    expect(run.code).toBe(code);
    // Said in words: on stderr for a usage error, or as a located report.
    expect(run.stderr === '' ? run.stdout : run.stderr).toMatch(/^(sot: |sot\.yaml:1:1  error  settings\/missing)/);
    expect(run.stderr + run.stdout).not.toMatch(/\n\s+at |internal error|Maximum call stack/);
    expect(treeDigest(EXAMPLE)).toBe(before);
  });
});


import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

// `sot build` killed at any moment leaves the previous complete build or the new one in the output
// folder: never a mix, never no folder. Kills land at seeded, so repeatable, delays across the whole
// run of the process: start, compile, render, and mostly the writing of 20 MB of configs.

/** mulberry32: a small seeded generator, so that every run kills at the same delays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEVICES = 200;

/** An inventory whose configs are big (100 KB of the template's text each): writing takes most of a build. */
function inventoryText(version: string): string {
  const devices = Array.from({ length: DEVICES }, (_, i) => `  - {name: leaf${i}, device_type: acme/x, role: leaf, site: ams1}`).join('\n');
  return `sites: [{name: AMS1, slug: ams1}]
manufacturers: [{name: Acme, slug: acme}]
device_types: [{manufacturer: acme, model: X, slug: x}]
device_roles: [{name: Leaf, slug: leaf, config_template: big}]
config_templates:
  - name: big
    template_code: "hostname {{device.name}} ${version}\\n${'! filler line of a big config\\n'.repeat(3200)}"
devices:
${devices}
`;
}

/**
 * The build in `out` if it is complete: every file the manifest lists, with its size and hash, and
 * no other; its digest (the manifest's hash). Undefined when `out` is missing or not complete.
 */
function completeBuild(out: string): string | undefined {
  let manifest: { files: { path: string; bytes: number; sha256: string }[] };
  let text: string;
  try {
    text = readFileSync(join(out, 'manifest.json'), 'utf8');
    manifest = JSON.parse(text);
  } catch {
    return undefined;
  }
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (p: string) => found.push(relative(out, p)))(join(d, e.name));
  };
  walk(out);
  expect(found.sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
  for (const f of manifest.files) {
    const bytes = readFileSync(join(out, f.path));
    expect([f.path, bytes.length, createHash('sha256').update(bytes).digest('hex')]).toEqual([f.path, f.bytes, f.sha256]);
  }
  return createHash('sha256').update(text).digest('hex');
}

const sot = (root: string, out: string) => [join(ROOT, 'bin/sot.js'), 'build', root, '--out', out, '--quiet'];

describe('sot build is atomic', () => {
  it('killed at 20 seeded moments, it leaves the previous build or the new one, and the next build removes what it left', { timeout: 300_000 }, async () => {
    const base = mkdtempSync(join(tmpdir(), 'sot-atomic-'));
    const root = join(base, 'inventory');
    const parent = join(base, 'builds');
    mkdirSync(root);
    mkdirSync(parent);
    const out = join(parent, 'out');
    writeFileSync(join(root, 'sot.yaml'), 'format: 1\n');
    const write = (version: string) => writeFileSync(join(root, 'data.yaml'), inventoryText(version));

    // The two builds a run may leave, each built once in full.
    const digests: Record<string, string> = {};
    const started = performance.now();
    for (const version of ['A', 'B']) {
      write(version);
      const r = spawnSync(process.execPath, sot(root, out), { encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      digests[version] = completeBuild(out)!;
    }
    const fullMs = (performance.now() - started) / 2;
    expect(digests.A).not.toBe(digests.B);

    const next = random(20261128);
    let current = 'B';
    const seen = { kept: 0, replaced: 0 };
    for (let run = 0; run < 20; run++) {
      const version = current === 'A' ? 'B' : 'A';
      write(version);
      const child = spawn(process.execPath, sot(root, out), { stdio: 'ignore' });
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      await new Promise((done) => setTimeout(done, next() * fullMs * 1.1));
      child.kill('SIGKILL');
      await exited;
      expect(lstatSync(out).isSymbolicLink()).toBe(true);
      const digest = completeBuild(out);
      expect([digests[current], digests[version]]).toContain(digest);
      if (digest === digests[version]) {
        current = version;
        seen.replaced++;
      } else seen.kept++;
    }
    // Kills before and after the swap both happened.
    expect(seen.kept).toBeGreaterThan(0);
    expect(seen.replaced).toBeGreaterThan(0);

    // A build that runs to its end removes every folder and link killed builds left beside `out`.
    const version = current === 'A' ? 'B' : 'A';
    write(version);
    const r = spawnSync(process.execPath, sot(root, out), { encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(completeBuild(out)).toBe(digests[version]);
    const beside = readdirSync(parent).sort();
    expect(beside).toHaveLength(2);
    expect(beside[1]).toBe('out');
    expect(beside[0]).toMatch(/^\.out\.sot-build-\d+-[A-Za-z0-9_-]{6}$/);
  });
});

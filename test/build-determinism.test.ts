import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { ROOT } from './helpers/cli.js';

// Same inventory, same bytes: inventory-example built 20 times, with every listing of its files
// (git's, and each folder's when walked) shuffled differently, and under other time zones and
// locales, gives one output folder, byte for byte.

/** One hash of a whole folder: every file's path and bytes, in path order. */
function folderHash(dir: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (p: string) => files.push(p))(join(d, e.name));
  };
  walk(dir);
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(dir, f)).sort()) hash.update(`${file}\0`).update(readFileSync(join(dir, file))).update('\0');
  return hash.digest('hex');
}

/** A seeded shuffle (mulberry32 and Fisher–Yates): a different, repeatable order per build. */
function shuffler(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let shuffled = 0;
  const order = <T>(entries: T[]): T[] => {
    const out = [...entries];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    if (out.some((e, i) => e !== entries[i])) shuffled++;
    return out;
  };
  return { order, shuffled: () => shuffled };
}

const inventory = join(ROOT, 'inventory-example');

describe('sot build is deterministic', () => {
  it('20 builds of inventory-example, shuffled listings, other time zones and locales: one output', { timeout: 600_000 }, async () => {
    const base = mkdtempSync(join(tmpdir(), 'sot-determinism-'));
    const hashes = new Set<string>();
    // 17 in this process, each listing shuffled by its own seed.
    for (let seed = 1; seed <= 17; seed++) {
      const out = join(base, `in-process-${seed}`);
      const { order, shuffled } = shuffler(seed);
      let stderr = '';
      const code = await main(['build', inventory, '--out', out, '--quiet'], { stdout: () => {}, stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false, listingOrder: order });
      expect([code, stderr]).toEqual([0, '']);
      expect(shuffled()).toBeGreaterThan(0);
      hashes.add(folderHash(out));
    }
    // 3 as the command, under other time zones and locales.
    const environments = [
      { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      { TZ: 'America/St_Johns', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
    ];
    for (const [i, variables] of environments.entries()) {
      const out = join(base, `process-${i}`);
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/sot.js'), 'build', inventory, '--out', out, '--quiet'], { env: { ...process.env, ...variables }, encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      hashes.add(folderHash(out));
    }
    expect(hashes.size).toBe(1);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from '../bench/hostile.js';

// Inventories large on purpose (bench/hostile.ts, generated here: too big to keep in the repository),
// each checked by the built `sot check` in a process of its own. The bound is linear in the input:
// 2 s plus 1 s per MB of YAML, and 200 MB plus 40 bytes per byte of YAML at the peak. A check whose
// cost grows with the square of its problems (comparing each unknown name with every known one,
// re-reading the file per problem, quoting a 50 MB value in full) is far past it.

const ROOT = join(import.meta.dirname, '..');
const MEASURE = join(import.meta.dirname, 'hostile', 'measure.mjs');
const MB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'sot-hostile-large-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile inventories large on purpose', () => {
  it.each(CASES.map((c, i) => [`${c.name} (${c.format})`, i] as const))('%s: located problems, within time and memory linear in its size', (_name, i) => {
    const c = CASES[i]!;
    const dir = join(work, `case-${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'sot.yaml'), 'format: 1\n');
    let bytes = 0;
    for (const [name, text] of Object.entries(c.files())) {
      writeFileSync(join(dir, name), text);
      bytes += statSync(join(dir, name)).size;
    }
    const seconds = 2 + bytes / MB;
    const megabytes = 200 + (40 * bytes) / MB;
    const r = spawnSync(process.execPath, [MEASURE, ROOT, 'check', dir, '--format', c.format], { encoding: 'utf8', timeout: Math.ceil(seconds * 10_000), maxBuffer: 1 << 20 });
    expect(r.stderr).toBe('');
    const run = JSON.parse(r.stdout);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    // What it printed stays small per problem: at most 1,000 of one rule per file are listed.
    expect(run.bytes).toBeLessThan(2 * MB);
    console.log(`${c.name}: ${(bytes / MB).toFixed(1)} MB, ${(run.ms / 1000).toFixed(2)} s (bound ${seconds.toFixed(1)}), ${run.rssMb.toFixed(0)} MB (bound ${megabytes.toFixed(0)})`);
    expect(run.ms / 1000, `seconds for ${(bytes / MB).toFixed(1)} MB`).toBeLessThan(seconds);
    expect(run.rssMb, `peak MB for ${(bytes / MB).toFixed(1)} MB`).toBeLessThan(megabytes);
  });
});

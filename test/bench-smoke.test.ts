// The benchmark's generator makes inventories sot accepts: a smoke test of bench/generate.ts (not of speed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_KINDS, generate, SCALES } from '../bench/generate.js';
import { compile } from '../src/compile.js';
import { readWorktree } from '../src/sources/worktree.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sot-bench-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('bench/generate', () => {
  it('generates scale S as an inventory that compiles clean with the expected device count', () => {
    const out = join(tempDir(), 'S');
    const gen = generate({ devices: SCALES.S, out });
    expect(gen.reused).toBe(false);
    expect(gen.devices).toBe(100);

    const result = compile(readWorktree(out));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.location.file} ${d.rule} ${d.message}`)).toEqual([]);
    expect(result.model.byKind.get('dcim.device')).toHaveLength(100);
    // The device types' interfaces plus the Loopback0 each device adds.
    expect(result.model.byKind.get('dcim.interface')!.length).toBeGreaterThan(100 * 48);

    // A second call with the same seed reuses the folder.
    expect(generate({ devices: SCALES.S, out }).reused).toBe(true);
  });

  it('is deterministic: the same seed gives byte-identical files', () => {
    const a = generate({ devices: 40, out: join(tempDir(), 'a'), seed: 7 });
    const b = generate({ devices: 40, out: join(tempDir(), 'b'), seed: 7 });
    const c = generate({ devices: 40, out: join(tempDir(), 'c'), seed: 8 });
    expect(a.digest).toBe(b.digest);
    expect(c.digest).not.toBe(a.digest);
    const files = readWorktree(a.out).map((f) => f.file);
    expect(files).toEqual(readWorktree(b.out).map((f) => f.file));
    for (const f of files) expect(readFileSync(join(b.out, f), 'utf8')).toBe(readFileSync(join(a.out, f), 'utf8'));
  });

  it('seeds N errors of each kind when asked', () => {
    const out = join(tempDir(), 'errors');
    generate({ devices: SCALES.S, out, errors: 2 });
    const byRule: Record<string, number> = {};
    for (const d of compile(readWorktree(out)).diagnostics) if (d.severity === 'error') byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
    for (const rule of Object.values(ERROR_KINDS)) expect(byRule[rule], rule).toBe(2);
  });
});

// `sot test`: an inventory may keep the output it expects for some devices under .sot/expected/,
// mirroring what `sot build` writes (.sot/expected/configs/ams1-leaf1.cfg). Each expected file is
// compared with the output sot renders for that path now, byte for byte.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byteOrder } from '../sources/worktree.js';
import type { OutputFile } from './build.js';
import { unifiedDiff } from './line-diff.js';

/** Where expected outputs live, from the inventory root. A hidden folder: never read as inventory. */
export const EXPECTED_DIR = '.sot/expected';

export interface Expectation {
  /** The output path, as in the build folder (`configs/ams1-leaf1.cfg`). */
  path: string;
  status: 'pass' | 'fail' | 'no-output';
  /** For a failure: expected against rendered, as `diff -u` shows it. */
  diff?: string;
}

/** Every file below the expected folder, as build paths, in byte order. */
export function expectedPaths(root: string): string[] {
  const base = join(root, EXPECTED_DIR);
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(base, '');
  return out.sort(byteOrder);
}

/** Compares each expected file with the output rendered for its path. */
export function compareExpected(root: string, outputs: readonly OutputFile[]): Expectation[] {
  const byPath = new Map(outputs.map((f) => [f.path, f.text]));
  return expectedPaths(root).map((path) => {
    const actual = byPath.get(path);
    if (actual === undefined) return { path, status: 'no-output' };
    const expected = readFileSync(join(root, EXPECTED_DIR, path), 'utf8');
    if (expected === actual) return { path, status: 'pass' };
    return { path, status: 'fail', diff: unifiedDiff(expected, actual, { expected: `${EXPECTED_DIR}/${path}`, actual: `${path} as rendered` }) };
  });
}

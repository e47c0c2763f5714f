import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { OutputFile } from '../outputs/build.js';
import { isBuildFolder } from '../sources/worktree.js';
import { writeFilesSafely } from './write-files.js';

/** Why `out` must not be written, or undefined when it may. */
export function refuseOutput(out: string, inventory: string): string | undefined {
  const target = resolve(out);
  const root = resolve(inventory);
  const inside = (a: string, b: string) => a === b || relative(b, a).split(sep)[0] !== '..';
  if (inside(root, target)) return `the output folder ${out} holds the inventory; choose a folder of its own`;
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) return `${out} is a file, not a folder`;
    if (readdirSync(target).length > 0 && !isBuildFolder(target)) return `${out} is not empty and holds no sot build (no manifest.json of sot's); refusing to replace it`;
  }
  return undefined;
}

/**
 * Writes the files as the whole content of `out`, atomically: into a new folder beside it, which then
 * takes its place. A failure leaves the previous output as it was.
 */
export function replaceFolder(out: string, files: readonly OutputFile[]): void {
  const target = resolve(out);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.sot-build-`));
  try {
    writeFilesSafely(staging, new Map(files.map((f) => [f.path, f.text])));
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  const previous = `${staging}.previous`;
  renameSync(target, previous);
  try {
    renameSync(staging, target);
  } catch (err) {
    renameSync(previous, target);
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  rmSync(previous, { recursive: true, force: true });
}

import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Writes files below `root`, each through a temporary file and a rename, so a failure never leaves a
 * half-written file; a name that would leave `root` is refused.
 */
export function writeFilesSafely(root: string, files: Map<string, string>): string[] {
  const base = resolve(root);
  const written: string[] = [];
  for (const name of files.keys()) assertFolderPath(resolve(base, dirname(name)), root);
  for (const [name, text] of files) {
    const target = resolve(base, name);
    const rel = relative(base, target);
    if (rel.startsWith('..') || rel.split(sep).includes('..') || resolve(base, rel) !== target) {
      throw new Error(`refusing to write outside ${root}: ${name}`);
    }
    mkdirSync(dirname(target), { recursive: true });
    const tmp = join(dirname(target), `.${process.pid}.${written.length}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, target);
    written.push(rel.split(sep).join('/'));
  }
  return written;
}

/** A place sot was asked to write into that is not a folder: said to the user, exit 2, nothing written. */
export class NotAFolder extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAFolder';
  }
}

/**
 * Throws NotAFolder when `dir`, or a folder above it, exists and is no folder (a file where a folder
 * must be made): checked before anything is written, so a refusal writes nothing.
 */
export function assertFolderPath(dir: string, shown: string = dir): void {
  for (let at = resolve(dir); ; at = dirname(at)) {
    let isFolder: boolean | undefined;
    try {
      isFolder = statSync(at).isDirectory();
    } catch {
      isFolder = undefined; // not there (yet): made by the write
    }
    if (isFolder === false) {
      throw new NotAFolder(at === resolve(dir) ? `${shown} is a file, not a folder` : `cannot make ${shown}: ${at} is a file, not a folder`);
    }
    if (isFolder || dirname(at) === at) return;
  }
}

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Writes files below `root`, each through a temporary file and a rename, so a failure never leaves a
 * half-written file; a name that would leave `root` is refused.
 */
export function writeFilesSafely(root: string, files: Map<string, string>): string[] {
  const base = resolve(root);
  const written: string[] = [];
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

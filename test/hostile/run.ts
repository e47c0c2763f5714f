import { compileInventory } from '../../src/compile-worktree.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { ParseCache } from '../../src/parse-cache.js';
import { blobId } from '../../src/sources/git.js';

/** Compiles an inventory held in memory with one file's text replaced; unchanged files come from the cache. */
export function inventoryRunner(files: ReadonlyMap<string, string>): (file: string, text: string) => Promise<Diagnostic[]> {
  const cache = new ParseCache();
  const blobs = new Map([...files].map(([file, text]) => [file, blobId(text)]));
  return async (changed, replacement) => {
    const all = [...files].map(([file, text]) => {
      const t = file === changed ? replacement : text;
      return { file, text: t, blob: file === changed ? blobId(t) : blobs.get(file)!, size: t.length };
    });
    const { result } = await compileInventory(all, { cache, threads: 1 });
    return result.diagnostics;
  };
}

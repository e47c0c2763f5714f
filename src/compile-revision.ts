// An inventory as a commit holds it: the files come from git (sources/git.ts) instead of the working
// tree, and go through the same compile as `sot check`'s, with a parse cache so that the files two
// commits share are parsed once.
import { performance } from 'node:perf_hooks';
import { compileInventory, type WorktreeCompile, type WorktreeOptions } from './compile-worktree.js';
import { BlobReader, readCommit, resolveCommit, type GitRepository } from './sources/git.js';

export interface RevisionOptions extends WorktreeOptions {
  /** A blob reader to reuse (its process stays open); else one is opened and closed for this compile. */
  reader?: BlobReader;
}

export interface RevisionCompile extends WorktreeCompile {
  /** The commit id compiled. */
  commit: string;
}

/**
 * Compiles the inventory folder `repo.prefix` as commit `rev` holds it. Throws a GitError for an
 * unknown revision or a shallow clone that lacks it.
 */
export async function compileRevision(repo: GitRepository, rev: string, options: RevisionOptions = {}): Promise<RevisionCompile> {
  const started = performance.now();
  const commit = resolveCommit(repo, rev);
  const reader = options.reader ?? new BlobReader(repo);
  let read;
  try {
    read = await readCommit(repo, commit, reader, options.cache && ((blob) => options.cache!.textOf(blob)));
  } finally {
    if (!options.reader) reader.close();
  }
  const readMs = performance.now() - started;
  const out = await compileInventory(read.files, options, read.problems);
  out.result.timings.read += readMs;
  return { ...out, commit };
}

// Where paths in GitHub annotations and SARIF start. GitHub places an annotation or a code-scanning
// alert on a file by its path from the repository root, whatever folder sot ran in and wherever the
// inventory sits in the repository: `file=../sites/a.yaml` from a subfolder lands nowhere.

import { gitRead } from '../sources/git-process.js';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RepositoryPaths } from './types.js';

/** The real path of a folder, or the path as given when it does not exist (realpath fails). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** `git rev-parse --show-toplevel` run in `dir`; undefined outside a work tree or without git. */
export function gitTopLevel(dir: string): string | undefined {
  const out = gitRead(dir, ['rev-parse', '--show-toplevel'])?.toString('utf8').trim();
  return out ? out : undefined;
}

/** True when `dir` is `base` or inside it. */
function within(base: string, dir: string): boolean {
  const rel = relative(base, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folder paths start from, for an inventory at `inventoryRoot` (absolute): the git repository
 * that holds the inventory; without git (or when git refuses the folder, as it does for a checkout
 * owned by another user in a container) GITHUB_WORKSPACE when it holds the inventory; otherwise the
 * current folder, so paths read as they always did outside a repository.
 */
export function repositoryRoot(inventoryRoot: string, cwd: string, env: Record<string, string | undefined>): string {
  const top = gitTopLevel(inventoryRoot);
  if (top !== undefined) return real(top);
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace && isAbsolute(workspace) && within(real(workspace), real(inventoryRoot))) return real(workspace);
  return real(cwd);
}

/** `file:///…/` for a folder: SARIF's originalUriBaseIds wants an absolute URI ending in a slash. */
export function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * Paths of inventory files from the repository root, for the reporters. The root is looked up on
 * first use only, so formats that do not need it run no git.
 */
export function repositoryPaths(inventoryRoot: string, cwd: string, env: Record<string, string | undefined>): RepositoryPaths {
  let root: string | undefined;
  let inventory: string | undefined;
  const resolved = (): [string, string] => {
    if (root === undefined) {
      root = repositoryRoot(inventoryRoot, cwd, env);
      inventory = real(inventoryRoot);
    }
    return [root, inventory as string];
  };
  return {
    rootUri: () => folderUri(resolved()[0]),
    path: (file) => {
      const [r, inv] = resolved();
      return relative(r, join(inv, file)).split(sep).join('/');
    },
  };
}

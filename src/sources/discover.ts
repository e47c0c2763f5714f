// Which inventory a command works on: the nearest folder with a sot.yaml, from the folder given upward,
// as git finds its repository from any folder inside it. So `cd inventory/sites && sot check` checks the
// whole inventory, not the one folder as an inventory of its own.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SETTINGS_FILE } from '../settings.js';
import { reason, unreadable } from './problems.js';

export type Discovery =
  | { found: true; root: string }
  | {
      found: false;
      /** The folder the search started from (absolute). */
      start: string;
      /** The last folder searched (absolute): the filesystem root, or the top of the git work tree. */
      stop: string;
      /** Whether the search stopped at the top of a git work tree rather than at the filesystem root. */
      atRepository: boolean;
      /** The search stopped at `stop` because the system would not let sot look into it (its error code). */
      unreadable?: string;
    };

/** Whether `path` is a file; an error code when the system will not say (a folder sot may not search). */
function isFile(path: string): boolean | string {
  try {
    return statSync(path).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? false : (code ?? 'unknown');
  }
}

/**
 * The inventory root for `start`: `start` itself or the nearest folder above it that holds a sot.yaml.
 * The search stops at the top of the git work tree holding `start` (the folder with `.git`, a folder
 * or, in worktrees and submodules, a file) so that an inventory in a repository never picks up a
 * sot.yaml from outside it (a stray one in a home folder); outside git it goes up to the filesystem root.
 */
export function discoverInventory(start: string): Discovery {
  const from = resolve(start);
  let dir = from;
  for (;;) {
    const settings = isFile(join(dir, SETTINGS_FILE));
    if (settings === true) return { found: true, root: dir };
    // Looking further up would report "no sot.yaml" for a folder that may well hold one.
    if (typeof settings === 'string') return { found: false, start: from, stop: dir, atRepository: false, unreadable: settings };
    if (existsSync(join(dir, '.git'))) return { found: false, start: from, stop: dir, atRepository: true };
    const parent = dirname(dir);
    if (parent === dir) return { found: false, start: from, stop: dir, atRepository: false };
    dir = parent;
  }
}

/**
 * The one problem reported when no inventory is found: where the search looked and how to create an
 * inventory. It is located at the sot.yaml `start` would hold (`show` turns a folder into the text
 * the user sees, relative to the current folder).
 */
export function missingSettings(search: Extract<Discovery, { found: false }>, show: (dir: string) => string): Diagnostic {
  if (search.unreadable !== undefined) {
    const problem = unreadable(SETTINGS_FILE, 'folder', search.unreadable);
    problem.message = `cannot look for ${SETTINGS_FILE} in ${show(search.stop)}: ${reason(search.unreadable)}`;
    return problem;
  }
  const where =
    search.start === search.stop
      ? `in ${show(search.start)}`
      : `in ${show(search.start)} nor in any folder above it up to ${search.atRepository ? `${show(search.stop)} (the top of its git repository)` : 'the filesystem root'}`;
  return {
    rule: 'settings/missing',
    severity: 'error',
    message: `no inventory: no ${SETTINGS_FILE} ${where}`,
    location: { file: SETTINGS_FILE, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } },
    help: `an inventory is a folder with a ${SETTINGS_FILE} (format: 1) at its root, found from the folder given or any folder below it; \`sot init <folder>\` creates one`,
  };
}

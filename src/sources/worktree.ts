import { gitRead } from './git-process.js';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_FILE } from '../settings.js';
import { decodeSource } from '../parse/utf8.js';

export interface SourceFile {
  /** Inventory-relative path with forward slashes. */
  file: string;
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;

// The rule of what belongs to an inventory, shared by the working tree and git (sources/git.ts):
// YAML files, outside hidden folders, node_modules, folders that hold a sot build and folders that
// hold another inventory (their own sot.yaml).

/** Hidden entries (.git, .github, .vscode) and node_modules are never part of an inventory. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export function isYamlFile(name: string): boolean {
  return YAML_FILE.test(name);
}

/** A folder's manifest.json says it holds a sot build (which may hold YAML, and may sit inside the inventory). */
export function isBuildManifest(text: string): boolean {
  try {
    return typeof JSON.parse(text).sot_build_format === 'number';
  } catch {
    return false;
  }
}

/**
 * Every YAML file below the inventory root, in byte order of their paths so that output never depends
 * on the file system's listing order. Hidden folders (.git, .github, .vscode), node_modules, the
 * output of `sot build` (which may hold YAML, and may sit inside the inventory) and folders with a
 * sot.yaml of their own (other inventories) are skipped. In a git
 * work tree, what git ignores (.gitignore files, .git/info/exclude, the global excludes file) is
 * skipped too: generated files are not inventory. sot.yaml's include and exclude apply later (compile).
 */
export function listWorktree(root: string, order: ListingOrder = keepOrder): string[] {
  const listed = gitListing(root);
  const fromGit = listed && order(listed);
  // An inventory git ignores as a whole (a generated one, in an ignored folder) is not git's to filter:
  // its sot.yaml on disk but not in git's listing says so, and the folder is listed as it is.
  if (!fromGit || (!fromGit.includes(SETTINGS_FILE) && existsSync(join(root, SETTINGS_FILE)))) return walkWorktree(root, order);
  return keepInventoryFiles(root, fromGit);
}

/**
 * Reorders what git or the file system lists, before sot sorts it: tests shuffle with it to show
 * that no output depends on the order a file system or git happens to list files in.
 */
export type ListingOrder = <T>(entries: T[]) => T[];

const keepOrder: ListingOrder = (entries) => entries;

function walkWorktree(root: string, order: ListingOrder): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of order(readdirSync(dir, { withFileTypes: true }))) {
      if (isSkippedName(entry.name)) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!isOtherFolder(join(dir, entry.name))) walk(join(dir, entry.name), childRel);
      }
      else if (entry.isFile() && isYamlFile(entry.name)) out.push(childRel);
    }
  };
  walk(root, '');
  return out.sort(byteOrder);
}

/**
 * The files git sees below `root` and does not ignore: tracked ones (a tracked file is never ignored,
 * as git has it) and untracked ones outside every ignore rule, relative to `root`. Undefined when
 * `root` is not in a git work tree or git cannot run: the folder is then listed as it is. Read-only
 * and without optional locks, so the index and `git status` never change.
 */
function gitListing(root: string): string[] | undefined {
  const stdout = gitRead(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']);
  if (stdout === undefined) return undefined;
  const files = new Set<string>();
  for (const file of stdout.toString('utf8').split('\0')) if (file) files.add(file);
  return [...files];
}

/**
 * Of git's listing, what the walk would keep: regular YAML files (a tracked file deleted from the
 * working tree, a symbolic link or a submodule is none) outside hidden folders, node_modules, sot
 * builds and other inventories.
 */
function keepInventoryFiles(root: string, files: readonly string[]): string[] {
  const builds = new Map<string, boolean>();
  const inOther = (file: string): boolean => {
    for (let i = file.indexOf('/'); i >= 0; i = file.indexOf('/', i + 1)) {
      const dir = file.slice(0, i);
      let is = builds.get(dir);
      if (is === undefined) builds.set(dir, (is = isOtherFolder(join(root, dir))));
      if (is) return true;
    }
    return false;
  };
  const out = files.filter((file) => {
    if (!isYamlFile(file) || file.split('/').some(isSkippedName) || inOther(file)) return false;
    try {
      return lstatSync(join(root, file)).isFile();
    } catch {
      return false;
    }
  });
  return out.sort(byteOrder);
}

export function readWorktree(root: string): SourceFile[] {
  return listWorktree(root).map((file) => ({ file, text: decodeSource(readFileSync(join(root, file))) }));
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A folder below the inventory root that is not part of it: a sot build, or another inventory (a
 * folder with its own sot.yaml, which `sot init` may have made inside this one).
 */
function isOtherFolder(dir: string): boolean {
  return isBuildFolder(dir) || isSettingsFile(join(dir, SETTINGS_FILE));
}

function isSettingsFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether a folder holds a sot build: its manifest.json says so. */
export function isBuildFolder(dir: string): boolean {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  try {
    return isBuildManifest(readFileSync(manifest, 'utf8'));
  } catch {
    return false;
  }
}

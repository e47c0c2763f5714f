import { isUtf8 } from 'node:buffer';
import { accessSync, constants, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { gitIgnored, gitRead, gitReadWithWarnings } from './git-process.js';
import { errorCode, notUtf8, ROOT_FOLDER, sourceProblem, unreadable } from './problems.js';
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

/** The inventory's files, and what could not be read as one (located problems, see problems.ts). */
export interface WorktreeListing {
  /** Inventory-relative paths, in byte order. */
  files: string[];
  problems: Diagnostic[];
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
  return scanWorktree(root, order).files;
}

/**
 * Reorders what git or the file system lists, before sot sorts it: tests shuffle with it to show
 * that no output depends on the order a file system or git happens to list files in.
 */
export type ListingOrder = <T>(entries: T[]) => T[];

const keepOrder: ListingOrder = (entries) => entries;

/**
 * listWorktree's files, and a problem for each YAML file or folder that cannot be read as one: a folder
 * the system will not list (permissions, a path longer than PATH_MAX), a path that is not UTF-8, a
 * FIFO, socket or device (never opened: reading one would block), a symbolic link that leaves the
 * repository, dangles, loops or names a folder. A link to a file inside the repository is listed at
 * the link's path and read through it.
 */
export function scanWorktree(root: string, order: ListingOrder = keepOrder): WorktreeListing {
  try {
    accessSync(root, constants.R_OK | constants.X_OK);
  } catch (err) {
    return { files: [], problems: [unreadable(ROOT_FOLDER, 'folder', errorCode(err))] };
  }
  const links = new LinkRule(root);
  const listed = gitListing(root);
  const fromGit = listed && { ...listed, files: order(listed.files) };
  // An inventory git ignores as a whole (a generated one, in an ignored folder) is not git's to filter:
  // its sot.yaml on disk but not in git's listing says so, and the folder is listed as it is.
  if (!fromGit || (!fromGit.files.includes(SETTINGS_FILE) && existsSync(join(root, SETTINGS_FILE)))) return walkWorktree(root, links, order);
  return keepInventoryFiles(root, fromGit, links);
}

const SLASH = Buffer.from('/');

function walkWorktree(root: string, links: LinkRule, order: ListingOrder): WorktreeListing {
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  // Paths are walked as bytes: a name that is not UTF-8 would not survive a round trip through a string.
  const walk = (dir: Buffer, rel: string, utf8: boolean) => {
    let entries: Dirent<Buffer>[];
    try {
      entries = order(readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }));
    } catch (err) {
      problems.push(unreadable(rel || ROOT_FOLDER, 'folder', errorCode(err)));
      return;
    }
    for (const entry of entries) {
      const name = entry.name.toString('utf8');
      if (isSkippedName(name)) continue;
      const childRel = rel ? `${rel}/${name}` : name;
      const path = Buffer.concat([dir, SLASH, entry.name]);
      const named = utf8 && isUtf8(entry.name);
      if (entry.isDirectory()) {
        if (!isOtherFolder(path)) walk(path, childRel, named);
      } else if (isYamlFile(name)) {
        if (!named) problems.push(notUtf8(childRel));
        else if (entry.isFile()) files.push(childRel);
        else {
          const problem = links.classify(childRel, entry);
          if (problem === undefined) files.push(childRel);
          else if (problem) problems.push(problem);
        }
      }
    }
  };
  walk(Buffer.from(root), '', true);
  return { files: files.sort(byteOrder), problems };
}

interface GitListing {
  files: string[];
  /** Listed paths that are not UTF-8, with U+FFFD for the bytes that are not. */
  notUtf8: string[];
  /** Folders git could not open ('could not open directory'), with the reason it gave. */
  unopened: { dir: string; code: string }[];
}

/**
 * The files git sees below `root` and does not ignore: tracked ones (a tracked file is never ignored,
 * as git has it) and untracked ones outside every ignore rule, relative to `root`. Undefined when
 * `root` is not in a git work tree or git cannot run: the folder is then listed as it is. Read-only
 * and without optional locks, so the index and `git status` never change.
 */
function gitListing(root: string): GitListing | undefined {
  const out = gitReadWithWarnings(root, ['ls-files', '--cached', '--others', '--exclude-standard', '-z']);
  if (out === undefined) return undefined;
  const files = new Set<string>();
  const notUtf8: string[] = [];
  let from = 0;
  for (let end = out.stdout.indexOf(0); end >= 0; from = end + 1, end = out.stdout.indexOf(0, from)) {
    const bytes = out.stdout.subarray(from, end);
    if (bytes.length === 0) continue;
    if (isUtf8(bytes)) files.add(bytes.toString('utf8'));
    else notUtf8.push(bytes.toString('utf8'));
  }
  // git skips a folder it cannot open with a warning, and lists the rest: the warning is all there is.
  // Its path is from the top of the work tree.
  const unopened: GitListing['unopened'] = [];
  const warnings = [...out.stderr.matchAll(/^warning: could not open directory '(.*)': (.*)$/gm)];
  const prefix = warnings.length ? (gitRead(root, ['rev-parse', '--show-prefix'])?.toString('utf8').trim() ?? '') : '';
  for (const [, path, words] of warnings) {
    if (!path.startsWith(prefix)) continue;
    unopened.push({ dir: path.slice(prefix.length).replace(/\/$/, '') || ROOT_FOLDER, code: GIT_REASONS[words] ?? words });
  }
  return { files: [...files], notUtf8, unopened };
}

/** git's words (strerror) for the error codes sot explains. */
const GIT_REASONS: Record<string, string> = { 'Permission denied': 'EACCES', 'File name too long': 'ENAMETOOLONG', 'Too many levels of symbolic links': 'ELOOP' };

/**
 * Of git's listing, what the walk would keep: YAML files (a tracked file deleted from the working
 * tree or a submodule is none; a symbolic link is followed as the walk follows it) outside hidden
 * folders, node_modules, sot builds and other inventories.
 */
function keepInventoryFiles(root: string, listing: GitListing, links: LinkRule): WorktreeListing {
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
  const kept = (file: string) => isYamlFile(file) && !file.split('/').some(isSkippedName) && !inOther(file);
  const files: string[] = [];
  const problems: Diagnostic[] = listing.notUtf8.filter(kept).map(notUtf8);
  for (const { dir, code } of listing.unopened) if (!dir.split('/').some(isSkippedName)) problems.push(unreadable(dir, 'folder', code));
  for (const file of listing.files) {
    if (!kept(file)) continue;
    let stats: Stats;
    try {
      stats = lstatSync(join(root, file));
    } catch (err) {
      // Gone from the working tree (a tracked file deleted, not yet committed): not a file to read.
      const code = errorCode(err);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push(unreadable(file, 'file', code));
      continue;
    }
    if (stats.isFile()) files.push(file);
    else {
      const problem = links.classify(file, stats);
      if (problem === undefined) files.push(file);
      else if (problem) problems.push(problem);
    }
  }
  problems.push(...unlistedSpecialFiles(root, listing, kept));
  return { files: files.sort(byteOrder), problems };
}

/**
 * git lists no FIFO, socket or device it does not track (it cannot track one), so a YAML name that is
 * one would be left out without a word: the folders of the inventory root and of the files git listed
 * are looked through for such names, and those git does not ignore are reported (never opened).
 */
function unlistedSpecialFiles(root: string, listing: GitListing, kept: (file: string) => boolean): Diagnostic[] {
  const listed = new Set(listing.files);
  const folders = new Set(['']);
  for (const file of listing.files) if (kept(file)) folders.add(file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
  const found: { file: string; entry: Dirent }[] = [];
  for (const folder of folders) {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder === '' ? root : join(root, folder), { withFileTypes: true });
    } catch {
      continue; // git warned about a folder it could not open (listing.unopened)
    }
    for (const entry of entries) {
      if (!(entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice())) continue;
      const file = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (!listed.has(file) && kept(file)) found.push({ file, entry });
    }
  }
  const ignored = gitIgnored(root, found.map((f) => f.file));
  return found.filter((f) => !ignored.has(f.file)).sort((a, b) => byteOrder(a.file, b.file)).map((f) => notAFile(f.file, f.entry));
}

/**
 * How a YAML name that is no regular file is read. A symbolic link is followed when its target is a
 * regular file inside the repository (the git work tree's top, or the inventory root outside git),
 * and read as the file at the link's path: a shared sot.yaml or device type linked into place is
 * checked there. Links that leave the repository (what they point to is not the repository's to
 * check, and may differ on another machine), dangle, loop or name a folder are problems, as are FIFOs,
 * sockets and devices, which are never opened (reading one would block or never end). A folder
 * named like a YAML file is no file and is walked as a folder.
 */
class LinkRule {
  private top?: string;
  constructor(private readonly root: string) {}

  /** undefined: read it; a Diagnostic: report it; null: not a file at all (a folder). */
  classify(file: string, type: Pick<Stats, 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>): Diagnostic | undefined | null {
    if (type.isSymbolicLink()) return this.follow(file);
    if (type.isFIFO() || type.isSocket() || type.isBlockDevice() || type.isCharacterDevice()) return notAFile(file, type);
    return null;
  }

  private follow(file: string): Diagnostic | undefined {
    const path = join(this.root, file);
    let written = '';
    try {
      written = readlinkSync(path);
    } catch (err) {
      return unreadable(file, 'file', errorCode(err));
    }
    let target: string;
    try {
      target = realpathSync(path);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return sourceProblem('sources/symlink', file, `this symbolic link points to ${written}, which does not exist`, { reason: 'dangling', target: written }, LINK_HELP);
      }
      if (code === 'ELOOP') return sourceProblem('sources/symlink', file, `this symbolic link loops: ${written} leads back to itself`, { reason: 'loop', target: written }, LINK_HELP);
      return unreadable(file, 'file', code);
    }
    const top = this.repositoryTop();
    if (target !== top && !target.startsWith(top.endsWith(sep) ? top : top + sep)) {
      return sourceProblem(
        'sources/symlink',
        file,
        `this symbolic link points outside the repository, to ${written}: sot does not read it`,
        { reason: 'outside', target: written },
        'copy the file into the repository, or link to a file inside it: what lies outside is not versioned with the inventory',
      );
    }
    let stats: Stats;
    try {
      stats = statSync(target);
    } catch (err) {
      return unreadable(file, 'file', errorCode(err));
    }
    if (stats.isDirectory()) {
      return sourceProblem('sources/symlink', file, `this symbolic link points to a folder, ${written}: a YAML name must be a file`, { reason: 'folder', target: written }, LINK_HELP);
    }
    if (!stats.isFile()) return notAFile(file, stats);
    return undefined;
  }

  /** The folder links must stay in, without symbolic links: the git work tree's top, else the inventory root. */
  private repositoryTop(): string {
    if (this.top === undefined) {
      const fromGit = gitRead(this.root, ['rev-parse', '--show-toplevel'])?.toString('utf8').trim();
      this.top = realpathSync(fromGit || this.root);
    }
    return this.top;
  }
}

const LINK_HELP = 'point the link at a YAML file inside the repository, or remove it';

function notAFile(file: string, type: Pick<Stats, 'isFIFO' | 'isSocket' | 'isBlockDevice'>): Diagnostic {
  const what = type.isFIFO() ? 'a FIFO (named pipe)' : type.isSocket() ? 'a socket' : 'a device';
  return sourceProblem('sources/not-a-file', file, `this is ${what}, not a file: sot does not read it`, { type: what }, 'data files are regular files; remove it or give it a name that does not end in .yaml or .yml');
}

/** Every file with its text, read as it is (a file that cannot be read throws): for tests and tools. */
export function readWorktree(root: string): SourceFile[] {
  return listWorktree(root).map((file) => ({ file, text: decodeSource(readFileSync(join(root, file))) }));
}

/** A data file's text, or the problem reading it (a permission, a path too long). */
export function readSourceFile(root: string, file: string): string | Diagnostic {
  try {
    return decodeSource(readFileSync(join(root, file)));
  } catch (err) {
    return unreadable(file, 'file', errorCode(err));
  }
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A folder below the inventory root that is not part of it: a sot build, or another inventory (a
 * folder with its own sot.yaml, which `sot init` may have made inside this one).
 */
function isOtherFolder(dir: string | Buffer): boolean {
  return isBuildFolder(dir) || isSettingsFile(inFolder(dir, SETTINGS_FILE));
}

function inFolder(dir: string | Buffer, name: string): string | Buffer {
  return typeof dir === 'string' ? join(dir, name) : Buffer.concat([dir, SLASH, Buffer.from(name)]);
}

// A sot.yaml linked into place (a monorepo's shared one) marks an inventory too.
function isSettingsFile(path: string | Buffer): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether a folder holds a sot build: its manifest.json says so. */
export function isBuildFolder(dir: string | Buffer): boolean {
  const manifest = inFolder(dir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  try {
    return isBuildManifest(readFileSync(manifest, 'utf8'));
  } catch {
    return false;
  }
}

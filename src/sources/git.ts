// An inventory as a commit holds it, read with plain `git` processes: `ls-tree` lists the files, one
// long-lived `cat-file --batch` streams their blobs. Only read commands run, with GIT_OPTIONAL_LOCKS=0,
// so reading a commit never refreshes the index or changes what `git status` shows.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SETTINGS_FILE } from '../settings.js';
import { sourceProblem } from './problems.js';
import { gitEnv } from './git-process.js';
import { byteOrder, isBuildManifest, isSkippedName, isYamlFile } from './worktree.js';
import { decodeSource } from '../parse/utf8.js';

/** A problem reaching git or a revision: said to the user with `help`, never as a stack trace. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** The repository that holds an inventory folder. */
export interface GitRepository {
  /** The work tree's top folder (absolute). */
  root: string;
  /** The inventory folder inside it, with forward slashes and no trailing slash ('' at the top). */
  prefix: string;
}

/** One file of an inventory in a commit. */
export interface GitFile {
  /** Inventory-relative path with forward slashes (as listWorktree gives it). */
  file: string;
  /** The blob's object id. */
  blob: string;
  size: number;
}

/** A commit as `sot log` shows it. */
export interface CommitInfo {
  commit: string;
  authorName: string;
  authorEmail: string;
  /** The author date, strict ISO 8601 with the author's offset. */
  date: string;
  subject: string;
}

const SHALLOW_HELP =
  'fetch the whole history with `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)';

interface GitRun {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

/** Runs one read-only git command to completion. */
function git(cwd: string, args: string[]): GitRun {
  try {
    const stdout = execFileSync('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
    return { ok: true, stdout, stderr: '' };
  } catch (err: any) {
    if (err?.code === 'ENOENT') throw new GitError('git is not installed (no `git` on PATH)', 'install git; sot reads commits with it');
    if (err?.status === undefined || err.status === null) throw err;
    return { ok: false, stdout: err.stdout ?? Buffer.alloc(0), stderr: String(err.stderr ?? '') };
  }
}

/** The repository holding `dir`, and the inventory's place in it. */
export function openRepository(dir: string): GitRepository {
  const r = git(dir, ['rev-parse', '--show-toplevel', '--show-prefix']);
  if (!r.ok) {
    throw new GitError(
      `${dir} is not in a git repository${r.stderr.includes('not a git repository') ? '' : `: ${firstLine(r.stderr)}`}`,
      'reading a revision needs the inventory inside a git work tree (git init, or a clone of the repository)',
    );
  }
  const [root, prefix = ''] = r.stdout.toString('utf8').split('\n');
  return { root, prefix: prefix.replace(/\/$/, '') };
}

/** Whether the repository is a shallow clone (part of its history is missing). */
export function isShallow(repo: GitRepository): boolean {
  const r = git(repo.root, ['rev-parse', '--is-shallow-repository']);
  return r.ok && r.stdout.toString('utf8').trim() === 'true';
}

/** The commit id a revision names (a branch, tag, commit id, `HEAD~2`…). */
export function resolveCommit(repo: GitRepository, rev: string): string {
  const r = git(repo.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (r.ok) return r.stdout.toString('utf8').trim();
  if (isShallow(repo)) {
    throw new GitError(`unknown revision "${rev}": this is a shallow clone, which lacks part of the history`, `${SHALLOW_HELP}; a branch may also need fetching (git fetch origin <branch>)`);
  }
  throw new GitError(`unknown revision "${rev}" in ${repo.root}`, 'name a branch, a tag or a commit id of this repository (git log --oneline lists commits)');
}

/** A commit id as git prints it: 40 (SHA-1) or 64 (SHA-256) hex digits. */
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The inventory's files in a commit with their blob ids, in byte order of their paths: the files
 * listWorktree keeps for the same tree (YAML files outside hidden folders, node_modules, sot builds and
 * other inventories; symbolic links followed, see scanCommit). What git ignores does not apply: a commit's
 * files are by definition not ignored. sot.yaml's include and exclude apply later, as for the working tree.
 */
export async function listCommit(repo: GitRepository, commit: string, reader?: BlobReader): Promise<GitFile[]> {
  return (await scanCommit(repo, commit, reader)).files;
}

/** A commit's inventory files and its problems: as scanWorktree has them, for what a commit can hold. */
export interface CommitListing {
  files: GitFile[];
  /** Symbolic links that leave the repository, dangle, loop or name a folder (sources/symlink). */
  problems: Diagnostic[];
}

/**
 * listCommit's files, with symbolic links followed as the working tree follows them: a link whose
 * target is a file of the same commit is that file at the link's path; one that leaves the
 * repository, dangles, loops or names a folder is a problem (its blob holds the target's path, which
 * is no YAML to parse).
 */
export async function scanCommit(repo: GitRepository, commit: string, reader?: BlobReader): Promise<CommitListing> {
  if (!OBJECT_ID.test(commit)) throw new GitError(`"${commit}" is not a commit id`, 'resolve a revision with resolveCommit first');
  const args = ['ls-tree', '-r', '-l', '-z', '--full-tree', commit];
  if (repo.prefix) args.push('--', repo.prefix);
  const r = git(repo.root, args);
  if (!r.ok) throw new GitError(`cannot list commit ${commit}: ${firstLine(r.stderr)}`, isShallow(repo) ? SHALLOW_HELP : 'check that the commit exists in this repository');
  const under = repo.prefix ? `${repo.prefix}/` : '';
  const candidates: GitFile[] = [];
  const links: GitFile[] = [];
  const manifests = new Map<string, string>(); // folder → manifest.json blob
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    if (!entry) continue;
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t([\s\S]*)$/.exec(entry);
    // Regular files (100644, 100755) and symbolic links (120000); submodules are no files.
    if (!m || m[2] !== 'blob' || !m[5].startsWith(under)) continue;
    const file = m[5].slice(under.length);
    if (m[1] === SYMLINK) {
      links.push({ file, blob: m[3], size: Number(m[4]) });
      continue;
    }
    if (m[1] !== '100644' && m[1] !== '100755') continue;
    const slash = file.lastIndexOf('/');
    const name = file.slice(slash + 1);
    if (name === 'manifest.json' && slash > 0) manifests.set(file.slice(0, slash), m[3]);
    candidates.push({ file, blob: m[3], size: Number(m[4]) });
  }
  const isInventoryName = (f: GitFile) => isYamlFile(f.file.slice(f.file.lastIndexOf('/') + 1)) && !f.file.split('/').some(isSkippedName);
  const kept = candidates.filter(isInventoryName);
  const keptLinks = links.filter(isInventoryName);
  const own = reader ?? new BlobReader(repo);
  const problems: Diagnostic[] = [];
  try {
    const builds = await buildFolders(manifests, [...kept, ...keptLinks], own);
    // Folders below the root with a sot.yaml of their own hold other inventories.
    for (const f of [...kept, ...keptLinks]) if (f.file.endsWith(`/${SETTINGS_FILE}`)) builds.add(f.file.slice(0, -SETTINGS_FILE.length - 1));
    const files = kept.filter((f) => !inFolders(f.file, builds));
    for (const link of keptLinks) {
      if (inFolders(link.file, builds)) continue;
      const followed = await followLink(repo, commit, under + link.file, link.blob, own);
      if ('blob' in followed) files.push({ file: link.file, blob: followed.blob, size: followed.size });
      else problems.push(sourceProblem('sources/symlink', link.file, followed.message, followed.data, followed.help));
    }
    return { files: files.sort((a, b) => byteOrder(a.file, b.file)), problems };
  } finally {
    if (!reader) own.close();
  }
}

const SYMLINK = '120000';
/** Links followed before a chain counts as a loop (Linux's limit). */
const MAX_LINKS = 40;

/**
 * Where a link in a commit leads, as the file system would take it: its blob holds the target's path,
 * relative to the link's folder. The target must be a regular file of the same commit inside the
 * repository; otherwise what is wrong, as a sources/symlink problem's parts.
 */
async function followLink(
  repo: GitRepository,
  commit: string,
  path: string,
  blob: string,
  reader: BlobReader,
): Promise<{ blob: string; size: number } | { message: string; data: Record<string, unknown>; help: string }> {
  let at = path;
  let target = '';
  const first = (await reader.read(blob))?.toString('utf8') ?? '';
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    target = hops === 0 ? first : (await reader.read(blob))?.toString('utf8') ?? '';
    const resolved = posix.normalize(posix.join(posix.dirname(at), target));
    if (posix.isAbsolute(target) || resolved === '..' || resolved.startsWith('../')) {
      return {
        message: `this symbolic link points outside the repository, to ${first}: sot does not read it`,
        data: { reason: 'outside', target: first },
        help: 'copy the file into the repository, or link to a file inside it: what lies outside is not versioned with the inventory',
      };
    }
    const r = git(repo.root, ['ls-tree', '-l', '-z', '--full-tree', commit, '--', resolved]);
    const m = r.ok ? /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t/.exec(r.stdout.toString('utf8')) : null;
    if (!m) return { message: `this symbolic link points to ${first}, which does not exist in this commit`, data: { reason: 'dangling', target: first }, help: LINK_HELP };
    if (m[2] === 'tree') return { message: `this symbolic link points to a folder, ${first}: a YAML name must be a file`, data: { reason: 'folder', target: first }, help: LINK_HELP };
    if (m[1] !== SYMLINK) return m[2] === 'blob' ? { blob: m[3], size: Number(m[4]) } : { message: `this symbolic link points to ${first}, which is no file`, data: { reason: 'dangling', target: first }, help: LINK_HELP };
    at = resolved;
    blob = m[3];
  }
  return { message: `this symbolic link loops: ${first} leads back to itself`, data: { reason: 'loop', target: first }, help: LINK_HELP };
}

const LINK_HELP = 'point the link at a YAML file inside the repository, or remove it';

/** The folders whose manifest.json marks a sot build, read only where a kept file lies below one. */
async function buildFolders(manifests: Map<string, string>, files: GitFile[], reader: BlobReader): Promise<Set<string>> {
  const relevant = [...manifests].filter(([dir]) => files.some((f) => f.file.startsWith(`${dir}/`)));
  if (relevant.length === 0) return new Set();
  const blobs = await reader.readMany(relevant.map(([, blob]) => blob));
  return new Set(relevant.filter(([, blob]) => isBuildManifest(blobs.get(blob)?.toString('utf8') ?? '')).map(([dir]) => dir));
}

function inFolders(file: string, folders: Set<string>): boolean {
  if (folders.size === 0) return false;
  for (let i = file.indexOf('/'); i >= 0; i = file.indexOf('/', i + 1)) if (folders.has(file.slice(0, i))) return true;
  return false;
}

interface Pending {
  id: string;
  resolve(b: Buffer | undefined): void;
  reject(e: Error): void;
}

/**
 * Reads blobs through one `git cat-file --batch` process, started on first use and kept until close():
 * ids are written as they are asked for, replies (`<id> blob <size>\n<bytes>\n`, or `<id> missing\n`)
 * come back in the same order.
 */
export class BlobReader {
  private proc?: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the oldest reply needs before it can be answered (at least its header's first byte). */
  private needed = 1;
  private failed?: Error;

  constructor(readonly repo: GitRepository) {}

  /** The blob's bytes; undefined when the repository has no such object. */
  read(id: string): Promise<Buffer | undefined> {
    if (this.failed) return Promise.reject(this.failed);
    if (!/^[0-9a-f]{4,64}$/.test(id)) return Promise.resolve(undefined);
    const proc = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ id, resolve, reject });
      proc.stdin.write(`${id}\n`);
    });
  }

  /** Several blobs at once, by id (missing ones left out). */
  async readMany(ids: readonly string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(ids)];
    const blobs = await Promise.all(unique.map((id) => this.read(id)));
    const out = new Map<string, Buffer>();
    unique.forEach((id, i) => blobs[i] && out.set(id, blobs[i]!));
    return out;
  }

  /** Ends the process (it exits when its input closes). */
  close(): void {
    if (!this.proc) return;
    this.proc.stdin.end();
    this.proc = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.proc) return this.proc;
    const proc = spawn('git', ['cat-file', '--batch'], { cwd: this.repo.root, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => void (stderr += d));
    proc.stdout.on('data', (d: Buffer) => this.receive(d));
    const fail = (err: Error) => {
      this.failed = err;
      for (const p of this.queue.splice(0)) p.reject(err);
    };
    proc.on('error', (err: any) => fail(err?.code === 'ENOENT' ? new GitError('git is not installed (no `git` on PATH)', 'install git; sot reads commits with it') : err));
    proc.on('close', (code) => {
      if (this.proc === proc) this.proc = undefined;
      if (this.queue.length > 0) fail(new GitError(`git cat-file stopped (exit code ${code}) before answering: ${firstLine(stderr)}`, 'check that the repository is readable'));
    });
    proc.stdin.on('error', () => {}); // a process that died is reported by 'close'
    this.proc = proc;
    return proc;
  }

  /**
   * Answers the oldest requests whose whole reply has arrived. The chunks of a reply are joined only
   * once all of it is there (joining on every chunk made a big blob cost its size times its chunks).
   */
  private receive(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    while (this.queue.length > 0 && this.buffered >= this.needed) {
      const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
      this.chunks = [buf];
      const eol = buf.indexOf(10);
      if (eol < 0) {
        this.needed = this.buffered + 1;
        return;
      }
      const header = buf.toString('latin1', 0, eol);
      const m = /^(\S+) (\S+) (\d+)$/.exec(header);
      // `<id> missing` or `<id> ambiguous`: no content follows.
      const end = m ? eol + 1 + Number(m[3]) + 1 : eol + 1;
      if (buf.length < end) {
        this.needed = end;
        return;
      }
      const body = m && m[2] === 'blob' ? Buffer.from(buf.subarray(eol + 1, end - 1)) : undefined;
      const rest = buf.subarray(end);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.needed = 1;
      this.queue.shift()!.resolve(body);
    }
  }
}

/** The inventory's files in a commit with their texts, read through `reader` unless `known` has them by blob id, and the commit's problems. */
export async function readCommit(
  repo: GitRepository,
  commit: string,
  reader: BlobReader,
  known?: (blob: string) => string | undefined,
): Promise<{ files: (GitFile & { text: string })[]; problems: Diagnostic[] }> {
  const { files, problems } = await scanCommit(repo, commit, reader);
  const blobs = await reader.readMany(files.filter((f) => known?.(f.blob) === undefined).map((f) => f.blob));
  const texts = files.map((f) => {
    const text = known?.(f.blob);
    if (text !== undefined) return { ...f, text };
    const blob = blobs.get(f.blob);
    if (!blob) throw new GitError(`blob ${f.blob} of ${f.file} is missing from the repository`, isShallow(repo) ? SHALLOW_HELP : 'the repository may be damaged: git fsck says more');
    return { ...f, text: decodeSource(blob) };
  });
  return { files: texts, problems };
}

/** A file's blob id as git computes it (SHA-1 of `blob <size>\0` and the bytes), for files outside git. */
export function blobId(content: string | Buffer): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export interface LogOptions {
  /** Where history starts (default HEAD). */
  rev?: string;
  /** At most this many commits. */
  maxCount?: number;
  /** Follow only the first parent of merges: history as the branch saw it, one entry per merge. */
  firstParent?: boolean;
}

/** The commits, newest first, that change a file under the inventory folder. */
export function commitsTouching(repo: GitRepository, options: LogOptions = {}): CommitInfo[] {
  const start = resolveCommit(repo, options.rev ?? 'HEAD');
  const args = ['log', '-z', '--format=%H%x00%an%x00%ae%x00%aI%x00%s'];
  if (options.maxCount !== undefined) args.push(`--max-count=${Math.max(0, Math.floor(options.maxCount))}`);
  if (options.firstParent) args.push('--first-parent');
  args.push(start, '--', repo.prefix || '.');
  const r = git(repo.root, args);
  if (!r.ok) throw new GitError(`cannot read the history of ${start}: ${firstLine(r.stderr)}`, isShallow(repo) ? SHALLOW_HELP : 'check that the repository is readable');
  // Fields end with NUL and so does each commit (-z): five fields a commit.
  const fields = r.stdout.toString('utf8').split('\0');
  const out: CommitInfo[] = [];
  for (let i = 0; i + 4 < fields.length; i += 5) {
    out.push({ commit: fields[i].replace(/^\n/, ''), authorName: fields[i + 1], authorEmail: fields[i + 2], date: fields[i + 3], subject: fields[i + 4] });
  }
  return out;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.replace(/^(fatal|error): /, '') ?? '';
}

/**
 * One file of the inventory folder as a commit holds it (a config template's file, which is no YAML
 * file of the inventory); undefined when the commit has no such regular file.
 */
export async function readCommitFile(repo: GitRepository, commit: string, file: string, reader: BlobReader): Promise<Buffer | undefined> {
  if (!OBJECT_ID.test(commit)) throw new GitError(`"${commit}" is not a commit id`, 'resolve a revision with resolveCommit first');
  const path = repo.prefix ? `${repo.prefix}/${file}` : file;
  const r = git(repo.root, ['ls-tree', '-z', '--full-tree', commit, '--', path]);
  if (!r.ok) return undefined;
  const m = /^(\d+) blob ([0-9a-f]+)\t/.exec(r.stdout.toString('utf8'));
  if (!m || (m[1] !== '100644' && m[1] !== '100755')) return undefined;
  return reader.read(m[2]);
}

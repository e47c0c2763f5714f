import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ManifestEntry, Output, OutputFile } from '../outputs/build.js';
import { isBuildFolder } from '../sources/worktree.js';

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

/** Bytes gathered per write: pieces (one object of the JSON export each) are small. */
const WRITE_CHUNK = 1 << 22;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit: a piece of n units fits in 3n bytes. */
const MAX_BYTES_PER_UNIT = 3;

/** Writes one output below `dir` (never outside it), piece by piece, hashing as it goes. */
function writeOutput(dir: string, output: Output, chunk: Buffer, made: Set<string>): ManifestEntry {
  const target = resolve(dir, output.path);
  const rel = relative(dir, target);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) throw new Error(`refusing to write outside the output folder: ${output.path}`);
  const folder = dirname(target);
  if (!made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made.add(folder);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  let used = 0;
  const fd = openSync(target, 'wx');
  const write = (buf: Buffer) => {
    hash.update(buf);
    bytes += buf.length;
    for (let done = 0; done < buf.length; ) done += writeSync(fd, buf, done, buf.length - done);
  };
  const flush = () => {
    if (used > 0) write(chunk.subarray(0, used));
    used = 0;
  };
  // Pieces are encoded straight into one reused buffer, written when it is full: no buffer per piece.
  const add = (text: string) => {
    const most = text.length * MAX_BYTES_PER_UNIT;
    if (most > chunk.length - used) flush();
    if (most > chunk.length) write(Buffer.from(text, 'utf8'));
    else used += chunk.write(text, used, 'utf8');
  };
  try {
    if ('text' in output) add(output.text);
    else for (const piece of output.parts()) add(piece);
    flush();
  } finally {
    closeSync(fd);
  }
  return { path: output.path, bytes, sha256: hash.digest('hex') };
}

/**
 * `<out>` is a symbolic link to a build folder beside it, `.<out>.sot-build-<pid>-<random>`: a build is
 * written into a new folder, then a new link replaces `<out>` with rename(2), which is atomic. A
 * reader (or a kill at any moment) sees the previous complete build or the new one, never a mix and
 * never no folder. Only the first build into a real folder (an empty one, or one written before builds
 * were linked) replaces it in two renames.
 */
const BUILD_MARK = 'sot-build-';
const LINK_MARK = 'sot-link-';

/** The build folder `<out>` links to, when it is one of ours (a name beside it). */
function linkedBuild(target: string): string | undefined {
  try {
    if (!lstatSync(target).isSymbolicLink()) return undefined;
    const to = readlinkSync(target);
    return to.startsWith(`.${basename(target)}.${BUILD_MARK}`) && !to.includes('/') && !to.includes(sep) ? join(dirname(target), to) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that made a folder named `…-<pid>-…` still runs (a build in progress beside ours). */
function runsStill(name: string, marker: string): boolean {
  const pid = Number(/^(\d+)-/.exec(name.slice(name.indexOf(marker) + marker.length))?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what killed builds left beside `<out>`: build folders `<out>` does not link to and links
 * never renamed into place, but not those of a build still running.
 */
function removeLeftovers(target: string, keep: string | undefined): void {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.`;
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const marker = entry.startsWith(prefix + BUILD_MARK) ? BUILD_MARK : entry.startsWith(prefix + LINK_MARK) ? LINK_MARK : undefined;
    const path = join(parent, entry);
    if (!marker || path === keep || runsStill(entry, marker)) continue;
    rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Writes the outputs, and the manifest made from what was written, as the whole content of `out`,
 * atomically (see BUILD_MARK): into a new folder beside it, which a new link to it then puts in place.
 * A failure, or a kill, leaves the previous output as it was; the next build removes what was left.
 */
export function replaceFolder(out: string, outputs: readonly Output[], manifest: (entries: ManifestEntry[]) => OutputFile): number {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  mkdirSync(parent, { recursive: true });
  const previous = linkedBuild(target);
  removeLeftovers(target, previous);
  // Not mkdtemp, whose folder only its owner may read: a build is as readable as any folder made here.
  const staging = join(parent, `.${name}.${BUILD_MARK}${process.pid}-${randomBytes(6).toString('base64url').slice(0, 6)}`);
  mkdirSync(staging);
  const link = `${join(parent, `.${name}.${LINK_MARK}`)}${basename(staging).slice(name.length + BUILD_MARK.length + 2)}`;
  try {
    const chunk = Buffer.allocUnsafe(WRITE_CHUNK);
    const made = new Set<string>([staging]);
    const entries = outputs.map((o) => writeOutput(staging, o, chunk, made));
    writeOutput(staging, manifest(entries), chunk, made);
    // Relative, so that the folder holding both can move.
    symlinkSync(basename(staging), link, 'dir');
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(link, { force: true });
    throw err;
  }
  let replaced: string | undefined = previous;
  const stat = lstatOrUndefined(target);
  if (stat?.isDirectory()) {
    // A real folder cannot be replaced by a link in one rename: it becomes a build folder first.
    replaced = `${staging}-replaced`;
    renameSync(target, replaced);
  }
  try {
    renameSync(link, target);
  } catch (err) {
    if (replaced && replaced !== previous) renameSync(replaced, target);
    rmSync(staging, { recursive: true, force: true });
    rmSync(link, { force: true });
    throw err;
  }
  if (replaced) rmSync(replaced, { recursive: true, force: true });
  return outputs.length;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

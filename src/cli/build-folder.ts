import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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
 * Writes the outputs, and the manifest made from what was written, as the whole content of `out`,
 * atomically: into a new folder beside it, which then takes its place. A failure leaves the previous
 * output as it was.
 */
export function replaceFolder(out: string, outputs: readonly Output[], manifest: (entries: ManifestEntry[]) => OutputFile): number {
  const target = resolve(out);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.sot-build-`));
  try {
    const chunk = Buffer.allocUnsafe(WRITE_CHUNK);
    const made = new Set<string>([staging]);
    const entries = outputs.map((o) => writeOutput(staging, o, chunk, made));
    writeOutput(staging, manifest(entries), chunk, made);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (!existsSync(target)) {
    renameSync(staging, target);
    return outputs.length;
  }
  const previous = `${staging}.previous`;
  renameSync(target, previous);
  try {
    renameSync(staging, target);
  } catch (err) {
    renameSync(previous, target);
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  rmSync(previous, { recursive: true, force: true });
  return outputs.length;
}

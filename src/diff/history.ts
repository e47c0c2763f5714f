// `sot log <kind> <key>`: one object's history, as NetBox's change log keeps it, read from git. The
// commits that changed the inventory folder along the branch's first parents (a merged pull request is
// one entry) are compiled newest first through one parse cache; each is matched with the one before it
// (model-diff.ts), which follows the object through renames, and every commit where its resolved form
// changed is an entry.
import type { CompileResult } from '../compile.js';
import { compileRevision } from '../compile-revision.js';
import type { KindInfo } from '../model/kinds.js';
import { loadSchemas, type SchemaSet } from '../model/kinds.js';
import { objectsOf, type Model, type Obj } from '../model/model.js';
import { SourceMap } from '../parse/locate.js';
import { ParseCache } from '../parse-cache.js';
import { BlobReader, commitsTouching, GitError, openRepository, resolveCommit, type CommitInfo, type GitRepository } from '../sources/git.js';
import { KEY_SEPARATOR, NaturalKeys } from './identity.js';
import { matchObjects } from './model-diff.js';
import { changedFields, fieldValue } from './snapshot.js';
import type { FieldChange, Place } from './types.js';

export const LOG_FORMAT = 1;

export interface HistoryEntry {
  commit: string;
  author: { name: string; email: string };
  /** The author date, ISO 8601 with the author's offset. */
  date: string;
  subject: string;
  action: 'create' | 'update' | 'rename' | 'delete';
  /** The object's key after the commit (before it, for a delete). */
  key: string;
  /** A rename's key before the commit. */
  from_key?: string;
  /** Where the object is written after the commit (before it, for a delete). */
  at: Place;
  /** update and rename: the fields that changed, before → after. */
  changes?: FieldChange[];
}

export interface History {
  format: typeof LOG_FORMAT;
  kind: string;
  /** The key as found at the newest commit that has the object. */
  key: string;
  /** The revision history was read from. */
  rev: string;
  /** Commits that changed the inventory folder, read (newest first). */
  commits_read: number;
  /** More commits changed the inventory before the oldest read (raise --max-count to see them). */
  more: boolean;
  /** Newest first. */
  entries: HistoryEntry[];
}

export interface HistoryOptions {
  /** The inventory folder (absolute), inside a git repository. */
  root: string;
  /** The kind as the user wrote it: `dcim.device`, `device`, `interface`. */
  kind: string;
  /** The natural key (`dc1 / leaf1`), or its last parts (`leaf1`) when they name one object. */
  key: string;
  rev?: string;
  /** Inventory commits read at most (default 50). */
  maxCount?: number;
}

/** A kind, an object, a revision the user named that does not exist: said as a usage error. */
export class HistoryError extends Error {}

export async function objectHistory(options: HistoryOptions): Promise<History> {
  const schemas = loadSchemas();
  const kind = findKind(schemas, options.kind);
  const repo = openRepository(options.root);
  const rev = options.rev ?? 'HEAD';
  const maxCount = options.maxCount ?? 50;
  const commits = commitsTouching(repo, { rev, maxCount: maxCount + 1, firstParent: true });
  const more = commits.length > maxCount;
  const read = commits.slice(0, maxCount);
  const cache = new ParseCache();
  const reader = new BlobReader(repo);
  try {
    const compileAt = async (commit: string | undefined): Promise<Side> => {
      if (commit === undefined) return { model: { objects: [], byKind: new Map() }, texts: new Map() };
      const c = await compileRevision(repo, commit, { cache, reader, schemas });
      return sideOf(c.result, c.files);
    };
    const entries: HistoryEntry[] = [];
    let child = read.length > 0 ? await compileAt(read[0].commit) : undefined;
    let tracked: Obj | undefined = child && findObject(child.model, kind, options.key, false);
    let foundKey = tracked ? new NaturalKeys(child!.model).key(tracked) : undefined;
    for (let i = 0; i < read.length && child; i++) {
      const parentCommit = i + 1 < read.length ? read[i + 1].commit : parentOf(repo, read[i].commit);
      const parent = await compileAt(parentCommit);
      const m = matchObjects(parent.model, child.model);
      const info = read[i];
      if (tracked) {
        const before = m.baseOf(tracked);
        if (!before) {
          entries.push(entry(info, 'create', m.headKey(tracked), place(child, tracked)));
          tracked = undefined;
          break;
        }
        const fields = changedFields(before, tracked, m.headOf);
        const renamed = m.renamed.has(before);
        if (fields.length > 0 || renamed) {
          const e = entry(info, renamed ? 'rename' : 'update', m.headKey(tracked), place(child, tracked));
          if (renamed) e.from_key = m.baseKey(before);
          e.changes = fields.map((field) => change(field, fieldValue(before, field, m.baseKey), fieldValue(tracked!, field, m.headKey)));
          entries.push(e);
        }
        tracked = before;
      } else {
        // Not in this commit: perhaps it deleted the object.
        const before = findObject(parent.model, kind, options.key, true);
        if (before && !m.headOf(before)) {
          foundKey ??= m.baseKey(before);
          entries.push(entry(info, 'delete', m.baseKey(before), place(parent, before)));
          tracked = before;
        }
      }
      child = parent;
    }
    if (foundKey === undefined) {
      throw new HistoryError(`no ${kind.kind} "${options.key}" in the ${read.length} commits read from ${rev}${more ? ' (raise --max-count to read more)' : ''}`);
    }
    return { format: LOG_FORMAT, kind: kind.kind, key: foundKey, rev, commits_read: read.length, more, entries };
  } finally {
    reader.close();
  }
}

interface Side {
  model: Model;
  texts: Map<string, string>;
}

function sideOf(result: CompileResult, files: readonly { file: string; text: string }[]): Side {
  return { model: result.model, texts: new Map(files.map((f) => [f.file, f.text])) };
}

/** The commit's first parent, or undefined for a root commit. */
function parentOf(repo: GitRepository, commit: string): string | undefined {
  try {
    return resolveCommit(repo, `${commit}^`);
  } catch (err) {
    if (err instanceof GitError) return undefined;
    throw err;
  }
}

function entry(info: CommitInfo, action: HistoryEntry['action'], key: string, at: Place): HistoryEntry {
  return { commit: info.commit, author: { name: info.authorName, email: info.authorEmail }, date: info.date, subject: info.subject, action, key, at };
}

function change(field: string, before: unknown, after: unknown): FieldChange {
  const c: FieldChange = { field };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}

function place(side: Side, obj: Obj): Place {
  const text = side.texts.get(obj.file);
  if (text === undefined) return { file: obj.file, line: 1, column: 1 };
  const start = new SourceMap(text).locate(obj.path).start;
  return { file: obj.file, line: start.line + 1, column: start.column + 1 };
}

/** A kind by its full name (`dcim.device`) or its model name (`device`, `ipaddress`, `ip-address`). */
export function findKind(schemas: SchemaSet, name: string): KindInfo {
  const exact = schemas.kinds.get(name);
  if (exact) return exact;
  const wanted = name.toLowerCase().replace(/[-_ ]/g, '');
  const hits = [...schemas.kinds.values()].filter((k) => k.kind.split('.')[1] === wanted);
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) throw new HistoryError(`"${name}" is the name of several kinds: ${hits.map((k) => k.kind).join(', ')}; give one of them`);
  throw new HistoryError(`no kind "${name}": give it as NetBox names it, e.g. dcim.device or device`);
}

/**
 * The object of a kind with this natural key: the whole key (`dc1 / leaf1`), compared exactly, then
 * without regard to case; else its last parts (`leaf1`, `leaf1 / Ethernet1`) when one object has them. `quiet` returns
 * undefined rather than saying that several objects match.
 */
function findObject(model: Model, kind: KindInfo, key: string, quiet: boolean): Obj | undefined {
  const keys = new NaturalKeys(model);
  const objects = objectsOf(model, kind.kind);
  const wanted = key.trim();
  const lower = wanted.toLowerCase();
  const tail = `${KEY_SEPARATOR}${lower}`;
  for (const test of [(k: string) => k === wanted, (k: string) => k.toLowerCase() === lower, (k: string) => k.toLowerCase().endsWith(tail)]) {
    const hits = objects.filter((o) => test(keys.key(o)));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) {
      if (quiet) return undefined;
      throw new HistoryError(`"${key}" names ${hits.length} ${kind.kind} objects: ${hits.slice(0, 5).map((o) => `"${keys.key(o)}"`).join(', ')}${hits.length > 5 ? ', …' : ''}; give the whole key`);
    }
  }
  return undefined;
}

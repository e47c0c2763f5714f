// A thread that reads, parses and validates data files for compileWorktree (compile-worktree.ts). The
// threads share one counter: each claims the next file until none is left, so a big file on one
// thread does not leave the others idle.
import { parentPort, workerData } from 'node:worker_threads';
import { emptyTimings, frontFile, validatorsFor } from './front.js';
import { loadSchemas } from './model/kinds.js';
import { PlainScalar } from './parse/scalars.js';
import { readSourceFile } from './sources/worktree.js';
import type { FieldChoices } from './validate/ajv.js';
import type { DocPath } from './diagnostics/diagnostic.js';

/** What compileWorktree gives each thread. */
export interface FrontJob {
  root: string;
  /** Data files, biggest first. */
  files: string[];
  /** Their texts when they are not read from `root` (a commit's files). */
  texts?: string[];
  /** Int32Array over a SharedArrayBuffer: index 0 is the next file to claim. */
  next: Int32Array;
  fieldChoices: FieldChoices;
}

/** One file's front as it crosses threads: kinds by name, PlainScalars as plain data with their place. */
export interface FrontMessage {
  index: number;
  file: string;
  text: string;
  diagnostics: unknown[];
  items: { kind: string; data: Record<string, any>; file: string; path: DocPath }[];
  hasAliases: boolean;
  suppressing: boolean;
  /** [item index, ...path] of each PlainScalar, which now holds { source, value, core }. */
  plain: (string | number)[][];
  /** The file could not be read: `diagnostics` says why, `text` is empty. */
  unread?: boolean;
}

/** Replaces each PlainScalar below `value` by its fields (structured clone drops classes); records where. */
export function flattenPlainScalars(value: unknown, path: (string | number)[], out: (string | number)[][], seen: Set<object>): unknown {
  if (value instanceof PlainScalar) {
    out.push(path);
    return { source: value.source, value: value.value, core: value.core };
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = flattenPlainScalars(value[i], [...path, i], out, seen);
  } else {
    for (const k of Object.keys(value)) (value as any)[k] = flattenPlainScalars((value as any)[k], [...path, k], out, seen);
  }
  return value;
}

function run(job: FrontJob): void {
  const schemas = loadSchemas();
  const validators = validatorsFor(schemas, { fieldChoices: job.fieldChoices });
  const timings = emptyTimings();
  for (;;) {
    const index = Atomics.add(job.next, 0, 1);
    if (index >= job.files.length) break;
    const file = job.files[index];
    const text = job.texts?.[index] ?? readSourceFile(job.root, file);
    if (typeof text !== 'string') {
      parentPort!.postMessage({ index, file, text: '', diagnostics: [text], items: [], hasAliases: false, suppressing: false, plain: [], unread: true } satisfies FrontMessage);
      continue;
    }
    const front = frontFile({ file, text }, schemas, validators, timings);
    const plain: (string | number)[][] = [];
    const seen = new Set<object>();
    const items = front.items.map((item, i) => ({
      kind: item.kind.kind,
      data: front.hasPlainScalars ? (flattenPlainScalars(item.data, [i], plain, seen) as Record<string, any>) : item.data,
      file: item.file,
      path: item.path,
    }));
    const message: FrontMessage = { index, file, text, diagnostics: front.diagnostics, items, hasAliases: front.hasAliases, suppressing: front.suppressing, plain };
    parentPort!.postMessage(message);
  }
}

if (parentPort && workerData) run(workerData as FrontJob);

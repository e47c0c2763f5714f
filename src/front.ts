// The per-file front of the compiler: parse and validate one data file. It needs nothing from other
// files, so compile-worktree.ts runs it on several threads; this module keeps the import graph a
// worker loads small (no resolve, no checks).
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { limitPerFile, MAX_PER_RULE_PER_FILE } from './diagnostics/limit.js';
import { withSuggestBudget } from './diagnostics/suggest.js';
import { SUPPRESS_MARKER } from './diagnostics/suppress.js';
import type { SchemaSet } from './model/kinds.js';
import { collectItems } from './parse/items.js';
import { parseYamlFile } from './parse/parse-file.js';
import type { Settings } from './settings.js';
import type { SourceFile } from './sources/worktree.js';
import { Validators } from './validate/ajv.js';
import { settleRemaining, validateItem, type RawItem } from './validate/validate.js';

/**
 * Where a compile's time goes, on the calling thread: `workers` is the time spent waiting for and
 * receiving the files other threads read, parsed and validated (see compile-worktree.ts).
 */
export type Phase = 'read' | 'parse' | 'validate' | 'workers' | 'resolve' | 'checks' | 'locate';

const validatorCache = new Map<string, Validators>();

export function validatorsFor(schemas: SchemaSet, settings: Pick<Settings, 'fieldChoices'>): Validators {
  const key = JSON.stringify(settings.fieldChoices);
  let v = validatorCache.get(key);
  if (!v || v.schemas !== schemas) {
    v = new Validators(schemas, settings.fieldChoices);
    validatorCache.set(key, v);
  }
  return v;
}

export function emptyTimings(): Record<Phase, number> {
  return { read: 0, parse: 0, validate: 0, workers: 0, resolve: 0, checks: 0, locate: 0 };
}

/** One data file after parse and validate: its objects and its problems so far. */
export interface FileFront {
  file: string;
  diagnostics: Diagnostic[];
  items: RawItem[];
  /** Some node appears twice through an alias (see ParsedFile.hasAliases). */
  hasAliases: boolean;
  /** PlainScalars may be left under custom_fields (see settleRemaining). */
  hasPlainScalars: boolean;
  /** The text holds the sot-ignore marker: its problems are cut to the limit only after the comments apply. */
  suppressing: boolean;
}

/** Parse and validate one data file: the part of the compile that needs nothing from other files. */
export function frontFile(f: SourceFile, schemas: SchemaSet, validators: Validators, timings: Record<Phase, number>): FileFront {
  return withSuggestBudget(() => frontOf(f, schemas, validators, timings));
}

function frontOf(f: SourceFile, schemas: SchemaSet, validators: Validators, timings: Record<Phase, number>): FileFront {
  const t0 = performance.now();
  const p = parseYamlFile(f.file, f.text);
  const t1 = performance.now();
  const diagnostics = p.diagnostics.slice();
  // sot-ignore comments apply to located problems: such a file is cut to the limit after they do.
  const suppressing = f.text.includes(SUPPRESS_MARKER);
  const listed = suppressing ? Infinity : MAX_PER_RULE_PER_FILE;
  const items = collectItems(p, schemas, diagnostics);
  for (const item of items) validateItem(item, validators, diagnostics, listed);
  if (p.hasPlainScalars) {
    // A PlainScalar is an object to ajv; where one is left where the schema wants a mapping
    // (`data: yes`), its own reading now fails validation.
    for (const item of items) {
      settleRemaining(item.data, item, diagnostics);
      validateItem(item, validators, diagnostics, listed);
    }
  }
  timings.parse += t1 - t0;
  timings.validate += performance.now() - t1;
  // Cut here too, so that what is cut is neither sent between threads nor carried through resolve.
  return { file: f.file, diagnostics: suppressing ? diagnostics : limitPerFile(diagnostics), items, hasAliases: p.hasAliases === true, hasPlainScalars: p.hasPlainScalars, suppressing };
}


// `sot diff --format json`: the DiffResult as schema/diff.schema.json describes it. Every object is rebuilt
// key by key in the order src/diff/types.ts declares, and field values have their keys sorted, so the
// bytes never depend on the order in which the diff was computed.

import { sortKeys } from './format-common.js';
import type { ConfigChange, DerivedChange, DiagnosticEntry, DiffResult, DiffSide, FieldChange, KindCounts, ObjectChange, Place } from './types.js';

function place(p: Place): Place {
  return { file: p.file, line: p.line, column: p.column };
}

function side(s: DiffSide): DiffSide {
  return { rev: s.rev, commit: s.commit };
}

function fieldChange(c: FieldChange): FieldChange {
  const out: FieldChange = { field: c.field };
  if (c.before !== undefined) out.before = sortKeys(c.before);
  if (c.after !== undefined) out.after = sortKeys(c.after);
  return out;
}

function objectChange(o: ObjectChange): ObjectChange {
  const out: ObjectChange = { action: o.action, kind: o.kind, key: o.key };
  if (o.from_key !== undefined) out.from_key = o.from_key;
  if (o.base) out.base = place(o.base);
  if (o.head) out.head = place(o.head);
  if (o.changes) out.changes = o.changes.map(fieldChange);
  return out;
}

function derivedChange(d: DerivedChange): DerivedChange {
  const out = { cause: { kind: d.cause.kind, key: d.cause.key }, action: d.action, kind: d.kind } as DerivedChange;
  if (d.changes) out.changes = d.changes.map(fieldChange);
  out.count = d.count;
  out.objects = [...d.objects];
  return out;
}

function configChange(c: ConfigChange): ConfigChange {
  return { action: c.action, kind: c.kind, key: c.key, path: c.path, added: c.added, removed: c.removed, diff: c.diff };
}

function diagnostic(d: DiagnosticEntry): DiagnosticEntry {
  return { rule: d.rule, severity: d.severity, message: d.message, at: place(d.at) };
}

function counts(c: KindCounts): KindCounts {
  return { created: c.created, updated: c.updated, deleted: c.deleted, renamed: c.renamed };
}

/** The result with its keys in declared order (kinds of the summary sorted): the value formatJson writes. */
export function orderedDiff(result: DiffResult): DiffResult {
  const s = result.summary;
  const kinds: Record<string, KindCounts> = {};
  for (const kind of Object.keys(s.kinds).sort()) kinds[kind] = counts(s.kinds[kind]);
  return {
    format: result.format,
    base: side(result.base),
    head: side(result.head),
    summary: {
      objects: counts(s.objects),
      kinds,
      derived: s.derived,
      configs: { created: s.configs.created, updated: s.configs.updated, deleted: s.configs.deleted },
      diagnostics: { introduced: s.diagnostics.introduced, fixed: s.diagnostics.fixed, preexisting: s.diagnostics.preexisting },
    },
    objects: result.objects.map(objectChange),
    derived: result.derived.map(derivedChange),
    configs: result.configs.map(configChange),
    diagnostics: {
      introduced: result.diagnostics.introduced.map(diagnostic),
      fixed: result.diagnostics.fixed.map(diagnostic),
      preexisting: result.diagnostics.preexisting.map(diagnostic),
    },
  };
}

/** The diff as JSON: 2-space indent, a trailing newline. */
export function formatJson(result: DiffResult): string {
  return `${JSON.stringify(orderedDiff(result), null, 2)}\n`;
}

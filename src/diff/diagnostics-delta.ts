// Which problems a change brings, which it fixes and which were there before. Lines shift when lines
// are added above a problem, so problems are matched by rule, severity, file and message, as many
// times on each side as they occur, never by place.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticEntry } from './types.js';

export interface DiagnosticsDelta {
  /** Only in the head, at their head places. */
  introduced: DiagnosticEntry[];
  /** Only in the base, at their base places. */
  fixed: DiagnosticEntry[];
  /** On both sides, at their head places. */
  preexisting: DiagnosticEntry[];
}

/** Splits the two sides' diagnostics; each list keeps its side's (sorted) order. */
export function diagnosticsDelta(base: readonly Diagnostic[], head: readonly Diagnostic[]): DiagnosticsDelta {
  const left = new Map<string, number>();
  for (const d of base) left.set(identity(d), (left.get(identity(d)) ?? 0) + 1);
  const introduced: DiagnosticEntry[] = [];
  const preexisting: DiagnosticEntry[] = [];
  for (const d of head) {
    const id = identity(d);
    const n = left.get(id) ?? 0;
    if (n > 0) {
      left.set(id, n - 1);
      preexisting.push(entry(d));
    } else introduced.push(entry(d));
  }
  // The base's problems not matched by the head's, the later occurrences of a repeated one first matched.
  const fixed: DiagnosticEntry[] = [];
  const seen = new Map<string, number>();
  const headCount = new Map<string, number>();
  for (const d of head) headCount.set(identity(d), (headCount.get(identity(d)) ?? 0) + 1);
  for (const d of base) {
    const id = identity(d);
    const k = (seen.get(id) ?? 0) + 1;
    seen.set(id, k);
    if (k > (headCount.get(id) ?? 0)) fixed.push(entry(d));
  }
  return { introduced, fixed, preexisting };
}

function identity(d: Diagnostic): string {
  return `${d.rule}\0${d.severity}\0${d.location.file}\0${d.message}`;
}

/** A diagnostic as the diff shows it: 1-based place (a file-level problem at 1:1). */
export function entry(d: Diagnostic): DiagnosticEntry {
  const start = d.location.range?.start ?? { line: 0, column: 0 };
  return { rule: d.rule, severity: d.severity, message: d.message, at: { file: d.location.file, line: start.line + 1, column: start.column + 1 } };
}

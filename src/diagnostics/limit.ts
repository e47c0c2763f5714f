import type { Diagnostic, Severity } from './diagnostic.js';

/**
 * A file lists at most this many problems of one rule. Past it, the problems are counted in one
 * `report/too-many-problems` diagnostic: a file with 100,000 unknown keys is one mistake made
 * (a wrong file, a generator gone astray), and listing each would cost a 50 MB report and minutes of
 * locating, suggesting and annotating while saying nothing the first thousand do not.
 */
export const MAX_PER_RULE_PER_FILE = 1_000;

export const TOO_MANY_PROBLEMS = 'report/too-many-problems';

/**
 * The diagnostics with each file's problems of one rule cut to the first `max` of them, in the order
 * they were found, and one diagnostic for each cut saying how many more there are. It stands at the
 * first problem left out and has the worst severity of those left out. Diagnostics `keepAll` selects
 * are left alone (and not counted).
 */
export function limitPerFile(diagnostics: Diagnostic[], keepAll: (d: Diagnostic) => boolean = () => false, max = MAX_PER_RULE_PER_FILE): Diagnostic[] {
  const counts = new Map<string, number>();
  let over = false;
  for (const d of diagnostics) {
    if (keepAll(d)) continue;
    const key = `${d.location.file}\0${d.rule}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > max) over = true;
  }
  if (!over) return diagnostics;
  const seen = new Map<string, number>();
  const summaries = new Map<string, Diagnostic>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (keepAll(d)) {
      out.push(d);
      continue;
    }
    const key = `${d.location.file}\0${d.rule}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= max) {
      out.push(d);
      continue;
    }
    const summary = summaries.get(key);
    if (summary) {
      summary.severity = worse(summary.severity, d.severity);
      continue;
    }
    const omitted = counts.get(key)! - max;
    const created: Diagnostic = {
      rule: TOO_MANY_PROBLEMS,
      severity: d.severity,
      message: `${omitted.toLocaleString('en-US')} more ${d.rule} ${omitted === 1 ? 'problem is' : 'problems are'} in this file, not listed: a file lists the first ${max.toLocaleString('en-US')} of a rule`,
      location: { ...d.location },
      ...(d.modelPath !== undefined ? { modelPath: d.modelPath } : {}),
      help: 'fix the problems listed and check again; a file with this many of one problem is usually the wrong file, or written by a generator that went wrong',
      data: { rule: d.rule, listed: max, omitted },
    };
    summaries.set(key, created);
    out.push(created);
  }
  return out;
}

function worse(a: Severity, b: Severity): Severity {
  return a === 'error' || b === 'error' ? 'error' : 'warning';
}

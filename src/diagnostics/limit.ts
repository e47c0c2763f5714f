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
 * The diagnostic that counts `omitted` problems of `first`'s rule that are not listed, standing where
 * `first` (the first of them) stands. A phase that finds problems by the thousand in one object may
 * make it itself instead of each problem (see validate.ts); limitPerFile adds such counts up.
 */
export function tooManyProblems(first: Diagnostic, omitted: number, max = MAX_PER_RULE_PER_FILE): Diagnostic {
  return {
    rule: TOO_MANY_PROBLEMS,
    severity: first.severity,
    message: message(first.rule, omitted, max),
    location: { ...first.location },
    ...(first.modelPath !== undefined ? { modelPath: first.modelPath } : {}),
    help: 'fix the problems listed and check again; a file with this many of one problem is usually the wrong file, or written by a generator that went wrong',
    data: { rule: first.rule, listed: max, omitted },
  };
}

/**
 * A phase's count of one rule's problems as it finds them: the first `max` are listed, the next one
 * made stands for the rest, and those after it are only counted (`wanted` says whether to make the
 * next one at all). `finish` adds the count, if any, to `out`.
 */
export class ProblemCount {
  private seen = 0;
  private first?: Diagnostic;

  constructor(private readonly max = MAX_PER_RULE_PER_FILE) {}

  /** Whether the next problem is worth making: false once one stands for the rest (it is counted). */
  wanted(): boolean {
    if (this.first === undefined) return true;
    this.seen++;
    return false;
  }

  add(d: Diagnostic, out: Diagnostic[]): void {
    if (++this.seen > this.max) this.first ??= d;
    else out.push(d);
  }

  finish(out: Diagnostic[]): void {
    if (this.first) out.push(tooManyProblems(this.first, this.seen - this.max, this.max));
  }
}

function message(rule: string, omitted: number, max: number): string {
  return `${omitted.toLocaleString('en-US')} more ${rule} ${omitted === 1 ? 'problem is' : 'problems are'} in this file, not listed: a file lists the first ${max.toLocaleString('en-US')} of a rule`;
}

/**
 * The diagnostics with each file's problems of one rule cut to the first `max` of them, in the order
 * they were found, and one diagnostic for each cut saying how many more there are (adding up any
 * count made before). It stands at the first problem left out and has the worst severity of those
 * left out. Diagnostics `keepAll` selects are left alone (and not counted).
 */
export function limitPerFile(diagnostics: Diagnostic[], keepAll: (d: Diagnostic) => boolean = () => false, max = MAX_PER_RULE_PER_FILE): Diagnostic[] {
  // Per file and rule: problems listed one by one, and problems counted by summaries made before.
  const plain = new Map<string, number>();
  const counted = new Map<string, number>();
  let cut = false;
  for (const d of diagnostics) {
    if (keepAll(d)) continue;
    if (d.rule === TOO_MANY_PROBLEMS) {
      const key = keyOf(d.location.file, String(d.data?.rule));
      counted.set(key, (counted.get(key) ?? 0) + Number(d.data?.omitted));
      cut = true;
    } else {
      const key = keyOf(d.location.file, d.rule);
      const n = (plain.get(key) ?? 0) + 1;
      plain.set(key, n);
      if (n > max) cut = true;
    }
  }
  if (!cut) return diagnostics;
  const listed = new Map<string, number>();
  const summaries = new Map<string, Diagnostic>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (keepAll(d)) {
      out.push(d);
      continue;
    }
    const isSummary = d.rule === TOO_MANY_PROBLEMS;
    const rule = isSummary ? String(d.data?.rule) : d.rule;
    const key = keyOf(d.location.file, rule);
    const n = listed.get(key) ?? 0;
    if (!isSummary && n < max) {
      listed.set(key, n + 1);
      out.push(d);
      continue;
    }
    const summary = summaries.get(key);
    if (summary) {
      summary.severity = worse(summary.severity, d.severity);
      continue;
    }
    const shown = Math.min(max, plain.get(key) ?? 0);
    const omitted = (plain.get(key) ?? 0) + (counted.get(key) ?? 0) - shown;
    const created: Diagnostic = isSummary ? { ...d, location: { ...d.location } } : tooManyProblems(d, omitted, max);
    created.message = message(rule, omitted, max);
    created.data = { rule, listed: shown, omitted };
    summaries.set(key, created);
    out.push(created);
  }
  return out;
}

function keyOf(file: string, rule: string): string {
  return `${file}\0${rule}`;
}

function worse(a: Severity, b: Severity): Severity {
  return a === 'error' || b === 'error' ? 'error' : 'warning';
}

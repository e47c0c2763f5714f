// Rule configuration beyond the check registry: which rule ids sot.yaml's `rules:` may set, and inline
// suppressions written as YAML comments (`# sot-ignore <rule id>[, <rule id>]: <reason>`).
// Pure functions over diagnostics and file texts; compile.ts calls them after resolve and checks.

import type { Diagnostic, Range, Severity } from './diagnostic.js';
import { TOO_MANY_PROBLEMS } from './limit.js';
import { didYouMean } from './suggest.js';

/** The word that starts a suppression comment; files without it are not scanned. */
export const SUPPRESS_MARKER = 'sot-ignore';

/**
 * Rules whose severity is fixed: they mean a file, a collection or a template could not be read at
 * all, so nothing in it was checked. Turning one down would make the run pass while whole files go
 * unchecked (or, for templates, unrendered); turning the suppression rules down would let a
 * suppression without a reason or with a misspelt id pass. report/ counts problems not listed: they
 * keep their weight.
 */
const FIXED_PREFIXES = ['sources/', 'yaml/', 'settings/', 'template/', 'report/'];
const FIXED_IDS = new Set(['schema/unknown-collection', 'suppress/missing-reason', 'suppress/invalid-rule']);

/** Whether sot.yaml's `rules:` may set this rule's severity or turn it off. */
export function isConfigurable(rule: string): boolean {
  return !FIXED_IDS.has(rule) && !FIXED_PREFIXES.some((p) => rule.startsWith(p));
}

/** Whether a sot-ignore comment may silence this rule (a suppression's own problems cannot be). */
export function isSuppressible(rule: string): boolean {
  return isConfigurable(rule) && !rule.startsWith('suppress/');
}

/**
 * Applies `rules:` to diagnostics of the configurable rules: `off` drops them, `warning`/`error` sets
 * their severity. Check rules already ran with their setting; applying it again changes nothing.
 */
export function applySeverities(diagnostics: readonly Diagnostic[], rules: Readonly<Record<string, 'off' | Severity>>, keep: (d: Diagnostic) => boolean = () => true): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    // A count of problems not listed (see limit.ts) takes the setting of the rule it counts.
    const rule = d.rule === TOO_MANY_PROBLEMS ? String(d.data?.rule) : d.rule;
    const set = keep(d) && isConfigurable(rule) ? rules[rule] : undefined;
    if (set === 'off') continue;
    out.push(set === undefined || set === d.severity ? d : { ...d, severity: set });
  }
  return out;
}

/** One rule id named by a suppression comment, where it is written. */
export interface SuppressedRule {
  id: string;
  range: Range;
}

/** A `# sot-ignore` comment. Lines are 0-based. */
export interface Suppression {
  file: string;
  /** The line whose diagnostics it silences: its own, or for a comment alone on its line the next line with content. */
  target: number | undefined;
  rules: SuppressedRule[];
  /** Text after the colon, trimmed; empty when missing. */
  reason: string;
  /** From `#` to the end of the line. */
  range: Range;
}

type LineKind = 'blank' | 'comment' | 'content';

interface ScannedLine {
  kind: LineKind;
  /** Column of the `#` that starts a comment on this line. */
  comment?: number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * Whether a quote at `j` opens a quoted scalar rather than sitting inside a plain one (`it's`): it
 * must start a node, so only blanks and indicators (`-`, `?`, `:`, `[`, `{`, `,`) may come before it.
 */
function opensQuote(line: string, j: number): boolean {
  let k = j - 1;
  if (k < 0) return true;
  if ('[{,'.includes(line[k])) return true;
  if (!isSpace(line[k])) return false;
  while (k >= 0 && isSpace(line[k])) k--;
  return k < 0 || '-?:[{,'.includes(line[k]);
}

/**
 * The column above which a block scalar's content lines are indented, when `content` (a line without
 * its comment) ends with a block scalar header (`|`, `>-`, `|2+`…); undefined when it does not.
 */
function blockScalarParent(content: string): number | undefined {
  const m = /(^|[ \t])[|>][1-9+-]{0,2}[ \t]*$/.exec(content);
  if (!m) return undefined;
  let col = 0;
  while (isSpace(content[col])) col++;
  let parent = col;
  // `- - key: |`: the node that owns the scalar starts after the sequence dashes.
  for (let dash = /^-[ \t]+/.exec(content.slice(col)); dash; dash = /^-[ \t]+/.exec(content.slice(col))) {
    parent = col;
    col += dash[0].length;
  }
  return /^[|>]/.test(content.slice(col)) ? parent : col;
}

/**
 * Classifies each line and finds where comments start. A `#` starts a comment at the start of a line
 * or after a blank, outside quoted scalars (which may span lines) and never on a block scalar's
 * content lines: `url: http://a#b`, `name: "a # b"` and `|` text holding `# x` have no comment.
 */
export function scanLines(text: string): ScannedLine[] {
  const lines = text.split(/\r?\n/);
  const out: ScannedLine[] = [];
  let quote: '"' | "'" | null = null;
  let block: number | undefined;
  for (const line of lines) {
    const indent = /^[ \t]*/.exec(line)![0].length;
    const blank = indent === line.length;
    if (block !== undefined && quote === null) {
      if (blank || indent > block) {
        out.push({ kind: blank ? 'blank' : 'content' });
        continue;
      }
      block = undefined;
    }
    if (blank && quote === null) {
      out.push({ kind: 'blank' });
      continue;
    }
    const continued = quote !== null;
    let comment: number | undefined;
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (quote === '"') {
        if (c === '\\') j++;
        else if (c === '"') quote = null;
      } else if (quote === "'") {
        if (c === "'") {
          if (line[j + 1] === "'") j++;
          else quote = null;
        }
      } else if (c === '#' && (j === 0 || isSpace(line[j - 1]))) {
        comment = j;
        break;
      } else if ((c === '"' || c === "'") && opensQuote(line, j)) {
        quote = c;
      }
    }
    const kind: LineKind = continued || comment === undefined || comment > indent ? 'content' : 'comment';
    out.push(comment === undefined ? { kind } : { kind, comment });
    if (quote === null && kind === 'content') block = blockScalarParent(comment === undefined ? line : line.slice(0, comment));
  }
  return out;
}

/** Every `# sot-ignore` comment of a file. */
export function findSuppressions(file: string, text: string): Suppression[] {
  if (!text.includes(SUPPRESS_MARKER)) return [];
  const lines = text.split(/\r?\n/);
  const scanned = scanLines(text);
  const out: Suppression[] = [];
  for (let i = 0; i < scanned.length; i++) {
    const at = scanned[i].comment;
    if (at === undefined) continue;
    const line = lines[i];
    const m = /^#[ \t]*sot-ignore(?=[ \t:]|$)/.exec(line.slice(at));
    if (!m) continue;
    const start = at + m[0].length;
    const colon = line.indexOf(':', start);
    const idsEnd = colon < 0 ? line.length : colon;
    const rules: SuppressedRule[] = [];
    for (const id of line.slice(start, idsEnd).matchAll(/[^\s,]+/g)) {
      const column = start + id.index;
      rules.push({ id: id[0], range: { start: { line: i, column }, end: { line: i, column: column + id[0].length } } });
    }
    let target: number | undefined = i;
    if (scanned[i].kind === 'comment') {
      target = undefined;
      for (let k = i + 1; k < scanned.length; k++) {
        if (scanned[k].kind === 'content') {
          target = k;
          break;
        }
      }
    }
    out.push({
      file,
      target,
      rules,
      reason: colon < 0 ? '' : line.slice(colon + 1).trim(),
      range: { start: { line: i, column: at }, end: { line: i, column: line.length } },
    });
  }
  return out;
}

export interface SuppressResult {
  /** Diagnostics no suppression silenced, plus the suppressions' own problems. */
  diagnostics: Diagnostic[];
  /** Silenced diagnostics, each with its suppression's reason. */
  suppressed: Diagnostic[];
}

/**
 * Silences each located diagnostic whose range starts on a suppression's target line and whose rule
 * it names. Reports suppressions without a reason, ids that are unknown or cannot be silenced, and
 * ids that silence nothing. `known` is every rule id sot reports.
 */
export function applySuppressions(diagnostics: readonly Diagnostic[], suppressions: readonly Suppression[], known: readonly string[]): SuppressResult {
  const problems: Diagnostic[] = [];
  const silenceable = known.filter(isSuppressible);
  // file → target line → rule id → the entry, marked once it silences something
  const byLine = new Map<string, Map<number, Map<string, { reason: string; used: boolean }>>>();
  const entries: { s: Suppression; r: SuppressedRule; entry: { reason: string; used: boolean } }[] = [];
  for (const s of suppressions) {
    const loc = { file: s.file, range: s.range };
    if (s.rules.length === 0) {
      problems.push({
        rule: 'suppress/invalid-rule',
        severity: 'error',
        message: 'sot-ignore names no rule id',
        location: loc,
        help: 'write the ids of the rules it silences: # sot-ignore <rule id>[, <rule id>]: <reason>',
        data: { rule: '' },
      });
    }
    if (s.reason === '') {
      problems.push({
        rule: 'suppress/missing-reason',
        severity: 'error',
        message: 'sot-ignore gives no reason',
        location: loc,
        help: 'say why after a colon: # sot-ignore <rule id>: <reason>',
      });
    }
    for (const r of s.rules) {
      const rloc = { file: s.file, range: r.range };
      if (!known.includes(r.id) || !isSuppressible(r.id)) {
        const why = known.includes(r.id) ? `"${r.id}" cannot be silenced` : `"${r.id}" is not a rule sot reports${didYouMean(r.id, silenceable)}`;
        problems.push({
          rule: 'suppress/invalid-rule',
          severity: 'error',
          message: why,
          location: rloc,
          help: known.includes(r.id)
            ? 'problems reading files, sot.yaml, collections or templates, and suppressions themselves, are always reported: fix them'
            : 'see the rule ids in docs/rules/README.md',
          data: { rule: r.id },
        });
        continue;
      }
      if (s.target === undefined) {
        entries.push({ s, r, entry: { reason: s.reason, used: false } });
        continue;
      }
      let lines = byLine.get(s.file);
      if (!lines) byLine.set(s.file, (lines = new Map()));
      let ids = lines.get(s.target);
      if (!ids) lines.set(s.target, (ids = new Map()));
      // Two comments naming one id for one line: the first one silences, the second is unused.
      const entry = { reason: s.reason, used: false };
      if (!ids.has(r.id)) ids.set(r.id, entry);
      entries.push({ s, r, entry });
    }
  }
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const d of diagnostics) {
    const start = d.location.range?.start;
    const entry = start && isSuppressible(d.rule) ? byLine.get(d.location.file)?.get(start.line)?.get(d.rule) : undefined;
    if (entry) {
      entry.used = true;
      suppressed.push({ ...d, suppression: { reason: entry.reason } });
    } else kept.push(d);
  }
  for (const { s, r, entry } of entries) {
    if (entry.used) continue;
    const where = s.target === undefined ? 'no line follows it' : `nothing on line ${s.target + 1}`;
    problems.push({
      rule: 'suppress/unused',
      severity: 'warning',
      message: `sot-ignore ${r.id} silences ${where}`,
      location: { file: s.file, range: r.range },
      help: 'remove the id (or the comment) once the problem is fixed, or put the comment on the line the problem is reported at or directly above it',
      data: { rule: r.id },
    });
  }
  return { diagnostics: [...kept, ...problems], suppressed };
}

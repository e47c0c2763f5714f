// The job summary (GITHUB_STEP_SUMMARY): every problem of the head, grouped by file, the counts, and on
// a pull request the model diff. Annotations stop at 10 errors and 10 warnings per step; the summary is
// where all of them are. GitHub takes at most 1 MiB of summary per step, so the list stops before that
// and says how many it left out.
import { countBySeverity, type Diagnostic } from '../diagnostics/diagnostic.js';
import { markdownText } from '../diff/format-markdown.js';
import { plural } from '../diff/format-common.js';

/** GitHub's limit is 1 MiB per step; the rest of the room is for the counts, the diff and the notes. */
export const SUMMARY_MAX_BYTES = 1_000_000;

export interface SummaryInput {
  /** The inventory folder from the repository root ('.' at the root). */
  inventory: string;
  /** The commit checked, when known. */
  commit?: string;
  diagnostics: readonly Diagnostic[];
  filesRead: number;
  /** A path from the repository root for an inventory file. */
  path(file: string): string;
  /** The markdown diff on a pull request. */
  diff?: string;
  /** Lines to end with (where the build went, why the comment was skipped). */
  notes?: readonly string[];
}

function place(d: { location: Diagnostic['location'] }, path: (file: string) => string): string {
  const r = d.location.range;
  const file = path(d.location.file);
  return r ? `${file}:${r.start.line + 1}:${r.start.column + 1}` : file;
}

/** One problem as a list item: severity, rule, line and column, message; related places and help below it. */
export function problemItem(d: Diagnostic, path: (file: string) => string): string {
  const r = d.location.range;
  const at = r ? `line ${r.start.line + 1}, column ${r.start.column + 1}` : 'the whole file';
  let out = `- **${d.severity}** ${markdownText(d.rule)} at ${at}: ${markdownText(d.message)}\n`;
  for (const rel of d.related ?? []) out += `  - related: ${markdownText(place(rel, path))} ${markdownText(rel.message)}\n`;
  if (d.help) out += `  - help: ${markdownText(d.help)}\n`;
  return out;
}

/** Problems by file (files in byte order of their repository paths), each file's in the report's order. */
export function byFile(diagnostics: readonly Diagnostic[], path: (file: string) => string): [string, Diagnostic[]][] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const file = path(d.location.file);
    const list = groups.get(file);
    if (list) list.push(d);
    else groups.set(file, [d]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function headline(input: SummaryInput): string {
  const { errors, warnings } = countBySeverity(input.diagnostics);
  const files = `in ${plural(input.filesRead, 'file')}`;
  const where = `inventory ${markdownText(input.inventory)}${input.commit ? ` at ${input.commit.slice(0, 7)}` : ''}`;
  if (errors + warnings === 0) return `✔ no problems ${files} · ${where}\n`;
  return `${errors > 0 ? '✖' : '⚠'} **${plural(errors, 'error')}**, **${plural(warnings, 'warning')}** ${files} · ${where}\n`;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The whole summary, at most `maxBytes` UTF-8 bytes (problems beyond that are counted, not listed). */
export function jobSummary(input: SummaryInput, maxBytes = SUMMARY_MAX_BYTES): string {
  const head = `## sot check\n\n${headline(input)}`;
  const tail =
    (input.diff ? `\n## Changes\n\n${input.diff}` : '') + (input.notes?.length ? `\n${input.notes.map((n) => `${n}\n`).join('')}` : '');
  const total = input.diagnostics.length;
  if (total === 0) return head + tail;

  // Room for the list: what the rest takes, and a line saying what was left out.
  const room = maxBytes - bytes(head) - bytes(tail) - 200;
  let list = '';
  let size = 0;
  let listed = 0;
  outer: for (const [file, problems] of byFile(input.diagnostics, input.path)) {
    const title = `\n#### ${markdownText(file)}\n\n`;
    for (let i = 0; i < problems.length; i++) {
      const item = (i === 0 ? title : '') + problemItem(problems[i], input.path);
      const n = bytes(item);
      if (size + n > room) break outer;
      list += item;
      size += n;
      listed++;
    }
  }
  const cut =
    listed < total
      ? `\n${plural(total - listed, 'more problem')} not listed: GitHub takes at most 1 MiB of summary per step. Run sot check on the inventory for all of them.\n`
      : '';
  return `${head}\n### Problems (${total})\n${list}${cut}${tail}`;
}

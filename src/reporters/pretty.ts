// Human-readable output for a terminal: one block per diagnostic with a code frame, then a summary line.
// Pure: the same report and context always give the same bytes.

import { countBySeverity, docsPath } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Location, Range, Severity } from '../diagnostics/diagnostic.js';
import { lineStarts } from '../parse/locate.js';
import type { Report, Reporter, ReporterContext } from './types.js';

const ESC = '\x1b[';
const RESET = `${ESC}0m`;

interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

function paint(color: boolean): Paint {
  const wrap = (code: string) => (s: string) => (color && s !== '' ? `${ESC}${code}m${s}${RESET}` : s);
  return { red: wrap('31'), yellow: wrap('33'), green: wrap('32'), dim: wrap('2'), bold: wrap('1') };
}

function severityPaint(p: Paint, severity: Severity): (s: string) => string {
  return severity === 'error' ? p.red : p.yellow;
}

/**
 * Terminal control characters in user data (file contents, names in messages) must not reach the
 * terminal: an ESC from an inventory file would otherwise restyle or rewrite the screen. Each one is
 * replaced by U+FFFD, one code unit for one, so columns in source lines stay where they were.
 * Tabs and newlines are kept.
 */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '\uFFFD');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `✖ 3 errors, 1 warning in 12 files (0.41 s)`, `⚠ 0 errors, …` or `✔ no problems in …`, with
 * `, 2 suppressed` after the files when sot-ignore comments silenced some; no newline.
 */
export function summaryLine(report: Report, color = false): string {
  const p = paint(color);
  const { errors, warnings: shown } = countBySeverity(report.diagnostics);
  const hidden = report.hiddenWarnings ?? 0;
  const warnings = shown + hidden;
  const silenced = report.suppressed?.length ?? 0;
  // Warnings --quiet leaves out are still counted: a run that fails on them must not say "no problems".
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${hidden > 0 ? ` (${hidden} hidden by --quiet)` : ''}`;
  const tail = `in ${plural(report.filesRead, 'file')}${silenced > 0 ? `, ${silenced} suppressed` : ''} (${(report.elapsedMs / 1000).toFixed(2)} s)`;
  if (errors > 0) return `${p.red('✖')} ${counts} ${tail}`;
  if (warnings > 0) return `${p.yellow('⚠')} ${counts} ${tail}`;
  return `${p.green('✔')} no problems ${tail}`;
}

/** `path:line:col` (1-based) or just `path` when the location has no range. */
export function formatLocation(location: Location, ctx: ReporterContext): string {
  const path = ctx.displayPath(location.file);
  const r = location.range;
  return r ? `${path}:${r.start.line + 1}:${r.start.column + 1}` : path;
}

/** Index of the last line a range covers: a range ending at column 0 of a later line stops on the line before. */
function lastLineOf(range: Range): number {
  const { start, end } = range;
  if (end.line > start.line && end.column === 0) return end.line - 1;
  return Math.max(start.line, end.line);
}

const MAX_MARKED_LINES = 3;

/**
 * A source line wider than this is shown as a window of this many characters around the marked
 * column, with `…` where it was cut: a 20 MB line would otherwise be printed whole, with a caret line
 * as long.
 */
export const MAX_FRAME_WIDTH = 160;
/** How much of the line before the marked column the window shows. */
const FRAME_LEAD = 40;

/** A file's lines, split once however many frames show it; lines end at \r\n, \r or \n as in YAML. */
class Lines {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }
  get length(): number {
    return this.starts.length;
  }
  at(i: number): string {
    const end = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length;
    const line = this.text.slice(this.starts[i], end);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}

/** The part of a line a frame shows: [from, to) around `column`, all of it when it is short. */
function window(line: string, column: number): { from: number; to: number } {
  if (line.length <= MAX_FRAME_WIDTH) return { from: 0, to: line.length };
  const from = Math.max(0, Math.min(column - FRAME_LEAD, line.length - MAX_FRAME_WIDTH));
  return { from, to: from + MAX_FRAME_WIDTH };
}

/** Code frame: one line of context, up to three marked lines, carets under the range on its first line. */
function codeFrame(lines: Lines, range: Range, severity: Severity, p: Paint): string[] {
  const start = range.start.line;
  if (start < 0 || start >= lines.length) return [];
  const last = Math.min(lastLineOf(range), lines.length - 1);
  const shownLast = Math.min(last, start + MAX_MARKED_LINES - 1);
  const first = start > 0 ? start - 1 : start;
  const width = String(shownLast + 1).length;
  const mark = severityPaint(p, severity);

  const row = (marker: string, gutter: string, text: string) =>
    text === '' ? p.dim(`${marker}${gutter} |`) : `${p.dim(`${marker}${gutter} |`)} ${text}`;

  const out: string[] = [];
  for (let i = first; i <= shownLast; i++) {
    const full = lines.at(i);
    // Every line of the frame is cut to the window of the marked line, so they stay aligned.
    const w = window(full, Math.max(range.start.column, 0));
    const line = full.slice(w.from, w.to);
    const text = `${w.from > 0 ? '…' : ''}${clean(line)}${w.to < full.length ? '…' : ''}`;
    const marked = i >= start;
    out.push(row(marked ? ' > ' : '   ', String(i + 1).padStart(width), text));
    if (i === start) {
      // Columns are UTF-16 code units; the caret line advances one cell per code point so astral
      // characters do not push the carets off, and copies tabs so it lines up with the source above.
      const from = Math.min(Math.max(range.start.column - w.from, 0), line.length);
      const endColumn = (range.end.line === start ? range.end.column : full.length) - w.from;
      const to = Math.min(Math.max(endColumn, from), line.length);
      const pad = (w.from > 0 ? ' ' : '') + Array.from(line.slice(0, from), (ch) => (ch === '\t' ? '\t' : ' ')).join('');
      const carets = '^'.repeat(Math.max(1, Array.from(line.slice(from, to)).length));
      out.push(row('   ', ' '.repeat(width), `${pad}${mark(carets)}`));
    }
  }
  if (last > shownLast) out.push(row('   ', ' '.repeat(width), '...'));
  return out;
}

function formatDiagnostic(d: Diagnostic, ctx: ReporterContext, p: Paint, linesOf: (file: string) => Lines | undefined): string {
  const sev = severityPaint(p, d.severity);
  const out: string[] = [
    `${clean(formatLocation(d.location, ctx))}  ${sev(d.severity)}  ${d.rule}  ${p.bold(clean(d.message))}`,
  ];
  const range = d.location.range;
  if (range) {
    const lines = linesOf(d.location.file);
    if (lines) out.push(...codeFrame(lines, range, d.severity, p));
  }
  if (d.modelPath) out.push(`  at: ${clean(d.modelPath)}`);
  for (const r of d.related ?? []) {
    out.push(`  related: ${clean(formatLocation(r.location, ctx))}  ${clean(r.message)}`);
  }
  if (d.help) out.push(`  help: ${clean(d.help)}`);
  out.push(`  docs: ${docsPath(d.rule)}`);
  return out.join('\n');
}

export const pretty: Reporter = (report, ctx) => {
  const p = paint(ctx.color);
  const split = new Map<string, Lines | undefined>();
  const linesOf = (file: string) => {
    if (!split.has(file)) {
      const source = ctx.source(file);
      split.set(file, source === undefined ? undefined : new Lines(source));
    }
    return split.get(file);
  };
  const blocks = report.diagnostics.map((d) => formatDiagnostic(d, ctx, p, linesOf));
  blocks.push(summaryLine(report, ctx.color));
  return `${blocks.join('\n\n')}\n`;
};

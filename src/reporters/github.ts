// GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

import { countBySeverity } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { summaryLine } from './pretty.js';
import type { Reporter, ReporterContext } from './types.js';

/** Escaping for the message part (after `::`). `%` first so the escapes themselves survive. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a property value (`file=`, `title=`): also `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub shows at most this many error annotations, and as many warnings, for one step. */
export const ANNOTATIONS_PER_STEP = 10;

function repoPath(file: string, ctx: ReporterContext): string {
  return ctx.repository ? ctx.repository.path(file) : ctx.displayPath(file);
}

/** `path:line:col` (1-based) from the repository root, or just the path when there is no range. */
function where(location: Location, ctx: ReporterContext): string {
  const path = repoPath(location.file, ctx);
  const r = location.range;
  return r ? `${path}:${r.start.line + 1}:${r.start.column + 1}` : path;
}

function command(d: Diagnostic, ctx: ReporterContext): string {
  const props: [string, string | number][] = [['file', repoPath(d.location.file, ctx)]];
  const r = d.location.range;
  if (r) {
    props.push(
      ['line', r.start.line + 1],
      ['col', r.start.column + 1],
      ['endLine', r.end.line + 1],
      ['endColumn', r.end.column + 1],
    );
  }
  props.push(['title', d.rule]);
  const lines = [d.message];
  if (d.modelPath) lines.push(`at: ${d.modelPath}`);
  for (const rel of d.related ?? []) lines.push(`related: ${where(rel.location, ctx)} ${rel.message}`);
  if (d.help) lines.push(`help: ${d.help}`);
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(lines.join('\n'))}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The last line when GitHub drops annotations: how many problems are not on the pull request, and
 * where every one of them is. Undefined when all fit.
 */
export function overflowNotice(errors: number, warnings: number): string | undefined {
  const hidden = Math.max(0, errors - ANNOTATIONS_PER_STEP) + Math.max(0, warnings - ANNOTATIONS_PER_STEP);
  if (hidden === 0) return undefined;
  const text =
    `${plural(hidden, 'more problem')} not annotated (GitHub shows ${ANNOTATIONS_PER_STEP} errors and ` +
    `${ANNOTATIONS_PER_STEP} warnings per step): all ${errors + warnings} are in the job summary, or run sot check on the inventory.`;
  return `::notice title=${escapeProperty('sot: problems not annotated')}::${escapeData(text)}`;
}

/** Errors before warnings (GitHub keeps the first ten of each), otherwise in the report's order. */
function mostSevereFirst(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics.filter((d) => d.severity === 'error'), ...diagnostics.filter((d) => d.severity !== 'error')];
}

export const github: Reporter = (report, ctx) => {
  const out = mostSevereFirst(report.diagnostics).map((d) => command(d, ctx));
  out.push(summaryLine(report, false));
  const { errors, warnings } = countBySeverity(report.diagnostics);
  const notice = overflowNotice(errors, warnings);
  if (notice) out.push(notice);
  return `${out.join('\n')}\n`;
};

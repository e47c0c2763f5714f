// GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

import type { Diagnostic } from '../diagnostics/diagnostic.js';
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

function command(d: Diagnostic, ctx: ReporterContext): string {
  const props: [string, string | number][] = [['file', ctx.displayPath(d.location.file)]];
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
  if (d.help) lines.push(`help: ${d.help}`);
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(lines.join('\n'))}`;
}

export const github: Reporter = (report, ctx) => {
  const out = report.diagnostics.map((d) => command(d, ctx));
  out.push(summaryLine(report, false));
  return `${out.join('\n')}\n`;
};

// Machine-readable output: one JSON document with a summary and every diagnostic, 1-based positions.
// Key order is fixed so the bytes are stable across runs and versions of the phases.

import { countBySeverity, docsPath } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import type { Reporter, ReporterContext } from './types.js';

interface JsonPosition {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

function position(location: Location, ctx: ReporterContext): JsonPosition {
  const out: JsonPosition = { file: ctx.displayPath(location.file) };
  const r = location.range;
  if (r) {
    out.line = r.start.line + 1;
    out.column = r.start.column + 1;
    out.endLine = r.end.line + 1;
    out.endColumn = r.end.column + 1;
  }
  return out;
}

function toJson(d: Diagnostic, ctx: ReporterContext): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    ...position(d.location, ctx),
  };
  if (d.modelPath !== undefined) out.modelPath = d.modelPath;
  out.related = (d.related ?? []).map((r) => ({ ...position(r.location, ctx), message: r.message }));
  if (d.help !== undefined) out.help = d.help;
  out.docs = docsPath(d.rule);
  if (d.data !== undefined) out.data = d.data;
  return out;
}

/** `suppressed: n` only when sot-ignore comments silenced something, so other reports keep their bytes. */
function suppressedCount(suppressed: readonly Diagnostic[] | undefined): { suppressed?: number } {
  return suppressed && suppressed.length > 0 ? { suppressed: suppressed.length } : {};
}

export const json: Reporter = (report, ctx) => {
  const { errors, warnings } = countBySeverity(report.diagnostics);
  const doc = {
    version: report.version,
    summary: {
      errors,
      warnings,
      // Only when --quiet left some out, so that the document of a run without --quiet keeps its shape.
      ...(report.hiddenWarnings ? { hiddenWarnings: report.hiddenWarnings } : {}),
      ...suppressedCount(report.suppressed),
      files: report.filesRead,
      elapsedMs: Math.round(report.elapsedMs),
    },
    diagnostics: report.diagnostics.map((d) => toJson(d, ctx)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
};

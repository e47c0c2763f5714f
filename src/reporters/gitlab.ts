// GitLab Code Quality (a CodeClimate subset): a JSON array of issues, each with a description, the
// check's name, a fingerprint GitLab compares between the base and the head of a merge request, a
// severity and a location by path from the repository root and line.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format

import { createHash } from 'node:crypto';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Reporter, ReporterContext } from './types.js';

/** GitLab's scale is info, minor, major, critical, blocker; an error fails the check, a warning does not. */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor' };

function path(file: string, ctx: ReporterContext): string {
  return ctx.repository ? ctx.repository.path(file) : ctx.displayPath(file);
}

/**
 * Stable across runs and unrelated edits: rule, file, the object's path in the document and the message,
 * not the line (which moves when lines above it change). The same problem twice in one report gets its
 * occurrence number, since GitLab counts issues by fingerprint.
 */
function fingerprint(d: Diagnostic, file: string, seen: Map<string, number>): string {
  const key = [d.rule, file, d.modelPath ?? (d.location.path ?? []).join('.'), d.message].join('\0');
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return createHash('sha256')
    .update(n === 0 ? key : `${key}\0${n}`)
    .digest('hex');
}

export const gitlab: Reporter = (report, ctx) => {
  const seen = new Map<string, number>();
  const issues = report.diagnostics.map((d) => {
    const file = path(d.location.file, ctx);
    return {
      description: d.message,
      check_name: d.rule,
      fingerprint: fingerprint(d, file, seen),
      severity: SEVERITY[d.severity],
      location: { path: file, lines: { begin: (d.location.range?.start.line ?? 0) + 1 } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};

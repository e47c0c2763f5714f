// SARIF 2.1.0 for code-scanning uploads (GitHub code scanning, IDE viewers).
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// Columns are UTF-16 code units (SARIF's default columnKind), 1-based, end column exclusive — the
// same convention as the internal ranges plus one.

import { docsPath } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import type { Reporter, ReporterContext } from './types.js';

/**
 * A relative URI reference for a display path: each segment percent-encoded so spaces, `#`, `?`, `%`
 * and a `:` in the first segment (which would read as a scheme) keep the reference valid.
 * Ordinary paths (letters, digits, `-`, `_`, `.`, `/`) come out unchanged.
 */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function physicalLocation(location: Location, ctx: ReporterContext): Record<string, unknown> {
  const out: Record<string, unknown> = {
    artifactLocation: { uri: toUri(ctx.displayPath(location.file)), uriBaseId: '%SRCROOT%' },
  };
  const r = location.range;
  if (r) {
    out.region = {
      startLine: r.start.line + 1,
      startColumn: r.start.column + 1,
      endLine: r.end.line + 1,
      endColumn: r.end.column + 1,
    };
  }
  return out;
}

function result(d: Diagnostic, ruleIndex: number, ctx: ReporterContext): Record<string, unknown> {
  const location: Record<string, unknown> = { physicalLocation: physicalLocation(d.location, ctx) };
  if (d.modelPath) location.logicalLocations = [{ fullyQualifiedName: d.modelPath }];
  const out: Record<string, unknown> = {
    ruleId: d.rule,
    ruleIndex,
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.message },
    locations: [location],
  };
  if (d.related && d.related.length > 0) {
    out.relatedLocations = d.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(r.location, ctx),
      message: { text: r.message },
    }));
  }
  if (d.data !== undefined) out.properties = { data: d.data };
  return out;
}

export const sarif: Reporter = (report, ctx) => {
  const ruleIds = [...new Set(report.diagnostics.map((d) => d.rule))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sot',
            version: report.version,
            rules: ruleIds.map((id) => ({
              id,
              name: id,
              shortDescription: { text: id },
              help: { text: `see ${docsPath(id)}` },
            })),
          },
        },
        results: report.diagnostics.map((d) => result(d, index.get(d.rule) as number, ctx)),
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
};

// JUnit XML, as Jenkins and GitLab's test reports read it: one testsuite per file with problems, one
// testcase with a failure per diagnostic, and a single passing testcase when there is nothing to report,
// so that a CI page shows the check ran. Paths are from the repository root when sot knows it (as in
// SARIF), so that the report reads the same from any folder.

import { countBySeverity, docsPath } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Reporter, ReporterContext } from './types.js';

/**
 * Text as XML 1.0 character data or an attribute value: the five markup characters as entities, and
 * the characters XML 1.0 forbids (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF;
 * unpaired surrogates) as U+FFFD, since no escape can carry them. In attributes, tab and line breaks
 * become character references, which attribute normalisation would otherwise turn into spaces.
 */
export function escapeXml(text: string, attribute = false): string {
  const cleaned = text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');
  const escaped = cleaned.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (!attribute) return escaped;
  return escaped.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v), true)}"`)
    .join('');
}

function path(file: string, ctx: ReporterContext): string {
  return ctx.repository ? ctx.repository.path(file) : ctx.displayPath(file);
}

function testcase(d: Diagnostic, file: string): string {
  const r = d.location.range;
  const line = r ? r.start.line + 1 : 1;
  const column = r ? r.start.column + 1 : 1;
  const body = [`${file}:${line}:${column}  ${d.severity}  ${d.rule}`, d.message];
  if (d.modelPath) body.push(`at: ${d.modelPath}`);
  if (d.help) body.push(`help: ${d.help}`);
  body.push(`docs: ${docsPath(d.rule)}`);
  return (
    `    <testcase${attrs({ classname: file, name: `${d.rule} at ${line}:${column}`, file, line })}>\n` +
    `      <failure${attrs({ message: d.message, type: d.severity })}>${escapeXml(body.join('\n'))}</failure>\n` +
    `    </testcase>\n`
  );
}

export const junit: Reporter = (report, ctx) => {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) {
    const file = path(d.location.file, ctx);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(d);
  }
  const seconds = (report.elapsedMs / 1000).toFixed(3);
  let suites = '';
  for (const [file, list] of byFile) {
    suites += `  <testsuite${attrs({ name: file, tests: list.length, failures: list.length, errors: 0 })}>\n`;
    for (const d of list) suites += testcase(d, file);
    suites += `  </testsuite>\n`;
  }
  const total = report.diagnostics.length;
  if (total === 0) {
    const { warnings } = countBySeverity(report.diagnostics);
    const hidden = (report.hiddenWarnings ?? 0) + warnings;
    const name = `no problems in ${report.filesRead} file${report.filesRead === 1 ? '' : 's'}${hidden ? ` (${hidden} warnings hidden by --quiet)` : ''}`;
    suites = `  <testsuite${attrs({ name: 'sot check', tests: 1, failures: 0, errors: 0 })}>\n    <testcase${attrs({ classname: 'sot check', name })}/>\n  </testsuite>\n`;
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites${attrs({ name: 'sot check', tests: Math.max(total, 1), failures: total, errors: 0, time: seconds })}>\n${suites}</testsuites>\n`
  );
};

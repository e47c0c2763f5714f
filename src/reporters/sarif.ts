// SARIF 2.1.0 for code-scanning uploads (GitHub code scanning, IDE viewers).
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// Columns are UTF-16 code units (said explicitly in columnKind), 1-based, end column exclusive — the
// same convention as the internal ranges plus one. Paths are relative to the repository root, the
// `%SRCROOT%` base that run.originalUriBaseIds spells out, so viewers and GitHub find the files.
// The shape follows what GitHub's ingestion requires: every result with a region and a partial
// fingerprint, every rule with a friendly name, descriptions, help and a help URI.

import { createHash } from 'node:crypto';
import { sortDiagnostics, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { folderUri } from './repository.js';
import { docsBase, ruleDocs, whySection } from './rule-docs.js';
import type { Reporter, ReporterContext } from './types.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The automation id GitHub groups uploads by (its "category"): one analysis per inventory check. */
export const AUTOMATION_ID = 'sot/check/';

/** The key under which each result carries its own fingerprint (GitHub keeps alerts by it across pushes). */
export const FINGERPRINT_KEY = 'sotProblem/v1';

/**
 * A relative URI reference for a repository path: each segment percent-encoded so spaces, `#`, `?`,
 * `%` and a `:` in the first segment (which would read as a scheme) keep the reference valid.
 * Ordinary paths (letters, digits, `-`, `_`, `.`, `/`) come out unchanged.
 */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function repoPath(file: string, ctx: ReporterContext): string {
  return ctx.repository ? ctx.repository.path(file) : ctx.displayPath(file);
}

function physicalLocation(location: Location, ctx: ReporterContext): Record<string, unknown> {
  const r = location.range;
  return {
    artifactLocation: { uri: toUri(repoPath(location.file, ctx)), uriBaseId: '%SRCROOT%' },
    // GitHub wants a region on every location; a problem with the whole file is put on its first line.
    region: r
      ? { startLine: r.start.line + 1, startColumn: r.start.column + 1, endLine: r.end.line + 1, endColumn: r.end.column + 1 }
      : { startLine: 1 },
  };
}

/**
 * Brackets and backslashes in text that goes into a message: SARIF reads `[text](n)` as a link to a
 * related location, so link text escapes them always, and plain text escapes them when it holds a
 * `](` that could close a link. Other text keeps them as written (`devices[name=a]` reads as is).
 */
function escapeLinkText(s: string): string {
  return s.replace(/[\\[\]]/g, '\\$&');
}

function escapePlain(s: string): string {
  return s.includes('](') ? escapeLinkText(s) : s;
}

/** The message with the related locations linked (`[first assignment](1)`) and the help line kept. */
export function messageText(d: Diagnostic): string {
  const lines = [escapePlain(d.message)];
  if (d.related && d.related.length > 0) {
    lines.push(`related: ${d.related.map((r, i) => `[${escapeLinkText(r.message)}](${i + 1})`).join(', ')}`);
  }
  if (d.help) lines.push(`help: ${escapePlain(d.help)}`);
  return lines.join('\n');
}

/**
 * Stable across runs and line moves: the rule, the file from the repository root, where in the file
 * (the document path, else the model path) and the message. Line numbers stay out so that an edit
 * above a problem does not make GitHub see a new alert.
 */
export function fingerprint(d: Diagnostic, ctx: ReporterContext): string {
  const where = d.location.path ? JSON.stringify(d.location.path) : (d.modelPath ?? '');
  const key = [d.rule, repoPath(d.location.file, ctx), where, d.location.target ?? '', d.message].join('\0');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function result(d: Diagnostic, ruleIndex: number, ctx: ReporterContext): Record<string, unknown> {
  const location: Record<string, unknown> = { physicalLocation: physicalLocation(d.location, ctx) };
  if (d.modelPath) location.logicalLocations = [{ fullyQualifiedName: d.modelPath }];
  const out: Record<string, unknown> = {
    ruleId: d.rule,
    ruleIndex,
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: messageText(d) },
    locations: [location],
  };
  if (d.related && d.related.length > 0) {
    out.relatedLocations = d.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(r.location, ctx),
      message: { text: r.message },
    }));
  }
  out.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint(d, ctx) };
  // A silenced problem stays a result, marked as suppressed in the source with its reason.
  if (d.suppression) out.suppressions = [{ kind: 'inSource', justification: d.suppression.reason }];
  const properties: Record<string, unknown> = {};
  if (d.help !== undefined) properties.help = d.help;
  if (d.data !== undefined) properties.data = d.data;
  if (Object.keys(properties).length > 0) out.properties = properties;
  return out;
}

function rule(id: string): Record<string, unknown> {
  const docs = ruleDocs(id);
  const why = whySection(docs.page);
  // The page itself as markdown (GitHub shows it with the alert); a short plain text with its URL.
  const helpText = [docs.description, ...(why ? [why] : []), `See ${docs.url}`].join('\n\n');
  return {
    id,
    name: docs.name,
    shortDescription: { text: docs.description },
    fullDescription: { text: why ? `${docs.description} ${why}` : docs.description },
    defaultConfiguration: docs.enabled ? { level: docs.severity } : { enabled: false, level: docs.severity },
    helpUri: docs.url,
    help: { text: helpText, markdown: docs.page ?? helpText },
    properties: { tags: ['sot', id.split('/')[0]] },
  };
}

function rootUri(ctx: ReporterContext): string {
  return ctx.repository ? ctx.repository.rootUri() : folderUri(process.cwd());
}

export const sarif: Reporter = (report, ctx) => {
  const all = report.suppressed && report.suppressed.length > 0 ? sortDiagnostics([...report.diagnostics, ...report.suppressed]) : report.diagnostics;
  const ruleIds = [...new Set(all.map((d) => d.rule))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sot',
            version: report.version,
            semanticVersion: report.version,
            informationUri: new URL('README.md', docsBase()).href,
            rules: ruleIds.map(rule),
          },
        },
        automationDetails: { id: AUTOMATION_ID },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri(ctx) } },
        columnKind: 'utf16CodeUnits',
        results: all.map((d) => result(d, index.get(d.rule) as number, ctx)),
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
};

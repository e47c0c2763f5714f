// Problems in user files are values, never exceptions. Every phase returns Diagnostics; the CLI and the
// GitHub Action only format them. Lines and columns are 0-based here and become 1-based at the output edge.

export type Severity = 'error' | 'warning';

/** A path into one YAML document: mapping keys and sequence indexes, outermost first. */
export type DocPath = readonly (string | number)[];

export interface Point {
  line: number; // 0-based
  column: number; // 0-based, in UTF-16 code units of the line
}

export interface Range {
  start: Point;
  end: Point;
}

/**
 * Where a problem is. Phases name a document path (cheap: no positions needed on the hot path); the
 * locator turns it into a range once, only for files that have diagnostics.
 */
export interface Location {
  /** Inventory-relative file name with forward slashes. */
  file: string;
  /** Path inside the file's YAML document; absent for file-level problems. */
  path?: DocPath;
  /** Point at the mapping key instead of its value (unknown keys, duplicate keys). */
  target?: 'key' | 'value';
  /** Filled in by the locator, or directly by the parser for syntax errors. */
  range?: Range;
}

export interface Related {
  location: Location;
  message: string;
}

export interface Diagnostic {
  /** Stable id such as `schema/unknown-field` or `resolve/dangling-reference`. */
  rule: string;
  severity: Severity;
  message: string;
  location: Location;
  /** Named model path, e.g. `devices[name=ams1-leaf1].interfaces[name=Ethernet1]`. */
  modelPath?: string;
  related?: Related[];
  help?: string;
  /** Structured facts behind the message (names, values) so tests and tools need not parse prose. */
  data?: Record<string, unknown>;
  /** Set on a diagnostic a `# sot-ignore` comment silenced (see suppress.ts): the reason it gives. */
  suppression?: { reason: string };
}

/** Every rule has a page in the repository at docs/rules/<rule id>.md (e.g. docs/rules/schema/unknown-field.md). */
export function docsPath(rule: string): string {
  return `docs/rules/${rule}.md`;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

function comparePoint(a: Point | undefined, b: Point | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return a.line - b.line || a.column - b.column;
}

/** Sort by file, position, rule, message; drop exact repeats. Deterministic whatever the phase order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
      comparePoint(a.location.range?.start, b.location.range?.start) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  const out: Diagnostic[] = [];
  let prevKey = '';
  for (const d of sorted) {
    const r = d.location.range;
    const key = `${d.location.file}\0${r ? `${r.start.line}:${r.start.column}` : ''}\0${d.rule}\0${d.message}`;
    if (key === prevKey) continue;
    prevKey = key;
    out.push(d);
  }
  return out;
}

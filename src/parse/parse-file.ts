import jsyaml from 'js-yaml';
import { parseDocument, LineCounter, visit, type Document, type YAMLError } from 'yaml';
import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.js';
import { PlainScalar, SOT_SCHEMA, scalarStats } from './scalars.js';

export interface ParsedFile {
  file: string;
  /** The document's data; undefined for an empty file or a file with syntax errors. */
  data: unknown;
  diagnostics: Diagnostic[];
  /** The document holds PlainScalars: validation must settle them (see PlainScalar). */
  hasPlainScalars: boolean;
  /** Some node appears twice through an alias: its objects are shared and must not be changed in place. */
  hasAliases?: boolean;
}

/** Aliases may add at most this many nodes beyond those written, so a "billion laughs" file stops here. */
export const MAX_ALIAS_EXPANSION = 100_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const TAG_HINT = /(?:^|[\s[{,])!/m;

/**
 * The hot path: js-yaml's `load` without position tracking (see docs/performance.md for why). Only
 * when that fails is the file parsed again with `yaml`, which reports every syntax error with a range.
 */
export function parseYamlFile(file: string, text: string): ParsedFile {
  scalarStats.made = 0;
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: SOT_SCHEMA, filename: file, json: false });
  } catch (err) {
    return { file, data: undefined, diagnostics: syntaxDiagnostics(file, text, err), hasPlainScalars: false };
  }
  const hasPlainScalars = scalarStats.made > 0;
  const diagnostics: Diagnostic[] = [];
  // js-yaml quietly applies the core tags (!!str, !!map…); sot takes no explicit tag at all. A tag
  // always follows white space or a flow indicator, so only files with such a `!` are looked at.
  if (text.includes('!') && TAG_HINT.test(text)) {
    const lines = new LineCounter();
    const tags = explicitTags(file, text, parseDocument(text, { lineCounter: lines }), lines);
    if (tags.length) return { file, data: undefined, diagnostics: tags, hasPlainScalars };
  }
  const hasAliases = text.includes('*') && checkAliasExpansion(file, data, diagnostics);
  // `proto` finds both __proto__ and prototype: two scans of the text instead of three.
  if (text.includes('proto') || text.includes('constructor')) {
    findForbiddenKeys(file, data, [], diagnostics, new Set());
  }
  // A forbidden key is left out (see findForbiddenKeys): the rest of the file is read.
  if (diagnostics.some((d) => d.severity === 'error' && d.rule !== 'yaml/forbidden-key')) return { file, data: undefined, diagnostics, hasPlainScalars };
  return { file, data, diagnostics, hasPlainScalars, hasAliases };
}

function syntaxDiagnostics(file: string, text: string, err: unknown): Diagnostic[] {
  // js-yaml stops at 100 levels of nesting; a recursive second parse of such a file would only
  // exhaust the stack, so say so at js-yaml's position.
  if ((err instanceof jsyaml.YAMLException && /maxDepth/.test(err.reason)) || err instanceof RangeError) {
    const mark = err instanceof jsyaml.YAMLException ? err.mark : undefined;
    const at = { line: mark?.line ?? 0, column: mark?.column ?? 0 };
    return [{ rule: 'yaml/syntax', severity: 'error', message: 'the document nests collections too deeply to read (more than 100 levels)', location: { file, range: { start: at, end: { line: at.line, column: at.column + 1 } } } }];
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems: YAMLError[] = [...doc.errors];
  const point = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line - 1, column: p.col - 1 };
  };
  const out: Diagnostic[] = [];
  for (const e of problems) {
    const [start, end] = e.pos;
    const range = { start: point(start), end: point(Math.max(start + 1, end)) };
    if (e.code === 'DUPLICATE_KEY') {
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n]*?)\s*:/.exec(text.slice(start));
      const key = (m ? m[1] : text.slice(start, end)).trim();
      range.end = point(start + key.length);
      out.push({
        rule: 'yaml/duplicate-key',
        severity: 'error',
        message: `duplicate key "${key}" in the same mapping`,
        location: { file, range },
        help: 'a mapping may name each key once; merge the two entries or rename one',
      });
    } else if (!out.some((d) => d.rule === 'yaml/syntax')) {
      // After the first syntax error the parser is out of step: what it reports next is most often
      // that same mistake seen again (each line below a tab, each key of a moved list item).
      out.push({
        rule: 'yaml/syntax',
        severity: 'error',
        message: syntaxMessage(e),
        location: { file, range },
        help: 'the rest of the file is read once this is fixed',
      });
    }
  }
  out.push(...explicitTags(file, text, doc, lines));
  if (out.length === 0) {
    // The two parsers disagree on what is wrong (js-yaml is stricter in a few corners): report js-yaml's.
    const mark = err instanceof jsyaml.YAMLException ? err.mark : undefined;
    const line = mark?.line ?? 0;
    const column = mark?.column ?? 0;
    const reason = err instanceof jsyaml.YAMLException ? err.reason : String(err);
    const isTag = /unknown tag/.test(reason);
    let range = { start: { line, column }, end: { line, column: column + 1 } };
    if (isTag && mark) {
      // js-yaml marks the end of the tagged node; point at the tag itself.
      const before = text.slice(0, mark.position);
      const tags = [...before.matchAll(/(?:^|[\s[{,])(!\S*)/g)];
      const last = tags[tags.length - 1];
      if (last) {
        const offset = last.index! + last[0].length - last[1].length;
        const head = text.slice(0, offset);
        const l = head.split('\n').length - 1;
        const c = offset - (head.lastIndexOf('\n') + 1);
        range = { start: { line: l, column: c }, end: { line: l, column: c + last[1].length } };
      }
    }
    out.push({
      rule: isTag ? 'yaml/custom-tag' : /duplicated mapping key/.test(reason) ? 'yaml/duplicate-key' : 'yaml/syntax',
      severity: 'error',
      message: isTag ? `tags are not allowed: ${reason}` : reason,
      location: { file, range },
    });
  }
  return out;
}

/** The `yaml` package's message, said plainly for the mistakes people make most. */
function syntaxMessage(e: YAMLError): string {
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return 'a tab indents this line: YAML indents with spaces only';
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `this line is not indented like the lines around it (${firstLine(e.message)})`;
    default:
      return firstLine(e.message);
  }
}

function explicitTags(file: string, text: string, doc: Document, lines: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const point = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line - 1, column: p.col - 1 };
  };
  visit(doc, {
    Node(_key, node) {
      if (!node.tag || !node.range) return;
      // The node's range starts after its tag: the tag is the last `!` token before it.
      let start = text.lastIndexOf('!', node.range[0]);
      if (start < 0) return;
      while (start > 0 && !/[\s[{,]/.test(text[start - 1])) start--;
      const token = /^!\S*/.exec(text.slice(start))![0];
      out.push({
        rule: 'yaml/custom-tag',
        severity: 'error',
        message: `tags are not allowed: ${token}`,
        location: { file, range: { start: point(start), end: point(start + token.length) } },
        help: 'write the plain value; sot reads YAML as plain data, without custom or explicit tags',
        data: { tag: token },
      });
    },
  });
  return out;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Reports a file that aliases blow up; returns whether an alias shares an object between two places. */
function checkAliasExpansion(file: string, data: unknown, out: Diagnostic[]): boolean {
  const sizes = new Map<object, number>();
  let extra = 0; // nodes that exist only as copies made by aliases
  let shared = false;
  const size = (v: unknown): number => {
    if (v === null || typeof v !== 'object' || v instanceof PlainScalar) return 1;
    const known = sizes.get(v);
    if (known !== undefined) {
      shared = true;
      extra += known;
      return known;
    }
    sizes.set(v, 1); // a self-reference counts once instead of looping
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) n += size(child);
    sizes.set(v, n);
    return n;
  };
  const total = size(data);
  if (extra > MAX_ALIAS_EXPANSION) {
    out.push({
      rule: 'yaml/alias-expansion',
      severity: 'error',
      message: `aliases expand this file to ${total} nodes, more than ${MAX_ALIAS_EXPANSION} beyond what is written`,
      location: { file, path: [] },
      help: 'write the repeated data out, or use fewer nested aliases',
    });
  }
  return shared;
}

function findForbiddenKeys(file: string, v: unknown, path: (string | number)[], out: Diagnostic[], seen: Set<object>): void {
  if (v === null || typeof v !== 'object' || v instanceof PlainScalar || seen.has(v)) return;
  seen.add(v);
  if (Array.isArray(v)) {
    v.forEach((item, i) => findForbiddenKeys(file, item, [...path, i], out, seen));
    return;
  }
  for (const key of Object.keys(v)) {
    const child = [...path, key];
    if (FORBIDDEN_KEYS.has(key)) {
      out.push({
        rule: 'yaml/forbidden-key',
        severity: 'error',
        message: `the key "${key}" is not allowed anywhere in an inventory`,
        location: { file, path: child as DocPath, target: 'key' },
        help: 'these names could change the behaviour of objects that read the data; rename the key',
      });
      // Reported once; the object without it is read on, so that what refers to it still resolves.
      delete (v as Record<string, unknown>)[key];
    } else {
      findForbiddenKeys(file, (v as Record<string, unknown>)[key], child, out, seen);
    }
  }
}

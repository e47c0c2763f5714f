import jsyaml from 'js-yaml';
import { parseDocument, LineCounter, visit, isScalar, type Document, type YAMLError } from 'yaml';
import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.js';
import { PlainScalar, SOT_SCHEMA, scalarStats } from './scalars.js';
import { invalidUtf8 } from './utf8.js';
import { lineStarts, pointAt, withLineFeeds } from './locate.js';

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
/** Collections nest at most this deep (js-yaml's own bound); `yaml`, which locates diagnostics, reads recursively. */
export const MAX_DEPTH = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const TAG_HINT = /(?:^|[\s[{,])!/m;

/**
 * The hot path: js-yaml's `load` without position tracking (see docs/performance.md for why). Only
 * when that fails is the file parsed again with `yaml`, which reports every syntax error with a range.
 */
export function parseYamlFile(file: string, text: string): ParsedFile {
  scalarStats.made = 0;
  const bad = invalidUtf8(text);
  if (bad) return { file, data: undefined, diagnostics: [invalidUtf8Diagnostic(file, text, bad)], hasPlainScalars: false };
  let data: unknown;
  try {
    // maxDepth is js-yaml 4.3's; its type declarations predate it.
    const options = { schema: SOT_SCHEMA, filename: file, json: false, maxDepth: MAX_DEPTH, listener: readerListener(text) };
    data = jsyaml.load(text, options as unknown as jsyaml.LoadOptions);
  } catch (err) {
    if (err instanceof ReadProblem) return { file, data: undefined, diagnostics: [readProblemDiagnostic(file, text, err)], hasPlainScalars: false };
    return { file, data: undefined, diagnostics: insideText(syntaxDiagnostics(file, text, err), text), hasPlainScalars: false };
  }
  const hasPlainScalars = scalarStats.made > 0;
  const diagnostics: Diagnostic[] = [];
  // js-yaml quietly applies the core tags (!!str, !!map…); sot takes no explicit tag at all. A tag
  // always follows white space or a flow indicator, so only files with such a `!` are looked at.
  if (text.includes('!') && TAG_HINT.test(text)) {
    const lines = new LineCounter();
    const tags = explicitTags(file, text, parseDocument(withLineFeeds(text), { lineCounter: lines }), lines);
    if (tags.length) return { file, data: undefined, diagnostics: tags, hasPlainScalars };
  }
  const hasAliases = text.includes('*') && checkAliasExpansion(file, data, diagnostics);
  // `proto` finds both __proto__ and prototype: two scans of the text instead of three.
  if (text.includes('proto') || text.includes('constructor')) {
    findForbiddenKeys(file, data, [], diagnostics, new Set());
  }
  // A forbidden key is left out (see findForbiddenKeys): the rest of the file is read.
  if (diagnostics.some((d) => d.severity === 'error' && d.rule !== 'yaml/forbidden-key')) return { file, data: undefined, diagnostics, hasPlainScalars };
  // Only a double-quoted escape can put a NUL into the data (a raw NUL byte is a syntax error).
  if (text.includes('\\') && NUL_ESCAPE.test(text)) findNulText(file, data, [], diagnostics, new Set());
  return { file, data, diagnostics, hasPlainScalars, hasAliases };
}

const NUL_ESCAPE = /\\(?:0|x00|u0000|U00000000)/;

/**
 * NetBox refuses text holding U+0000 in every field (its API's text fields reject it, and PostgreSQL
 * can store it neither in text nor in JSON): each such key or value is reported where it is written.
 * The object is kept, so that nothing else is reported because of it.
 */
function findNulText(file: string, v: unknown, path: (string | number)[], out: Diagnostic[], seen: Set<object>): void {
  const report = (at: (string | number)[], target: 'key' | 'value') =>
    out.push({
      rule: 'schema/invalid-value',
      severity: 'error',
      message: `text may not hold the NUL character (U+0000): NetBox refuses it`,
      location: { file, path: at as DocPath, target },
      help: 'remove the \\0 (or \\x00, \\u0000) escape from the quoted text',
    });
  const text = v instanceof PlainScalar ? v.source : v;
  if (typeof text === 'string') {
    if (text.includes('\0')) report(path, 'value');
    return;
  }
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (Array.isArray(v)) {
    v.forEach((item, i) => findNulText(file, item, [...path, i], out, seen));
    return;
  }
  for (const key of Object.keys(v)) {
    if (key.includes('\0')) report([...path, key], 'key');
    findNulText(file, (v as Record<string, unknown>)[key], [...path, key], out, seen);
  }
}

function invalidUtf8Diagnostic(file: string, text: string, bad: NonNullable<ReturnType<typeof invalidUtf8>>): Diagnostic {
  const byte = `0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  const start = pointAt(text, bad.index);
  return {
    rule: 'yaml/invalid-utf8',
    severity: 'error',
    message: `the file is not valid UTF-8: byte ${byte} at byte offset ${bad.byteOffset} cannot be read`,
    location: { file, range: { start, end: { line: start.line, column: start.column + 1 } } },
    help: 'save the file as UTF-8 (an editor may have written it as Latin-1 or Windows-1252)',
    data: { byte, byteOffset: bad.byteOffset },
  };
}

function readProblemDiagnostic(file: string, text: string, p: ReadProblem): Diagnostic {
  const range = { start: pointAt(text, p.offset), end: pointAt(text, p.offset + p.length) };
  return { rule: p.rule, severity: 'error', message: p.message, location: { file, range }, help: p.help, ...(p.data ? { data: p.data } : {}) };
}

/**
 * Both parsers may point one past the end of a line or of the text (an unclosed quote, a cut-off
 * file): every point is kept inside the text, so a reporter's frame and an editor find the place.
 */
function insideText(diagnostics: Diagnostic[], text: string): Diagnostic[] {
  const starts = lineStarts(text);
  const lf = withLineFeeds(text);
  const lineLength = (line: number) => {
    const end = line + 1 < starts.length ? starts[line + 1]! - 1 : lf.length;
    return end - starts[line]! - (lf[end - 1] === '\r' ? 1 : 0);
  };
  const clamp = (p: { line: number; column: number }) => {
    const line = Math.max(0, Math.min(p.line, starts.length - 1));
    return { line, column: Math.max(0, Math.min(p.line > line ? Infinity : p.column, lineLength(line))) };
  };
  for (const d of diagnostics) {
    const r = d.location.range;
    if (r) d.location.range = { start: clamp(r.start), end: clamp(r.end) };
  }
  return diagnostics;
}

function syntaxDiagnostics(file: string, text: string, err: unknown): Diagnostic[] {
  if ((err instanceof jsyaml.YAMLException && /maxDepth/.test(err.reason)) || err instanceof RangeError) {
    const mark = err instanceof jsyaml.YAMLException ? err.mark : undefined;
    const at = { line: mark?.line ?? 0, column: mark?.column ?? 0 };
    return [{
      rule: 'yaml/too-deep',
      severity: 'error',
      message: `the document nests collections more than ${MAX_DEPTH} levels deep`,
      location: { file, range: { start: at, end: { line: at.line, column: at.column + 1 } } },
      help: 'NetBox data never nests this deep; look for runaway brackets or dashes',
      data: { maxDepth: MAX_DEPTH },
    }];
  }
  // `yaml` reads recursively, and slowly once it nears the end of the stack: a file that may nest past
  // js-yaml's bound after its first error gets that one error.
  if (nestingBound(text) > MAX_DEPTH) return [jsyamlDiagnostic(file, text, err)];
  let out: Diagnostic[];
  try {
    out = everySyntaxError(file, text);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    out = [];
  }
  // `yaml` reads recursively: deep nesting after the first error exhausts its stack (it reports that
  // as errors of its own). js-yaml stopped at the first error, so that one error is the report.
  if (out.length === 0 || out.some((d) => d.rule === STACK_EXHAUSTED)) return [jsyamlDiagnostic(file, text, err)];
  return out;
}

const STACK_EXHAUSTED = 'stack-exhausted';

/**
 * An upper bound, from the text alone, on how deep a broken file nests: per line, its indentation
 * (each block level takes a column at least), the `- `, `? `, `: ` indicators that open it, and the
 * flow brackets still open. Quoted text and comments are skipped so brackets in them do not count.
 */
export function nestingBound(text: string): number {
  let max = 0;
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: indentation, then compact block indicators.
    let depth = 0;
    while (text[i] === ' ') { i++; depth++; }
    while ((text[i] === '-' || text[i] === '?' || text[i] === ':') && (text[i + 1] === ' ' || text[i + 1] === '\n' || i + 1 === n)) {
      depth++;
      i++;
      while (text[i] === ' ') i++;
    }
    for (; i < n && text[i] !== '\n'; i++) {
      const c = text[i];
      const prev = text[i - 1];
      const tokenStart = i === 0 || prev === ' ' || prev === '\t' || prev === '\n' || prev === '[' || prev === '{' || prev === ',' || prev === ':';
      if (c === '[' || c === '{') max = Math.max(max, depth + ++flow);
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === '#' && (i === 0 || prev === ' ' || prev === '\t')) i = text.indexOf('\n', i) - 1;
      else if ((c === '"' || c === "'") && tokenStart) i = closingQuote(text, i) - 1;
      if (i < 0) return Math.max(max, depth + flow);
    }
    max = Math.max(max, depth + flow);
    i++;
  }
  return max;
}

/** The offset just past the quote that closes the one at start, or -1 at the end of the text. */
function closingQuote(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && q === '"') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Every syntax error of a file with `yaml`, which, unlike js-yaml, goes on after the first one. */
function everySyntaxError(file: string, text: string): Diagnostic[] {
  const lines = new LineCounter();
  // A lone \r ends a line in YAML (and for js-yaml), not for `yaml`: it reads them as \n.
  const doc = parseDocument(withLineFeeds(text), { lineCounter: lines, uniqueKeys: sameKeyText, prettyErrors: false });
  const problems: YAMLError[] = [...doc.errors];
  const point = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line - 1, column: p.col - 1 };
  };
  const out: Diagnostic[] = [];
  for (const e of problems) {
    const [start, end] = e.pos;
    const range = { start: point(start), end: point(Math.max(start + 1, end)) };
    if (e.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(e.message)) {
      out.push({ rule: STACK_EXHAUSTED, severity: 'error', message: e.message, location: { file, range } });
    } else if (e.code === 'DUPLICATE_KEY') {
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
  if (out.some((d) => d.rule === STACK_EXHAUSTED)) return out;
  out.push(...explicitTags(file, text, doc, lines));
  return out;
}

/** Keys are text (see readerListener): `1` and `01`, `on` and `On` are two keys. */
function sameKeyText(a: unknown, b: unknown): boolean {
  const text = (n: unknown) => (isScalar(n) ? String(n.source ?? n.value) : n);
  return text(a) === text(b);
}

/** js-yaml's one error, where the two parsers disagree on what is wrong or `yaml` cannot tell. */
function jsyamlDiagnostic(file: string, text: string, err: unknown): Diagnostic {
  const mark = err instanceof jsyaml.YAMLException ? err.mark : undefined;
  // js-yaml's line and column are wrong for some errors (a NUL byte is reported on line 1): its offset is right.
  const { line, column } = mark && typeof mark.position === 'number' ? pointAt(text, mark.position) : { line: mark?.line ?? 0, column: mark?.column ?? 0 };
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
  return {
    rule: isTag ? 'yaml/custom-tag' : /duplicated mapping key/.test(reason) ? 'yaml/duplicate-key' : 'yaml/syntax',
    severity: 'error',
    message: isTag ? `tags are not allowed: ${reason}` : reason,
    location: { file, range },
  };
}

/** The `yaml` package's message, said plainly for the mistakes people make most. */
function syntaxMessage(e: YAMLError): string {
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return 'a tab indents this line: YAML indents with spaces only';
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
      // An unclosed [ or { is reported as an indentation problem where the file ends: say that instead.
      if (/^Flow (sequence|map)/.test(e.message)) return firstLine(e.message);
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
      const bang = text.lastIndexOf('!', node.range[0]);
      if (bang < 0) return;
      let start = bang;
      while (start > 0 && !/[\s[{,]/.test(text[start - 1])) start--;
      // Text glued before the tag (`]!tag`) is no part of it.
      if (text[start] !== '!') start = bang;
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

/** A problem found while js-yaml reads, thrown out of its listener to stop the read at a place in the text. */
class ReadProblem extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly offset: number,
    readonly length: number,
    readonly help: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface ReaderState {
  position: number;
  kind: string | null;
  anchor: string | null;
  result: unknown;
}

/**
 * js-yaml reads a mapping key like any node and then turns it into a property name with String():
 * `on`, `yes`, `010` (PlainScalars) all become "[object Object]", `~` becomes "null", and `[sites]`
 * becomes "sites". Keys are text in NetBox's JSON and the devicetype-library, so this listener, called
 * when each node opens and closes, gives a scalar key its source text while it is still js-yaml's
 * current result, and stops at a collection used as a key. It also stops at an alias inside the node it
 * names (`&x [*x]`): js-yaml builds a cyclic object that no JSON can hold.
 */
function readerListener(text: string): (event: 'open' | 'close', state: ReaderState) => void {
  const opens: number[] = [];
  // Anchored collections whose reading has ended: an alias to any other collection is inside it.
  const complete = new WeakSet<object>();
  // The source text of anchored typed scalars, for an alias used as a key.
  const anchored = new Map<string, string>();
  // Most files have no `?` key indicator: skip looking back for one.
  const explicitKeys = EXPLICIT_KEY.test(text);
  const isKey = (start: number, end: number) => isImplicitKey(text, end) || (explicitKeys && afterExplicitKeyIndicator(text, start));
  return (event, state) => {
    if (event === 'open') {
      opens.push(state.position);
      return;
    }
    const start = opens.pop()!;
    const r = state.result;
    if (typeof r === 'string') return;
    if (r !== null && typeof r === 'object' && !(r instanceof PlainScalar)) {
      if (state.kind === null) {
        if (!complete.has(r)) {
          const at = nodeStart(text, start);
          const alias = /^\*[^\s,[\]{}]*/.exec(text.slice(at))?.[0] ?? '*';
          throw new ReadProblem('yaml/alias-cycle', `the alias ${alias} is inside the node it names: the data would contain itself`, at, alias.length, 'copy the data the alias stands for, or move the anchor to a node that does not contain the alias', { alias: alias.slice(1) });
        }
      } else if (state.anchor !== null) {
        complete.add(r);
      }
      if (isKey(start, state.position)) {
        const at = nodeStart(text, start);
        const what = Array.isArray(r) ? 'a list' : 'a mapping';
        let end = state.position;
        while (end > at && /\s/.test(text[end - 1])) end--;
        throw new ReadProblem('yaml/complex-key', `${what} is used as a mapping key; keys must be text`, at, end - at, 'write the key as plain text, e.g. `sites:`, not `[sites]:`', { kind: Array.isArray(r) ? 'sequence' : 'mapping' });
      }
      return;
    }
    if (state.anchor !== null && state.kind === 'scalar') anchored.set(state.anchor, scalarText(text, start, state.position, r));
    if (!isKey(start, state.position)) return;
    const written = scalarText(text, start, state.position, r);
    // An alias key stands for its anchored node's text.
    state.result = written.startsWith('*') ? (anchored.get(written.slice(1)) ?? String(r)) : written;
  };
}

/** The source text of a scalar read between two offsets: typed scalars hold no white space. */
function scalarText(text: string, start: number, end: number, value: unknown): string {
  if (value instanceof PlainScalar) return value.source;
  const token = /(\S*)\s*$/.exec(stripComments(text.slice(start, end)))![1];
  // An anchor with no content after it (`? &a`) is an empty key.
  return token.startsWith('&') ? '' : token;
}

function stripComments(s: string): string {
  return s.replace(/(^|[ \t])#[^\n]*/g, '$1');
}

const EXPLICIT_KEY = /(?:^|[\s[{,])\?(?:\s|$)/m;

/** Whether a `:` follows the node that js-yaml read up to end on its line: the node is an implicit key. */
function isImplicitKey(text: string, end: number): boolean {
  let i = end;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) === 58 /* : */) {
    // A block collection ends at the start of a later line: a `:` there belongs to another node.
    let j = end - 1;
    while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
    return j >= 0 && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13;
  }
  return false;
}

/** Whether the first thing before offset, across blank and comment lines, is a `?` key indicator. */
function afterExplicitKeyIndicator(text: string, offset: number): boolean {
  let end = offset;
  for (;;) {
    // lastIndexOf takes a negative start as 0: at the very start it would find a leading line feed.
    if (end <= 0) return false;
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const before = stripComments(text.slice(lineStart, end)).trimEnd();
    if (before === '' || before === '\r') {
      if (lineStart === 0) return false;
      end = lineStart - 1;
      continue;
    }
    return before.endsWith('?') && (before.length === 1 || /[\s[{,]/.test(before[before.length - 2]));
  }
}

/** Where a node that js-yaml opened at offset starts: past white space and comments. */
function nodeStart(text: string, offset: number): number {
  const re = /(?:\s|#[^\n]*)*/y;
  re.lastIndex = offset;
  re.exec(text);
  return re.lastIndex;
}

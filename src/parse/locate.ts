import { CST, Parser, parseDocument, isMap, isSeq, isPair, isScalar, type Node, type Document, type Pair, type YAMLMap } from 'yaml';
import type { DocPath, Point, Range } from '../diagnostics/diagnostic.js';

/**
 * Positions are computed lazily: the fast parser keeps none, and only a file that has a diagnostic is
 * parsed again with `yaml`'s Document API, which records a range for every node. That API reads about
 * 2 MB/s, so for a problem inside one entry of a top-level collection (`devices[412]`) only that
 * entry's lines are parsed; the whole file only when the entry cannot be cut out safely. Each entry
 * (and the file) is parsed at most once, however many diagnostics it has, and keys are looked up
 * through an index per mapping: locating all of a file's diagnostics is linear in their number.
 *
 * Lines end as YAML ends them: at \r\n, \r or \n. `yaml` only knows \n and \r\n, so it reads a copy
 * whose lone \r are \n (the same length, so offsets are the same).
 */
export class SourceMap {
  private doc?: Document;
  private readonly lineStarts: number[];
  /** The text with each lone \r made \n. */
  private readonly lf: string;
  /** Cuts already parsed, by their id (null: the cut is not what it was taken for, parse more). */
  private readonly parsed = new Map<string, Document | null>();
  /** Per top-level collection: where each block-sequence entry starts, and where the sequence ends. */
  private readonly entries = new Map<string, { starts: number[]; end: number } | null>();
  /** Per entry (`key\0index`): where each key of its mapping starts (see scanEntryKeys). */
  private readonly entryKeys = new Map<string, { heads: number[]; byKey: Map<string, number[]>; end: number } | null>();
  /** Lines that start a top-level key, and where each key starts (see scanTopKeys). */
  private topKeys?: { heads: number[]; byKey: Map<string, number[]> } | null;

  constructor(
    readonly text: string,
    /** Cut entries out of top-level collections (false: always parse the whole file). */
    private readonly slices = true,
  ) {
    this.lf = withLineFeeds(text);
    this.lineStarts = lineStarts(this.lf);
  }

  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - this.lineStarts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.point(start), end: this.point(Math.max(start, end)) };
  }

  /**
   * The range of the node at `path`, or of its mapping key with target 'key'. A path that leaves the
   * written document (a key that came from a merge, say) stops at the deepest node that exists.
   */
  locate(path: DocPath, target: 'key' | 'value' = 'value'): Range {
    if (this.slices && typeof path[0] === 'string') {
      for (const cut of this.cuts(path)) {
        const doc = this.parsedCut(cut);
        if (!doc) continue;
        const r = findRange(doc.contents, cut.inner, target);
        if (r) return this.trimmed(cut.start + r[0], cut.start + r[1]);
      }
    }
    this.doc ??= parseDocument(cheapScalars(this.lf), { uniqueKeys: false, strict: false, prettyErrors: false });
    const r = findRange(this.doc.contents, path, target);
    return r ? this.trimmed(r[0], r[1]) : { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
  }

  /**
   * The pieces of text that may hold the node at `path`, smallest first: one key of an entry's mapping
   * (`sites[3].descripton`), the entry (`sites[3]`), one top-level key (`sites`, `colection`). Each is
   * parsed alone and used only when it reads as that one key or entry.
   */
  private *cuts(path: DocPath): Generator<Cut> {
    const [key, index, field] = path as [string, unknown, unknown];
    if (typeof index === 'number') {
      const entry = this.entry(key, index);
      if (entry) {
        if (typeof field === 'string') {
          const inner = this.entryKey(`${key}\0${index}`, entry, field);
          if (inner) yield { id: `k\0${key}\0${index}\0${field}`, ...inner, inner: path.slice(2), shape: 'key', key: field };
        }
        yield { id: `e\0${key}\0${index}`, ...entry, inner: [0, ...path.slice(2)], shape: 'entry' };
      }
    }
    const top = this.topKey(key);
    if (top) yield { id: `t\0${key}`, ...top, inner: path, shape: 'key', key };
  }

  private parsedCut(cut: Cut): Document | null {
    let doc = this.parsed.get(cut.id);
    if (doc === undefined) {
      doc = parseDocument(cheapScalars(this.lf.slice(cut.start, cut.end)), { uniqueKeys: false, strict: false, prettyErrors: false });
      const c = doc.contents;
      const fits = cut.shape === 'entry'
        ? isSeq(c) && c.items.length === 1
        : isMap(c) && c.items.length === 1 && isPair(c.items[0]) && keyText(c.items[0].key) === cut.key;
      if (doc.errors.length > 0 || !fits) doc = null;
      this.parsed.set(cut.id, doc);
    }
    return doc;
  }

  /**
   * Where the top-level key `key` starts and its value ends, when the file is one block mapping whose
   * keys each start a line: from the key to the next line that starts another key.
   */
  private topKey(key: string): { start: number; end: number } | undefined {
    this.topKeys ??= this.scanTopKeys();
    const at = this.topKeys?.byKey.get(key);
    if (!this.topKeys || !at || at.length !== 1) return undefined;
    const heads = this.topKeys.heads;
    let lo = 0;
    let hi = heads.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (heads[mid] <= at[0]) lo = mid + 1;
      else hi = mid;
    }
    return { start: at[0], end: lo < heads.length ? heads[lo] : this.lf.length };
  }

  /** Lines starting at column 0 (but sequence entries and comments) and the keys they start; null when the file is not one plain block mapping. */
  private scanTopKeys(): { heads: number[]; byKey: Map<string, number[]> } | null {
    const heads: number[] = [];
    const byKey = new Map<string, number[]>();
    let content = false;
    for (const start of this.lineStarts) {
      const c = this.lf[start];
      if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '#') continue;
      const marker = this.lf.startsWith('---', start) || this.lf.startsWith('...', start);
      if (marker && !content && this.lf.startsWith('---', start)) continue; // one leading document start
      if (marker || c === '%' || c === '?' || c === '{' || c === '[') return null;
      content = true;
      if (c === '-' && /[ \t\r\n]/.test(this.lf[start + 1] ?? '\n')) continue; // an entry of the sequence above
      heads.push(start);
      const k = keyAt(this.lf, start);
      if (k !== undefined) {
        const at = byKey.get(k);
        if (at) at.push(start);
        else byKey.set(k, [start]);
      }
    }
    return { heads, byKey };
  }

  /**
   * One key of the block mapping an entry of a block sequence holds (`- name: A` and the lines below it
   * at the same indentation): from the key to the next key at that indentation.
   */
  private entryKey(entryId: string, entry: { start: number; end: number }, key: string): { start: number; end: number } | undefined {
    let keys = this.entryKeys.get(entryId);
    if (keys === undefined) {
      keys = this.scanEntryKeys(entry);
      this.entryKeys.set(entryId, keys);
    }
    const at = keys?.byKey.get(key);
    if (!keys || !at || at.length !== 1) return undefined;
    const i = at[0];
    return { start: keys.heads[i], end: i + 1 < keys.heads.length ? this.lf.lastIndexOf('\n', keys.heads[i + 1]) + 1 : keys.end };
  }

  /** The keys of an entry's block mapping: where each starts, by index, and the indexes of each key; null when it is no such mapping. */
  private scanEntryKeys(entry: { start: number; end: number }): { heads: number[]; byKey: Map<string, number[]>; end: number } | null {
    const text = this.lf;
    let q = entry.start;
    while (text[q] === ' ') q++;
    if (text[q] !== '-' || text[q + 1] !== ' ') return null;
    q++;
    while (text[q] === ' ') q++;
    if (/[\s#{[\-?&*!|>%@`,\]}]/.test(text[q] ?? '\n')) return null; // not a mapping on the dash's line
    const indent = q - text.lastIndexOf('\n', q - 1) - 1;
    const heads = [q];
    let end = entry.end;
    for (let line = text.indexOf('\n', q) + 1; line > 0 && line < entry.end; line = text.indexOf('\n', line) + 1) {
      let p = line;
      while (text[p] === ' ') p++;
      const c = text[p];
      if (c === '\t') return null; // tabs in indentation: let the full parse judge
      if (c === '\n' || c === '\r' || c === '#' || p >= entry.end) continue;
      if (p - line < indent) {
        end = line;
        break;
      }
      if (p - line > indent || (c === '-' && /[ \r\n]/.test(text[p + 1] ?? '\n'))) continue;
      if (c === '?') return null;
      heads.push(p);
    }
    const byKey = new Map<string, number[]>();
    heads.forEach((h, i) => {
      const k = keyAt(text, h);
      if (k === undefined) return;
      const at = byKey.get(k);
      if (at) at.push(i);
      else byKey.set(k, [i]);
    });
    return { heads, byKey, end };
  }

  /** The text of entry `index` of the block sequence under the top-level key `key`, if it is one. */
  private entry(key: string, index: number): { start: number; end: number } | undefined {
    let seq = this.entries.get(key);
    if (seq === undefined) {
      seq = this.scanSequence(key);
      this.entries.set(key, seq);
    }
    if (!seq || index >= seq.starts.length) return undefined;
    return { start: seq.starts[index], end: index + 1 < seq.starts.length ? seq.starts[index + 1] : seq.end };
  }

  private scanSequence(key: string): { starts: number[]; end: number } | null {
    const lines = this.lineStarts;
    const lineText = (i: number) => this.lf.slice(lines[i], i + 1 < lines.length ? lines[i + 1] - 1 : this.lf.length).replace(/\r$/, '');
    // The key's line, from the one scan of top-level keys, must end at its colon (or a comment).
    const top = this.topKey(key);
    if (!top) return null;
    let i = this.point(top.start).line;
    if (!/:[ \t]*(#.*)?$/.test(lineText(i))) return null;
    let indent = -1;
    const starts: number[] = [];
    for (i++; i < lines.length; i++) {
      const line = lineText(i);
      if (/^\s*(#.*)?$/.test(line)) continue;
      const lead = line.length - line.trimStart().length;
      if (line.includes('\t', 0) && line.indexOf('\t') < lead) return null; // tabs in indentation: let the full parse judge
      if (indent === -1) {
        if (!/^\s*-(\s|$)/.test(line)) return null; // not a block sequence
        indent = lead;
      }
      if (lead < indent || (lead === indent && !/^\s*-(\s|$)/.test(line))) return { starts, end: lines[i] };
      if (lead === indent) starts.push(lines[i]);
    }
    return { starts, end: this.lf.length };
  }

  /** Block collections' ranges run to the next line; end them at the last non-space character. */
  private trimmed(start: number, end: number): Range {
    let e = end;
    while (e > start && /\s/.test(this.text[e - 1])) e--;
    return this.range(start, e);
  }
}

/** A piece of the text parsed alone: a sequence of one entry, or a mapping of one key; `inner` is the path in it. */
interface Cut {
  id: string;
  start: number;
  end: number;
  inner: DocPath;
  shape: 'entry' | 'key';
  key?: string;
}

/** The key a mapping line starts with at `at`: plain, or quoted without escapes; undefined for anything else. */
function keyAt(text: string, at: number): string | undefined {
  const m = /(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s#'"?{[\]},&*!|>%@`-][^\n]*?|-[^\s][^\n]*?))[ \t]*:(?=[ \t\r\n]|$)/y;
  m.lastIndex = at;
  const r = m.exec(text);
  if (!r) return undefined;
  return r[1] ?? r[2] ?? r[3];
}

/** [start, end] offsets of the node at `path` (or its key), stopping at the deepest node that exists. */
function findRange(root: unknown, path: DocPath, target: 'key' | 'value'): [number, number] | undefined {
  let node: unknown = root;
  let keyNode: Node | null = null;
  let found: Node | null = (root as Node | null) ?? null;
  for (const step of path) {
    if (isMap(node)) {
      const pair = pairOf(node, String(step));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
      found = (pair.value as Node | null) ?? keyNode;
      if (!pair.value) node = null;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      keyNode = null;
      node = item;
      found = item;
    } else {
      break;
    }
  }
  const chosen = target === 'key' && keyNode ? keyNode : found;
  const r = chosen?.range;
  return r ? [r[0], r[1]] : undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.source ?? String(key.value);
  return undefined;
}

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The first pair of `map` with key `key`; an index per mapping, so wide mappings are not scanned per lookup. */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length < 16) return map.items.find((p) => isPair(p) && keyText(p.key) === key) as Pair | undefined;
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = isPair(p) ? keyText(p.key) : undefined;
      if (k !== undefined && !index.has(k)) index.set(k, p as Pair);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

/** A double-quoted value longer than this is read as a single-quoted one of the same length (see cheapScalars). */
const LONG_QUOTED = 4096;
/** A `"` followed by LONG_QUOTED characters with no unescaped `"` among them: where such a value may be. */
const LONG_QUOTED_RUN = new RegExp(`"(?:[^"\\\\]|\\\\[^]){${LONG_QUOTED - 1}}`);

/**
 * The text with each long double-quoted value replaced by a single-quoted one of the same length:
 * `yaml` decodes double-quoted text one character at a time (20 s for 50 MB), single-quoted text at
 * memory speed, and locating needs only where nodes start and end, never a value's text. Keys are
 * kept as written, as lookups compare them.
 */
function cheapScalars(text: string): string {
  // The CST pass costs half a full parse: most texts hold no double-quoted run that long at all.
  if (text.length < LONG_QUOTED || !LONG_QUOTED_RUN.test(text)) return text;
  const cuts: [number, number][] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      const v = item.value;
      if (v?.type === 'double-quoted-scalar' && v.source.length > LONG_QUOTED) cuts.push([v.offset, v.source.length]);
    });
  }
  if (cuts.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [offset, length] of cuts.sort((a, b) => a[0] - b[0])) {
    out += `${text.slice(at, offset)}'${'x'.repeat(length - 2)}'`;
    at = offset + length;
  }
  return out + text.slice(at);
}

/** The text with each lone \r (a line break in YAML, which `yaml` does not read as one) made \n. */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Offsets where lines start, lines ending at \r\n, \r or \n as in YAML. */
export function lineStarts(text: string): number[] {
  const lf = withLineFeeds(text);
  const starts = [0];
  for (let i = lf.indexOf('\n'); i !== -1; i = lf.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line and column of `offset` in `text` (lines as lineStarts splits them). */
export function pointAt(text: string, offset: number): Point {
  return new SourceMap(text).point(offset);
}

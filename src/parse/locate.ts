import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node, type Document } from 'yaml';
import type { DocPath, Point, Range } from '../diagnostics/diagnostic.js';

/**
 * Positions are computed lazily: the fast parser keeps none, and only a file that has a diagnostic is
 * parsed a second time with `yaml`'s Document API, which records a range for every node.
 */
export class SourceMap {
  private readonly doc: Document;
  private readonly lines: LineCounter;

  constructor(readonly text: string) {
    this.lines = new LineCounter();
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false, strict: false, prettyErrors: false });
  }

  point(offset: number): Point {
    const p = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line: p.line - 1, column: p.col - 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.point(start), end: this.point(Math.max(start, end)) };
  }

  /**
   * The range of the node at `path`, or of its mapping key with target 'key'. A path that leaves the
   * written document (a key that came from a merge, say) stops at the deepest node that exists.
   */
  locate(path: DocPath, target: 'key' | 'value' = 'value'): Range {
    let node: unknown = this.doc.contents;
    let keyNode: Node | null = null;
    let found: Node | null = (this.doc.contents as Node | null) ?? null;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(step));
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
    if (!r) return { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
    return this.trimmed(r[0], r[1]);
  }

  /** Block collections' ranges run to the next line; end them at the last non-space character. */
  private trimmed(start: number, end: number): Range {
    let e = end;
    while (e > start && /\s/.test(this.text[e - 1])) e--;
    return this.range(start, e);
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.source ?? String(key.value);
  return undefined;
}

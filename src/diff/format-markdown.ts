// `sot diff --format markdown`: a pull-request comment. The title, the summary table and the line with the
// config blast radius and diagnostics delta come first and are never cut; introduced diagnostics follow,
// prominent; the rest sits in collapsible sections. GitHub refuses comments over 65,536 characters, so
// the text is capped: detail is dropped in a fixed order until it fits, and a note says what was cut.

import { DONE, byKind, clean, derivedSubject, diffCommand, formatChange, isEmptyDiff, joinAnd, kindLabel, memberList, objectWhere, plural, sideLabel } from './format-common.js';
import type { ConfigChange, DerivedChange, DiagnosticEntry, DiffResult, KindCounts, ObjectChange } from './types.js';

export interface MarkdownOptions {
  /** The most UTF-8 bytes the comment may have (default 60,000: under GitHub's 65,536 characters with room to spare). */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 60000;

/**
 * User text as inline markdown that renders as written: HTML's specials become entities, markdown's
 * inline specials get a backslash (`|` too, so a table cell never splits), line breaks become spaces.
 */
export function markdownText(s: string): string {
  // `@` gets a zero-width space after it: a device described "@noc" must not notify a GitHub team.
  return clean(s.replace(/\r\n|\r|\n/g, ' ')).replace(/[\\`*_[\]|~<>&#!@]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '@' ? '@&#8203;' : `\\${c}`,
  );
}

/** The longest run of backticks in the text (a loop: a config can hold more runs than a spread takes arguments). */
function longestTicks(text: string): number {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
export function fenceFor(text: string): string {
  return '`'.repeat(Math.max(3, longestTicks(text) + 1));
}

/** A code span that survives backticks in its text (a longer run of backticks around it). */
function codeSpan(text: string): string {
  const ticks = '`'.repeat(longestTicks(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${clean(text.replace(/\r\n|\r|\n/g, ' '))}${pad}${ticks}`;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |\n`;
}

function countCells(c: KindCounts): number[] {
  return [c.created, c.updated, c.deleted, c.renamed];
}

/** Title, summary table and the summary line: the part that is never cut. */
function header(result: DiffResult): string {
  const s = result.summary;
  let out = `### sot diff ${markdownText(sideLabel(result.base))} → ${markdownText(sideLabel(result.head))}\n\n`;
  out += row(['kind', 'created', 'updated', 'deleted', 'renamed']);
  out += row(['---', '---:', '---:', '---:', '---:']);
  for (const kind of Object.keys(s.kinds).sort()) out += row([markdownText(kind), ...countCells(s.kinds[kind])]);
  out += row(['**total**', ...countCells(s.objects).map((n) => `**${n}**`)]);
  const c = s.configs;
  const d = s.diagnostics;
  out +=
    `\nConfigs changed: **${c.created + c.updated + c.deleted}** (${c.created} created, ${c.updated} updated, ${c.deleted} deleted)` +
    ` · derived changes: **${s.derived}** objects` +
    ` · diagnostics: **${d.introduced}** introduced, **${d.fixed}** fixed, ${d.preexisting} pre-existing\n\n`;
  return out;
}

function diagnosticItem(d: DiagnosticEntry): string {
  return `- **${d.severity}** ${markdownText(d.rule)} at ${markdownText(`${d.at.file}:${d.at.line}:${d.at.column}`)}: ${markdownText(d.message)}\n`;
}

function objectLine(o: ObjectChange): string {
  const name =
    o.action === 'rename' && o.from_key !== undefined ? `**${markdownText(o.from_key)}** → **${markdownText(o.key)}**` : `**${markdownText(o.key)}**`;
  const where = objectWhere(o);
  return `- ${DONE[o.action]} ${name}${where ? ` (${markdownText(where)})` : ''}\n`;
}

function objectDetail(o: ObjectChange): string {
  return (o.changes ?? []).map((c) => `  - ${markdownText(formatChange(c))}\n`).join('');
}

function derivedItem(d: DerivedChange): string {
  const changes = (d.changes ?? []).map((c) => markdownText(formatChange(c))).join('; ');
  return (
    `- ${DONE[d.action]} ${markdownText(derivedSubject(d))} (${markdownText(kindLabel(d.cause.kind))} **${markdownText(d.cause.key)}** changed)${changes ? `: ${changes}` : ''}\n` +
    `  - ${markdownText(memberList(d.objects, d.count))}\n`
  );
}

function configHead(c: ConfigChange): string {
  return `**${markdownText(c.path)}** (${markdownText(c.key)}): ${DONE[c.action]}, +${c.added} −${c.removed}\n\n`;
}

function configDiff(c: ConfigChange): string {
  const text = c.diff === '' || c.diff.endsWith('\n') ? c.diff : `${c.diff}\n`;
  const fence = fenceFor(text);
  return `${fence}diff\n${text}${fence}\n\n`;
}

/** How much of each list is shown; every list is cut from its end. */
interface Shown {
  configDiffs: number;
  fieldDetails: number;
  fixed: number;
  configs: number;
  derived: number;
  objects: number;
  introduced: number;
}

/** The order detail is dropped in when the comment is too long: bulk first, what a reviewer must see last. */
const DROP_ORDER: (keyof Shown)[] = ['configDiffs', 'fieldDetails', 'fixed', 'configs', 'derived', 'objects', 'introduced'];

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Running totals: prefix(sizes)[k] is the sum of the first k sizes. */
function prefix(sizes: number[]): number[] {
  const out = [0];
  for (const n of sizes) out.push(out[out.length - 1] + n);
  return out;
}

/**
 * The comment's parts, rendered once, with running byte totals so the length of any cut is known in
 * constant time: fitting a diff of 100,000 objects into a comment never re-renders it item by item.
 */
class Comment {
  readonly header: string;
  readonly objects: ObjectChange[];
  readonly objectLines: string[];
  readonly objectDetails: string[];
  /** `**kind**` before the first object of each kind, '' elsewhere. */
  readonly kindHeads: string[];
  readonly derived: string[];
  readonly configHeads: string[];
  readonly configDiffs: string[];
  readonly fixed: string[];
  readonly introduced: string[];
  readonly command: string;
  private readonly sums: Record<'objectLines' | 'objectDetails' | 'kindHeads' | 'derived' | 'configHeads' | 'configDiffs' | 'fixed' | 'introduced', number[]>;
  /** How many of the first k objects have field changes. */
  private readonly withDetails: number[];

  constructor(result: DiffResult) {
    this.header = header(result);
    this.objects = byKind(result.objects).flatMap(([, list]) => list);
    this.objectLines = this.objects.map(objectLine);
    this.objectDetails = this.objects.map(objectDetail);
    this.kindHeads = this.objects.map((o, i) =>
      i === 0 || o.kind !== this.objects[i - 1].kind ? `${i === 0 ? '' : '\n'}**${markdownText(o.kind)}**\n\n` : '',
    );
    this.derived = result.derived.map(derivedItem);
    this.configHeads = result.configs.map(configHead);
    this.configDiffs = result.configs.map(configDiff);
    this.fixed = result.diagnostics.fixed.map(diagnosticItem);
    this.introduced = result.diagnostics.introduced.map(diagnosticItem);
    this.command = diffCommand(result);
    const sizes = (list: string[]) => prefix(list.map(bytes));
    this.sums = {
      objectLines: sizes(this.objectLines),
      objectDetails: sizes(this.objectDetails),
      kindHeads: sizes(this.kindHeads),
      derived: sizes(this.derived),
      configHeads: sizes(this.configHeads),
      configDiffs: sizes(this.configDiffs),
      fixed: sizes(this.fixed),
      introduced: sizes(this.introduced),
    };
    this.withDetails = prefix(this.objectDetails.map((d) => (d === '' ? 0 : 1)));
  }

  all(): Shown {
    return {
      configDiffs: this.configDiffs.length,
      fieldDetails: this.objects.length,
      fixed: this.fixed.length,
      configs: this.configHeads.length,
      derived: this.derived.length,
      objects: this.objects.length,
      introduced: this.introduced.length,
    };
  }

  private introducedHead(): string {
    return `**${plural(this.introduced.length, 'diagnostic')} introduced**\n\n`;
  }

  private objectsOpen(): string {
    return `<details><summary>Objects (${this.objects.length})</summary>\n\n`;
  }

  private derivedOpen(): string {
    return `<details><summary>Derived changes (${this.derived.length})</summary>\n\n`;
  }

  private configsOpen(): string {
    return `<details><summary>Configs (${this.configHeads.length})</summary>\n\n`;
  }

  private fixedOpen(): string {
    return `<details><summary>Diagnostics fixed (${this.fixed.length})</summary>\n\n`;
  }

  /** What was cut, or '' when nothing was: each item counted once, at the highest level it was cut. */
  note(shown: Shown): string {
    const parts: string[] = [];
    const add = (n: number, word: string, many?: string) => {
      if (n > 0) parts.push(plural(n, word, many));
    };
    add(Math.max(0, shown.configs - shown.configDiffs), 'config diff');
    add(Math.max(0, this.withDetails[shown.objects] - this.withDetails[Math.min(shown.fieldDetails, shown.objects)]), 'object’s field changes', 'objects’ field changes');
    add(this.fixed.length - shown.fixed, 'fixed diagnostic');
    add(this.configHeads.length - shown.configs, 'changed config');
    add(this.derived.length - shown.derived, 'derived change');
    add(this.objects.length - shown.objects, 'object change');
    add(this.introduced.length - shown.introduced, 'introduced diagnostic');
    if (parts.length === 0) return '';
    return `_${joinAnd(parts)} not shown; run ${codeSpan(this.command)} for all._\n`;
  }

  /** The byte length of render(shown), without rendering it. */
  size(shown: Shown): number {
    const s = this.sums;
    const close = bytes('\n</details>\n\n');
    let n = bytes(this.header);
    if (shown.introduced > 0) n += bytes(this.introducedHead()) + s.introduced[shown.introduced] + 1;
    if (shown.objects > 0) {
      n += bytes(this.objectsOpen()) + s.kindHeads[shown.objects] + s.objectLines[shown.objects];
      n += s.objectDetails[Math.min(shown.fieldDetails, shown.objects)] + close;
    }
    if (shown.derived > 0) n += bytes(this.derivedOpen()) + s.derived[shown.derived] + close;
    if (shown.configs > 0) n += bytes(this.configsOpen()) + s.configHeads[shown.configs] + s.configDiffs[Math.min(shown.configDiffs, shown.configs)] + close - 1;
    if (shown.fixed > 0) n += bytes(this.fixedOpen()) + s.fixed[shown.fixed] + close;
    const note = this.note(shown);
    // Without a note the text ends in a blank line, which render trims to one newline.
    return note === '' ? n - 1 : n + bytes(note);
  }

  render(shown: Shown): string {
    let out = this.header;
    if (shown.introduced > 0) out += `${this.introducedHead()}${this.introduced.slice(0, shown.introduced).join('')}\n`;
    if (shown.objects > 0) {
      let body = '';
      for (let i = 0; i < shown.objects; i++) body += this.kindHeads[i] + this.objectLines[i] + (i < shown.fieldDetails ? this.objectDetails[i] : '');
      out += `${this.objectsOpen()}${body}\n</details>\n\n`;
    }
    if (shown.derived > 0) out += `${this.derivedOpen()}${this.derived.slice(0, shown.derived).join('')}\n</details>\n\n`;
    if (shown.configs > 0) {
      let body = '';
      for (let i = 0; i < shown.configs; i++) body += this.configHeads[i] + (i < shown.configDiffs ? this.configDiffs[i] : '');
      out += `${this.configsOpen()}${body}</details>\n\n`;
    }
    if (shown.fixed > 0) out += `${this.fixedOpen()}${this.fixed.slice(0, shown.fixed).join('')}\n</details>\n\n`;
    const note = this.note(shown);
    return note === '' ? out.slice(0, -1) : out + note;
  }
}

/**
 * The diff as a GitHub comment, at most `maxBytes` UTF-8 bytes. When the whole diff is longer, items are
 * dropped from the end of each list in DROP_ORDER, one list emptied before the next is touched, until the
 * text fits; a note names what was cut. The title, the summary table, the summary line and the note are
 * never cut: a maxBytes smaller than those alone is exceeded.
 */
export function formatMarkdown(result: DiffResult, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (isEmptyDiff(result)) {
    const pre = result.diagnostics.preexisting.length;
    const title = `### sot diff ${markdownText(sideLabel(result.base))} → ${markdownText(sideLabel(result.head))}`;
    return `${title}\n\nNo changes.${pre > 0 ? ` ${plural(pre, 'pre-existing diagnostic')}.` : ''}\n`;
  }
  const comment = new Comment(result);
  const shown = comment.all();
  for (const key of DROP_ORDER) {
    while (shown[key] > 0 && comment.size(shown) > maxBytes) shown[key]--;
  }
  return comment.render(shown);
}

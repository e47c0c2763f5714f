// `sot diff` for a terminal (the default format): a one-screen summary first, then the objects per kind,
// the folded derived changes, the configs with their unified diffs and the diagnostics delta.
// Colour only when asked; otherwise plain text, so piped output and tests see no escape codes.

import {
  byKind,
  clean,
  derivedCause,
  derivedSubject,
  formatChange,
  isEmptyDiff,
  memberList,
  objectWhere,
  plural,
  sideLabel,
} from './format-common.js';
import type { ConfigChange, DerivedChange, DiagnosticEntry, DiffResult, KindCounts, ObjectChange } from './types.js';

export interface PrettyOptions {
  /** ANSI colours: green for what is added, red for what goes, yellow for what changes. */
  color?: boolean;
}

const ESC = '\x1b[';

interface Paint {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
}

function paint(color: boolean): Paint {
  const wrap = (code: string) => (s: string) => (color && s !== '' ? `${ESC}${code}m${s}${ESC}0m` : s);
  return { green: wrap('32'), red: wrap('31'), yellow: wrap('33') };
}

const MARK: Readonly<Record<string, string>> = { create: '+', update: '~', delete: '-', rename: '→' };

function actionPaint(p: Paint, action: string): (s: string) => string {
  return action === 'create' ? p.green : action === 'delete' ? p.red : p.yellow;
}

/** `1 created, 2 updated`: the counts that are not zero (all four when `all`). */
function counts(c: KindCounts, all: boolean): string {
  const parts: string[] = [];
  for (const [n, word] of [
    [c.created, 'created'],
    [c.updated, 'updated'],
    [c.deleted, 'deleted'],
    [c.renamed, 'renamed'],
  ] as const) {
    if (all || n > 0) parts.push(`${n} ${word}`);
  }
  return parts.join(', ');
}

function summary(result: DiffResult): string[] {
  const s = result.summary;
  const lines: string[] = [];
  const derived = s.derived > 0 ? `; ${s.derived} through derived changes` : '';
  lines.push(`objects: ${counts(s.objects, true)}${derived}`);
  const kinds = Object.keys(s.kinds).sort();
  const width = Math.max(0, ...kinds.map((k) => k.length));
  for (const kind of kinds) lines.push(`  ${clean(kind).padEnd(width)}  ${counts(s.kinds[kind], false)}`);
  const c = s.configs;
  lines.push(`configs: ${c.created + c.updated + c.deleted} changed (${c.created} created, ${c.updated} updated, ${c.deleted} deleted)`);
  const d = s.diagnostics;
  lines.push(`diagnostics: ${d.introduced} introduced, ${d.fixed} fixed, ${d.preexisting} pre-existing`);
  return lines;
}

function objectLines(p: Paint, o: ObjectChange): string[] {
  const paintIt = actionPaint(p, o.action);
  const name = o.action === 'rename' && o.from_key !== undefined ? `${clean(o.from_key)} → ${clean(o.key)}` : clean(o.key);
  const where = objectWhere(o);
  const lines = [`  ${paintIt(MARK[o.action])} ${name}${where ? `  ${clean(where)}` : ''}`];
  for (const change of o.changes ?? []) lines.push(`      ${clean(formatChange(change))}`);
  return lines;
}

function derivedLines(p: Paint, d: DerivedChange): string[] {
  const changes = (d.changes ?? []).map((c) => clean(formatChange(c))).join('; ');
  const head = `${clean(derivedSubject(d))} (${clean(derivedCause(d))})`;
  return [`  ${actionPaint(p, d.action)(MARK[d.action])} ${head}${changes ? `: ${changes}` : ''}`, `      ${clean(memberList(d.objects, d.count))}`];
}

function configLines(p: Paint, c: ConfigChange): string[] {
  const lines = [`  ${actionPaint(p, c.action)(MARK[c.action])} ${clean(c.path)}  ${clean(c.key)}  ${p.green(`+${c.added}`)} ${p.red(`-${c.removed}`)}`];
  const text = c.diff.endsWith('\n') ? c.diff.slice(0, -1) : c.diff;
  if (text === '') return lines;
  for (const raw of text.split('\n')) {
    const line = clean(raw);
    const painted =
      line.startsWith('+++') || line.startsWith('---')
        ? line
        : line.startsWith('+')
          ? p.green(line)
          : line.startsWith('-')
            ? p.red(line)
            : line.startsWith('@@')
              ? p.yellow(line)
              : line;
    lines.push(`    ${painted}`);
  }
  return lines;
}

function diagnosticLine(paintIt: (s: string) => string, d: DiagnosticEntry): string {
  return `  ${clean(`${d.at.file}:${d.at.line}:${d.at.column}`)}  ${paintIt(d.severity)}  ${clean(d.rule)}  ${clean(d.message)}`;
}

/** The diff as terminal text, ending with a newline. */
export function formatPretty(result: DiffResult, options: PrettyOptions = {}): string {
  const p = paint(options.color ?? false);
  const title = `${clean(sideLabel(result.base))} → ${clean(sideLabel(result.head))}`;
  if (isEmptyDiff(result)) {
    const pre = result.diagnostics.preexisting.length;
    return `${title}: no changes${pre > 0 ? ` (${plural(pre, 'pre-existing diagnostic')})` : ''}\n`;
  }
  const blocks: string[][] = [[title, ...summary(result)]];
  for (const [kind, objects] of byKind(result.objects)) blocks.push([clean(kind), ...objects.flatMap((o) => objectLines(p, o))]);
  if (result.derived.length > 0) blocks.push(['derived changes', ...result.derived.flatMap((d) => derivedLines(p, d))]);
  if (result.configs.length > 0) blocks.push(['configs', ...result.configs.flatMap((c) => configLines(p, c))]);
  const diags: string[] = [];
  const { introduced, fixed } = result.diagnostics;
  if (introduced.length > 0) {
    diags.push('diagnostics introduced', ...introduced.map((d) => diagnosticLine(d.severity === 'error' ? p.red : p.yellow, d)));
  }
  if (fixed.length > 0) diags.push('diagnostics fixed', ...fixed.map((d) => diagnosticLine(p.green, d)));
  if (diags.length > 0) blocks.push(diags);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

// What the three formats of `sot diff` share: how a side is named, how a value is printed, when a diff is
// empty. Pure functions of the DiffResult, so the same diff always prints the same bytes.

import { loadSchemas } from '../model/kinds.js';
import type { DerivedChange, DiffResult, DiffSide, FieldChange, ObjectChange, Place } from './types.js';

/**
 * Control characters in user data (names, values, messages, config text) must not reach a terminal or a
 * rendered comment: an ESC from an inventory file would restyle the screen. Each becomes U+FFFD. Tabs
 * are kept; callers split lines before they clean.
 */
export function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/g, '\uFFFD');
}

/** `3 configs`, `1 config`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * A side as a reader knows it: the revision they named, with the short commit when the name was not the
 * commit itself; the working tree when there is no commit.
 */
export function sideLabel(side: DiffSide): string {
  if (side.commit === null) return side.rev === '' ? 'working tree' : side.rev;
  const short = side.commit.slice(0, 7);
  return side.rev === '' || side.commit.startsWith(side.rev) ? short : `${side.rev} (${short})`;
}

/** The command that shows the whole diff: the head is left out when it is the working tree, as the user would type it. */
export function diffCommand(result: DiffResult): string {
  return result.head.commit === null ? `sot diff ${result.base.rev}` : `sot diff ${result.base.rev} ${result.head.rev}`;
}

/** Object keys sorted, at every depth: a value prints the same whatever order its producer built it in. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

/**
 * A string needs quotes when, printed bare, it could be read as something else: empty, spaces at an end,
 * a line break, text that reads as a number, boolean, null, JSON or `(unset)`, or an arrow that would
 * split `before → after` in two.
 */
function ambiguous(s: string): boolean {
  return (
    s === '' ||
    s !== s.trim() ||
    // eslint-disable-next-line no-control-regex
    /[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(s) ||
    /^(null|true|false|\(unset\))$/.test(s) ||
    (/^[-+]?(\d|\.\d)/.test(s) && s.trim() !== '' && !Number.isNaN(Number(s))) ||
    /^["[{]/.test(s) ||
    s.includes('→')
  );
}

/** A field's value, compactly: strings bare unless ambiguous, lists and mappings as compact JSON, an unset value as `(unset)`. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return ambiguous(value) ? JSON.stringify(value) : value;
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(sortKeys(value));
}

/** `mtu: 1500 → 9000`. */
export function formatChange(change: FieldChange): string {
  return `${change.field}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
}

export function formatPlace(place: Place): string {
  return `${place.file}:${place.line}`;
}

/** Where an object is written: the head's place, the base's for a delete, both when an update or rename moved it. */
export function objectWhere(o: ObjectChange): string {
  const base = o.base ? formatPlace(o.base) : undefined;
  const head = o.head ? formatPlace(o.head) : undefined;
  if (base && head && base !== head) return `${base} → ${head}`;
  return head ?? base ?? '';
}

/** True when nothing differs: no object, derived change, config or diagnostic delta (pre-existing diagnostics are not a change). */
export function isEmptyDiff(result: DiffResult): boolean {
  return (
    result.objects.length === 0 &&
    result.derived.length === 0 &&
    result.configs.length === 0 &&
    result.diagnostics.introduced.length === 0 &&
    result.diagnostics.fixed.length === 0
  );
}

/** The objects grouped by kind, in the order the result lists them (sorted by kind, then key). */
export function byKind(objects: ObjectChange[]): [string, ObjectChange[]][] {
  const groups = new Map<string, ObjectChange[]>();
  for (const o of objects) {
    let list = groups.get(o.kind);
    if (!list) groups.set(o.kind, (list = []));
    list.push(o);
  }
  return [...groups];
}

/** Members of a folded change, compactly: the first few keys and how many more. */
export function memberList(keys: string[], count: number, shown = 5): string {
  const head = keys.slice(0, shown).join(', ');
  const more = count - Math.min(shown, keys.length);
  return more > 0 ? `${head} and ${more} more` : head;
}

/** The past tense of an action, as summaries say it. */
export const DONE: Readonly<Record<string, string>> = { create: 'created', update: 'updated', delete: 'deleted', rename: 'renamed' };

/** A kind as NetBox's UI names it (`device type`), or its app.model when sot does not know it. */
export function kindLabel(kind: string): string {
  return loadSchemas().kinds.get(kind)?.label ?? kind;
}

/** Kinds whose components their devices get: the members of their derived changes are components of devices. */
const COMPONENT_SOURCES = new Set(['dcim.devicetype', 'dcim.moduletype']);

/**
 * What a folded derived change touches, as a reviewer would say it: `40 interfaces of 20 devices`. The
 * devices are counted from the members' keys (a component's key is its device's key, then its name).
 */
export function derivedSubject(d: DerivedChange): string {
  const label = kindLabel(d.kind);
  const subject = `${d.count} ${label === d.kind || d.count === 1 ? label : `${label}s`}`;
  if (!COMPONENT_SOURCES.has(d.cause.kind) || d.objects.length !== d.count || d.count === 0) return subject;
  const devices = new Set(d.objects.map((k) => (k.includes(' / ') ? k.slice(0, k.lastIndexOf(' / ')) : k)));
  return `${subject} of ${plural(devices.size, 'device')}`;
}

/** `device type Arista / 7050 changed`. */
export function derivedCause(d: DerivedChange): string {
  return `${kindLabel(d.cause.kind)} ${d.cause.key} changed`;
}

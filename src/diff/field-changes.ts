// A changed field as a reviewer wants to read it: not two walls of JSON, but the parts that differ. A
// mapping (custom_fields, config context data) is compared key by key (`custom_fields.owner`), a list
// of named mappings (a device type's interfaces) item by item by name (`interfaces[eth2].description`),
// down to the values that differ; anything else is one change, before → after.
import { sameValue } from './snapshot.js';
import type { FieldChange } from './types.js';

export function fieldChanges(field: string, before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  refine(field, before, after, out);
  // Equal texts that differ all the same (a name that did not resolve on one side): say it whole.
  if (out.length === 0) out.push(whole(field, before, after));
  return out;
}

function whole(field: string, before: unknown, after: unknown): FieldChange {
  const change: FieldChange = { field };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return change;
}

function refine(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (before === undefined && after === undefined) return;
  if (before !== undefined && after !== undefined && sameValue(before, after)) return;
  if (isMapping(before) && isMapping(after)) {
    for (const key of unionKeys(before, after)) refine(`${path}.${key}`, before[key] ?? undefined, after[key] ?? undefined, out);
    return;
  }
  const named = { before: byName(before), after: byName(after) };
  if (named.before && named.after) {
    for (const name of unionKeys(named.before, named.after)) refine(`${path}[${name}]`, named.before.get(name), named.after.get(name), out);
    return;
  }
  out.push(whole(path, before, after));
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A list of mappings each with its own `name`, by name; undefined for any other value. */
function byName(v: unknown): Map<string, unknown> | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out = new Map<string, unknown>();
  for (const item of v) {
    if (!isMapping(item) || typeof item.name !== 'string' || out.has(item.name)) return undefined;
    out.set(item.name, item);
  }
  return out;
}

/** The keys of the base in its order, then the head's new ones in theirs. */
function unionKeys(a: Record<string, unknown> | Map<string, unknown>, b: Record<string, unknown> | Map<string, unknown>): string[] {
  const keys = a instanceof Map ? [...a.keys()] : Object.keys(a);
  const seen = new Set(keys);
  for (const k of b instanceof Map ? b.keys() : Object.keys(b)) if (!seen.has(k)) keys.push(k);
  return keys;
}

import { PlainScalar } from '../parse/scalars.js';
import type { Obj } from '../model/model.js';
import type { Resolver } from './resolve.js';

/** Custom field types whose values are text: a plain scalar keeps its source text there (`0123`). */
const TEXT_TYPES = new Set(['text', 'longtext', 'url', 'select', 'multiselect', 'date', 'datetime', 'object', 'multiobject']);

/**
 * Custom field values are left with both YAML readings by validation (their schema is open); the
 * field's definition says which one the user meant. Runs before checks, which then judge the values.
 */
export function settleCustomFields(r: Resolver): void {
  const types = new Map<string, string>();
  for (const def of r.byKind.get('extras.customfield') ?? []) {
    if (typeof def.data.name === 'string') types.set(def.data.name, typeof def.data.type === 'string' ? def.data.type : 'text');
  }
  // The same value when nothing in it is a plain scalar, so that unchanged data is never written.
  const settle = (v: unknown, text: boolean): unknown => {
    if (v instanceof PlainScalar) return text ? v.source : v.core;
    if (Array.isArray(v)) {
      const out = v.map((x) => settle(x, text));
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    return v;
  };
  const visit = (obj: Obj) => {
    const cf = obj.data.custom_fields;
    if (!cf || typeof cf !== 'object' || Array.isArray(cf)) return;
    let settled: Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(cf)) {
      const v = settle(value, TEXT_TYPES.has(types.get(name) ?? 'json'));
      if (v !== value) (settled ??= { ...cf })[name] = v;
    }
    // Copy on write: the parsed data may be shared with another compile through a parse cache, and
    // what a value settles to depends on definitions in other files.
    if (settled) obj.data = { ...obj.data, custom_fields: settled };
  };
  // Without definitions every value is reported as unknown; there is nothing to decide.
  if (types.size === 0) return;
  for (const obj of r.objects) if (obj.kind.customFields) visit(obj);
}

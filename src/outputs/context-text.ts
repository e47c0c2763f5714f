import type { EffectiveContext, Provenance } from '../model/config-context.js';
import { describe, type Obj } from '../model/model.js';

/** A value on one line: scalars as JSON, short lists inline. */
function inline(value: unknown): string {
  return JSON.stringify(value);
}

function sourceName(obj: Obj, self: Obj): string {
  return obj === self ? 'local_context_data' : `context "${obj.data.name}"`;
}

/**
 * `sot context` as text: the contexts that apply in merge order, then every value of the merged data
 * with the context (or the object's own local_context_data) that supplied it.
 */
export function contextText(obj: Obj, ec: EffectiveContext): string {
  const lines: string[] = [`config context of ${describe(obj)}`, ''];
  lines.push('contexts, in merge order (weight, then name):');
  if (!ec.contexts.length) lines.push('  (none applies)');
  for (const c of ec.contexts) lines.push(`  ${String(c.data.weight ?? 1000).padStart(5)}  ${c.data.name}`);
  const local = obj.data.local_context_data;
  if (local && typeof local === 'object' && Object.keys(local).length) lines.push('  local  local_context_data (merged last)');
  lines.push('', 'values:');
  const rows: [string, string, string][] = [];
  const walk = (data: Record<string, unknown>, nodes: Map<string, Provenance> | undefined, prefix: string, inherited?: Provenance) => {
    for (const key of Object.keys(data)) {
      const node = nodes?.get(key) ?? inherited;
      const value = data[key];
      const path = prefix ? `${prefix}.${key}` : key;
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) {
        walk(value as Record<string, unknown>, node?.children, path, node);
      } else {
        rows.push([path, inline(value), node ? sourceName(node.source.obj, obj) : '']);
      }
    }
  };
  walk(ec.data, ec.sources, '');
  if (!rows.length) lines.push('  (empty)');
  const w0 = Math.max(...rows.map((r) => r[0].length), 0);
  const w1 = Math.min(Math.max(...rows.map((r) => r[1].length), 0), 48);
  for (const [path, value, source] of rows) lines.push(`  ${path.padEnd(w0)}  ${value.padEnd(w1)}  ${source}`.trimEnd());
  return `${lines.join('\n')}\n`;
}

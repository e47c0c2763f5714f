import { kindLabel, withArticle } from '../model/kinds.js';
import { describe, namedPath, type Obj } from '../model/model.js';
import type { Resolver } from './resolve.js';

/** Hierarchies (regions, site groups, locations, tenant groups, roles, platforms) must not loop. */
export function checkTrees(r: Resolver): void {
  for (const kind of r.schemas.kinds.values()) {
    if (!kind.tree) continue;
    const field = kind.tree;
    const state = new Map<Obj, 'open' | 'done'>();
    for (const start of r.byKind.get(kind.kind)!) {
      const chain: Obj[] = [];
      let node: Obj | undefined = start;
      while (node && !state.has(node)) {
        state.set(node, 'open');
        chain.push(node);
        const next: Obj | Obj[] | undefined = node.refs[field];
        node = Array.isArray(next) ? undefined : next;
      }
      if (node && state.get(node) === 'open') {
        const cycle = chain.slice(chain.indexOf(node));
        // Report once, at the member written first, so the result does not depend on visiting order.
        const first = [...cycle].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || comparePath(a.path, b.path))[0];
        const from = cycle.indexOf(first);
        const ordered = [...cycle.slice(from), ...cycle.slice(0, from)];
        const names = [...ordered, first].map((o) => `"${o.data[o.kind.key.names[0]]}"`).join(' → ');
        r.out.push({
          rule: 'resolve/cycle',
          severity: 'error',
          message: `${kindLabel(kind)} hierarchy loops: ${names}`,
          location: { file: first.file, path: [...first.path, field] },
          modelPath: namedPath(first),
          related: ordered.slice(1).map((o) => ({ location: { file: o.file, path: [...o.path, field] }, message: `${describe(o)} is in the loop` })),
          help: `${withArticle(kindLabel(kind))} cannot be its own ancestor; remove one "${field}" link`,
          data: { kind: kind.kind, cycle: ordered.map((o) => o.data[o.kind.key.names[0]]) },
        });
      }
      for (const n of chain) state.set(n, 'done');
    }
  }
}

function comparePath(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
}

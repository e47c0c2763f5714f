import { describe } from '../../model/model.js';
import { ipSpace, type NetNode } from '../../model/ip-space.js';
import type { Finding, Rule } from '../rule.js';

export const aggregateOverlap: Rule = {
  id: 'ipam/aggregate-overlap',
  description: 'An aggregate lies inside, equals or contains another aggregate.',
  severity: 'error',
  help: 'keep one aggregate per block of address space: remove the smaller one, or split the larger one around it',
  run(model) {
    const space = ipSpace(model);
    const findings: Finding[] = [];
    // Inventory order stands for creation order: NetBox refuses the later of two overlapping aggregates.
    // Equal aggregates sit side by side in the sorted list and share their parent; the last of them
    // holds the children. `first` maps each to the earliest written of its equals.
    const list = space.aggregates;
    const groups: NetNode[][] = [];
    for (let g = 0; g < list.length; ) {
      let h = g + 1;
      while (h < list.length && list[h].family === list[g].family && list[h].first === list[g].first && list[h].last === list[g].last) h++;
      groups.push(list.slice(g, h));
      g = h;
    }
    const first = new Map<NetNode, NetNode>();
    for (const group of groups) {
      const e = group.reduce((a, b) => (b.obj.id < a.obj.id ? b : a));
      for (const n of group) first.set(n, e);
    }
    const earlier = (a: NetNode | undefined, b: NetNode | undefined) => (!a || (b && b.obj.id < a.obj.id) ? b : a);
    const below = new Map<NetNode, NetNode | undefined>();
    const earliestBelow = (n: NetNode): NetNode | undefined => {
      if (below.has(n)) return below.get(n);
      let best: NetNode | undefined;
      for (const c of n.children) best = earlier(earlier(best, first.get(c)), earliestBelow(c));
      below.set(n, best);
      return best;
    };
    for (const group of groups) {
      let inside: NetNode | undefined;
      for (const m of group) inside = earlier(inside, earliestBelow(m));
      let above: NetNode | undefined;
      for (let p = group[0].parent; p; p = p.parent) above = earlier(above, first.get(p));
      const eldest = first.get(group[0])!;
      for (const n of group) {
        // NetBox asks first for an earlier aggregate covering this one (containing or equal), then for one it covers.
        const covering = [n === eldest ? undefined : eldest, above].filter((x): x is NetNode => !!x && x.obj.id < n.obj.id).reduce<NetNode | undefined>(earlier, undefined);
        if (covering) findings.push(finding(n, covering, 'inside'));
        else if (inside && inside.obj.id < n.obj.id) findings.push(finding(n, inside, 'contains'));
      }
    }
    return findings.sort((a, b) => a.obj.id - b.obj.id);
  },
};

function finding(n: NetNode, other: NetNode, how: 'inside' | 'contains'): Finding {
  const same = how === 'inside' && other.first === n.first && other.last === n.last && other.length === n.length;
  const text = same ? 'is already an aggregate' : how === 'inside' ? `is inside aggregate ${other.obj.data.prefix}` : `contains aggregate ${other.obj.data.prefix}`;
  return {
    obj: n.obj,
    field: 'prefix',
    message: `aggregate ${n.obj.data.prefix} ${text}: aggregates cannot overlap`,
    data: { prefix: n.obj.data.prefix, other: other.obj.data.prefix, relation: same ? 'equal' : how },
    related: [{ obj: other.obj, field: 'prefix', message: `the earlier ${describe(other.obj)}` }],
  };
}

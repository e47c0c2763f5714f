import { describe } from '../../model/model.js';
import { earliestOverlapping } from '../../model/interval-overlap.js';
import { ipSpace } from '../../model/ip-space.js';
import { tableName } from '../../model/ip.js';
import type { Finding, Rule } from '../rule.js';

export const ipRangeOverlap: Rule = {
  id: 'ipam/ip-range-overlap',
  description: 'Two IP ranges of one VRF (or the global table) share addresses.',
  severity: 'error',
  help: 'make the ranges disjoint: end one before the other starts, or merge them; ranges in different VRFs may overlap',
  run(model) {
    const findings: Finding[] = [];
    for (const table of ipSpace(model).tables.values()) {
      // NetBox checks every range whatever the VRF's enforce_unique, and refuses the later of two
      // (inventory order), naming the earliest range it overlaps. Families never overlap: one pass each.
      for (const family of [4, 6] as const) {
        const ranges = table.ranges.filter((r) => r.family === family && r.first <= r.last);
        const earliest = earliestOverlapping(ranges.map((r) => ({ first: r.first, last: r.last, order: r.obj.id })));
        ranges.forEach((r, i) => {
          const early = earliest[i] >= 0 ? ranges[earliest[i]] : undefined;
          if (!early || early.obj.id > r.obj.id) return;
          const name = (o: typeof r) => `${o.obj.data.start_address}-${o.obj.data.end_address}`;
          findings.push({
            obj: r.obj,
            field: 'start_address',
            message: `IP range ${name(r)} overlaps IP range ${name(early)} in ${tableName(r.obj)}`,
            data: { range: name(r), other: name(early), vrf: table.vrf?.data.name ?? null },
            related: [{ obj: early.obj, field: 'start_address', message: `the earlier ${describe(early.obj)}` }],
          });
        });
      }
    }
    return findings.sort((a, b) => a.obj.id - b.obj.id);
  },
};

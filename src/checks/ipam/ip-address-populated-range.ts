import { describe } from '../../model/model.js';
import { ipSpace, type RangeSpan } from '../../model/ip-space.js';
import { tableName } from '../../model/ip.js';
import type { Finding, Rule } from '../rule.js';

export const ipAddressPopulatedRange: Rule = {
  id: 'ipam/ip-address-populated-range',
  description: 'An IP address lies inside an IP range of its VRF marked as populated.',
  severity: 'error',
  help: 'a range with mark_populated: true stands for all its addresses; remove the address, or the range\'s mark_populated',
  run(model) {
    const findings: Finding[] = [];
    for (const table of ipSpace(model).tables.values()) {
      const populated = table.ranges.filter((r) => r.obj.data.mark_populated === true && r.first <= r.last);
      if (!populated.length) continue;
      // Both lists are sorted: one merge walk, keeping the populated ranges that may still hold an address.
      let i = 0;
      let open: RangeSpan[] = [];
      for (const ip of table.ips) {
        while (i < populated.length && (populated[i].family < ip.family || (populated[i].family === ip.family && populated[i].first <= ip.value))) open.push(populated[i++]);
        open = open.filter((r) => r.family === ip.family && r.last >= ip.value);
        const range = open[0];
        if (!range) continue;
        findings.push({
          obj: ip.obj,
          field: 'address',
          message: `IP address ${ip.obj.data.address} is inside IP range ${range.obj.data.start_address}-${range.obj.data.end_address} of ${tableName(ip.obj)}, which is marked as populated`,
          data: { address: ip.obj.data.address, range: `${range.obj.data.start_address}-${range.obj.data.end_address}`, vrf: table.vrf?.data.name ?? null },
          related: [{ obj: range.obj, field: 'mark_populated', message: `the populated ${describe(range.obj)}` }],
        });
      }
    }
    return findings.sort((a, b) => a.obj.id - b.obj.id);
  },
};

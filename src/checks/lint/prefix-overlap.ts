import { tableName } from '../../model/ip.js';
import { ipSpace, parseCidr, type NetNode } from '../../model/ip-space.js';
import { describe } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/**
 * Beyond NetBox: two CIDR networks either nest or are disjoint, so nesting is NetBox's hierarchy and
 * the only overlap of two prefixes that is not one is a duplicate. Where a table enforces unique IP
 * space, NetBox refuses it (ipam/duplicate-prefix); this rule reports it in a VRF with enforce_unique
 * off (or the global table with enforce_global_unique off). Off unless sot.yaml turns it on.
 */
export const prefixOverlap: Rule = {
  id: 'lint/prefix-overlap',
  description: 'A prefix repeats another of the same network in a VRF (or the global table) that does not enforce unique IP space (opt-in; NetBox allows it there).',
  severity: 'warning',
  optIn: true,
  help: 'remove one of them (nest a smaller prefix instead if a part of the network is meant), or leave this rule off',
  run(model, { settings }) {
    const findings: Finding[] = [];
    for (const table of ipSpace(model).tables.values()) {
      const enforced = table.vrf ? table.vrf.data.enforce_unique !== false : settings.enforceGlobalUnique;
      if (enforced) continue; // ipam/duplicate-prefix
      let first: NetNode | undefined;
      // Sorted by network, duplicates adjacent and in inventory order.
      for (const node of table.prefixes) {
        // A prefix with host bits set is ipam/prefix-host-bits' error.
        if (parseCidr(node.obj.data.prefix)?.value !== node.first) continue;
        if (!first || first.family !== node.family || first.first !== node.first || first.last !== node.last) {
          first = node;
          continue;
        }
        findings.push({
          obj: node.obj,
          field: 'prefix',
          message: `duplicate prefix ${node.obj.data.prefix} in ${tableName(node.obj)}, which does not enforce unique IP space`,
          data: { prefix: node.obj.data.prefix, vrf: table.vrf ? table.vrf.data.name : null },
          related: [{ obj: first.obj, field: 'prefix', message: `the other ${describe(first.obj)}` }],
        });
      }
    }
    return findings;
  },
};

import { containerContaining, ipSpace, prefixContaining } from '../../model/ip-space.js';
import { describe } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/**
 * Beyond NetBox, for teams that want every address filed under a network: an IP address that no
 * prefix of its VRF (or of the global table) contains. A container prefix of the global table counts
 * for addresses of every VRF, as NetBox lists them under it. NetBox accepts an address anywhere; this
 * rule is off unless sot.yaml turns it on.
 */
export const ipOutsidePrefix: Rule = {
  id: 'lint/ip-outside-prefix',
  description: 'An IP address lies in no prefix of its VRF, nor in a container prefix of the global table (opt-in; NetBox allows it).',
  severity: 'warning',
  optIn: true,
  help: 'add a prefix for the address in its VRF (or a container prefix in the global table), or correct the address or its VRF',
  run(model) {
    const findings: Finding[] = [];
    const space = ipSpace(model);
    for (const table of space.tables.values()) {
      for (const ip of table.ips) {
        if (ip.obj.origin !== 'written' || prefixContaining(table, ip.family, ip.value)) continue;
        // The global table's containers are among its own prefixes; a VRF's addresses may fall under them too.
        if (table.vrf && containerContaining(space, ip.family, ip.value, ip.value)) continue;
        findings.push({
          obj: ip.obj,
          field: 'address',
          message: `${describe(ip.obj)} lies in no prefix of ${table.vrf ? 'its VRF nor in a container prefix of the global table' : 'the global table'}`,
          data: { address: ip.obj.data.address, vrf: table.vrf ? table.vrf.data.name : null },
        });
      }
    }
    return findings;
  },
};

import { BITS, formatAddress, ipSpace, networkOf } from '../../model/ip-space.js';
import type { Finding, Rule } from '../rule.js';

export const ipAddressNetworkBroadcast: Rule = {
  id: 'ipam/ip-address-network-broadcast',
  description: 'An assigned IP address is its network\'s network ID (IPv4 outside /31–/32, IPv6 outside /127–/128) or IPv4 broadcast address.',
  severity: 'error',
  help: 'assign a host address of the network (or use a /31 or /127 for a point-to-point link); unassigned addresses may be network or broadcast addresses',
  run(model) {
    const findings: Finding[] = [];
    // The IP space holds every address already read (those of unresolved VRFs, already reported, aside).
    for (const table of ipSpace(model).tables.values()) for (const c of table.ips) {
      const obj = c.obj;
      // NetBox checks only assigned addresses, by the address's own mask, never a parent prefix.
      if (!obj.refs.assigned_object) continue;
      if (c.length >= BITS[c.family] - 1) continue;
      const { first, last } = networkOf(c);
      const what = c.value === first ? 'network ID' : c.family === 4 && c.value === last ? 'broadcast address' : undefined;
      if (!what) continue;
      const ip = formatAddress(c.family, c.value);
      findings.push({
        obj,
        field: 'address',
        message: `${ip} is the ${what} of ${formatAddress(c.family, first)}/${c.length}, which may not be assigned to an interface`,
        data: { address: obj.data.address, kind: what === 'network ID' ? 'network' : 'broadcast' },
      });
    }
    return findings.sort((a, b) => a.obj.id - b.obj.id);
  },
};

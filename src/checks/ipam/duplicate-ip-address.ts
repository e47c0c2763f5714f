import { ipSpace } from '../../model/ip-space.js';
import { tableName } from '../../model/ip.js';
import { describe, ref, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** `10.0.0.1/24 is assigned to interface "et1" of device "leaf1"`: the other address, and where it is. */
function whereIs(other: Obj): string {
  const assigned = ref(other, 'assigned_object');
  return `${other.data.address} ${assigned ? `is assigned to ${describe(assigned)}` : 'exists already'}`;
}

/** Roles NetBox lets several addresses share (IPADDRESS_ROLES_NONUNIQUE). */
const SHARED_ROLES = new Set(['anycast', 'vip', 'vrrp', 'hsrp', 'glbp', 'carp']);

export const duplicateIpAddress: Rule = {
  id: 'ipam/duplicate-ip-address',
  description: 'Two IP addresses share a host in a VRF (or the global table) that enforces unique IP space, and not both have an anycast, VIP or FHRP role.',
  severity: 'error',
  help: "give every address of a shared host a role such as anycast or vrrp, remove the duplicate, or turn uniqueness off for the table (the VRF's enforce_unique, or enforce_global_unique in sot.yaml)",
  run(model, { settings }) {
    const findings: Finding[] = [];
    for (const table of ipSpace(model).tables.values()) {
      // NetBox enforces unique addresses in a VRF whose enforce_unique is on (its default), and in the
      // global table when ENFORCE_GLOBAL_UNIQUE is.
      if (table.vrf ? table.vrf.data.enforce_unique === false : !settings.enforceGlobalUnique) continue;
      // Sorted by host, inventory order among equals: each run of one host is its copies, masks aside.
      for (let i = 0; i < table.ips.length; ) {
        let j = i + 1;
        while (j < table.ips.length && table.ips[j].family === table.ips[i].family && table.ips[j].value === table.ips[i].value) j++;
        // The first address, and the first without a shared role.
        let first: Obj | undefined;
        let exclusive: Obj | undefined;
        for (let k = i; k < j; k++) {
          const ip = table.ips[k].obj;
          const shared = SHARED_ROLES.has(ip.data.role);
          if (!first) {
            first = ip;
            if (!shared) exclusive = ip;
            continue;
          }
          // NetBox accepts a duplicate only when it and every earlier one have a shared role.
          const other = shared ? exclusive : first;
          if (!shared && !exclusive) exclusive = ip;
          if (!other) continue;
          findings.push({
            obj: ip,
            field: 'address',
            message: `duplicate IP address ${ip.data.address} in ${tableName(ip)}: ${whereIs(other)}`,
            data: { address: ip.data.address, other: other.data.address, vrf: ref(ip, 'vrf')?.data.name ?? null },
            related: [{ obj: other, field: 'address', message: `the other ${describe(other)}` }],
          });
        }
        i = j;
      }
    }
    findings.sort((a, b) => a.obj.id - b.obj.id);
    return findings;
  },
};

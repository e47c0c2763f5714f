import { hostOf, tableName, uniquenessEnforced } from '../../model/ip.js';
import { describe, objectsOf, ref, type Obj } from '../../model/model.js';
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
    // Per table and host: the first address, and the first without a shared role.
    const seen = new Map<string, { first: Obj; exclusive?: Obj }>();
    for (const ip of objectsOf(model, 'ipam.ipaddress')) {
      if (typeof ip.data.address !== 'string' || !uniquenessEnforced(ip, settings)) continue;
      const key = `${ref(ip, 'vrf')?.id ?? '-'}\0${hostOf(ip.data.address)}`;
      const shared = SHARED_ROLES.has(ip.data.role);
      const known = seen.get(key);
      if (!known) {
        seen.set(key, { first: ip, exclusive: shared ? undefined : ip });
        continue;
      }
      // NetBox accepts a duplicate only when it and every earlier one have a shared role.
      const other = shared ? known.exclusive : known.first;
      if (!shared && !known.exclusive) known.exclusive = ip;
      if (!other) continue;
      findings.push({
        obj: ip,
        field: 'address',
        message: `duplicate IP address ${ip.data.address} in ${tableName(ip)}: ${whereIs(other)}`,
        data: { address: ip.data.address, other: other.data.address, vrf: ref(ip, 'vrf')?.data.name ?? null },
        related: [{ obj: other, field: 'address', message: `the other ${describe(other)}` }],
      });
    }
    return findings;
  },
};

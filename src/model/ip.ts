import type { Settings } from '../settings.js';
import { ref, unresolvedRef, type Obj } from './model.js';

/**
 * Address text → a canonical form for comparing, as PostgreSQL's inet compares: IPv4 as written
 * (schemas forbid leading zeros), IPv6 expanded to eight lower-case groups.
 */
export function canonicalHost(host: string): string {
  if (!host.includes(':')) return host;
  let text = host.toLowerCase();
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':');
}

/** A prefix in canonical form (`2001:DB8::/32` → `2001:db8:0:0:0:0:0:0/32`). */
export function canonicalPrefix(prefix: string): string {
  const slash = prefix.indexOf('/');
  return slash < 0 ? canonicalHost(prefix) : `${canonicalHost(prefix.slice(0, slash))}${prefix.slice(slash)}`;
}

/**
 * Whether NetBox enforces unique prefixes and addresses in an object's table: in a VRF when the VRF
 * says `enforce_unique` (its default is true), in the global table when ENFORCE_GLOBAL_UNIQUE is on.
 */
export function uniquenessEnforced(obj: Obj, settings: Settings): boolean {
  const vrf = ref(obj, 'vrf');
  if (obj.data.vrf !== undefined && obj.data.vrf !== null && !vrf) return false; // unresolved: reported already
  return vrf ? vrf.data.enforce_unique !== false : settings.enforceGlobalUnique;
}

/** `VRF "blue"` or `the global table`, as NetBox names the table of a duplicate. */
export function tableName(obj: Obj): string {
  const vrf = ref(obj, 'vrf');
  return vrf ? `VRF "${vrf.data.name}"` : 'the global table';
}

/** The primary address fields and the IP version each wants. */
export const PRIMARY_FAMILIES = [
  ['primary_ip4', 4],
  ['primary_ip6', 6],
] as const;

/** An address's IP version, from its text (`10.0.0.1/24` → 4, `2001:db8::1/64` → 6). */
export function familyOf(address: unknown): 4 | 6 | undefined {
  if (typeof address !== 'string') return undefined;
  return address.includes(':') ? 6 : 4;
}

/**
 * Whether a primary address is its object's, as NetBox decides for devices and VMs: it is on one of
 * the object's interfaces (`own`), or it is the NAT outside address of one that is. Undefined when an
 * unresolved reference leaves it open.
 */
export function primaryIpHeld(ip: Obj, own: (iface: Obj) => boolean): boolean | undefined {
  if (unresolvedRef(ip, 'assigned_object')) return undefined;
  const iface = ref(ip, 'assigned_object');
  if (iface && own(iface)) return true;
  if (unresolvedRef(ip, 'nat_inside')) return undefined;
  const inside = ref(ip, 'nat_inside');
  if (!inside) return false;
  if (unresolvedRef(inside, 'assigned_object')) return undefined;
  const insideIface = ref(inside, 'assigned_object');
  return !!insideIface && own(insideIface);
}

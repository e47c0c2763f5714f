import type { Settings } from '../settings.js';
import { ref, type Obj } from './model.js';

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

/** The host of an interface address (`10.0.0.1/24` → `10.0.0.1`), canonical. */
export function hostOf(address: string): string {
  const slash = address.indexOf('/');
  return canonicalHost(slash < 0 ? address : address.slice(0, slash));
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

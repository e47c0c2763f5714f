import type { DocPath } from '../diagnostics/diagnostic.js';
import { namedPath, ref, type Obj } from '../model/model.js';
import { EntryPaths } from './components.js';
import { NO_SCOPE } from './key-index.js';
import type { Resolver } from './resolve.js';

const INTERFACE_KINDS = ['dcim.interface', 'virtualization.vminterface'];

/**
 * `ip_addresses: [10.0.0.1/31]` under an interface assigns IP addresses to it. An address that is also
 * written as a top-level `ip_addresses` entry (same VRF and address) is that object, not a second one:
 * the inline entry assigns it; its other fields live in one place only.
 */
export function assignInlineAddresses(r: Resolver): void {
  const ipKind = r.schemas.kinds.get('ipam.ipaddress');
  if (!ipKind) return;
  const index = r.indexes.get('ipam.ipaddress')!;
  const vrfField = r.refField(ipKind, 'vrf')!;
  // Interfaces at the same place of their files share their path (see InlinePaths), and so the
  // paths of their addresses.
  const pathsUnder = new Map<DocPath, EntryPaths>();
  for (const iface of r.withInlineAddresses) {
    const kindName = iface.kind.kind;
    const list = iface.data.ip_addresses;
    if (!INTERFACE_KINDS.includes(kindName) || !Array.isArray(list)) continue;
    let paths = pathsUnder.get(iface.path);
    if (!paths) pathsUnder.set(iface.path, (paths = new EntryPaths(iface.path, 'ip_addresses')));
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      const fields: Record<string, any> = typeof entry === 'string' ? { address: entry } : entry && typeof entry === 'object' ? entry : {};
      if (typeof fields.address !== 'string') continue; // validation reports it
      const at = paths.at(i);
      // The entry's VRF decides whether it is a new address or a known one.
      const vrf = fields.vrf === undefined ? NO_SCOPE : r.lookup(fields.vrf, vrfField.spec, iface, [...at, 'vrf'], 'vrf');
      if (vrf === undefined) continue;
      const known = index.get(vrf === NO_SCOPE ? '-' : String(vrf.id), fields.address);
      // The same address written at the top level is this entry's object when it is assigned to this
      // interface or to nothing; an address assigned elsewhere is a second object (an anycast address,
      // or a duplicate that ipam/duplicate-ip-address judges).
      const existing = known === undefined ? undefined : Array.isArray(known) ? (known.find((c) => mine(r, c, iface)) ?? known.find(unassigned)) : mine(r, known, iface) || unassigned(known) ? known : undefined;
      if (!existing) {
        // An address written at the top level and listed under several interfaces (a VRRP gateway,
        // an anycast address) is one object per interface, as in NetBox, each with the top-level fields.
        const first = known === undefined ? undefined : Array.isArray(known) ? known.find(topLevel) : topLevel(known) ? known : undefined;
        const base = first ? withoutAssignment(first.data) : undefined;
        const ip = r.add(ipKind, { ...base, ...fields, assigned_object_type: kindName }, iface.file, at, 'written');
        ip.refs.assigned_object = iface;
        if (vrf) ip.refs.vrf = vrf;
        r.index(ip);
        continue;
      }
      if (Object.keys(fields).some((k) => k !== 'address' && k !== 'vrf')) {
        r.out.push({
          rule: 'resolve/duplicate-key',
          severity: 'error',
          message: `IP address ${fields.address} is written at the top level and here with fields of its own`,
          location: { file: iface.file, path: at },
          modelPath: namedPath(iface),
          related: [{ location: { file: existing.file, path: existing.path }, message: 'the IP address written here' }],
          help: "write the address's fields in one place: here, or in its top-level entry (then list only the address here)",
          data: { kind: 'ipam.ipaddress', field: 'address', value: fields.address },
        });
      } else if (!ref(existing, 'assigned_object')) {
        existing.data = { ...existing.data, assigned_object_type: kindName };
        existing.refs.assigned_object = iface;
      }
    }
  }
}

function mine(r: Resolver, ip: Obj, iface: Obj): boolean {
  return r.ensureRef(ip, 'assigned_object') === iface;
}

/** A top-level address that nothing assigns (yet): an inline entry of the same address assigns it. */
function unassigned(ip: Obj): boolean {
  return ip.data.assigned_object === undefined && ip.refs.assigned_object === undefined && ip.origin === 'written' && ip.path.length === 2;
}

function topLevel(ip: Obj): boolean {
  return ip.origin === 'written' && ip.path.length === 2;
}

function withoutAssignment(data: Record<string, any>): Record<string, any> {
  const { assigned_object: _object, assigned_object_type: _type, ...rest } = data;
  return rest;
}

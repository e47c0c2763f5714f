import { describe, objectsOf, ref, unresolvedRef as unresolved, type Obj } from '../../model/model.js';
import { familyOf, PRIMARY_FAMILIES, primaryIpHeld } from '../../model/ip.js';
import type { Finding, Rule } from '../rule.js';

const DEVICE_FIELDS = [...PRIMARY_FAMILIES, ['oob_ip', undefined]] as const;

/**
 * Whether an address is on an interface that counts as the device's for its primary addresses: any
 * interface of the device, or one that is not management-only on another member of its virtual chassis.
 */
function onDevice(ip: Obj, device: Obj): boolean {
  const iface = ref(ip, 'assigned_object');
  return !!iface && onInterfaceOf(iface, device);
}

/** Whether an interface counts as the device's for its primary addresses (see onDevice). */
function onInterfaceOf(iface: Obj, device: Obj): boolean {
  if (iface.kind.kind !== 'dcim.interface') return false;
  const owner = iface.owner ?? ref(iface, 'device');
  if (owner === device) return true;
  const vc = ref(device, 'virtual_chassis');
  return !!vc && !!owner && ref(owner, 'virtual_chassis') === vc && iface.data.mgmt_only !== true;
}

/** Where an address is, for the message: `interface "et1" of device "b"`, or nowhere. */
function whereIs(ip: Obj, device?: Obj): string {
  const to = ref(ip, 'assigned_object');
  if (!to) return 'it is assigned to no interface';
  const owner = to.owner;
  if (to.kind.kind === 'dcim.interface' && device && owner && owner !== device && to.data.mgmt_only === true) {
    const vc = ref(device, 'virtual_chassis');
    if (vc && ref(owner, 'virtual_chassis') === vc) return `it is on ${describe(to)}, which is management-only`;
  }
  return `it is assigned to ${describe(to)}`;
}

export const devicePrimaryIpAssigned: Rule = {
  id: 'dcim/device-primary-ip-assigned',
  description: "A device's or virtual device context's primary or out-of-band address is not assigned to an interface of its device.",
  severity: 'error',
  help: "assign the address to an interface of the device (ip_addresses under the interface), or to a non-management interface of another member of its virtual chassis, or pick an address that is",
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      for (const [field, family] of DEVICE_FIELDS) {
        const ip = ref(device, field);
        if (!ip || (family && familyOf(ip.data.address) !== family)) continue;
        // The outside address of a NAT will do when its inside address is the device's.
        if (primaryIpHeld(ip, (iface) => onInterfaceOf(iface, device)) !== false) continue;
        const inside = ref(ip, 'nat_inside');
        findings.push(finding(device, field, ip, `${whereIs(ip, device)}${inside ? `, and its NAT inside address ${inside.data.address} is not the device's either` : ''}`));
      }
    }
    for (const vdc of objectsOf(model, 'dcim.virtualdevicecontext')) {
      const device = ref(vdc, 'device');
      if (!device) {
        // Unresolved: resolve reports it. None: NetBox looks for the address on the context's device and
        // cannot save a primary address without one.
        if (vdc.data.device !== undefined && vdc.data.device !== null && vdc.data.device !== '') continue;
        for (const [field] of PRIMARY_FAMILIES) {
          const ip = ref(vdc, field);
          if (!ip) continue;
          findings.push({
            obj: vdc,
            field,
            message: `${field} ${ip.data.address} of ${describe(vdc)} needs a device: a virtual device context's primary address is on an interface of its device`,
            data: { field, address: ip.data.address, assignedTo: null },
            related: [{ obj: ip, message: `the IP address ${ip.data.address}` }],
          });
        }
        continue;
      }
      for (const [field, family] of PRIMARY_FAMILIES) {
        const ip = ref(vdc, field);
        if (!ip || familyOf(ip.data.address) !== family || unresolved(ip, 'assigned_object')) continue;
        // Only the address itself counts here: a virtual device context takes no NAT outside address.
        if (onDevice(ip, device)) continue;
        findings.push(finding(vdc, field, ip, whereIs(ip, device)));
      }
    }
    return findings;
  },
};

function finding(obj: Obj, field: string, ip: Obj, why: string): Finding {
  const device = obj.kind.kind === 'dcim.device' ? obj : ref(obj, 'device')!;
  const whose = obj === device ? 'the device' : 'its device';
  const chassis = ref(device, 'virtual_chassis') ? ` or a member of ${obj === device ? 'its' : 'that device\'s'} virtual chassis` : '';
  const to = ref(ip, 'assigned_object');
  return {
    obj,
    field,
    message: `${field} ${ip.data.address} of ${describe(obj)} is not assigned to ${whose}${chassis}: ${why}`,
    data: { field, address: ip.data.address, assignedTo: to ? describe(to) : null },
    related: [{ obj: ip, message: `the IP address ${ip.data.address}` }],
  };
}

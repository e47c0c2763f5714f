import { describe, ref, refs, objectsOf, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/**
 * Beyond NetBox's model, which binds a service to any IP addresses: NetBox's forms offer only the
 * addresses of the service's parent (the device's interfaces, and a virtual chassis master's those
 * of its members' non-management interfaces; the VM's interfaces; the FHRP group's virtual addresses).
 */
export const serviceIpParent: Rule = {
  id: 'lint/service-ip-parent',
  description: "A service is bound to an IP address that is not its parent's (opt-in; NetBox's model allows it).",
  severity: 'warning',
  optIn: true,
  help: "bind the service to addresses of its own device, virtual machine or FHRP group, or leave this rule off",
  run(model) {
    const findings: Finding[] = [];
    for (const service of objectsOf(model, 'ipam.service')) {
      const parent = ref(service, 'parent');
      const written = service.data.ipaddresses;
      const ips = refs(service, 'ipaddresses');
      // An address that did not resolve is reported already, and would shift the list's indexes.
      if (!parent || !Array.isArray(written) || ips.length !== written.length) continue;
      ips.forEach((ip, i) => {
        if (belongsTo(ip, parent)) return;
        const holder = ref(ip, 'assigned_object');
        findings.push({
          obj: service,
          field: 'ipaddresses',
          subPath: [i],
          message: `${describe(service)} is bound to IP address ${ip.data.address}${holder ? ` of ${describe(holder)}` : ', which is assigned to nothing'}`,
          data: { address: ip.data.address },
        });
      });
    }
    return findings;
  },
};

function belongsTo(ip: Obj, parent: Obj): boolean {
  const holder = ref(ip, 'assigned_object');
  if (!holder) return false;
  if (holder === parent) return true; // an FHRP group's virtual address
  const owner = holder.owner ?? ref(holder, holder.kind.parent?.field ?? '');
  if (owner === parent) return true;
  // A virtual chassis master also offers its members' non-management interfaces.
  if (holder.kind.kind !== 'dcim.interface' || !owner || holder.data.mgmt_only === true) return false;
  const chassis = ref(parent, 'virtual_chassis');
  return !!chassis && ref(chassis, 'master') === parent && ref(owner, 'virtual_chassis') === chassis;
}

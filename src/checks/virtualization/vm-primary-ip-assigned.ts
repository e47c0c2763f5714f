import { familyOf, PRIMARY_FAMILIES, primaryIpHeld } from '../../model/ip.js';
import { describe, objectsOf, ref, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** Whether an interface is one of the virtual machine's own. */
const ownInterface = (vm: Obj) => (iface: Obj) =>
  iface.kind.kind === 'virtualization.vminterface' && (iface.owner ?? ref(iface, 'virtual_machine')) === vm;

export const vmPrimaryIpAssigned: Rule = {
  id: 'virtualization/vm-primary-ip-assigned',
  description: "A virtual machine's primary address is not assigned to one of its interfaces, nor the NAT outside address of one that is.",
  severity: 'error',
  help: "assign the address to an interface of the virtual machine (ip_addresses under the interface), or pick one that is (or the NAT outside address of one)",
  run(model) {
    const findings: Finding[] = [];
    for (const vm of objectsOf(model, 'virtualization.virtualmachine')) {
      for (const [field, family] of PRIMARY_FAMILIES) {
        const ip = ref(vm, field);
        // An address of the wrong version is vm-primary-ip-family's.
        if (!ip || familyOf(ip.data.address) !== family) continue;
        if (primaryIpHeld(ip, ownInterface(vm)) !== false) continue;
        const to = ref(ip, 'assigned_object');
        const inside = ref(ip, 'nat_inside');
        const where = to ? `it is assigned to ${describe(to)}` : 'it is assigned to no interface';
        findings.push({
          obj: vm,
          field,
          message: `${field} ${ip.data.address} of ${describe(vm)} is not assigned to the virtual machine: ${where}${inside ? `, and its NAT inside address ${inside.data.address} is not the virtual machine's either` : ''}`,
          data: { field, address: ip.data.address, assignedTo: to ? describe(to) : null },
          related: [{ obj: ip, message: `the IP address ${ip.data.address}` }],
        });
      }
    }
    return findings;
  },
};

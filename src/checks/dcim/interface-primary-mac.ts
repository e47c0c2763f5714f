import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/**
 * NetBox takes as an interface's primary MAC address only one that is unassigned (it assigns it to
 * the interface) or assigned to that interface; device and VM interfaces alike.
 */
export const interfacePrimaryMac: Rule = {
  id: 'dcim/interface-primary-mac',
  description: "An interface's primary MAC address is assigned to another interface.",
  severity: 'error',
  help: 'pick a MAC address assigned to this interface (or an unassigned one), or assign the MAC address to this interface',
  run(model) {
    const findings: Finding[] = [];
    for (const kind of ['dcim.interface', 'virtualization.vminterface']) {
      for (const obj of objectsOf(model, kind)) {
        if (obj.origin !== 'written') continue;
        const mac = ref(obj, 'primary_mac_address');
        const holder = mac && ref(mac, 'assigned_object');
        // Unassigned, or assigned where resolve could not follow (reported there), or this interface's own.
        if (!mac || !holder || holder === obj) continue;
        // The interface it is assigned to has it as primary too: resolve/duplicate-key reports the pair.
        if (ref(holder, 'primary_mac_address') === mac) continue;
        findings.push({
          obj,
          field: 'primary_mac_address',
          message: `${describe(obj)} has primary MAC address ${displayName(mac)}, which is assigned to ${describe(holder)}`,
          data: { macAddress: displayName(mac), assignedTo: describe(holder) },
          related: [{ obj: mac, field: 'assigned_object', message: 'the MAC address is assigned here' }],
        });
      }
    }
    return findings;
  },
};

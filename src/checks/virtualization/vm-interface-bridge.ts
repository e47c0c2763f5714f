import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vmInterfaceBridge: Rule = {
  id: 'virtualization/vm-interface-bridge',
  description: 'An interface of a virtual machine is bridged to itself.',
  severity: 'error',
  help: 'name the bridge interface the interface is a member of (another interface of the virtual machine), or leave bridge out',
  run(model) {
    // A bridge on another virtual machine is resolve's (the reference's scope is the virtual machine).
    const findings: Finding[] = [];
    for (const iface of objectsOf(model, 'virtualization.vminterface')) {
      if (ref(iface, 'bridge') !== iface) continue;
      findings.push({ obj: iface, field: 'bridge', message: `${describe(iface)} is bridged to itself`, data: { bridge: displayName(iface) } });
    }
    return findings;
  },
};

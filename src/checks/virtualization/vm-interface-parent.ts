import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vmInterfaceParent: Rule = {
  id: 'virtualization/vm-interface-parent',
  description: 'An interface of a virtual machine is its own parent.',
  severity: 'error',
  help: 'give the parent to a subinterface, naming another interface of the virtual machine, or leave parent out',
  run(model) {
    // A parent on another virtual machine is resolve's (the reference's scope is the virtual machine).
    const findings: Finding[] = [];
    for (const iface of objectsOf(model, 'virtualization.vminterface')) {
      if (ref(iface, 'parent') !== iface) continue;
      findings.push({ obj: iface, field: 'parent', message: `${describe(iface)} is its own parent`, data: { parent: displayName(iface) } });
    }
    return findings;
  },
};

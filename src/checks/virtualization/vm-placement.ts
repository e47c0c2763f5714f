import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

const PLACES = ['site', 'cluster', 'device'] as const;

export const vmPlacement: Rule = {
  id: 'virtualization/vm-placement',
  description: 'A virtual machine has no site, no cluster and no host device.',
  severity: 'error',
  help: 'give the virtual machine a site, a cluster or a host device (any of them; a cluster or device brings its site)',
  run(model) {
    const findings: Finding[] = [];
    for (const vm of objectsOf(model, 'virtualization.virtualmachine')) {
      // A place written but not resolved is still given: resolve has reported it.
      if (PLACES.some((f) => vm.data[f] !== undefined && vm.data[f] !== null)) continue;
      findings.push({ obj: vm, message: `${describe(vm)} has no site, no cluster and no host device`, data: {} });
    }
    return findings;
  },
};

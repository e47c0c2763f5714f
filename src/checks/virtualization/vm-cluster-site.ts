import { displayName, describe, objectsOf, ref } from '../../model/model.js';
import { placeOf } from '../../model/vlan-availability.js';
import type { Finding, Rule } from '../rule.js';

export const vmClusterSite: Rule = {
  id: 'virtualization/vm-cluster-site',
  description: "A virtual machine's cluster is scoped to another site than the virtual machine's.",
  severity: 'error',
  help: "pick a cluster of the virtual machine's site, or leave site out: the virtual machine takes its cluster's",
  run(model) {
    const findings: Finding[] = [];
    for (const vm of objectsOf(model, 'virtualization.virtualmachine')) {
      const site = ref(vm, 'site');
      const cluster = ref(vm, 'cluster');
      const other = cluster && placeOf(ref, cluster).site;
      if (!site || !other || other === site) continue;
      findings.push({
        obj: vm,
        field: 'cluster',
        message: `${describe(vm)} is in site "${displayName(site)}", but its cluster "${displayName(cluster)}" is in site "${displayName(other)}"`,
        data: { cluster: displayName(cluster), clusterSite: displayName(other), site: displayName(site) },
        related: [{ obj: cluster, field: 'scope', message: `the scope of cluster "${displayName(cluster)}"` }],
      });
    }
    return findings;
  },
};

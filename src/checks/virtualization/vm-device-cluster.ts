import { displayName, describe, objectsOf, ref, unresolvedRef } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vmDeviceCluster: Rule = {
  id: 'virtualization/vm-device-cluster',
  description: "A virtual machine's host device belongs to another cluster than the virtual machine, or to one while the virtual machine names none.",
  severity: 'error',
  help: "name the host device's cluster as the virtual machine's cluster (a device in no cluster hosts only virtual machines without one), or pick a host device of the virtual machine's cluster",
  run(model) {
    const findings: Finding[] = [];
    for (const vm of objectsOf(model, 'virtualization.virtualmachine')) {
      const device = ref(vm, 'device');
      if (!device || unresolvedRef(vm, 'cluster') || unresolvedRef(device, 'cluster')) continue;
      const cluster = ref(vm, 'cluster');
      const hostCluster = ref(device, 'cluster');
      if (cluster === hostCluster) continue;
      const host = `host device "${displayName(device)}"`;
      const message = !hostCluster
        ? `${describe(vm)} is in cluster "${displayName(cluster!)}", but its ${host} is in no cluster`
        : !cluster
          ? `${describe(vm)} names no cluster, but its ${host} is in cluster "${displayName(hostCluster)}"`
          : `${describe(vm)} is in cluster "${displayName(cluster)}", but its ${host} is in cluster "${displayName(hostCluster)}"`;
      findings.push({
        obj: vm,
        field: 'device',
        message,
        data: { device: displayName(device), deviceCluster: hostCluster ? displayName(hostCluster) : null, cluster: cluster ? displayName(cluster) : null },
        related: [{ obj: device, field: hostCluster ? 'cluster' : undefined, message: `the ${host}` }],
      });
    }
    return findings;
  },
};

import { placeOf } from '../../model/vlan-availability.js';
import { displayName, describe, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vmDeviceSite: Rule = {
  id: 'virtualization/vm-device-site',
  description: "A virtual machine's host device is in another site than the virtual machine.",
  severity: 'error',
  help: "give the virtual machine its host device's site (or leave site out: it takes the device's), or pick a host device in its site",
  run(model) {
    const findings: Finding[] = [];
    for (const vm of objectsOf(model, 'virtualization.virtualmachine')) {
      const site = ref(vm, 'site');
      const device = ref(vm, 'device');
      const other = device && ref(device, 'site');
      if (!site || !other || other === site) continue;
      // A cluster in the device's site that the VM's site disagrees with too: one mistake, reported there.
      const cluster = ref(vm, 'cluster');
      const viaCluster = cluster && placeOf(ref, cluster).site;
      if (viaCluster && viaCluster !== site) continue;
      findings.push({
        obj: vm,
        field: 'site',
        message: `${describe(vm)} is in site "${displayName(site)}", but its host device "${displayName(device)}" is in site "${displayName(other)}"`,
        data: { device: displayName(device), deviceSite: displayName(other), site: displayName(site) },
        related: [{ obj: device, field: 'site', message: `the site of device "${displayName(device)}"` }],
      });
    }
    return findings;
  },
};

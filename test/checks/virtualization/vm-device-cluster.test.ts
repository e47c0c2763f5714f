import { describe, expect, it } from 'vitest';
import { vmDiagnostics } from './fixtures.js';

const RULE = 'virtualization/vm-device-cluster';

describe(RULE, () => {
  it("accepts a host device of the VM's cluster, and a standalone host for a VM without a cluster", () => {
    for (const fields of ['cluster: c-ams1, device: h1', 'cluster: c-none, device: h4', 'device: h2', 'site: ams1, device: h2']) {
      expect(vmDiagnostics(fields)).toEqual([]);
    }
  });

  it("reports a host device in a cluster the VM does not name, at the device", () => {
    expect(vmDiagnostics('device: h1')).toEqual([
      [RULE, 'v.yaml:2:25', 'error', 'virtual machine "vm1" names no cluster, but its host device "h1" is in cluster "c-ams1"', { device: 'h1', deviceCluster: 'c-ams1', cluster: null }],
    ]);
  });

  it("reports a host device of another cluster, or of none, for a VM in a cluster", () => {
    expect(vmDiagnostics('cluster: c-none, device: h1')).toEqual([
      [RULE, 'v.yaml:2:42', 'error', 'virtual machine "vm1" is in cluster "c-none", but its host device "h1" is in cluster "c-ams1"', { device: 'h1', deviceCluster: 'c-ams1', cluster: 'c-none' }],
    ]);
    expect(vmDiagnostics('cluster: c-none, device: h2')).toEqual([
      [RULE, 'v.yaml:2:42', 'error', 'virtual machine "vm1" is in cluster "c-none", but its host device "h2" is in no cluster', { device: 'h2', deviceCluster: null, cluster: 'c-none' }],
    ]);
  });

  it('stays silent when the cluster written does not resolve', () => {
    expect(vmDiagnostics('cluster: nope, device: h1').map((d) => d[0])).toEqual(['resolve/dangling-reference']);
  });
});

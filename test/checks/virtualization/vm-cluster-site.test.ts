import { describe, expect, it } from 'vitest';
import { vmDiagnostics } from './fixtures.js';

const RULE = 'virtualization/vm-cluster-site';

describe(RULE, () => {
  it("accepts a cluster of the VM's site (scoped to it or to a location in it), of a region, without scope, or a VM without a site", () => {
    for (const fields of [
      'site: ams1, cluster: c-ams1',
      'site: ams1, cluster: c-hall',
      'site: ams2, cluster: c-region',
      'site: ams2, cluster: c-none',
      'cluster: c-ams1',
    ]) {
      expect(vmDiagnostics(fields)).toEqual([]);
    }
  });

  it('reports a cluster scoped to another site, or to a location in another site, at the cluster', () => {
    expect(vmDiagnostics('site: ams2, cluster: c-ams1')).toEqual([
      [RULE, 'v.yaml:2:38', 'error', 'virtual machine "vm1" is in site "AMS2", but its cluster "c-ams1" is in site "AMS1"', { cluster: 'c-ams1', clusterSite: 'AMS1', site: 'AMS2' }],
    ]);
    expect(vmDiagnostics('site: ams2, cluster: c-hall')).toEqual([
      [RULE, 'v.yaml:2:38', 'error', 'virtual machine "vm1" is in site "AMS2", but its cluster "c-hall" is in site "AMS1"', { cluster: 'c-hall', clusterSite: 'AMS1', site: 'AMS2' }],
    ]);
  });

  it("reports once when the VM's site disagrees with both its cluster and its host device", () => {
    expect(vmDiagnostics('site: ams2, cluster: c-ams1, device: h1')).toEqual([
      [RULE, 'v.yaml:2:38', 'error', 'virtual machine "vm1" is in site "AMS2", but its cluster "c-ams1" is in site "AMS1"', { cluster: 'c-ams1', clusterSite: 'AMS1', site: 'AMS2' }],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { vmDiagnostics } from './fixtures.js';

const RULE = 'virtualization/vm-device-site';

describe(RULE, () => {
  it("accepts a host device in the VM's site, or a VM without a site", () => {
    for (const fields of ['site: ams1, device: h2', 'site: ams2, device: h3', 'device: h3', 'site: ams2, cluster: c-none, device: h4']) {
      expect(vmDiagnostics(fields)).toEqual([]);
    }
  });

  it('reports a host device in another site, at the site', () => {
    expect(vmDiagnostics('site: ams2, device: h2')).toEqual([
      [RULE, 'v.yaml:2:23', 'error', 'virtual machine "vm1" is in site "AMS2", but its host device "h2" is in site "AMS1"', { device: 'h2', deviceSite: 'AMS1', site: 'AMS2' }],
    ]);
    // A cluster without a site does not take the report over.
    expect(vmDiagnostics('site: ams1, cluster: c-none, device: h4')).toEqual([
      [RULE, 'v.yaml:2:23', 'error', 'virtual machine "vm1" is in site "AMS1", but its host device "h4" is in site "AMS2"', { device: 'h4', deviceSite: 'AMS2', site: 'AMS1' }],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { vmDiagnostics } from './fixtures.js';

const RULE = 'virtualization/vm-placement';

describe(RULE, () => {
  it('accepts a virtual machine with a site, a cluster or a host device, any one alone', () => {
    for (const fields of ['site: ams1', 'cluster: c-none', 'cluster: c-region', 'device: h2']) {
      expect(vmDiagnostics(fields)).toEqual([]);
    }
  });

  it('reports a virtual machine with none of them, at the virtual machine', () => {
    expect(vmDiagnostics('')).toEqual([[RULE, 'v.yaml:2:5', 'error', 'virtual machine "vm1" has no site, no cluster and no host device', {}]]);
    expect(vmDiagnostics('status: active, platform: null')).toEqual([[RULE, 'v.yaml:2:5', 'error', 'virtual machine "vm1" has no site, no cluster and no host device', {}]]);
  });

  it('stays silent when the place written does not resolve (resolve reports it)', () => {
    expect(vmDiagnostics('site: ams9').map((d) => d[0])).toEqual(['resolve/dangling-reference']);
  });
});

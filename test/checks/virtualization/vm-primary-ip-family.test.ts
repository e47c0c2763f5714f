import { describe, expect, it } from 'vitest';
import { vmIpDiagnostics } from './ip-fixtures.js';

const RULE = 'virtualization/vm-primary-ip-family';

describe(RULE, () => {
  it('accepts an IPv4 primary_ip4 and an IPv6 primary_ip6', () => {
    expect(vmIpDiagnostics(', primary_ip4: 10.0.0.1/24, primary_ip6: 2001:db8::1/64')).toEqual([]);
    expect(vmIpDiagnostics('')).toEqual([]);
  });

  it('reports an address of the other version in either field, once (not also as unassigned)', () => {
    expect(vmIpDiagnostics(', primary_ip4: 2001:db8::1/64')).toEqual([
      [RULE, 'v.yaml:2:42', 'error', 'primary_ip4 of virtual machine "vm1" is 2001:db8::1/64, not an IPv4 address', { field: 'primary_ip4', address: '2001:db8::1/64', family: 6 }],
    ]);
    expect(vmIpDiagnostics(', primary_ip6: 10.0.0.2/24')).toEqual([
      [RULE, 'v.yaml:2:42', 'error', 'primary_ip6 of virtual machine "vm1" is 10.0.0.2/24, not an IPv6 address', { field: 'primary_ip6', address: '10.0.0.2/24', family: 4 }],
    ]);
  });
});

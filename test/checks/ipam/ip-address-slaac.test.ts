import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/ip-address-slaac';
const run = (text: string) => compileFiles({ 'ipam.yaml': `ip_addresses:\n${text}` }).diagnostics.map((d) => [d.rule, at(d), d.message, d.data]);

describe(RULE, () => {
  it('accepts SLAAC on IPv6 and DHCP on IPv4', () => {
    expect(run('  - {address: "2001:db8::5/64", status: slaac}\n  - {address: 10.0.0.5/24, status: dhcp}\n')).toEqual([]);
  });

  it('reports SLAAC on an IPv4 address, at its status', () => {
    expect(run('  - {address: 10.0.0.5/24, status: slaac}\n')).toEqual([
      [RULE, 'ipam.yaml:2:36', 'IPv4 address 10.0.0.5/24 has the status slaac: only IPv6 addresses are configured by SLAAC', { address: '10.0.0.5/24' }],
    ]);
  });
});

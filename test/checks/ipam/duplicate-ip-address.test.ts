import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';

const findings = (files: Record<string, string>) =>
  compileFiles({ 'base.yaml': BASE, 'device-types/Acme/X-4.yaml': DEVICE_TYPE, ...files })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ rule: d.rule, at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, message: d.message, data: d.data }));

const twoLeaves = (a: string, b: string) => ({
  'dc.yaml': `devices:
  - name: leaf1
    device_type: Acme/X-4
    role: leaf
    site: ams1
    interfaces:
      - { name: et1, ip_addresses: [${a}] }
  - name: leaf2
    device_type: Acme/X-4
    role: leaf
    site: ams1
    interfaces:
      - { name: et1, ip_addresses: [${b}] }
`,
});

describe('ipam/duplicate-ip-address', () => {
  it('reports the same host on two interfaces, whatever the masks', () => {
    expect(findings(twoLeaves('10.0.0.1/24', '10.0.0.1/32'))).toEqual([
      {
        rule: 'ipam/duplicate-ip-address',
        at: 'dc.yaml:13:37',
        message: 'duplicate IP address 10.0.0.1/32 in the global table: 10.0.0.1/24 is assigned to interface "et1" of device "leaf1"',
        data: { address: '10.0.0.1/32', other: '10.0.0.1/24', vrf: null },
      },
    ]);
  });
  it('accepts a host shared by addresses that all have an anycast, VIP or FHRP role', () => {
    expect(findings(twoLeaves('{address: 10.0.0.1/24, role: vrrp}', '{address: 10.0.0.1/24, role: vrrp}'))).toEqual([]);
    expect(findings(twoLeaves('{address: 10.0.0.1/24, role: anycast}', '{address: 10.0.0.1/24, role: vip}'))).toEqual([]);
  });
  it('reports a shared-role address beside one without a role, in either order', () => {
    expect(findings(twoLeaves('{address: 10.0.0.1/24, role: anycast}', '10.0.0.1/24')).map((f) => f.at)).toEqual(['dc.yaml:13:37']);
    expect(findings(twoLeaves('10.0.0.1/24', '{address: 10.0.0.1/24, role: anycast}')).map((f) => f.at)).toEqual(['dc.yaml:13:47']);
  });
  it('compares IPv6 hosts as addresses, not as text', () => {
    expect(findings(twoLeaves('2001:DB8::1/64', '2001:db8:0:0::1/128')).map((f) => f.rule)).toEqual(['ipam/duplicate-ip-address']);
  });
  it('accepts duplicates where uniqueness is off: a VRF without enforce_unique, or the global table by setting', () => {
    const vrf = { 'vrf.yaml': 'vrfs:\n  - { name: lab, enforce_unique: false }\n' };
    expect(findings({ ...vrf, ...twoLeaves('{address: 10.0.0.1/24, vrf: lab}', '{address: 10.0.0.1/24, vrf: lab}') })).toEqual([]);
    expect(findings({ ...twoLeaves('10.0.0.1/24', '10.0.0.1/24'), 'sot.yaml': 'format: 1\noptions:\n  enforce_global_unique: false\n' })).toEqual([]);
  });
  it('keeps VRFs apart', () => {
    const vrfs = { 'vrf.yaml': 'vrfs:\n  - { name: red }\n  - { name: blue }\n' };
    expect(findings({ ...vrfs, ...twoLeaves('{address: 10.0.0.1/24, vrf: red}', '{address: 10.0.0.1/24, vrf: blue}') })).toEqual([]);
  });
});

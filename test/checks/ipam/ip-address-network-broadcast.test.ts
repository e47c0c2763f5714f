import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/ip-address-network-broadcast';
/** Device leaf1's et1 with the given addresses (line 7), plus unassigned addresses in ipam.yaml. */
const run = (onInterface: string[], unassigned: string[] = []) =>
  compileFiles({
    'sot.yaml': 'format: 1\noptions:\n  enforce_global_unique: false\n',
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'dc.yaml': `devices:\n  - name: leaf1\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n    interfaces:\n      - { name: et1, ip_addresses: [${onInterface.join(', ')}] }\n`,
    ...(unassigned.length ? { 'ipam.yaml': `ip_addresses:\n${unassigned.map((a) => `  - {address: "${a}"}`).join('\n')}\n` } : {}),
  }).diagnostics.map((d) => [d.rule, at(d), d.message, d.data]);

describe(RULE, () => {
  it('accepts host addresses, both ends of a /31 and a /127, host routes, and unassigned network or broadcast addresses', () => {
    expect(run(['10.0.0.1/24', '10.0.1.0/31', '10.0.1.1/31', '10.0.2.0/32', '"2001:db8::/127"', '"2001:db8:1::/128"', '"2001:db8:2::ffff/64"'], ['10.9.0.0/24', '10.9.0.255/24', '2001:db8:9::/64'])).toEqual([]);
  });

  it('reports an assigned IPv4 network ID or broadcast address, and an IPv6 subnet-router address, at the address', () => {
    expect(run(['10.0.0.0/30', '10.0.0.3/30', '"2001:db8::/64"'])).toEqual([
      [RULE, 'dc.yaml:7:37', '10.0.0.0 is the network ID of 10.0.0.0/30, which may not be assigned to an interface', { address: '10.0.0.0/30', kind: 'network' }],
      [RULE, 'dc.yaml:7:50', '10.0.0.3 is the broadcast address of 10.0.0.0/30, which may not be assigned to an interface', { address: '10.0.0.3/30', kind: 'broadcast' }],
      [RULE, 'dc.yaml:7:63', '2001:db8:: is the network ID of 2001:db8::/64, which may not be assigned to an interface', { address: '2001:db8::/64', kind: 'network' }],
    ]);
  });
});

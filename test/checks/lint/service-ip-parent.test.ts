import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'lint/service-ip-parent';

// leaf1 (virtual chassis vc1's master) and leaf2 (its member) with addresses on et1 and mgmt; leaf3
// alone; FHRP group g1 with a virtual address; an unassigned address. The service is on line 2 of s.yaml.
const INVENTORY = {
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'dc.yaml': `virtual_chassis:
  - {name: vc1, master: leaf1}
devices:
  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 1, interfaces: [{name: et1, ip_addresses: [10.0.0.1/24]}, {name: mgmt, ip_addresses: [10.9.0.1/24]}]}
  - {name: leaf2, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 2, interfaces: [{name: et1, ip_addresses: [10.0.0.2/24]}, {name: mgmt, ip_addresses: [10.9.0.2/24]}]}
  - {name: leaf3, device_type: Acme/X-4, role: leaf, site: ams1, interfaces: [{name: et1, ip_addresses: [10.0.0.3/24]}]}
fhrp_groups:
  - {name: g1, protocol: vrrp2, group_id: 1}
ip_addresses:
  - {address: 10.0.0.254/24, role: vrrp, assigned_object_type: ipam.fhrpgroup, assigned_object: g1}
  - {address: 10.0.0.100/24}
`,
};

const compileService = (parent: string, ips: string[], sot = `format: 1\nrules:\n  ${RULE}: warning\n`) =>
  compileFiles({
    ...INVENTORY,
    'sot.yaml': sot,
    's.yaml': `services:\n  - {${parent}, name: ssh, protocol: tcp, ports: [22], ipaddresses: [${ips.join(', ')}]}\n`,
  });
const report = (parent: string, ips: string[]) => compileService(parent, ips).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

const LEAF = (name: string) => `parent_object_type: dcim.device, parent: ${name}`;

describe(RULE, () => {
  it("accepts the parent's own addresses, a master's members' non-management ones, and an FHRP group's", () => {
    expect(report(LEAF('leaf1'), ['10.0.0.1/24', '10.9.0.1/24', '10.0.0.2/24'])).toEqual([]);
    expect(report(LEAF('leaf2'), ['10.0.0.2/24', '10.9.0.2/24'])).toEqual([]);
    expect(report(LEAF('leaf3'), ['10.0.0.3/24'])).toEqual([]);
    expect(report('parent_object_type: ipam.fhrpgroup, parent: g1', ['10.0.0.254/24'])).toEqual([]);
  });

  it("reports another device's, a member's management, an unassigned or a group's address, at the address", () => {
    expect(report(LEAF('leaf1'), ['10.0.0.1/24', '10.9.0.2/24', '10.0.0.3/24', '10.0.0.100/24', '10.0.0.254/24'])).toEqual([
      [RULE, 's.yaml:2:120', 'warning', 'service "ssh" in device "leaf1" is bound to IP address 10.9.0.2/24 of interface "mgmt" of device "leaf2"', { address: '10.9.0.2/24' }],
      [RULE, 's.yaml:2:133', 'warning', 'service "ssh" in device "leaf1" is bound to IP address 10.0.0.3/24 of interface "et1" of device "leaf3"', { address: '10.0.0.3/24' }],
      [RULE, 's.yaml:2:146', 'warning', 'service "ssh" in device "leaf1" is bound to IP address 10.0.0.100/24, which is assigned to nothing', { address: '10.0.0.100/24' }],
      [RULE, 's.yaml:2:161', 'warning', 'service "ssh" in device "leaf1" is bound to IP address 10.0.0.254/24 of FHRP group "g1"', { address: '10.0.0.254/24' }],
    ]);
    // A member is not the master: its chassis' other addresses are not its own.
    expect(report(LEAF('leaf2'), ['10.0.0.1/24']).map((d) => [d[0], d[1], d[4]])).toEqual([[RULE, 's.yaml:2:107', { address: '10.0.0.1/24' }]]);
  });

  it('is off by default, and skips a service whose address does not resolve', () => {
    expect(compileService(LEAF('leaf3'), ['10.0.0.1/24'], 'format: 1\n').diagnostics).toEqual([]);
    expect(compileService(LEAF('leaf3'), ['10.7.7.7/24', '10.0.0.1/24']).diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });
});

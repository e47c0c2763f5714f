import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-primary-ip-assigned';

// leaf1 (line 4) and leaf2 are members of vc1; other is alone. Each has addresses on et1 and mgmt
// (management only); 192.0.2.1 is the NAT outside of leaf1's 10.0.0.1, 192.0.2.3 of other's
// 10.0.0.3; 10.5.5.5 is on no interface. The virtual device context v1 (line 18) is leaf1's.
const compileChassis = (leaf1: string, vdc = ', device: leaf1') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'd.yaml': `virtual_chassis:
  - {name: vc1}
devices:
  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 1${leaf1}}
  - {name: leaf2, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 2}
  - {name: other, device_type: Acme/X-4, role: leaf, site: ams1}
interfaces:
  - {device: leaf1, name: et1, ip_addresses: [10.0.0.1/24, 2001:db8::1/64]}
  - {device: leaf1, name: mgmt, ip_addresses: [10.9.0.1/24]}
  - {device: leaf2, name: et1, ip_addresses: [10.0.0.2/24]}
  - {device: leaf2, name: mgmt, ip_addresses: [10.9.0.2/24]}
  - {device: other, name: et1, ip_addresses: [10.0.0.3/24]}
ip_addresses:
  - {address: 192.0.2.1/32, nat_inside: 10.0.0.1/24}
  - {address: 192.0.2.3/32, nat_inside: 10.0.0.3/24}
  - {address: 10.5.5.5/24}
virtual_device_contexts:
  - {name: v1, status: active${vdc}}
`,
  });

const diagnostics = (leaf1: string, vdc?: string) => compileChassis(leaf1, vdc).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts the device's own addresses (management ones too), other members' non-management ones, and NAT outside addresses of those", () => {
    for (const leaf1 of [
      ', primary_ip4: 10.0.0.1/24, primary_ip6: 2001:db8::1/64, oob_ip: 10.9.0.1/24',
      ', primary_ip4: 10.0.0.2/24, oob_ip: 10.0.0.2/24',
      ', primary_ip4: 192.0.2.1/32, oob_ip: 192.0.2.1/32',
      '',
    ]) {
      expect(diagnostics(leaf1).map((d) => d.slice(0, 2))).toEqual([]);
    }
    expect(diagnostics('', ', device: leaf1, primary_ip4: 10.0.0.2/24, primary_ip6: 2001:db8::1/64')).toEqual([]);
  });

  it("reports another member's management address, at the field", () => {
    const d = compileChassis(', oob_ip: 10.9.0.2/24').diagnostics;
    expect(d.map((x) => [x.rule, at(x), x.severity, x.message, x.data])).toEqual([
      [RULE, 'd.yaml:4:112', 'error', 'oob_ip 10.9.0.2/24 of device "leaf1" in site "AMS1" is not assigned to the device or a member of its virtual chassis: it is on interface "mgmt" of device "leaf2", which is management-only', { field: 'oob_ip', address: '10.9.0.2/24', assignedTo: 'interface "mgmt" of device "leaf2"' }],
    ]);
    expect(d[0].related?.map((x) => [at({ location: x.location } as never), x.message])).toEqual([['d.yaml:11:48', 'the IP address 10.9.0.2/24']]);
  });

  it("reports an address of a device outside the chassis, one on no interface, and a NAT outside address of another device's", () => {
    expect(diagnostics(', primary_ip4: 10.0.0.3/24')).toEqual([
      [RULE, 'd.yaml:4:117', 'error', 'primary_ip4 10.0.0.3/24 of device "leaf1" in site "AMS1" is not assigned to the device or a member of its virtual chassis: it is assigned to interface "et1" of device "other"', { field: 'primary_ip4', address: '10.0.0.3/24', assignedTo: 'interface "et1" of device "other"' }],
    ]);
    expect(diagnostics(', primary_ip4: 10.5.5.5/24')).toEqual([
      [RULE, 'd.yaml:4:117', 'error', 'primary_ip4 10.5.5.5/24 of device "leaf1" in site "AMS1" is not assigned to the device or a member of its virtual chassis: it is assigned to no interface', { field: 'primary_ip4', address: '10.5.5.5/24', assignedTo: null }],
    ]);
    expect(diagnostics(', primary_ip4: 192.0.2.3/32')).toEqual([
      [RULE, 'd.yaml:4:117', 'error', "primary_ip4 192.0.2.3/32 of device \"leaf1\" in site \"AMS1\" is not assigned to the device or a member of its virtual chassis: it is assigned to no interface, and its NAT inside address 10.0.0.3/24 is not the device's either", { field: 'primary_ip4', address: '192.0.2.3/32', assignedTo: null }],
    ]);
  });

  it('accepts a virtual device context without a device (NetBox allows one), but not with a primary address', () => {
    expect(diagnostics('', '')).toEqual([]);
    expect(diagnostics('', ', primary_ip4: 10.0.0.1/24')).toEqual([
      [RULE, 'd.yaml:18:45', 'error', 'primary_ip4 10.0.0.1/24 of virtual device context "v1" needs a device: a virtual device context\'s primary address is on an interface of its device', { field: 'primary_ip4', address: '10.0.0.1/24', assignedTo: null }],
    ]);
  });

  it('reports a NAT outside address as primary of a virtual device context', () => {
    expect(diagnostics('', ', device: leaf1, primary_ip4: 192.0.2.1/32')).toEqual([
      [RULE, 'd.yaml:18:60', 'error', 'primary_ip4 192.0.2.1/32 of virtual device context "v1" in device "leaf1" is not assigned to its device or a member of that device\'s virtual chassis: it is assigned to no interface', { field: 'primary_ip4', address: '192.0.2.1/32', assignedTo: null }],
    ]);
  });
});

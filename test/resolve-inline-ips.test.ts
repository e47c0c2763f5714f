import { describe, expect, it } from 'vitest';
import type { CompileResult } from '../src/compile.js';
import { displayName, ref } from '../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from './helpers/compile.js';

const files = (ifaces: string, extra: Record<string, string> = {}, primary = '') => ({
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'vrf.yaml': 'vrfs:\n  - {name: MGMT}\n',
  'd.yaml': `devices:\n  - name: leaf1\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n${primary}    interfaces:\n${ifaces}`,
  ...extra,
});

/** `file:line:col rule message` of every diagnostic, 1-based. */
const lines = (r: CompileResult) => r.diagnostics.map((d) => `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1} ${d.rule} ${d.message}`);

/** Each IP address object: the file it is written in, its address and role, and the interface it is assigned to (null: none). */
const assigned = (r: CompileResult) => r.model.byKind.get('ipam.ipaddress')!.map((ip) => [ip.file, ip.data.address, ip.data.role ?? null, ip.refs.assigned_object ? displayName(ref(ip, 'assigned_object')!) : null]);

const NO_GLOBAL_UNIQUE = { 'sot.yaml': 'format: 1\noptions: {enforce_global_unique: false}\n' };

describe('IP addresses written under interfaces', () => {
  it('create the address, assigned to the interface, usable as primary IP', () => {
    const r = compileFiles(files('      - {name: Loopback0, type: virtual, ip_addresses: [10.255.0.1/32]}\n      - {name: mgmt, ip_addresses: [{address: 192.0.2.10/24, vrf: MGMT, dns_name: leaf1.example.net}]}\n', {}, '    primary_ip4: 10.255.0.1/32\n'));
    expect(briefs(r)).toEqual([]);
    const ips = r.model.byKind.get('ipam.ipaddress')!;
    // In the order they are written.
    expect(ips.map((ip) => [ip.data.address, displayName(ref(ip, 'assigned_object')!), ref(ip, 'vrf')?.data.name ?? null])).toEqual([
      ['10.255.0.1/32', 'Loopback0', null],
      ['192.0.2.10/24', 'mgmt', 'MGMT'],
    ]);
    const dev = r.model.byKind.get('dcim.device')![0];
    expect(ref(dev, 'primary_ip4')).toBe(ips[0]);
  });

  it('are the same object as an unassigned top-level entry with that address, not a second one', () => {
    const r = compileFiles(files('      - {name: et1, ip_addresses: [10.0.0.1/31]}\n      - {name: Loopback0, type: virtual, ip_addresses: [10.255.0.1/32]}\n', {
      'ips.yaml': 'ip_addresses:\n  - {address: 10.0.0.1/31, description: to spine1}\n  - {address: 10.255.0.1/32, role: loopback}\n',
    }));
    expect(briefs(r)).toEqual([]);
    const ips = r.model.byKind.get('ipam.ipaddress')!;
    expect(ips.length).toBe(2);
    expect(ips.map((ip) => [ip.file, ip.data.description ?? ip.data.role, displayName(ref(ip, 'assigned_object')!)])).toEqual([
      ['ips.yaml', 'to spine1', 'et1'],
      ['ips.yaml', 'loopback', 'Loopback0'],
    ]);
  });

  it('report fields written twice, and a plain address on a second interface as a duplicate IP address', () => {
    const r = compileFiles(files('      - {name: et1, ip_addresses: [10.0.0.1/31, {address: 10.0.0.3/31, description: b}]}\n      - {name: et2, ip_addresses: [10.0.0.5/31, 10.0.0.1/31]}\n', {
      'ips.yaml': 'ip_addresses:\n  - {address: 10.0.0.3/31, description: a}\n  - {address: 10.0.0.5/31, assigned_object_type: dcim.interface, assigned_object: "leaf1:mgmt"}\n',
    }));
    expect(lines(r)).toEqual([
      'd.yaml:7:49 resolve/duplicate-key IP address 10.0.0.3/31 is written at the top level and here with fields of its own',
      'd.yaml:8:36 ipam/duplicate-ip-address duplicate IP address 10.0.0.5/31 in the global table: 10.0.0.5/31 is assigned to interface "mgmt" of device "leaf1"',
      'd.yaml:8:49 ipam/duplicate-ip-address duplicate IP address 10.0.0.1/31 in the global table: 10.0.0.1/31 is assigned to interface "et1" of device "leaf1"',
    ]);
    expect(r.diagnostics.map((d) => [d.related?.map((x) => `${x.location.file}:${x.location.range!.start.line + 1}:${x.location.range!.start.column + 1}`), d.data])).toEqual([
      [['ips.yaml:2:5'], { kind: 'ipam.ipaddress', field: 'address', value: '10.0.0.3/31' }],
      [['ips.yaml:3:15'], { address: '10.0.0.5/31', other: '10.0.0.5/31', vrf: null }],
      [['d.yaml:7:36'], { address: '10.0.0.1/31', other: '10.0.0.1/31', vrf: null }],
    ]);
    // An address on a second interface is a second object, as in NetBox.
    expect(assigned(r)).toEqual([
      ['ips.yaml', '10.0.0.3/31', null, null],
      ['ips.yaml', '10.0.0.5/31', null, 'mgmt'],
      ['d.yaml', '10.0.0.1/31', null, 'et1'],
      ['d.yaml', '10.0.0.5/31', null, 'et2'],
      ['d.yaml', '10.0.0.1/31', null, 'et2'],
    ]);
  });

  it('may put one anycast address on two interfaces: two objects, as NetBox allows', () => {
    const r = compileFiles(files('      - {name: et1, ip_addresses: [{address: 192.0.2.53/32, role: anycast}]}\n      - {name: et2, ip_addresses: [{address: 192.0.2.53/32, role: anycast}]}\n'));
    expect(briefs(r)).toEqual([]);
    expect(assigned(r)).toEqual([
      ['d.yaml', '192.0.2.53/32', 'anycast', 'et1'],
      ['d.yaml', '192.0.2.53/32', 'anycast', 'et2'],
    ]);
  });

  it('report an anycast address and a plain one on two interfaces as a duplicate IP address', () => {
    const r = compileFiles(files('      - {name: et1, ip_addresses: [{address: 192.0.2.53/32, role: anycast}]}\n      - {name: et2, ip_addresses: [192.0.2.53/32]}\n'));
    expect(lines(r)).toEqual([
      'd.yaml:8:36 ipam/duplicate-ip-address duplicate IP address 192.0.2.53/32 in the global table: 192.0.2.53/32 is assigned to interface "et1" of device "leaf1"',
    ]);
  });

  it('may add an anycast interface to a top-level anycast address assigned elsewhere; listed plainly it takes the top-level role', () => {
    const top = { 'ips.yaml': 'ip_addresses:\n  - {address: 192.0.2.53/32, role: anycast, assigned_object_type: dcim.interface, assigned_object: "leaf1:et1"}\n' };
    const ok = compileFiles(files('      - {name: et2, ip_addresses: [{address: 192.0.2.53/32, role: anycast}]}\n', top));
    expect(briefs(ok)).toEqual([]);
    expect(assigned(ok)).toEqual([
      ['ips.yaml', '192.0.2.53/32', 'anycast', 'et1'],
      ['d.yaml', '192.0.2.53/32', 'anycast', 'et2'],
    ]);
    const listed = compileFiles(files('      - {name: et2, ip_addresses: [192.0.2.53/32]}\n', top));
    expect(lines(listed)).toEqual([]);
    expect(assigned(listed)).toEqual([
      ['ips.yaml', '192.0.2.53/32', 'anycast', 'et1'],
      ['d.yaml', '192.0.2.53/32', 'anycast', 'et2'],
    ]);
    // Written with a role of its own that is not shared, the second copy is a duplicate.
    const bad = compileFiles(files('      - {name: et2, ip_addresses: [{address: 192.0.2.53/32, role: loopback}]}\n', top));
    expect(lines(bad)).toEqual([
      'd.yaml:7:46 ipam/duplicate-ip-address duplicate IP address 192.0.2.53/32 in the global table: 192.0.2.53/32 is assigned to interface "et1" of device "leaf1"',
    ]);
  });

  it('report the same host with another mask on a second interface as a duplicate IP address', () => {
    const r = compileFiles(files('      - {name: et1, ip_addresses: [10.0.0.7/24]}\n      - {name: et2, ip_addresses: [10.0.0.7/32]}\n'));
    expect(lines(r)).toEqual([
      'd.yaml:8:36 ipam/duplicate-ip-address duplicate IP address 10.0.0.7/32 in the global table: 10.0.0.7/24 is assigned to interface "et1" of device "leaf1"',
    ]);
  });

  it('may repeat a plain address on two interfaces where unique IP space is not enforced', () => {
    const global = compileFiles({ ...files('      - {name: et1, ip_addresses: [10.0.0.1/31]}\n      - {name: et2, ip_addresses: [10.0.0.1/31]}\n'), ...NO_GLOBAL_UNIQUE });
    expect(briefs(global)).toEqual([]);
    expect(assigned(global)).toEqual([
      ['d.yaml', '10.0.0.1/31', null, 'et1'],
      ['d.yaml', '10.0.0.1/31', null, 'et2'],
    ]);
    const lab = compileFiles(files('      - {name: et1, ip_addresses: [{address: 10.0.0.1/31, vrf: LAB}]}\n      - {name: et2, ip_addresses: [{address: 10.0.0.1/31, vrf: LAB}]}\n', { 'vrf.yaml': 'vrfs:\n  - {name: LAB, enforce_unique: false}\n' }));
    expect(briefs(lab)).toEqual([]);
    expect(assigned(lab).length).toBe(2);
  });

  it('report a plain address repeated on two interfaces in a VRF that enforces unique space, whatever enforce_global_unique says', () => {
    const r = compileFiles({ ...files('      - {name: et1, ip_addresses: [{address: 10.0.0.1/31, vrf: MGMT}]}\n      - {name: et2, ip_addresses: [{address: 10.0.0.1/31, vrf: MGMT}]}\n'), ...NO_GLOBAL_UNIQUE });
    expect(lines(r)).toEqual([
      'd.yaml:8:46 ipam/duplicate-ip-address duplicate IP address 10.0.0.1/31 in VRF "MGMT": 10.0.0.1/31 is assigned to interface "et1" of device "leaf1"',
    ]);
  });

  it('report an unassigned top-level address listed under two interfaces: the second listing is a second, duplicate object', () => {
    // The first listing assigns the top-level address to et1; for et2 it is then assigned elsewhere, so
    // et2's entry is a second IP address with the top-level fields (a loopback-role twin is no anycast:
    // NetBox rejects it).
    const r = compileFiles(files('      - {name: et1, ip_addresses: [10.0.0.7/32]}\n      - {name: et2, ip_addresses: [10.0.0.7/32]}\n', {
      'ips.yaml': 'ip_addresses:\n  - {address: 10.0.0.7/32, role: loopback}\n',
    }));
    expect(lines(r)).toEqual([
      'd.yaml:8:36 ipam/duplicate-ip-address duplicate IP address 10.0.0.7/32 in the global table: 10.0.0.7/32 is assigned to interface "et1" of device "leaf1"',
    ]);
    expect(assigned(r)).toEqual([
      ['ips.yaml', '10.0.0.7/32', 'loopback', 'et1'],
      ['d.yaml', '10.0.0.7/32', 'loopback', 'et2'],
    ]);
  });
});

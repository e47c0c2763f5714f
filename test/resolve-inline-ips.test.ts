import { describe, expect, it } from 'vitest';
import { displayName, ref } from '../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from './helpers/compile.js';

const files = (ifaces: string, extra: Record<string, string> = {}, primary = '') => ({
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'vrf.yaml': 'vrfs:\n  - {name: MGMT}\n',
  'd.yaml': `devices:\n  - name: leaf1\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n${primary}    interfaces:\n${ifaces}`,
  ...extra,
});

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

  it('are the same object as a top-level entry with that address, never a second one', () => {
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

  it('report an address assigned elsewhere, fields written twice, and a repeat', () => {
    const r = compileFiles(files('      - {name: et1, ip_addresses: [10.0.0.1/31, {address: 10.0.0.3/31, description: b}]}\n      - {name: et2, ip_addresses: [10.0.0.5/31, 10.0.0.1/31]}\n', {
      'ips.yaml': 'ip_addresses:\n  - {address: 10.0.0.3/31, description: a}\n  - {address: 10.0.0.5/31, assigned_object_type: dcim.interface, assigned_object: "leaf1:mgmt"}\n',
    }));
    expect(r.diagnostics.map((d) => `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1} ${d.rule} ${d.message}`)).toEqual([
      'd.yaml:7:49 resolve/duplicate-key IP address 10.0.0.3/31 is written at the top level and here with fields of its own',
      'd.yaml:8:36 resolve/duplicate-key IP address 10.0.0.5/31 is already assigned to interface "mgmt" of device "leaf1"',
      'd.yaml:8:49 resolve/duplicate-key IP address 10.0.0.1/31 is already assigned to interface "et1" of device "leaf1"',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-primary-mac';

const MAC = (mac: string, iface?: string) =>
  `  - {mac_address: '${mac}'${iface ? `, assigned_object_type: dcim.interface, assigned_object: {device: a1, name: ${iface}}` : ''}}\n`;

// Device a1 in AMS1 whose interface et1 (line 8 of d.yaml) gets `iface`; m.yaml lists MAC addresses from line 2.
const compileMacs = (macs: string, iface: string, vm = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/x4.yaml': DEVICE_TYPE,
    'm.yaml': `mac_addresses:\n${macs}`,
    'd.yaml': `devices:\n  - name: a1\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n    interfaces:\n      - {name: et2}\n      - {name: et1${iface}}\n`,
    ...(vm ? { 'vm.yaml': `virtual_machines:\n  - name: vm1\n    site: ams1\n    interfaces:\n      - {name: eth0${vm}}\n` } : {}),
  });

const full = (r: ReturnType<typeof compileMacs>) =>
  r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data, d.related?.map((x) => [at({ location: x.location } as never), x.message])]);

describe(RULE, () => {
  it("accepts the interface's own MAC address, an unassigned one, and no primary MAC address", () => {
    expect(full(compileMacs(MAC('00:00:00:00:00:01', 'et1'), ", primary_mac_address: '00:00:00:00:00:01'"))).toEqual([]);
    expect(full(compileMacs(MAC('00:00:00:00:00:01'), ", primary_mac_address: '00:00:00:00:00:01'"))).toEqual([]);
    expect(full(compileMacs(MAC('00:00:00:00:00:01', 'et2'), ''))).toEqual([]);
  });

  it("takes the interface's own of two MAC addresses with the same address", () => {
    expect(full(compileMacs(MAC('00:00:00:00:00:01', 'et2') + MAC('00:00:00:00:00:01', 'et1'), ", primary_mac_address: '00:00:00:00:00:01'"))).toEqual([]);
  });

  it('reports a MAC address assigned to another interface, at the primary MAC address', () => {
    expect(full(compileMacs(MAC('00:00:00:00:00:01', 'et2'), ", primary_mac_address: '00:00:00:00:00:01'"))).toEqual([
      [
        RULE,
        'd.yaml:8:42',
        'error',
        'interface "et1" of device "a1" has primary MAC address 00:00:00:00:00:01, which is assigned to interface "et2" of device "a1"',
        { macAddress: '00:00:00:00:00:01', assignedTo: 'interface "et2" of device "a1"' },
        [['m.yaml:2:95', 'the MAC address is assigned here']],
      ],
    ]);
  });

  it('leaves a MAC address that its own interface also has as primary to resolve/duplicate-key', () => {
    const r = compileMacs(MAC('00:00:00:00:00:01', 'et2'), ", primary_mac_address: '00:00:00:00:00:01'").diagnostics;
    expect(r.map((d) => [d.rule, at(d)])).toEqual([[RULE, 'd.yaml:8:42']]);
    const both = compileFiles({
      'base.yaml': BASE,
      'device-types/Acme/x4.yaml': DEVICE_TYPE,
      'm.yaml': `mac_addresses:\n${MAC('00:00:00:00:00:01', 'et1')}`,
      'd.yaml': "devices:\n  - name: a1\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n    interfaces:\n      - {name: et1, primary_mac_address: '00:00:00:00:00:01'}\n      - {name: et2, primary_mac_address: '00:00:00:00:00:01'}\n",
    });
    expect(both.diagnostics.map((d) => [d.rule, at(d)])).toEqual([['resolve/duplicate-key', 'd.yaml:8:42']]);
  });

  it("reports a VM interface's primary MAC address assigned to a device's interface", () => {
    expect(full(compileMacs(MAC('00:00:00:00:00:01', 'et2'), '', ", primary_mac_address: '00:00:00:00:00:01'")).map((d) => [d[0], d[1], d[3]])).toEqual([
      [RULE, 'vm.yaml:5:43', 'VM interface "eth0" of virtual machine "vm1" has primary MAC address 00:00:00:00:00:01, which is assigned to interface "et2" of device "a1"'],
    ]);
  });

  it("leaves a MAC address whose interface does not resolve to resolve's one report (the primary MAC naming it is not reported again)", () => {
    expect(compileMacs(MAC('00:00:00:00:00:01', 'et9'), ", primary_mac_address: '00:00:00:00:00:01'").diagnostics.map((d) => [d.rule, at(d)])).toEqual([
      ['resolve/dangling-reference', 'm.yaml:2:95'],
    ]);
  });
});

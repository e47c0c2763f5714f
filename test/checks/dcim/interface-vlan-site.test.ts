import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-vlan-site';

// VLANs of AMS1 and AMS2, a global one, and one in a group scoped to AMS2 (no site of its own).
const VLANS =
  'vlan_groups:\n  - {name: G2, slug: g2, scope_type: dcim.site, scope: ams2}\n' +
  'vlans:\n  - {name: Ams1, vid: 10, site: ams1}\n  - {name: Ams2, vid: 20, site: ams2}\n  - {name: Global, vid: 30}\n  - {name: Grouped, vid: 40, group: G2}\n';
const CLUSTER = 'cluster_types:\n  - {name: ESX, slug: esx}\nclusters:\n  - {name: c2, type: esx, scope_type: dcim.site, scope: ams2}\n';

// Device a1 in AMS1 whose interface et1 (line 8 of d.yaml) gets `iface`; VM vm1 (`vm` names its place), eth0 on line 5.
const compileIface = (iface: string, vm?: { place: string; iface: string }) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/x4.yaml': DEVICE_TYPE,
    'v.yaml': VLANS + CLUSTER,
    'd.yaml': `devices:\n  - name: a1\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n    interfaces:\n      - {name: et2}\n      - {name: et1${iface}}\n`,
    ...(vm ? { 'vm.yaml': `virtual_machines:\n  - name: vm1\n    ${vm.place}\n    interfaces:\n      - {name: eth0${vm.iface}}\n` } : {}),
  });

const full = (r: ReturnType<typeof compileIface>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts VLANs of the device's site and global ones, a group's scope not checked", () => {
    for (const iface of [
      ', mode: access, untagged_vlan: Ams1',
      ', mode: access, untagged_vlan: Global',
      ', mode: access, untagged_vlan: Grouped',
      ', mode: tagged, untagged_vlan: Ams1, tagged_vlans: [Ams1, Global, Grouped]',
    ]) {
      expect(full(compileIface(iface)), iface).toEqual([]);
    }
  });

  it("reports an untagged VLAN of another site, at the untagged VLAN", () => {
    expect(full(compileIface(', mode: access, untagged_vlan: Ams2'))).toEqual([
      [RULE, 'd.yaml:8:50', 'error', 'interface "et1" of device "a1" has untagged VLAN "Ams2" of site "AMS2", but its device is in site "AMS1"', { vlan: 'Ams2', vlanSite: 'AMS2', site: 'AMS1' }],
    ]);
  });

  it('reports each tagged VLAN of another site, at its item', () => {
    expect(full(compileIface(', mode: tagged, tagged_vlans: [Global, Ams2]'))).toEqual([
      [RULE, 'd.yaml:8:58', 'error', 'interface "et1" of device "a1" has tagged VLAN "Ams2" of site "AMS2", but its device is in site "AMS1"', { vlan: 'Ams2', vlanSite: 'AMS2', site: 'AMS1' }],
    ]);
  });

  it("reports at the tagged VLANs list when an item does not resolve (resolve reports that item)", () => {
    expect(compileIface(', mode: tagged, tagged_vlans: [Nope, Ams2]').diagnostics.map((d) => [d.rule, at(d)])).toEqual([
      [RULE, 'd.yaml:8:49'],
      ['resolve/dangling-reference', 'd.yaml:8:50'],
    ]);
  });

  it("checks a VM interface against the VM's site, or its cluster's when it has none", () => {
    expect(full(compileIface('', { place: 'site: ams1', iface: ', mode: tagged, untagged_vlan: Ams1, tagged_vlans: [Global]' }))).toEqual([]);
    expect(full(compileIface('', { place: 'cluster: c2', iface: ', mode: access, untagged_vlan: Ams2' }))).toEqual([]);
    expect(full(compileIface('', { place: 'cluster: c2', iface: ', mode: access, untagged_vlan: Ams1' }))).toEqual([
      [RULE, 'vm.yaml:5:51', 'error', 'VM interface "eth0" of virtual machine "vm1" has untagged VLAN "Ams1" of site "AMS1", but its virtual machine is in site "AMS2"', { vlan: 'Ams1', vlanSite: 'AMS1', site: 'AMS2' }],
    ]);
  });

  it("checks a VM with neither site nor cluster against its host device's site", () => {
    expect(full(compileIface('', { place: 'device: a1', iface: ', mode: access, untagged_vlan: Ams2' }))).toEqual([
      [RULE, 'vm.yaml:5:51', 'error', 'VM interface "eth0" of virtual machine "vm1" has untagged VLAN "Ams2" of site "AMS2", but its virtual machine is in site "AMS1"', { vlan: 'Ams2', vlanSite: 'AMS2', site: 'AMS1' }],
    ]);
  });

  it('leaves a VM whose cluster does not resolve to resolve', () => {
    expect(compileIface('', { place: 'cluster: c9', iface: ', mode: access, untagged_vlan: Ams1' }).diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });
});

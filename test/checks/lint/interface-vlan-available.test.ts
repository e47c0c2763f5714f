import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'lint/interface-vlan-available';
const ON = 'format: 1\nrules:\n  lint/interface-vlan-available: warning\n';

// One VLAN per VLAN group scope, a global VLAN and one assigned to AMS2; hall-1 and rack R1 in AMS1;
// clusters c1 (in group CG) and c2.
const PLACES =
  'locations:\n  - {name: hall-1, slug: hall-1, site: ams1}\nracks:\n  - {name: R1, site: ams1, location: hall-1}\n' +
  'cluster_types:\n  - {name: ESX, slug: esx}\ncluster_groups:\n  - {name: CG, slug: cg}\nclusters:\n  - {name: c1, type: esx, group: CG}\n  - {name: c2, type: esx}\n';
const GROUPS: [string, string][] = [
  ['Site1', 'scope_type: dcim.site, scope: ams1'],
  ['Site2', 'scope_type: dcim.site, scope: ams2'],
  ['Region', 'scope_type: dcim.region, scope: europe'],
  ['Hall', 'scope_type: dcim.location, scope: hall-1'],
  ['Rack', 'scope_type: dcim.rack, scope: R1'],
  ['Cluster', 'scope_type: virtualization.cluster, scope: c1'],
  ['ClusterGroup', 'scope_type: virtualization.clustergroup, scope: CG'],
  ['Free', ''],
];
const VLANS =
  `vlan_groups:\n${GROUPS.map(([g, s]) => `  - {name: G-${g}, slug: g-${g.toLowerCase()}${s ? `, ${s}` : ''}}\n`).join('')}` +
  `vlans:\n${GROUPS.map(([g], i) => `  - {name: ${g}, vid: ${10 + i}, group: G-${g}}\n`).join('')}  - {name: Global, vid: 100}\n  - {name: Ams2, vid: 200, site: ams2}\n`;

// Device a1 (in hall-1, rack R1) and a2 (neither), both in AMS1: a1's et1 is on line 9 of d.yaml, a2's on line 15.
// VM vm1 in cluster `cluster`, eth0 on line 5 of vm.yaml.
const compileVlans = (opts: { a1?: string; a2?: string; vm?: string; cluster?: string; settings?: string }) =>
  compileFiles({
    'sot.yaml': opts.settings ?? ON,
    'base.yaml': BASE,
    'device-types/Acme/x4.yaml': DEVICE_TYPE,
    'p.yaml': PLACES,
    'v.yaml': VLANS,
    'd.yaml':
      `devices:\n  - name: a1\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n    location: hall-1\n    rack: R1\n    interfaces:\n      - {name: et1${opts.a1 ?? ''}}\n` +
      `  - name: a2\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n    interfaces:\n      - {name: et1${opts.a2 ?? ''}}\n`,
    ...(opts.vm ? { 'vm.yaml': `virtual_machines:\n  - name: vm1\n    cluster: ${opts.cluster ?? 'c1'}\n    interfaces:\n      - {name: eth0${opts.vm}}\n` } : {}),
  });

const full = (r: ReturnType<typeof compileVlans>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts VLANs of groups scoped to the device's site, region, location and rack, of unscoped groups, and global ones", () => {
    expect(full(compileVlans({ a1: ', mode: tagged, untagged_vlan: Site1, tagged_vlans: [Region, Hall, Rack, Free, Global]' }))).toEqual([]);
    expect(full(compileVlans({ vm: ', mode: tagged, untagged_vlan: Cluster, tagged_vlans: [ClusterGroup, Free, Global]' }))).toEqual([]);
  });

  it('reports a VLAN of a group scoped elsewhere, at the VLAN (each tagged item), naming the scope', () => {
    expect(full(compileVlans({ a1: ', mode: access, untagged_vlan: Site2' }))).toEqual([
      [RULE, 'd.yaml:9:50', 'warning', 'interface "et1" of device "a1" has untagged VLAN "Site2", which is not available at its device: its VLAN group "G-Site2" is scoped to site "AMS2"', { vlan: 'Site2', group: 'G-Site2', scope: 'dcim.site AMS2' }],
    ]);
    expect(full(compileVlans({ a2: ', mode: tagged, tagged_vlans: [Site1, Hall, Rack]' })).map((d) => [d[1], d[3]])).toEqual([
      ['d.yaml:15:57', 'interface "et1" of device "a2" has tagged VLAN "Hall", which is not available at its device: its VLAN group "G-Hall" is scoped to location "hall-1"'],
      ['d.yaml:15:63', 'interface "et1" of device "a2" has tagged VLAN "Rack", which is not available at its device: its VLAN group "G-Rack" is scoped to rack "R1"'],
    ]);
  });

  it("reports a service VLAN and a VM interface's VLAN outside its cluster", () => {
    expect(full(compileVlans({ a1: ', mode: q-in-q, qinq_svlan: Cluster' })).map((d) => [d[1], d[3]])).toEqual([
      ['d.yaml:9:47', 'interface "et1" of device "a1" has service VLAN "Cluster", which is not available at its device: its VLAN group "G-Cluster" is scoped to cluster "c1"'],
    ]);
    expect(full(compileVlans({ vm: ', mode: access, untagged_vlan: ClusterGroup', cluster: 'c2' })).map((d) => [d[1], d[3]])).toEqual([
      ['vm.yaml:5:51', 'VM interface "eth0" of virtual machine "vm1" has untagged VLAN "ClusterGroup", which is not available at its virtual machine: its VLAN group "G-ClusterGroup" is scoped to cluster group "CG"'],
    ]);
  });

  it("leaves a VLAN of another site to dcim/interface-vlan-site", () => {
    expect(compileVlans({ a1: ', mode: access, untagged_vlan: Ams2' }).diagnostics.map((d) => d.rule)).toEqual(['dcim/interface-vlan-site']);
  });

  it('is off unless sot.yaml turns it on', () => {
    expect(full(compileVlans({ a1: ', mode: access, untagged_vlan: Site2', settings: 'format: 1\n' }))).toEqual([]);
  });
});

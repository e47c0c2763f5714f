import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'lint/vlan-unused';

// VLANs U (untagged), T (tagged), S (service), P (prefix), V (VM), W (wireless LAN), L (L2VPN), Q (its
// customer VLAN C names it as service VLAN) and the uses given; the VLANs start on line 4 of v.yaml.
const VLANS = `vlan_groups:
  - {name: G, slug: g}
vlans:
  - {name: U, vid: 10}
  - {name: T, vid: 11}
  - {name: S, vid: 12, qinq_role: svlan}
  - {name: P, vid: 13}
  - {name: V, vid: 14}
  - {name: W, vid: 15}
  - {name: L, vid: 16}
  - {name: Q, vid: 17, qinq_role: svlan}
  - {name: C, vid: 18, qinq_role: cvlan, qinq_svlan: Q}
  - {name: G1, vid: 19, group: G}
`;
const ALL: Record<string, string> = {
  device: 'interfaces: [{name: et1, mode: access, untagged_vlan: U}, {name: et2, mode: tagged, tagged_vlans: [T, C, G/G1]}, {name: mgmt, mode: q-in-q, qinq_svlan: S}]',
  prefix: 'prefixes:\n  - {prefix: 10.0.0.0/24, vlan: P}\n',
  vm: 'interfaces: [{name: eth0, mode: access, untagged_vlan: V}]',
  other: 'wireless_lans:\n  - {ssid: corp, vlan: W}\nl2vpns:\n  - {name: pw, slug: pw, type: vpls}\nl2vpn_terminations:\n  - {l2vpn: pw, assigned_object_type: ipam.vlan, assigned_object: L}\n',
};

const compileUses = (uses: Partial<Record<keyof typeof ALL, string>>, on = true) =>
  compileFiles({
    'sot.yaml': on ? `format: 1\nrules:\n  ${RULE}: warning\n` : 'format: 1\n',
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'v.yaml': VLANS,
    'd.yaml': `devices:\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1${uses.device ? `, ${uses.device}` : ''}}\n`,
    'vm.yaml': `cluster_types:\n  - {name: ESX, slug: esx}\nclusters:\n  - {name: c1, type: esx}\nvirtual_machines:\n  - {name: vm1, cluster: c1${uses.vm ? `, ${uses.vm}` : ''}}\n`,
    'p.yaml': uses.prefix ?? '',
    'o.yaml': uses.other ?? '',
  });
const report = (uses: Partial<Record<keyof typeof ALL, string>>, on = true) =>
  compileUses(uses, on).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts VLANs used by interfaces (untagged, tagged, service), VM interfaces, prefixes, wireless LANs, L2VPNs and customer VLANs', () => {
    expect(report(ALL)).toEqual([]);
  });

  it('reports each VLAN nothing uses, at its name', () => {
    expect(report({ ...ALL, device: 'interfaces: [{name: et1, mode: access, untagged_vlan: U}]', other: undefined })).toEqual([
      [RULE, 'v.yaml:5:12', 'warning', 'VLAN "T" (VID 11) is used by no interface, prefix or other object', { vlan: 'T', vid: 11 }],
      [RULE, 'v.yaml:6:12', 'warning', 'VLAN "S" (VID 12) is used by no interface, prefix or other object', { vlan: 'S', vid: 12 }],
      [RULE, 'v.yaml:9:12', 'warning', 'VLAN "W" (VID 15) is used by no interface, prefix or other object', { vlan: 'W', vid: 15 }],
      [RULE, 'v.yaml:10:12', 'warning', 'VLAN "L" (VID 16) is used by no interface, prefix or other object', { vlan: 'L', vid: 16 }],
      [RULE, 'v.yaml:12:12', 'warning', 'VLAN "C" (VID 18) is used by no interface, prefix or other object', { vlan: 'C', vid: 18 }],
      [RULE, 'v.yaml:13:12', 'warning', 'VLAN "G1" in VLAN group "G" (VID 19) is used by no interface, prefix or other object', { vlan: 'G1', vid: 19 }],
    ]);
    expect(report({ ...ALL, prefix: undefined, vm: undefined }).map((d) => d[1])).toEqual(['v.yaml:7:12', 'v.yaml:8:12']);
  });

  it('does not report a VLAN an ambiguous reference may mean, but does one a misspelt reference does not name', () => {
    expect(compileUses({ ...ALL, prefix: 'prefixes:\n  - {prefix: 10.0.0.0/24, vlan: p}\n' }).diagnostics.map((d) => [d.rule, at(d)])).toEqual([
      ['resolve/dangling-reference', 'p.yaml:2:33'],
      [RULE, 'v.yaml:7:12'],
    ]);
    const ambiguous = 'vlans:\n  - {name: X, vid: 30}\n  - {name: X, vid: 31, group: G}\nprefixes:\n  - {prefix: 10.0.0.0/24, vlan: P}\n  - {prefix: 10.0.0.0/25, vlan: X}\n';
    // Neither X is reported: the ambiguous reference may mean either.
    expect(compileUses({ ...ALL, prefix: ambiguous }).diagnostics.map((d) => [d.rule, at(d)])).toEqual([['resolve/ambiguous-reference', 'p.yaml:6:33']]);
  });

  it('is off unless sot.yaml turns it on', () => {
    expect(report({}, false)).toEqual([]);
  });
});

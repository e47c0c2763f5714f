import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-vlan-mode';

// Global VLANs V10, V20 and S100; device a1 in AMS1 whose interface et1 (line 8 of d.yaml) gets `iface`.
const compileIface = (iface: string, vm = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/x4.yaml': DEVICE_TYPE,
    'v.yaml': 'vlans:\n  - {name: V10, vid: 10}\n  - {name: V20, vid: 20}\n  - {name: S100, vid: 100}\n',
    'd.yaml': `devices:\n  - name: a1\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n    interfaces:\n      - {name: et2}\n      - {name: et1${iface}}\n`,
    ...(vm ? { 'vm.yaml': `virtual_machines:\n  - name: vm1\n    site: ams1\n    interfaces:\n      - {name: eth0${vm}}\n` } : {}),
  });

const full = (r: ReturnType<typeof compileIface>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts VLANs their mode takes, and modes without VLANs', () => {
    for (const iface of [
      '',
      ', mode: access',
      ', mode: access, untagged_vlan: V10',
      ', mode: tagged, untagged_vlan: V10, tagged_vlans: [V20]',
      ', mode: tagged-all, untagged_vlan: V10',
      ', mode: q-in-q, untagged_vlan: V10, qinq_svlan: S100',
      // NetBox's API takes tagged VLANs in q-in-q mode too.
      ', mode: q-in-q, tagged_vlans: [V20]',
      ', tagged_vlans: []',
    ]) {
      expect(full(compileIface(iface)), iface).toEqual([]);
    }
  });

  it('reports an untagged VLAN without a mode, at the untagged VLAN', () => {
    expect(full(compileIface(', untagged_vlan: V10'))).toEqual([
      [RULE, 'd.yaml:8:36', 'error', 'interface "et1" of device "a1" has an untagged VLAN but no 802.1Q mode', { mode: null }],
    ]);
  });

  it('reports tagged VLANs without a mode or in access and tagged-all mode, at the tagged VLANs', () => {
    expect(full(compileIface(', tagged_vlans: [V20]'))).toEqual([
      [RULE, 'd.yaml:8:35', 'error', 'interface "et1" of device "a1" has tagged VLANs but no 802.1Q mode', { mode: null }],
    ]);
    expect(full(compileIface(', mode: access, tagged_vlans: [V20]'))).toEqual([
      [RULE, 'd.yaml:8:49', 'error', 'interface "et1" of device "a1" has tagged VLANs, which its mode "access" does not take', { mode: 'access' }],
    ]);
    expect(full(compileIface(', mode: tagged-all, tagged_vlans: [V20]'))).toEqual([
      [RULE, 'd.yaml:8:53', 'error', 'interface "et1" of device "a1" has tagged VLANs, which its mode "tagged-all" does not take', { mode: 'tagged-all' }],
    ]);
  });

  it('reports a service VLAN outside q-in-q mode, at the service VLAN', () => {
    expect(full(compileIface(', mode: tagged, qinq_svlan: S100'))).toEqual([
      [RULE, 'd.yaml:8:47', 'error', 'interface "et1" of device "a1" has a service VLAN, which only mode q-in-q takes; its mode is "tagged"', { mode: 'tagged' }],
    ]);
    expect(full(compileIface(', qinq_svlan: S100'))).toEqual([
      [RULE, 'd.yaml:8:33', 'error', 'interface "et1" of device "a1" has a service VLAN, which only mode q-in-q takes; it has no mode', { mode: null }],
    ]);
  });

  it('reports each field of one interface once', () => {
    expect(full(compileIface(', untagged_vlan: V10, tagged_vlans: [V20], qinq_svlan: S100')).map((d) => [d[0], d[1]])).toEqual([
      [RULE, 'd.yaml:8:36'],
      [RULE, 'd.yaml:8:55'],
      [RULE, 'd.yaml:8:74'],
    ]);
  });

  it("leaves a VLAN that does not resolve to resolve's report", () => {
    expect(compileIface(', untagged_vlan: V99, tagged_vlans: [V98]').diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference', 'resolve/dangling-reference']);
  });

  it('on VM interfaces, reports only a service VLAN outside q-in-q mode (NetBox drops an untagged VLAN without a mode)', () => {
    expect(full(compileIface('', ', untagged_vlan: V10, tagged_vlans: [V20]'))).toEqual([]);
    expect(full(compileIface('', ', mode: q-in-q, qinq_svlan: S100'))).toEqual([]);
    expect(full(compileIface('', ', mode: access, qinq_svlan: S100'))).toEqual([
      [RULE, 'vm.yaml:5:48', 'error', 'VM interface "eth0" of virtual machine "vm1" has a service VLAN, which only mode q-in-q takes; its mode is "access"', { mode: 'access' }],
    ]);
  });
});

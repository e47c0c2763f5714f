import { describe, expect, it } from 'vitest';
import { displayName, ref, refs, type Obj } from '../../src/model/model.js';
import { BASE, brief, briefs, compileFiles, rulesAt } from '../helpers/compile.js';

// Every wireless kind: a dangling reference, a duplicate natural key (rule id and file:line:col,
// 1-based; wireless LANs have none in NetBox, so a repeated SSID is ambiguous only where it is
// referred to), and a valid inventory whose references resolve.

const at = rulesAt;

const objects = (files: Record<string, string>, kind: string): Obj[] => {
  const r = compileFiles(files);
  expect(briefs(r)).toEqual([]);
  return r.model.byKind.get(kind)!;
};

const GROUPS = 'wireless_lan_groups:\n  - {name: Corporate, slug: corporate}\n  - {name: Offices, slug: offices, parent: corporate}\n';

// Two access points whose device type has two radios (802.11ax and 802.11ac) and a wired eth0 each.
const RADIOS = {
  'device-types/Acme/AP-1.yaml': 'manufacturer: Acme\nmodel: AP-1\nslug: acme-ap-1\ninterfaces:\n  - name: wlan0\n    type: ieee802.11ax\n  - name: wlan2\n    type: ieee802.11ac\n  - name: eth0\n    type: 1000base-t\n',
  'aps.yaml': 'devices:\n  - {name: ap1, device_type: acme-ap-1, role: leaf, site: ams1}\n  - {name: ap2, device_type: acme-ap-1, role: leaf, site: ams2}\n',
};

describe('wireless LAN groups', () => {
  it('reports a dangling parent', () => {
    expect(at({ 'w.yaml': 'wireless_lan_groups:\n  - {name: Offices, slug: offices, parent: corprate}\n' })).toEqual([['resolve/dangling-reference', 'w.yaml:2:44']]);
  });

  it('keeps names unique across all groups, not only among siblings', () => {
    expect(at({ 'w.yaml': `${GROUPS}  - {name: Offices, slug: offices-2}\n` })).toEqual([['resolve/duplicate-key', 'w.yaml:4:12']]);
  });

  it('resolves its parent and reports a loop', () => {
    const [corporate, offices] = objects({ 'w.yaml': GROUPS }, 'wireless.wirelesslangroup');
    expect(ref(offices, 'parent')).toBe(corporate);
    const loop = at({ 'w.yaml': 'wireless_lan_groups:\n  - {name: A, slug: a, parent: b}\n  - {name: B, slug: b, parent: a}\n' });
    expect(loop.map(([rule]) => rule)).toEqual(['resolve/cycle']);
  });
});

describe('wireless LANs', () => {
  it('reports a dangling group and a dangling scope', () => {
    const files = { 'base.yaml': BASE, 'g.yaml': GROUPS, 'w.yaml': 'wireless_lans:\n  - {ssid: CORP, group: ofices}\n  - {ssid: GUEST, scope_type: dcim.region, scope: asia}\n' };
    expect(at(files)).toEqual([
      ['resolve/dangling-reference', 'w.yaml:2:25'],
      ['resolve/dangling-reference', 'w.yaml:3:51'],
    ]);
  });

  it('lets SSIDs repeat, in one group, in several and without a group', () => {
    const files = {
      'g.yaml': GROUPS,
      'w.yaml': 'wireless_lans:\n  - {ssid: CORP, group: offices}\n  - {ssid: CORP, group: corporate}\n  - {ssid: CORP}\n  - {ssid: CORP, group: offices}\n  - {ssid: CORP}\n',
    };
    expect(at(files)).toEqual([]);
    expect(compileFiles(files).model.byKind.get('wireless.wirelesslan')!).toHaveLength(5);
  });

  it('reports a reference to a repeated SSID as ambiguous, and resolves it through the group or the VLAN', () => {
    const vlans = 'vlans:\n  - {vid: 10, name: guest-a}\n  - {vid: 20, name: guest-b}\n';
    const lans = 'wireless_lans:\n  - {ssid: CORP, group: offices}\n  - {ssid: CORP, group: corporate}\n  - {ssid: GUEST, vlan: guest-a}\n  - {ssid: GUEST, vlan: guest-b}\n  - {ssid: LAB}\n  - {ssid: LAB}\n';
    const files = {
      'base.yaml': BASE,
      ...RADIOS,
      'g.yaml': GROUPS,
      'v.yaml': vlans,
      'w.yaml': lans,
      'i.yaml': 'interfaces:\n  - {device: ap1, name: wlan0, wireless_lans: [CORP, GUEST, LAB]}\n',
    };
    const r = compileFiles(files);
    expect(r.diagnostics.map((d) => [d.rule, brief(d).split(' ')[0], d.message, d.help, d.data])).toEqual([
      [
        'resolve/ambiguous-reference',
        'i.yaml:2:48',
        '"CORP" names 2 wireless LANs: wireless LAN "CORP" in wireless LAN group "Offices", wireless LAN "CORP" in wireless LAN group "Corporate"',
        'say which one: write a mapping such as {group: Offices, ssid: CORP}',
        { kind: 'wireless.wirelesslan', value: 'CORP', candidates: ['wireless_lans[ssid=CORP]', 'wireless_lans[ssid=CORP]'] },
      ],
      [
        'resolve/ambiguous-reference',
        'i.yaml:2:54',
        '"GUEST" names 2 wireless LANs: wireless LAN "GUEST" (vlan "guest-a"), wireless LAN "GUEST" (vlan "guest-b")',
        'say which one: write a mapping such as {vlan: guest-a, ssid: GUEST}',
        { kind: 'wireless.wirelesslan', value: 'GUEST', candidates: ['wireless_lans[ssid=GUEST]', 'wireless_lans[ssid=GUEST]'] },
      ],
      [
        'resolve/ambiguous-reference',
        'i.yaml:2:61',
        '"LAB" names 2 wireless LANs: wireless LAN "LAB", wireless LAN "LAB"',
        'the candidates cannot be told apart by their fields; rename one of them',
        { kind: 'wireless.wirelesslan', value: 'LAB', candidates: ['wireless_lans[ssid=LAB]', 'wireless_lans[ssid=LAB]'] },
      ],
    ]);
    const ok = compileFiles({
      ...files,
      'i.yaml': 'interfaces:\n  - {device: ap1, name: wlan0, wireless_lans: [{group: corporate, ssid: CORP}, {group: offices, ssid: CORP}, {vlan: guest-b, ssid: GUEST}]}\n',
    });
    expect(briefs(ok)).toEqual([]);
    const wlan0 = ok.model.byKind.get('dcim.interface')!.find((i) => i.data.wireless_lans)!;
    const lansOf = refs(wlan0, 'wireless_lans');
    expect(lansOf.map((l) => [displayName(l), ref(l, 'group') && displayName(ref(l, 'group')!), ref(l, 'vlan') && displayName(ref(l, 'vlan')!)])).toEqual([
      ['CORP', 'Corporate', undefined],
      ['CORP', 'Offices', undefined],
      ['GUEST', undefined, 'guest-b'],
    ]);
  });

  it('resolves its group, tenant and polymorphic scope', () => {
    const files = {
      'base.yaml': `${BASE}tenants:\n  - {name: NetOps, slug: netops}\n`,
      'g.yaml': GROUPS,
      'w.yaml': 'wireless_lans:\n  - {ssid: CORP, group: offices, tenant: netops, scope_type: dcim.region, scope: europe, auth_type: wpa-enterprise, auth_cipher: aes}\n  - {ssid: GUEST, group: offices, scope_type: dcim.site, scope: AMS2, auth_type: wpa-personal, auth_psk: guest-passphrase}\n',
    };
    const [corp, guest] = objects(files, 'wireless.wirelesslan');
    expect(displayName(ref(corp, 'group')!)).toBe('Offices');
    expect(displayName(ref(corp, 'tenant')!)).toBe('NetOps');
    expect([ref(corp, 'scope')!.kind.kind, displayName(ref(corp, 'scope')!)]).toEqual(['dcim.region', 'Europe']);
    expect([ref(guest, 'scope')!.kind.kind, displayName(ref(guest, 'scope')!)]).toEqual(['dcim.site', 'AMS2']);
  });
});

describe('wireless links', () => {
  it('reports a dangling interface, compact or explicit', () => {
    const files = {
      'base.yaml': BASE,
      ...RADIOS,
      'w.yaml': 'wireless_links:\n  - {interface_a: "ap1:wlan1", interface_b: {device: ap2, name: wlan0}}\n  - {interface_a: "ap1:wlan0", interface_b: {device: ap2, name: wlan9}}\n',
    };
    expect(at(files)).toEqual([
      ['resolve/dangling-reference', 'w.yaml:2:19'],
      ['resolve/dangling-reference', 'w.yaml:3:45'],
    ]);
  });

  // NetBox keys links by (interface_a, interface_b): the second link between the same pair is a
  // duplicate however its interfaces are written; the same SSID on two links is fine.
  it('reports a second link between the same interfaces', () => {
    const files = {
      'base.yaml': BASE,
      ...RADIOS,
      'w.yaml': 'wireless_links:\n  - {interface_a: "ap1:wlan0", interface_b: "ap2:wlan0", ssid: BH-1}\n  - {interface_a: "ap1:wlan2", interface_b: "ap2:wlan2", ssid: BH-1}\n  - {interface_a: {device: ap1, name: wlan0}, interface_b: "ap2:wlan0"}\n',
    };
    expect(at(files)).toEqual([['resolve/duplicate-key', 'w.yaml:4:60']]);
  });

  it('resolves both interfaces and the tenant', () => {
    const files = {
      'base.yaml': `${BASE}tenants:\n  - {name: NetOps, slug: netops}\n`,
      ...RADIOS,
      'w.yaml': 'wireless_links:\n  - interface_a: ap1:wlan0\n    interface_b: {device: ap2, name: wlan0}\n    ssid: BH-1\n    status: planned\n    tenant: netops\n    distance: 1.25\n    distance_unit: km\n    auth_type: wpa-personal\n    auth_cipher: aes\n    auth_psk: backhaul-passphrase\n',
    };
    const [link] = objects(files, 'wireless.wirelesslink');
    const a = ref(link, 'interface_a')!;
    const b = ref(link, 'interface_b')!;
    expect([displayName(a), displayName(a.owner!), displayName(b), displayName(b.owner!)]).toEqual(['wlan0', 'ap1', 'wlan0', 'ap2']);
    expect(displayName(ref(link, 'tenant')!)).toBe('NetOps');
  });
});

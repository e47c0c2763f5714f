import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'wireless/link-interface-type';

// Two access points of a type with a radio wlan0 (802.11ax) and a wired eth0; ap2 adds its own LTE
// modem and overrides eth0 as an 802.11ac radio. The link is on line 2 of w.yaml.
const compileLink = (a: string, b: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/AP-1.yaml': 'manufacturer: Acme\nmodel: AP-1\nslug: acme-ap-1\ninterfaces:\n  - name: wlan0\n    type: ieee802.11ax\n  - name: eth0\n    type: 1000base-t\n',
    'aps.yaml': `devices:
  - {name: ap1, device_type: acme-ap-1, role: leaf, site: ams1}
  - name: ap2
    device_type: acme-ap-1
    role: leaf
    site: ams2
    interfaces:
      - {name: lte0, type: lte}
      - {name: eth0, type: ieee802.11ac}
`,
    'w.yaml': `wireless_links:\n  - {interface_a: "${a}", interface_b: "${b}"}\n`,
  });

const full = (a: string, b: string) => compileLink(a, b).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts wireless interfaces, from the device type or the device's own, overrides too", () => {
    for (const [a, b] of [['ap1:wlan0', 'ap2:wlan0'], ['ap1:wlan0', 'ap2:lte0'], ['ap2:eth0', 'ap1:wlan0']]) {
      expect(compileLink(a, b).diagnostics.map((d) => [d.rule, at(d), d.message])).toEqual([]);
    }
  });

  it('reports a wired interface on either side, at that side', () => {
    expect(full('ap1:eth0', 'ap2:wlan0')).toEqual([
      [RULE, 'w.yaml:2:19', 'error', 'interface "ap1:eth0" is of type 1000base-t, which is not wireless', { interface: 'ap1:eth0', type: '1000base-t' }],
    ]);
    expect(full('ap1:wlan0', 'ap1:eth0')).toEqual([
      [RULE, 'w.yaml:2:45', 'error', 'interface "ap1:eth0" is of type 1000base-t, which is not wireless', { interface: 'ap1:eth0', type: '1000base-t' }],
    ]);
  });

  it('reports both sides when neither is wireless', () => {
    expect(full('ap1:eth0', 'ap1:eth0').map(([rule, where]) => [rule, where])).toEqual([
      [RULE, 'w.yaml:2:19'],
      [RULE, 'w.yaml:2:44'],
    ]);
  });
});

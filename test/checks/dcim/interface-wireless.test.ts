import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-wireless';

// Device type AP (its interface template on line 5), module type MR (template on line 4), devices
// ap1 (its interfaces written from line 7 of d.yaml on) and ap2 of type AP.
const compileRf = (typeIface: string, moduleIface: string, lines: string[]) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/AP.yaml': `manufacturer: Acme\nmodel: AP\nslug: ap\ninterfaces:\n  - ${typeIface}\n`,
    'module-types/Acme/MR.yaml': `manufacturer: Acme\nmodel: MR\ninterfaces:\n  - ${moduleIface}\n`,
    'd.yaml': `devices:
  - name: ap1
    device_type: AP
    role: leaf
    site: ams1
    interfaces:
${lines.length ? lines.map((l) => `      - ${l}`).join('\n') : '      []'}
  - { name: ap2, device_type: AP, role: leaf, site: ams1 }
`,
  });

const WLAN = '{ name: wlan0, type: ieee802.11ax, rf_role: ap }';
const MWLAN = '{ name: r0, type: lte, rf_role: station }';
const all = (typeIface: string, moduleIface: string, lines: string[]) =>
  compileRf(typeIface, moduleIface, lines).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts radio settings on wireless interfaces and templates, a channel's own frequency and width, and custom ones without a channel", () => {
    expect(all(WLAN, MWLAN, [
      '{ name: wlan1, type: ieee802.11ac, rf_role: ap, rf_channel: 5g-36-5180-20, rf_channel_frequency: 5180, rf_channel_width: 20 }',
      '{ name: wlan2, type: ieee802.11n, rf_channel: 2.4g-1-2412-22, rf_channel_frequency: 2412.000, rf_channel_width: 22.0 }',
      '{ name: wlan3, type: other-wireless, rf_channel_frequency: 5500.5, rf_channel_width: 40 }',
      '{ name: wlan4, type: ieee802.11ac, rf_channel: 5g-42-5210-80 }',
      // NetBox skips a zero frequency or width, and an empty role.
      "{ name: eth0, type: 1000base-t, rf_channel_frequency: 0, rf_channel_width: 0, rf_role: '' }",
    ])).toEqual([]);
  });

  it('reports radio settings on an interface that is not wireless once, at the first of them', () => {
    expect(all(WLAN, MWLAN, ['{ name: eth0, type: 1000base-t, rf_role: ap, rf_channel: 5g-36-5180-20 }', '{ name: v1, type: virtual, rf_channel_width: 40 }'])).toEqual([
      [RULE, 'd.yaml:7:50', 'error', 'interface "eth0" of device "ap1" is of type 1000base-t, which is not wireless and cannot have rf_role, rf_channel', { type: '1000base-t', fields: ['rf_role', 'rf_channel'] }],
      [RULE, 'd.yaml:8:54', 'error', 'interface "v1" of device "ap1" is of type virtual, which is not wireless and cannot have rf_channel_width', { type: 'virtual', fields: ['rf_channel_width'] }],
    ]);
  });

  it("reports a frequency or width other than the channel's, each at its field, decimals compared as numbers", () => {
    expect(all(WLAN, MWLAN, [
      '{ name: wlan1, type: ieee802.11ac, rf_channel: 5g-36-5180-20, rf_channel_frequency: 5200, rf_channel_width: 40 }',
      '{ name: wlan2, type: ieee802.11n, rf_channel: 2.4g-1-2412-22, rf_channel_frequency: 2412.5 }',
    ])).toEqual([
      [RULE, 'd.yaml:7:93', 'error', 'interface "wlan1" of device "ap1" has rf_channel_frequency 5200, but its channel 5g-36-5180-20 is centred on 5180 MHz', { channel: '5g-36-5180-20', value: 5200, expected: 5180 }],
      [RULE, 'd.yaml:7:117', 'error', 'interface "wlan1" of device "ap1" has rf_channel_width 40, but its channel 5g-36-5180-20 is 20 MHz wide', { channel: '5g-36-5180-20', value: 40, expected: 20 }],
      [RULE, 'd.yaml:8:93', 'error', 'interface "wlan2" of device "ap1" has rf_channel_frequency 2412.5, but its channel 2.4g-1-2412-22 is centred on 2412 MHz', { channel: '2.4g-1-2412-22', value: 2412.5, expected: 2412 }],
    ]);
  });

  it('reports a radio role on a device or module type template that is not wireless once, at the type', () => {
    expect(all('{ name: eth0, type: 1000base-t, rf_role: ap }', '{ name: r0, type: sonet-oc3, rf_role: station }', ['{ name: eth0, description: completed }'])).toEqual([
      [RULE, 'device-types/Acme/AP.yaml:5:46', 'error', 'interface template "eth0" of device type "AP" in manufacturer "Acme" is of type 1000base-t, which is not wireless and cannot have rf_role', { type: '1000base-t', fields: ['rf_role'] }],
      [RULE, 'module-types/Acme/MR.yaml:4:43', 'error', 'interface template "r0" of module type "MR" in manufacturer "Acme" is of type sonet-oc3, which is not wireless and cannot have rf_role', { type: 'sonet-oc3', fields: ['rf_role'] }],
    ]);
  });

  it("reports a device's interface that makes its template's radio role wrong, at the interface", () => {
    expect(all(WLAN, MWLAN, ['{ name: wlan0, type: 1000base-t }']).map((d) => [d[0], d[1], d[3]])).toEqual([
      [RULE, 'd.yaml:7:9', 'interface "wlan0" of device "ap1" is of type 1000base-t, which is not wireless and cannot have rf_role'],
    ]);
  });
});

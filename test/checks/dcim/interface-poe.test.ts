import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-poe';

// Device type AP (its interface template eth0 on line 5), module type MP (template m0 on line 4),
// devices ap1 (its interfaces written from line 7 of d.yaml on) and ap2 of type AP.
const compilePoe = (typeIface: string, moduleIface: string, lines: string[]) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/AP.yaml': `manufacturer: Acme\nmodel: AP\nslug: ap\ninterfaces:\n  - ${typeIface}\n`,
    'module-types/Acme/MP.yaml': `manufacturer: Acme\nmodel: MP\ninterfaces:\n  - ${moduleIface}\n`,
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

const PD = '{ name: eth0, type: 1000base-t, poe_mode: pd, poe_type: type2-ieee802.3at }';
const MPSE = '{ name: m0, type: 1000base-t, poe_mode: pse }';
const all = (typeIface: string, moduleIface: string, lines: string[]) =>
  compilePoe(typeIface, moduleIface, lines).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts PoE on physical interfaces and templates, a mode without a type, and virtual ones without PoE', () => {
    expect(all(PD, MPSE, ['{ name: eth1, type: 1000base-t, poe_mode: pse }', '{ name: v1, type: virtual }', "{ name: po1, type: lag, poe_mode: '', poe_type: '' }"])).toEqual([]);
  });

  it('reports PoE on a virtual, LAG or bridge interface once, at its first PoE field', () => {
    expect(all(PD, MPSE, ['{ name: v1, type: virtual, poe_mode: pse, poe_type: type1-ieee802.3af }', '{ name: po1, type: lag, poe_type: passive-24v-2pair }'])).toEqual([
      [RULE, 'd.yaml:7:46', 'error', 'interface "v1" of device "ap1" is of type virtual, which is virtual and cannot have poe_mode or poe_type', { type: 'virtual', fields: ['poe_mode', 'poe_type'] }],
      [RULE, 'd.yaml:8:43', 'error', 'interface "po1" of device "ap1" is of type lag, which is virtual and cannot have poe_type', { type: 'lag', fields: ['poe_type'] }],
    ]);
  });

  it('reports a PoE type without a PoE mode, at the type', () => {
    expect(all(PD, MPSE, ['{ name: eth1, type: 1000base-t, poe_type: type1-ieee802.3af }'])).toEqual([
      [RULE, 'd.yaml:7:51', 'error', 'interface "eth1" of device "ap1" has poe_type type1-ieee802.3af but no poe_mode', { poeType: 'type1-ieee802.3af' }],
    ]);
  });

  it('reports device and module type templates once, at the type, not on the devices made from them', () => {
    expect(all('{ name: eth0, type: bridge, poe_mode: pd }', '{ name: m0, type: 1000base-t, poe_type: type1-ieee802.3af }', ['{ name: eth0, description: completed }'])).toEqual([
      [RULE, 'device-types/Acme/AP.yaml:5:43', 'error', 'interface template "eth0" of device type "AP" in manufacturer "Acme" is of type bridge, which is virtual and cannot have poe_mode', { type: 'bridge', fields: ['poe_mode'] }],
      [RULE, 'module-types/Acme/MP.yaml:4:45', 'error', 'interface template "m0" of module type "MP" in manufacturer "Acme" has poe_type type1-ieee802.3af but no poe_mode', { poeType: 'type1-ieee802.3af' }],
    ]);
  });

  it("reports a device's interface that makes its template's PoE wrong, at the interface", () => {
    expect(all(PD, MPSE, ['{ name: eth0, type: lag }']).map((d) => [d[0], d[1], d[3]])).toEqual([
      [RULE, 'd.yaml:7:9', 'interface "eth0" of device "ap1" is of type lag, which is virtual and cannot have poe_mode or poe_type'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { cableFiles } from '../../helpers/cables.js';
import { compileFiles } from '../../helpers/compile.js';

const RULE = 'dcim/cable-end-type';

// leaf3 has interfaces no cable may end on, a port marked connected, and power ports and outlets.
const EXTRA = {
  'e.yaml': `devices:
  - name: leaf3
    device_type: Acme/X-4
    role: leaf
    site: ams1
    interfaces:
      - {name: lag1, type: lag}
      - {name: br0, type: bridge}
      - {name: vl10, type: virtual}
      - {name: wl0, type: ieee802.11ax}
      - {name: lte0, type: lte}
      - {name: et1, mark_connected: true}
    power_ports:
      - {name: PSU1, type: iec-60320-c14}
      - {name: PSU2, type: iec-60320-c14}
    power_outlets:
      - {name: out1, type: iec-60320-c13}
      - {name: out2, type: iec-60320-c13}
providers:
  - {name: Transit, slug: transit}
provider_networks:
  - {provider: transit, name: Internet}
circuit_types:
  - {name: Transit, slug: transit}
circuits:
  - {cid: C-1, provider: transit, type: transit}
circuit_terminations:
  - {circuit: C-1, term_side: A, termination_type: dcim.site, termination: ams1}
  - {circuit: C-1, term_side: Z, termination_type: circuits.providernetwork, termination: transit/Internet}
`,
};

const run = (cables: string) => compileFiles(cableFiles(cables, EXTRA)).diagnostics;
const findings = (cables: string) =>
  run(cables)
    .filter((d) => d.rule === RULE)
    .map((d) => ({ at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, message: d.message, data: d.data }));

describe('dcim/cable-end-type', () => {
  it('accepts compatible kinds, one kind per side, and terminations that may take a cable', () => {
    expect(
      run(
        '  - {a: "leaf1:et1", b: "leaf2:et1"}\n' +
          '  - {a_terminations: ["leaf1:et2", "leaf1:mgmt"], b_terminations: ["leaf2:et2", "leaf2:mgmt"]}\n' +
          '  - {a: {device: leaf3, power_port: PSU1}, b: {device: leaf3, power_outlet: out1}}\n' +
          '  - {a: {circuit: C-1, term_side: A}, b: "leaf3:et2"}\n',
      ).filter((d) => d.rule === RULE),
    ).toEqual([]);
  });

  it('reports a side that mixes kinds, at its first end of another kind, and then not the pair of sides', () => {
    const d = run('  - a_terminations: ["leaf1:et1", {device: leaf1, console_port: con}]\n    b: {device: leaf3, power_port: PSU1}\n').filter((x) => x.rule === RULE);
    expect(d.map((x) => [x.rule, x.severity, `${x.location.file}:${x.location.range!.start.line + 1}:${x.location.range!.start.column + 1}`, x.message])).toEqual([
      [RULE, 'error', 'c.yaml:2:35', "the cable's A side mixes interface and console port ends: all ends of a side are of one kind"],
    ]);
    expect(d[0].data).toEqual({ side: 'a', kind: 'dcim.interface', otherKind: 'dcim.consoleport', end: 'leaf1:con' });
    expect(d[0].related?.map((x) => [x.location.range!.start.line + 1, x.location.range!.start.column + 1, x.message])).toEqual([
      [2, 22, 'the side\'s first end, interface "et1" of device "leaf1"'],
    ]);
  });

  it('reports sides of kinds NetBox does not join, at the B side', () => {
    expect(
      findings(
        '  - {a: "leaf1:et1", b: {device: leaf3, power_port: PSU1}}\n' +
          '  - {a: {device: leaf1, console_port: con}, b: "leaf2:et1"}\n' +
          '  - {a: {device: leaf3, power_outlet: out1}, b_terminations: [{device: leaf3, power_outlet: out2}]}\n' +
          '  - {a: {device: leaf3, power_port: PSU1}, b: {device: leaf3, power_port: PSU2}}\n',
      ).map((f) => [f.at, f.message, f.data]),
    ).toEqual([
      ['c.yaml:2:25', 'a cable cannot join interface (A side) to power port (B side)', { a: 'dcim.interface', b: 'dcim.powerport' }],
      ['c.yaml:3:48', 'a cable cannot join console port (A side) to interface (B side)', { a: 'dcim.consoleport', b: 'dcim.interface' }],
      ['c.yaml:4:63', 'a cable cannot join power outlet (A side) to power outlet (B side)', { a: 'dcim.poweroutlet', b: 'dcim.poweroutlet' }],
      ['c.yaml:5:47', 'a cable cannot join power port (A side) to power port (B side)', { a: 'dcim.powerport', b: 'dcim.powerport' }],
    ]);
  });

  it('reports virtual, LAG, bridge and wireless interfaces, ports marked connected and circuit terminations on a provider network', () => {
    expect(
      findings(
        '  - {a: "leaf3:lag1", b: "leaf2:et1"}\n' +
          '  - {a: "leaf2:et2", b_terminations: ["leaf3:br0", "leaf3:vl10"]}\n' +
          '  - {a: "leaf3:wl0", b: "leaf3:lte0"}\n' +
          '  - {a: "leaf3:et1", b: {circuit: C-1, term_side: Z}}\n',
      ).map((f) => [f.at, f.message, f.data]),
    ).toEqual([
      ['c.yaml:2:9', 'interface "lag1" of device "leaf3" is a LAG interface and cannot take a cable', { side: 'a', end: 'leaf3:lag1', reason: 'interface_type' }],
      ['c.yaml:3:39', 'interface "br0" of device "leaf3" is a bridge interface and cannot take a cable', { side: 'b', end: 'leaf3:br0', reason: 'interface_type' }],
      ['c.yaml:3:52', 'interface "vl10" of device "leaf3" is a virtual interface and cannot take a cable', { side: 'b', end: 'leaf3:vl10', reason: 'interface_type' }],
      ['c.yaml:4:9', 'interface "wl0" of device "leaf3" is a wireless (ieee802.11ax) interface and cannot take a cable', { side: 'a', end: 'leaf3:wl0', reason: 'interface_type' }],
      ['c.yaml:4:25', 'interface "lte0" of device "leaf3" is a wireless (lte) interface and cannot take a cable', { side: 'b', end: 'leaf3:lte0', reason: 'interface_type' }],
      ['c.yaml:5:9', 'interface "et1" of device "leaf3" is marked as connected and cannot take a cable', { side: 'a', end: 'leaf3:et1', reason: 'mark_connected' }],
      ['c.yaml:5:25', 'circuit termination "Z" in circuit "C-1" is attached to a provider network and cannot take a cable', { side: 'b', end: 'C-1:Z', reason: 'provider_network' }],
    ]);
  });
});

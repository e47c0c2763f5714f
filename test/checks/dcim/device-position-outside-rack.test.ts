import { describe, expect, it } from 'vitest';
import { at, compileRack } from '../../helpers/racks.js';

const RULE = 'dcim/device-position-outside-rack';
const RACK_TYPE = { 'rack-types/Acme/R48.yaml': 'manufacturer: Acme\nmodel: R48\nslug: r48\nform_factor: 4-post-cabinet\nu_height: 48\nstarting_unit: 2\n' };

const findings = (devices: string[], rack?: string) =>
  compileRack(devices, rack, RACK_TYPE)
    .diagnostics.filter((d) => d.rule === RULE)
    .map((d) => ({ at: at(d), data: d.data }));

describe(RULE, () => {
  it('accepts devices inside the rack, up to its top unit, half units included', () => {
    const clean = (devices: string[], rack?: string) => compileRack(devices, rack, RACK_TYPE).diagnostics.map((d) => [d.rule, at(d)]);
    // A 42U rack (NetBox's default height) from U1: U42 is the top unit, U42.5 its upper half.
    expect(clean(['a t1f 42 front', 'b t2f 40 front', 'c t1f 1 front'])).toEqual([]);
    expect(clean(['a t1h 41.5 rear', 'b t1h 42 front', 'c t1h 40.5 front'], '{name: R1, site: ams1, u_height: 42}')).toEqual([]);
    expect(clean(['a t1f 20 front'], '{name: R1, site: ams1, u_height: 20}')).toEqual([]);
    // Descending units number the same units.
    expect(clean(['a t2f 19 front', 'b t1f 1 front'], '{name: R1, site: ams1, u_height: 20, desc_units: true}')).toEqual([]);
    // From U5: U5 to U24.
    expect(clean(['a t1f 5 front', 'b t2f 23 front'], '{name: R1, site: ams1, u_height: 20, starting_unit: 5}')).toEqual([]);
  });

  it('reports a device that reaches above the top unit, at its position', () => {
    const r = compileRack(['a t2f 42 front', 'b t1f 42.5 rear'], '{name: R1, site: ams1}').diagnostics.filter((d) => d.rule === RULE);
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'dc.yaml:5:77', 'error', 'device "a" at U42–U43 reaches above U42, the top unit of rack "R1" (U1–U42)', { rack: 'R1', position: 42, uHeight: 2, firstUnit: 1, lastUnit: 42 }],
      [RULE, 'dc.yaml:6:77', 'error', 'device "b" at U42.5 reaches above U42, the top unit of rack "R1" (U1–U42)', { rack: 'R1', position: 42.5, uHeight: 1, firstUnit: 1, lastUnit: 42 }],
    ]);
    expect(findings(['a t1f 21 front'], '{name: R1, site: ams1, u_height: 20}')).toEqual([{ at: 'dc.yaml:5:77', data: { rack: 'R1', position: 21, uHeight: 1, firstUnit: 1, lastUnit: 20 } }]);
    expect(findings(['a t2f 24 front'], '{name: R1, site: ams1, u_height: 20, starting_unit: 5, desc_units: true}')).toEqual([
      { at: 'dc.yaml:5:77', data: { rack: 'R1', position: 24, uHeight: 2, firstUnit: 5, lastUnit: 24 } },
    ]);
  });

  it('reports a device below the rack\'s starting unit', () => {
    const r = compileRack(['a t2f 4 front', 'b t1f 0.5 rear'], '{name: R1, site: ams1, u_height: 20, starting_unit: 5}').diagnostics.filter((d) => d.rule === RULE);
    expect(r.map((d) => [at(d), d.message, d.data])).toEqual([
      ['dc.yaml:5:77', 'device "a" at U4–U5 starts below U5, the lowest unit of rack "R1" (U5–U24)', { rack: 'R1', position: 4, uHeight: 2, firstUnit: 5, lastUnit: 24 }],
      ['dc.yaml:6:77', 'device "b" at U0.5 starts below U5, the lowest unit of rack "R1" (U5–U24)', { rack: 'R1', position: 0.5, uHeight: 1, firstUnit: 5, lastUnit: 24 }],
    ]);
    // NetBox's lowest position is U1, and a rack starts at U1 at the lowest.
    expect(findings(['a t1f 0.5 front'])).toEqual([{ at: 'dc.yaml:5:77', data: { rack: 'R1', position: 0.5, uHeight: 1, firstUnit: 1, lastUnit: 42 } }]);
  });

  it('numbers a rack with a rack type by the type (48U from U2), not by its own fields', () => {
    expect(findings(['a t1f 49 front', 'b t1f 2 rear'], '{name: R1, site: ams1, rack_type: r48, u_height: 10}')).toEqual([]);
    expect(findings(['a t1f 50 front', 'b t1f 1 rear'], '{name: R1, site: ams1, rack_type: r48, u_height: 10}')).toEqual([
      { at: 'dc.yaml:5:77', data: { rack: 'R1', position: 50, uHeight: 1, firstUnit: 2, lastUnit: 49 } },
      { at: 'dc.yaml:6:77', data: { rack: 'R1', position: 1, uHeight: 1, firstUnit: 2, lastUnit: 49 } },
    ]);
    // A rack type that does not resolve leaves the numbering unknown: only the dangling reference is reported.
    expect(compileRack(['a t1f 60 front'], '{name: R1, site: ams1, rack_type: nope}').diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });

  it('reports a position on a 0U device type, and a face or position on a child type', () => {
    // NetBox lets a 0U device name a face, but not a position.
    expect(findings(['a t0f - rear'])).toEqual([]);
    const r = compileRack(['a t0f 10 rear', 'b tch 10 front', 'c tch - rear']).diagnostics.filter((d) => d.rule === RULE);
    expect(r.map((d) => [at(d), d.message, d.data])).toEqual([
      ['dc.yaml:5:77', 'device "a" has a rack position, but its device type "T0F" is 0U', { field: 'position', deviceType: 'T0F', reason: '0U' }],
      ['dc.yaml:6:77', 'device "b" has a rack position, but its device type "TCH" is a child type: the device takes its place from its parent\'s device bay', { field: 'position', deviceType: 'TCH', reason: 'child' }],
      ['dc.yaml:6:87', 'device "b" has a rack face, but its device type "TCH" is a child type: the device takes its place from its parent\'s device bay', { field: 'face', deviceType: 'TCH', reason: 'child' }],
      ['dc.yaml:7:73', 'device "c" has a rack face, but its device type "TCH" is a child type: the device takes its place from its parent\'s device bay', { field: 'face', deviceType: 'TCH', reason: 'child' }],
    ]);
  });

  it('leaves to other rules a placement without a rack and a position between half units', () => {
    expect(compileRack(['a t0f 10 front -', 'b t1f 50 front -']).diagnostics.map((d) => [d.rule, at(d)])).toEqual([
      ['dcim/device-placement-without-rack', 'dc.yaml:5:67'],
      ['dcim/device-placement-without-rack', 'dc.yaml:5:77'],
      ['dcim/device-placement-without-rack', 'dc.yaml:6:67'],
      ['dcim/device-placement-without-rack', 'dc.yaml:6:77'],
    ]);
    expect(compileRack(['a t1f 10.25 front']).diagnostics.map((d) => [d.rule, at(d)])).toEqual([['schema/invalid-value', 'dc.yaml:5:77']]);
  });
});

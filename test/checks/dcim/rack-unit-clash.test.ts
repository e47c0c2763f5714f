import { describe, expect, it } from 'vitest';
import { at, compileRack } from '../../helpers/racks.js';

const findings = (devices: string[], rack?: string) =>
  compileRack(devices, rack)
    .diagnostics.filter((d) => d.rule === 'dcim/rack-unit-clash')
    .map((d) => ({ at: at(d), data: d.data }));

describe('dcim/rack-unit-clash', () => {
  it('accepts devices side by side, in other racks, on opposite faces when half deep, and devices that take no units', () => {
    expect(findings(['a t2f 10 front', 'b t1f 12 front', 'c t1f 9 rear'])).toEqual([]);
    expect(findings(['a t2f 10 front', 'b t2f 10 front R2'])).toEqual([]);
    expect(findings(['a t1h 10 front', 'b t2h 10 rear'])).toEqual([]);
    // Half units: U10.5–U11.5 and U11.5–U12.5 touch without sharing a half-unit.
    expect(findings(['a t1f 10.5 front', 'b t1f 11.5 front', 'c t1f 9.5 rear'])).toEqual([]);
    // 0U and child devices take no units (their position is another rule's error).
    expect(findings(['a t1f 10 front', 'b t0f 10 rear', 'c tch 10.5 rear'])).toEqual([]);
  });

  it('reports a device that needs a unit another device takes, once per pair, at the later device', () => {
    const r = compileRack(['a t1f 11 front', 'b t2f 10 front']);
    const d = r.diagnostics.filter((x) => x.rule === 'dcim/rack-unit-clash');
    expect(d.map((x) => [x.rule, at(x), x.severity, x.message])).toEqual([
      ['dcim/rack-unit-clash', 'dc.yaml:6:77', 'error', 'device "b" at U10–U11 (front, full depth) overlaps device "a" at U11 (front, full depth) in rack "R1"'],
    ]);
    expect(d[0].data).toEqual({ rack: 'R1', device: 'b', other: 'a', faces: ['front', 'rear'], from: 11, to: 12 });
    expect(d[0].related?.map((x) => [x.location.file, x.location.range!.start.line + 1, x.message])).toEqual([['dc.yaml', 5, 'device "a" at U11 (front, full depth)']]);
    // A 4U device over another 4U device: one finding, not one per unit.
    expect(findings(['a t4f 10 front', 'b t4f 12 front'])).toEqual([{ at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['front', 'rear'], from: 12, to: 14 } }]);
  });

  it('counts half units', () => {
    expect(findings(['a t1f 10.5 front', 'b t1f 11 front'])).toEqual([{ at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['front', 'rear'], from: 11, to: 11.5 } }]);
    const r = compileRack(['a t2f 10.5 front', 'b t1f 12 rear']).diagnostics.filter((x) => x.rule === 'dcim/rack-unit-clash');
    expect(r.map((x) => [at(x), x.message])).toEqual([['dc.yaml:6:77', 'device "b" at U12 (rear, full depth) overlaps device "a" at U10.5–U11.5 (front, full depth) in rack "R1"']]);
  });

  it('a full-depth device takes both faces; a half-depth one only its own', () => {
    // Full depth on the rear meets half depth on the front, and the other way round.
    expect(findings(['a t1h 10 front', 'b t1f 10 rear'])).toEqual([{ at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['front'], from: 10, to: 11 } }]);
    expect(findings(['a t1f 10 front', 'b t1h 10 rear'])).toEqual([{ at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['rear'], from: 10, to: 11 } }]);
    // A type that does not say is full depth, as in NetBox.
    expect(findings(['a t1d 10 front', 'b t1h 10 rear'])).toEqual([{ at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['rear'], from: 10, to: 11 } }]);
    // Half depth on one face each, then a full-depth device over both: one finding per device it meets.
    const r = compileRack(['a t1h 10 front', 'b t2h 10 rear', 'c t1f 10.5 front']).diagnostics.filter((x) => x.rule === 'dcim/rack-unit-clash');
    expect(r.map((x) => [at(x), x.message, x.data])).toEqual([
      ['dc.yaml:7:77', 'device "c" at U10.5 (front, full depth) overlaps device "a" at U10 (front) in rack "R1"', { rack: 'R1', device: 'c', other: 'a', faces: ['front'], from: 10.5, to: 11 }],
      ['dc.yaml:7:77', 'device "c" at U10.5 (front, full depth) overlaps device "b" at U10–U11 (rear) in rack "R1"', { rack: 'R1', device: 'c', other: 'b', faces: ['rear'], from: 10.5, to: 11.5 }],
    ]);
  });

  it('reports each later device against the first device holding each of its half-units', () => {
    // b holds U12 (a holds U11); c meets a at U11.5 and b at U12–U12.5.
    expect(findings(['a t2f 10 front', 'b t2f 11 front', 'c t2f 11.5 rear'])).toEqual([
      { at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['front', 'rear'], from: 11, to: 12 } },
      { at: 'dc.yaml:7:77', data: { rack: 'R1', device: 'c', other: 'a', faces: ['front', 'rear'], from: 11.5, to: 12 } },
      { at: 'dc.yaml:7:77', data: { rack: 'R1', device: 'c', other: 'b', faces: ['front', 'rear'], from: 11.5, to: 13 } },
    ]);
    // b holds nothing a does not: c, under a only, is reported against a alone.
    expect(findings(['a t2f 10 front', 'b t1f 11 front', 'c t1f 11.5 rear'])).toEqual([
      { at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['front', 'rear'], from: 11, to: 12 } },
      { at: 'dc.yaml:7:77', data: { rack: 'R1', device: 'c', other: 'a', faces: ['front', 'rear'], from: 11.5, to: 12 } },
    ]);
  });

  it('leaves the same position on the same face to NetBox\'s uniqueness constraint (resolve/duplicate-key)', () => {
    const r = compileRack(['a t1f 10 front', 'b t2f 10 front']);
    expect(r.diagnostics.map((d) => [d.rule, at(d)])).toEqual([['resolve/duplicate-key', 'dc.yaml:6:77']]);
    // The same position on the other face is an overlap.
    expect(findings(['a t1f 10 front', 'b t1f 10 rear'])).toEqual([{ at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['front', 'rear'], from: 10, to: 11 } }]);
  });

  it('numbers units the same way in a rack with descending units or another starting unit', () => {
    expect(findings(['a t2f 10 front', 'b t1f 12 front'], '{name: R1, site: ams1, desc_units: true}')).toEqual([]);
    expect(findings(['a t2f 10 front', 'b t1f 11 front'], '{name: R1, site: ams1, desc_units: true, starting_unit: 5}')).toEqual([
      { at: 'dc.yaml:6:77', data: { rack: 'R1', device: 'b', other: 'a', faces: ['front', 'rear'], from: 11, to: 12 } },
    ]);
  });
});

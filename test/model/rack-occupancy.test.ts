import { describe, expect, it } from 'vitest';
import { objectsOf, type Obj } from '../../src/model/model.js';
import { halfUnits, hasUnit, occupancyOf, occupant, placementOf, rackOccupancy, rackUnits, unitSpan } from '../../src/model/rack-occupancy.js';
import { BASE, compileFiles } from '../helpers/compile.js';

const inventory = () =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/Full.yaml': 'manufacturer: Acme\nmodel: Full\nslug: full\nu_height: 2\n',
    'device-types/Acme/Half.yaml': 'manufacturer: Acme\nmodel: Half\nslug: half\nis_full_depth: false\n',
    'device-types/Acme/Zero.yaml': 'manufacturer: Acme\nmodel: Zero\nslug: zero\nu_height: 0\n',
    'rack-types/Acme/R48.yaml': 'manufacturer: Acme\nmodel: R48\nslug: r48\nform_factor: 4-post-cabinet\nu_height: 48\nstarting_unit: 2\n',
    'dc.yaml': `racks:
  - {name: R1, site: ams1}
  - {name: R2, site: ams1, rack_type: r48, u_height: 10}
  - {name: R3, site: ams1, u_height: 20, starting_unit: 5, desc_units: true}
  - {name: R4, site: ams1, rack_type: nope}
devices:
  - {name: a, device_type: full, role: leaf, site: ams1, rack: R1, position: 10.5, face: front}
  - {name: b, device_type: half, role: leaf, site: ams1, rack: R1, position: 11, face: rear}
  - {name: c, device_type: half, role: leaf, site: ams1, rack: R1, position: 20, face: rear}
  - {name: z, device_type: zero, role: leaf, site: ams1, rack: R1, position: 30, face: rear}
  - {name: u, device_type: full, role: leaf, site: ams1}
  - {name: n, device_type: half, role: leaf, site: ams1, rack: R1}
rack_reservations:
  - {rack: R1, units: [1, 2], user: alice, description: first}
  - {rack: R1, units: [2, 3], user: bob, description: second}
`,
  });

describe('rack occupancy', () => {
  const result = inventory();
  const model = result.model;
  const byName = (kind: string, name: string) => objectsOf(model, kind).find((o) => o.data.name === name) as Obj;
  const [r1, r2, r3, r4] = ['R1', 'R2', 'R3', 'R4'].map((n) => byName('dcim.rack', n));

  it('numbers a rack as NetBox does: its own fields or its rack type\'s, with NetBox\'s defaults', () => {
    expect(rackUnits(r1)).toEqual({ uHeight: 42, startingUnit: 1, descUnits: false, lastUnit: 42 });
    expect(rackUnits(r2)).toEqual({ uHeight: 48, startingUnit: 2, descUnits: false, lastUnit: 49 });
    expect(rackUnits(r3)).toEqual({ uHeight: 20, startingUnit: 5, descUnits: true, lastUnit: 24 });
    expect(rackUnits(r4)).toBeUndefined();
    const units = rackUnits(r3)!;
    expect([4.5, 5, 24.5, 25, 10.25].map((u) => hasUnit(units, u))).toEqual([false, true, true, false, false]);
  });

  it('knows which device takes each half-unit of each face, first come first served', () => {
    const occ = occupancyOf(model, r1);
    const who = (face: 'front' | 'rear', u: number) => occupant(occ, face, u)?.device.data.name;
    expect([10, 10.5, 11, 12, 12.5].map((u) => who('front', u))).toEqual([undefined, 'a', 'a', 'a', undefined]);
    expect([10.5, 11, 11.5, 12, 20, 20.5, 21, 30].map((u) => who('rear', u))).toEqual(['a', 'a', 'a', 'a', 'c', 'c', undefined, undefined]);
    expect(occ.placements.map((p) => p.device.data.name)).toEqual(['a', 'b', 'c']);
    expect(placementOf(model, byName('dcim.device', 'z'))).toBeUndefined();
    expect(placementOf(model, byName('dcim.device', 'u'))).toBeUndefined();
    expect(placementOf(model, byName('dcim.device', 'b'))).toMatchObject({ position: 11, uHeight: 1, face: 'rear', fullDepth: false, faces: ['rear'] });
    expect(occupancyOf(model, r3).placements).toEqual([]);
  });

  it('lists the devices in a rack that take no units: 0U, or without a position', () => {
    expect(occupancyOf(model, r1).unplaced.map((d) => d.data.name)).toEqual(['z', 'n']);
    expect(occupancyOf(model, r2).unplaced).toEqual([]);
  });

  it('knows which reservation holds each unit', () => {
    const occ = occupancyOf(model, r1);
    expect([...occ.reserved].map(([u, r]) => [u, r.data.user])).toEqual([[1, 'alice'], [2, 'alice'], [3, 'bob']]);
    expect(occ.reservations.map((r) => r.data.user)).toEqual(['alice', 'bob']);
  });

  it('is computed once per model', () => {
    expect(rackOccupancy(model)).toBe(rackOccupancy(model));
    expect(rackOccupancy(inventory().model)).not.toBe(rackOccupancy(model));
  });

  it('names units as people count them', () => {
    expect([...halfUnits({ position: 10.5, uHeight: 1.5 })]).toEqual([10.5, 11, 11.5]);
    expect([unitSpan(10, 1), unitSpan(10, 2), unitSpan(10.5, 2), unitSpan(10, 0.5), unitSpan(10, 1.5)]).toEqual(['U10', 'U10–U11', 'U10.5–U11.5', 'U10', 'U10–U10.5']);
  });
});

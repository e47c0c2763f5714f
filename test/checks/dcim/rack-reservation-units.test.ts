import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/rack-reservation-units';

/**
 * Racks R1 (NetBox's default: 42U from U1), R2 (10U from U5), R3 (of rack type R48: 48U from U2,
 * whatever its own fields say), and R4 (of a rack type that does not exist) in a file of its own when
 * a spec names it; then one reservation per spec, `R1 alice 1,2`, written as a block: the first
 * starts at line 6, each takes 4 lines and one per unit, its units from its fifth line on, at column 9.
 */
const compileReservations = (...specs: string[]) =>
  compileFiles({
    'base.yaml': BASE,
    ...(specs.some((s) => s.startsWith('R4')) ? { 'r4.yaml': 'racks:\n  - {name: R4, site: ams1, rack_type: nope}\n' } : {}),
    'rack-types/Acme/R48.yaml': 'manufacturer: Acme\nmodel: R48\nslug: r48\nform_factor: 4-post-cabinet\nu_height: 48\nstarting_unit: 2\n',
    'dc.yaml': `racks:
  - {name: R1, site: ams1}
  - {name: R2, site: ams1, u_height: 10, starting_unit: 5}
  - {name: R3, site: ams1, rack_type: r48, u_height: 10}
rack_reservations:
${specs
  .map((spec) => {
    const [rack, user, units] = spec.split(' ');
    return `  - rack: ${rack}\n    user: ${user}\n    description: for ${user}\n    units:\n${units.split(',').map((u) => `      - ${u}\n`).join('')}`;
  })
  .join('')}`,
  });

const findings = (...specs: string[]) =>
  compileReservations(...specs)
    .diagnostics.filter((d) => d.rule === RULE)
    .map((d) => ({ at: at(d), data: d.data }));

describe(RULE, () => {
  it('accepts units the rack has, each reserved once per rack', () => {
    const clean = (...specs: string[]) => compileReservations(...specs).diagnostics.map((d) => [d.rule, at(d)]);
    expect(clean('R1 alice 1,2,3', 'R1 bob 4,42', 'R2 carol 5,14', 'R3 dave 2,49')).toEqual([]);
  });

  it('reports units the rack does not have, once per reservation, at the first of them', () => {
    const r = compileReservations('R1 alice 41,42,43,44').diagnostics.filter((d) => d.rule === RULE);
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'dc.yaml:12:9', 'error', 'units 43, 44 are not in rack "R1" (U1–U42)', { rack: 'R1', units: [43, 44], firstUnit: 1, lastUnit: 42 }],
    ]);
    // Below the starting unit and above the top, in a rack from U5; a rack numbered by its rack type.
    expect(findings('R2 alice 4,5,14,15', 'R3 bob 1,10,49,50', 'R2 carol 1,2')).toEqual([
      { at: 'dc.yaml:10:9', data: { rack: 'R2', units: [4, 15], firstUnit: 5, lastUnit: 14 } },
      { at: 'dc.yaml:18:9', data: { rack: 'R3', units: [1, 50], firstUnit: 2, lastUnit: 49 } },
      { at: 'dc.yaml:26:9', data: { rack: 'R2', units: [1, 2], firstUnit: 5, lastUnit: 14 } },
    ]);
  });

  it('reports units an earlier reservation of the rack holds, at the later reservation, once per earlier reservation', () => {
    const r = compileReservations('R1 alice 1,2,3', 'R1 bob 5,3,2').diagnostics.filter((d) => d.rule === RULE);
    expect(r.map((d) => [d.rule, at(d), d.message, d.data, d.related?.map((x) => [at({ location: x.location } as never), x.message])])).toEqual([
      [RULE, 'dc.yaml:18:9', 'units 3, 2 of rack "R1" are already reserved for alice ("for alice")', { rack: 'R1', units: [3, 2], user: 'alice', description: 'for alice' }, [['dc.yaml:10:7', 'reserved for alice ("for alice")']]],
    ]);
    expect(findings('R1 alice 1', 'R1 bob 2', 'R1 carol 3,2,1', 'R1 dave 1')).toEqual([
      { at: 'dc.yaml:21:9', data: { rack: 'R1', units: [2], user: 'bob', description: 'for bob' } },
      { at: 'dc.yaml:22:9', data: { rack: 'R1', units: [1], user: 'alice', description: 'for alice' } },
      { at: 'dc.yaml:27:9', data: { rack: 'R1', units: [1], user: 'alice', description: 'for alice' } },
    ]);
  });

  it('reports both kinds in one reservation; a unit the rack lacks is only that', () => {
    expect(findings('R1 alice 2,43', 'R1 bob 43,2')).toEqual([
      { at: 'dc.yaml:11:9', data: { rack: 'R1', units: [43], firstUnit: 1, lastUnit: 42 } },
      { at: 'dc.yaml:16:9', data: { rack: 'R1', units: [43], firstUnit: 1, lastUnit: 42 } },
      { at: 'dc.yaml:17:9', data: { rack: 'R1', units: [2], user: 'alice', description: 'for alice' } },
    ]);
  });

  it('without the rack\'s numbering (its rack type does not resolve), reports only units reserved twice', () => {
    expect(findings('R4 alice 60', 'R4 bob 60')).toEqual([{ at: 'dc.yaml:15:9', data: { rack: 'R4', units: [60], user: 'alice', description: 'for alice' } }]);
  });

  it('accepts a unit listed twice in one reservation, as NetBox does (it compares a reservation only with the others)', () => {
    expect(compileReservations('R1 alice 1,1').diagnostics.map((d) => d.rule)).toEqual([]);
  });
});

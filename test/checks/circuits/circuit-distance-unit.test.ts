import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'circuits/circuit-distance-unit';

// A provider, a circuit type and one circuit whose extra fields go on line 6 of c.yaml.
const compileCircuit = (extra: string) =>
  compileFiles({
    'base.yaml': BASE,
    'c.yaml': `providers:\n  - {name: P, slug: p}\ncircuit_types:\n  - {name: T, slug: t}\ncircuits:\n  - {cid: C-1, provider: p, type: t${extra}}\n`,
  });

describe(RULE, () => {
  it('accepts a distance with a unit, no distance, and a distance of zero without one (NetBox asks only for a non-zero one)', () => {
    for (const extra of [', distance: 9.4, distance_unit: km', '', ', distance: 0']) {
      expect(compileCircuit(extra).diagnostics.map((d) => [d.rule, at(d)])).toEqual([]);
    }
  });

  it('reports a distance without a unit, at the distance, negative ones too', () => {
    const r = compileCircuit(', distance: 9.4').diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'c.yaml:6:48', 'error', 'circuit "C-1" in provider "P" has distance 9.4 but no distance_unit', { distance: 9.4 }],
    ]);
    expect(compileCircuit(', distance: -2').diagnostics.map((d) => [d.rule, at(d), d.data])).toEqual([[RULE, 'c.yaml:6:48', { distance: -2 }]]);
  });
});

import { cableName } from '../../model/cable-ends.js';
import { objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** Connectors and positions per connector on one side of a cable profile. */
export interface ProfileSide {
  connectors: number;
  positions: number;
}

/**
 * Each cable profile's geometry, as NetBox 4.6 defines it: the connectors at either end of the cable and
 * the positions each connector presents (a shuffle changes which position meets which, not the counts).
 */
export const CABLE_PROFILES: Readonly<Record<string, { a: ProfileSide; b: ProfileSide }>> = {
  'single-1c1p': same(1, 1),
  'single-1c2p': same(1, 2),
  'single-1c4p': same(1, 4),
  'single-1c6p': same(1, 6),
  'single-1c8p': same(1, 8),
  'single-1c12p': same(1, 12),
  'single-1c16p': same(1, 16),
  'trunk-2c1p': same(2, 1),
  'trunk-2c2p': same(2, 2),
  'trunk-2c4p': same(2, 4),
  'trunk-2c4p-shuffle': same(2, 4),
  'trunk-2c6p': same(2, 6),
  'trunk-2c8p': same(2, 8),
  'trunk-2c12p': same(2, 12),
  'trunk-4c1p': same(4, 1),
  'trunk-4c2p': same(4, 2),
  'trunk-4c4p': same(4, 4),
  'trunk-4c4p-shuffle': same(4, 4),
  'trunk-4c6p': same(4, 6),
  'trunk-4c8p': same(4, 8),
  'trunk-8c4p': same(8, 4),
  'breakout-1c2p-2c1p': { a: { connectors: 1, positions: 2 }, b: { connectors: 2, positions: 1 } },
  'breakout-1c4p-4c1p': { a: { connectors: 1, positions: 4 }, b: { connectors: 4, positions: 1 } },
  'breakout-1c6p-6c1p': { a: { connectors: 1, positions: 6 }, b: { connectors: 6, positions: 1 } },
  'breakout-1c8p-8c1p': { a: { connectors: 1, positions: 8 }, b: { connectors: 8, positions: 1 } },
  'breakout-2c4p-8c1p-shuffle': { a: { connectors: 2, positions: 4 }, b: { connectors: 8, positions: 1 } },
};

function same(connectors: number, positions: number): { a: ProfileSide; b: ProfileSide } {
  const side = { connectors, positions };
  return { a: side, b: side };
}

export const cableProfile: Rule = {
  id: 'dcim/cable-profile',
  description: "A cable with a profile has more terminations on a side than the profile has connectors there.",
  severity: 'error',
  help: "end the side on at most as many terminations as the profile has connectors on it, or pick a profile with more connectors",
  run(model) {
    const findings: Finding[] = [];
    for (const cable of objectsOf(model, 'dcim.cable')) {
      const profile = CABLE_PROFILES[cable.data.profile];
      if (!profile) continue;
      for (const side of ['a', 'b'] as const) {
        // Each termination takes the next connector in the order written; a single `a:`/`b:` end always fits.
        const list = cable.data[`${side}_terminations`];
        if (cable.data[side] !== undefined || !Array.isArray(list)) continue;
        const max = profile[side].connectors;
        if (list.length <= max) continue;
        findings.push({
          obj: cable,
          field: `${side}_terminations`,
          subPath: [max],
          message: `the cable's ${side.toUpperCase()} side has ${list.length} terminations, but profile ${cable.data.profile} has ${max} connector${max === 1 ? '' : 's'} there`,
          data: { cable: cableName(model, cable), side, profile: cable.data.profile, terminations: list.length, connectors: max },
        });
      }
    }
    return findings;
  },
};

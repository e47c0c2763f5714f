import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cableFiles } from '../../helpers/cables.js';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';
import { CABLE_PROFILES } from '../../../src/checks/dcim/cable-profile.js';

const RULE = 'dcim/cable-profile';

// Two leaves with et1, et2 and mgmt each; the cables go under `cables:` in c.yaml from line 2.
const run = (cables: string) => compileFiles(cableFiles(cables)).diagnostics;
const full = (cables: string) => run(cables).map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

const THREE_A = 'a_terminations: ["leaf1:et1", "leaf1:et2", "leaf1:mgmt"]';
const THREE_B = 'b_terminations: ["leaf2:et1", "leaf2:et2", "leaf2:mgmt"]';

describe(RULE, () => {
  it('accepts as many terminations as the profile has connectors, single ends, and cables without a profile', () => {
    expect(run('  - {a_terminations: ["leaf1:et1", "leaf1:et2"], b_terminations: ["leaf2:et1", "leaf2:et2"], profile: trunk-2c4p}\n')).toEqual([]);
    expect(run(`  - {a: "leaf1:et1", ${THREE_B}, profile: breakout-1c4p-4c1p}\n`)).toEqual([]);
    expect(run(`  - {a: "leaf1:et1", b_terminations: ["leaf2:et1", "leaf2:et2"], profile: breakout-1c2p-2c1p}\n`)).toEqual([]);
    expect(run('  - {a: "leaf1:et1", b: "leaf2:et1", profile: single-1c1p}\n')).toEqual([]);
    expect(run(`  - {${THREE_A}, ${THREE_B}}\n`)).toEqual([]);
  });

  it('reports the first termination beyond the connectors of a side, at that list item', () => {
    expect(full(`  - {${THREE_A}, b_terminations: ["leaf2:et1", "leaf2:et2"], profile: trunk-2c4p, label: T1}\n`)).toEqual([
      [RULE, 'c.yaml:2:49', 'error', "the cable's A side has 3 terminations, but profile trunk-2c4p has 2 connectors there", { cable: '"T1"', side: 'a', profile: 'trunk-2c4p', terminations: 3, connectors: 2 }],
    ]);
  });

  it('checks each side against its own connectors: a breakout has one on the A side', () => {
    expect(full(`  - a_terminations: ["leaf1:et1", "leaf1:et2"]\n    ${THREE_B}\n    profile: breakout-1c2p-2c1p\n`)).toEqual([
      [RULE, 'c.yaml:2:35', 'error', "the cable's A side has 2 terminations, but profile breakout-1c2p-2c1p has 1 connector there", { cable: 'leaf1:et1, leaf1:et2 – leaf2:et1, leaf2:et2, leaf2:mgmt', side: 'a', profile: 'breakout-1c2p-2c1p', terminations: 2, connectors: 1 }],
      [RULE, 'c.yaml:3:48', 'error', "the cable's B side has 3 terminations, but profile breakout-1c2p-2c1p has 2 connectors there", { cable: 'leaf1:et1, leaf1:et2 – leaf2:et1, leaf2:et2, leaf2:mgmt', side: 'b', profile: 'breakout-1c2p-2c1p', terminations: 3, connectors: 2 }],
    ]);
  });

  it("knows every profile in the schema's choices, with the connectors its name gives", () => {
    const choices = JSON.parse(readFileSync(new URL('../../../schema/defs/choices.json', import.meta.url), 'utf8'));
    const names: string[] = choices.$defs['cable-profile'].enum;
    expect(Object.keys(CABLE_PROFILES).sort()).toEqual([...names].sort());
    for (const name of names) {
      const [, a, pa, b, pb] = name.match(/(\d+)c(\d+)p(?:-(\d+)c(\d+)p)?/)!;
      expect([CABLE_PROFILES[name].a, CABLE_PROFILES[name].b]).toEqual([
        { connectors: +a, positions: +pa },
        { connectors: +(b ?? a), positions: +(pb ?? pa) },
      ]);
    }
  });
});

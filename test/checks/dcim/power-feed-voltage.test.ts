import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/power-feed-voltage';

// A power panel in AMS1 and one feed whose extra fields go on line 4 of p.yaml.
const compileFeed = (extra: string) =>
  compileFiles({
    'base.yaml': BASE,
    'p.yaml': `power_panels:\n  - {name: PP-A, site: ams1}\npower_feeds:\n  - {name: feed-1, power_panel: ams1/PP-A${extra}}\n`,
  });

describe(RULE, () => {
  it('accepts a positive AC voltage, a negative DC voltage, and a feed without a voltage', () => {
    for (const extra of [', voltage: 230', ', supply: ac, voltage: 230', ', supply: dc, voltage: -48', ', supply: dc, voltage: 48', '']) {
      expect(compileFeed(extra).diagnostics.map((d) => [d.rule, at(d)])).toEqual([]);
    }
  });

  it('reports a negative voltage on an AC feed, at the voltage, with supply written or left at its AC default', () => {
    const r = compileFeed(', supply: ac, voltage: -230').diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'p.yaml:4:65', 'error', 'power feed "feed-1" in power panel "PP-A" is an AC feed with negative voltage -230', { voltage: -230 }],
    ]);
    expect(compileFeed(', voltage: -48').diagnostics.map((d) => [d.rule, at(d), d.data])).toEqual([[RULE, 'p.yaml:4:53', { voltage: -48 }]]);
  });
});

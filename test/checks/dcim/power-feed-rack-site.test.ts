import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/power-feed-rack-site';

// A rack R1 in each of AMS1 and AMS2, a power panel in AMS1 and one feed (line 4 of p.yaml).
const compileFeed = (extra: string) =>
  compileFiles({
    'base.yaml': BASE,
    'r.yaml': 'racks:\n  - {name: R1, site: ams1}\n  - {name: R1, site: ams2}\n',
    'p.yaml': `power_panels:\n  - {name: PP-A, site: ams1}\npower_feeds:\n  - {name: feed-1, power_panel: ams1/PP-A${extra}}\n`,
  });

describe(RULE, () => {
  it("accepts a rack in the panel's site and a feed without a rack", () => {
    for (const extra of [', rack: ams1/R1', '']) {
      expect(compileFeed(extra).diagnostics.map((d) => [d.rule, at(d)])).toEqual([]);
    }
  });

  it("reports a rack in another site than the panel's, at the rack", () => {
    const r = compileFeed(', rack: ams2/R1').diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'p.yaml:4:50', 'error', 'power feed "feed-1" in power panel "PP-A" feeds rack "R1" in site "AMS2", but its power panel is in site "AMS1"', { rackSite: 'AMS2', panelSite: 'AMS1' }],
    ]);
  });
});

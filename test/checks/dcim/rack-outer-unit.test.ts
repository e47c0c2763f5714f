import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/rack-outer-unit';

/** A rack type (its fields from line 4, one per line) and a rack (line 2 of dc.yaml, its fields from column 28). */
const compileDimensions = (rackType: string, rack: string) =>
  compileFiles({
    'base.yaml': BASE,
    'rack-types/Acme/RT.yaml': `manufacturer: Acme\nmodel: RT\nslug: rt\n${rackType}form_factor: 4-post-cabinet\n`,
    'dc.yaml': `racks:\n  - {name: R1, site: ams1${rack}}\n`,
  });

const findings = (rackType: string, rack: string) =>
  compileDimensions(rackType, rack)
    .diagnostics.filter((d) => d.rule === RULE)
    .map((d) => ({ at: at(d), data: d.data }));

describe(RULE, () => {
  it('accepts dimensions with a unit, no dimensions, and dimensions of zero without one', () => {
    const all = (rackType: string, rack: string) => compileDimensions(rackType, rack).diagnostics.map((d) => [d.rule, at(d)]);
    expect(all('outer_width: 600\nouter_height: 1991\nouter_depth: 1070\nouter_unit: mm\n', ', outer_depth: 42, outer_unit: in')).toEqual([]);
    expect(all('', ', mounting_depth: 800')).toEqual([]);
    expect(all('outer_width: 0\n', ', outer_height: 0, outer_depth: 0')).toEqual([]);
  });

  it('reports each rack type and rack once, at its first dimension, naming them all', () => {
    const r = compileDimensions('outer_height: 1991\nouter_depth: 1070\n', ', outer_width: 600').diagnostics.filter((d) => d.rule === RULE);
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'dc.yaml:2:41', 'error', 'rack "R1" in site "AMS1" has outer_width but no outer_unit', { fields: ['outer_width'] }],
      [RULE, 'rack-types/Acme/RT.yaml:4:15', 'error', 'rack type "RT" in manufacturer "Acme" has outer_height and outer_depth but no outer_unit', { fields: ['outer_height', 'outer_depth'] }],
    ]);
    // Written depth first: still reported at the first of width, height, depth that is given.
    expect(findings('outer_depth: 1070\nouter_width: 600\n', ', outer_depth: 1000, outer_height: 2000, outer_width: 600')).toEqual([
      { at: 'dc.yaml:2:80', data: { fields: ['outer_width', 'outer_height', 'outer_depth'] } },
      { at: 'rack-types/Acme/RT.yaml:5:14', data: { fields: ['outer_width', 'outer_depth'] } },
    ]);
  });

  it('reports a rack\'s own dimensions without a unit even when it has a rack type (NetBox checks them before copying the type\'s)', () => {
    expect(findings('outer_depth: 1070\nouter_unit: mm\n', ', rack_type: rt, outer_depth: 1000')).toEqual([{ at: 'dc.yaml:2:56', data: { fields: ['outer_depth'] } }]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'lint/prefix-vlan-site';

// AMS1 and AMS2 in region Europe (AMS1 also in site group dc); SIN1 in region Asia; hall-1 in AMS1.
// VLANs A1 (site AMS1), A2 (AMS2), S1 (SIN1) and Free (no site). The prefixes start on line 2 of p.yaml.
const PLACES = `regions:
  - {name: Asia, slug: asia}
site_groups:
  - {name: dc, slug: dc}
  - {name: dc-north, slug: dc-north, parent: dc}
sites:
  - {name: SIN1, slug: sin1, region: asia}
locations:
  - {name: hall-1, slug: hall-1, site: ams1}
vlans:
  - {name: A1, vid: 10, site: ams1}
  - {name: A2, vid: 11, site: ams2}
  - {name: S1, vid: 12, site: sin1}
  - {name: Free, vid: 13}
`;

const compilePrefixes = (prefixes: string[], on = true) =>
  compileFiles({
    'sot.yaml': on ? `format: 1\nrules:\n  ${RULE}: warning\n` : 'format: 1\n',
    'base.yaml': BASE.replace('{ name: AMS1, slug: ams1, region: europe }', '{ name: AMS1, slug: ams1, region: europe, group: dc-north }'),
    'v.yaml': PLACES,
    'p.yaml': `prefixes:\n${prefixes.map((p, i) => `  - {prefix: 10.0.${i}.0/24, ${p}}\n`).join('')}`,
  });
const report = (prefixes: string[], on = true) => compilePrefixes(prefixes, on).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts a VLAN of the prefix's site, of its location's site, within its region or site group, a VLAN without site, and a prefix without scope", () => {
    expect(
      report([
        'scope_type: dcim.site, scope: ams1, vlan: A1',
        'scope_type: dcim.location, scope: hall-1, vlan: A1',
        'scope_type: dcim.region, scope: europe, vlan: A2',
        'scope_type: dcim.sitegroup, scope: dc, vlan: A1',
        'scope_type: dcim.site, scope: ams2, vlan: Free',
        'vlan: S1',
        'scope_type: dcim.site, scope: ams1',
      ]),
    ).toEqual([]);
  });

  it("reports a VLAN of a site the prefix's scope does not cover, at the VLAN", () => {
    expect(
      report([
        'scope_type: dcim.site, scope: ams1, vlan: A2',
        'scope_type: dcim.location, scope: hall-1, vlan: A2',
        'scope_type: dcim.region, scope: europe, vlan: S1',
        'scope_type: dcim.sitegroup, scope: dc, vlan: A2',
      ]),
    ).toEqual([
      [RULE, 'p.yaml:2:69', 'warning', 'prefix "10.0.0.0/24" has VLAN "A2" of site "AMS2", but is scoped to site "AMS1"', { vlan: 'A2', vlanSite: 'AMS2', scope: 'dcim.site AMS1' }],
      [RULE, 'p.yaml:3:75', 'warning', 'prefix "10.0.1.0/24" has VLAN "A2" of site "AMS2", but is scoped to location "hall-1" of site "AMS1"', { vlan: 'A2', vlanSite: 'AMS2', scope: 'dcim.location hall-1' }],
      [RULE, 'p.yaml:4:73', 'warning', 'prefix "10.0.2.0/24" has VLAN "S1" of site "SIN1", but is scoped to region "Europe"', { vlan: 'S1', vlanSite: 'SIN1', scope: 'dcim.region Europe' }],
      [RULE, 'p.yaml:5:72', 'warning', 'prefix "10.0.3.0/24" has VLAN "A2" of site "AMS2", but is scoped to site group "dc"', { vlan: 'A2', vlanSite: 'AMS2', scope: 'dcim.sitegroup dc' }],
    ]);
  });

  it('is off unless sot.yaml turns it on, and skips a scope that does not resolve', () => {
    expect(report(['scope_type: dcim.site, scope: ams1, vlan: A2'], false)).toEqual([]);
    expect(compilePrefixes(['scope_type: dcim.site, scope: ams9, vlan: A2']).diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });
});

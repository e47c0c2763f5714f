import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/vlan-group-site';

// Site group EU with child NL; sites AMS1 (in EU), AMS2 (in NL) and FRA1 (in none), region Europe; a
// VLAN group per scope. The VLANs, `group site` each, start on line 2 of vlans.yaml; `site`'s value
// starts at column 50.
const DCIM = `regions:
  - {name: Europe, slug: europe}
site_groups:
  - {name: EU, slug: eu}
  - {name: NL, slug: nl, parent: eu}
sites:
  - {name: AMS1, slug: ams1, group: eu, region: europe}
  - {name: AMS2, slug: ams2, group: nl, region: europe}
  - {name: FRA1, slug: fra1}
locations:
  - {name: Hall, slug: hall, site: ams1}
vlan_groups:
  - {name: at-site, slug: at-site, scope_type: dcim.site, scope: ams1}
  - {name: at-eu, slug: at-eu, scope_type: dcim.sitegroup, scope: eu}
  - {name: at-region, slug: at-region, scope_type: dcim.region, scope: europe}
  - {name: at-hall, slug: at-hall, scope_type: dcim.location, scope: hall}
  - {name: global, slug: global}
`;
const run = (vlans: string[]) =>
  compileFiles({
    'dcim.yaml': DCIM,
    'vlans.yaml': `vlans:\n${vlans
      .map((v) => v.split(' '))
      .map(([group, site], i) => `  - {name: v${i}, vid: ${100 + i}, group: ${group.padEnd(9)}, site: ${site}}`)
      .join('\n')}\n`,
  }).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data, d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}`)]);

describe(RULE, () => {
  it("accepts the group's site, a direct member of the group's site group, and any site under other scopes", () => {
    expect(run(['at-site ams1', 'at-eu ams1', 'at-region fra1', 'at-hall ams2', 'global fra1'])).toEqual([]);
  });

  it("reports a site other than the group's site, at the site", () => {
    expect(run(['at-site ams2'])).toEqual([
      [RULE, 'vlans.yaml:2:50', 'error', 'VLAN "v0" in VLAN group "at-site" is assigned to site "AMS2", but its group is scoped to site "AMS1"', { site: 'AMS2', group: 'at-site', scope: 'AMS1', scopeType: 'dcim.site' }, ['dcim.yaml:13']],
    ]);
  });

  it("reports a site that is not a direct member of the group's site group: a child group's site, or one in no group", () => {
    expect(run(['at-eu ams2', 'at-eu fra1'])).toEqual([
      [RULE, 'vlans.yaml:2:50', 'error', 'VLAN "v0" in VLAN group "at-eu" is assigned to site "AMS2", which is not a direct member of its group\'s site group "EU" (the site is in site group "NL")', { site: 'AMS2', group: 'at-eu', scope: 'EU', scopeType: 'dcim.sitegroup', siteGroup: 'NL' }, ['dcim.yaml:14']],
      [RULE, 'vlans.yaml:3:50', 'error', 'VLAN "v1" in VLAN group "at-eu" is assigned to site "FRA1", which is not a direct member of its group\'s site group "EU" (the site is in no site group)', { site: 'FRA1', group: 'at-eu', scope: 'EU', scopeType: 'dcim.sitegroup', siteGroup: null }, ['dcim.yaml:14']],
    ]);
  });

  it('leaves a site or group that does not resolve to resolve', () => {
    expect(run(['at-site nowhere']).map((d) => d[0])).toEqual(['resolve/dangling-reference']);
  });
});

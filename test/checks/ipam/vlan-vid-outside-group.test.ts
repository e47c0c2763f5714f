import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/vlan-vid-outside-group';

// VLAN group "core" on line 2 of ipam.yaml (its ranges given, or none), then on line 4 one VLAN in it
// with the VID given; the VID's value starts at column 20.
const run = (ranges: string | undefined, vid: string) =>
  compileFiles({
    'ipam.yaml': `vlan_groups:\n  - {name: core, slug: core${ranges === undefined ? '' : `, vid_ranges: ${ranges}`}}\nvlans:\n  - {name: v, vid: ${vid}, group: core}\n`,
  }).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data, d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}`)]);

describe(RULE, () => {
  it("accepts a VID inside one of the group's ranges, at either end", () => {
    for (const vid of ['100', '199', '300', '399']) expect(run('[[100, 199], [300, 399]]', vid), vid).toEqual([]);
    for (const vid of ['1', '4094']) expect(run('[[1, 10], [4000, 4094]]', vid), vid).toEqual([]);
  });

  it('accepts any VID from 1 to 4094 when the group gives no ranges, and any VID without a group', () => {
    for (const vid of ['1', '4094']) expect(run(undefined, vid), vid).toEqual([]);
    expect(compileFiles({ 'ipam.yaml': 'vlans:\n  - {name: v, vid: 4094}\n' }).diagnostics).toEqual([]);
  });

  it("reports a VID outside every range of its group, at the VID", () => {
    expect(run('[[100, 199], [300, 399]]', '200')).toEqual([
      [RULE, 'ipam.yaml:4:20', 'error', 'VLAN "v" in VLAN group "core" has VID 200, outside the group\'s VID ranges 100-199, 300-399', { vid: 200, group: 'core', ranges: '100-199, 300-399' }, ['ipam.yaml:2']],
    ]);
    expect(run('[[2, 4093]]', '1').map((d) => [d[1], d[3]])).toEqual([['ipam.yaml:4:20', 'VLAN "v" in VLAN group "core" has VID 1, outside the group\'s VID range 2-4093']]);
    expect(run('[[2, 4093]]', '4094').map((d) => d[4])).toEqual([{ vid: 4094, group: 'core', ranges: '2-4093' }]);
  });

  it("leaves a VLAN alone when its VID or its group's ranges already have an error", () => {
    expect(run('[[100, 199]]', '4095').map((d) => d[0])).toEqual(['schema/invalid-value']);
    expect(run('[[100, 199], [300, 250]]', '5').map((d) => d[0])).toEqual(['ipam/vlan-group-vid-ranges']);
    expect(run('[[0, 199]]', '500').map((d) => d[0])).toEqual(['schema/invalid-value']);
    expect(run('[]', '5').map((d) => d[0])).toEqual(['schema/invalid-value']);
  });
});

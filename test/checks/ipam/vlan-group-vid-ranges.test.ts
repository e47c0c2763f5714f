import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/vlan-group-vid-ranges';

// One VLAN group on line 2 of ipam.yaml with the VID ranges given; `vid_ranges: ` starts at column 42.
const run = (ranges: string) =>
  compileFiles({ 'ipam.yaml': `vlan_groups:\n  - {name: core, slug: core, vid_ranges: ${ranges}}\n` }).diagnostics.map((d) => [
    d.rule,
    at(d),
    d.severity,
    d.message,
    d.data,
    d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`),
  ]);

describe(RULE, () => {
  it('accepts ranges from VID 1 to 4094, single VIDs, and ranges that touch without sharing a VID', () => {
    for (const ranges of ['[[1, 4094]]', '[[1, 1], [4094, 4094]]', '[[1, 10], [11, 20]]', '[[11, 20], [1, 10]]', '[[100, 199], [1, 99], [200, 4094]]']) {
      expect(run(ranges), ranges).toEqual([]);
    }
    // No vid_ranges at all is NetBox's default, 1–4094.
    expect(compileFiles({ 'ipam.yaml': 'vlan_groups:\n  - {name: core, slug: core}\n' }).diagnostics).toEqual([]);
  });

  it('reports a range that ends before it starts, at its end', () => {
    expect(run('[[1, 10], [20, 19]]')).toEqual([
      [RULE, 'ipam.yaml:2:57', 'error', 'VLAN group "core" has the VID range 20-19, which ends before it starts', { range: '20-19' }, undefined],
    ]);
  });

  it('reports a range that shares a VID with an earlier one, at the later range, naming the earliest', () => {
    expect(run('[[1, 10], [10, 20]]')).toEqual([
      [RULE, 'ipam.yaml:2:52', 'error', 'VLAN group "core" has the VID range 10-20, which overlaps its range 1-10', { range: '10-20', other: '1-10' }, ['ipam.yaml:2:43']],
    ]);
    // A range inside an earlier one, and one written first but starting later.
    expect(run('[[50, 60], [1, 100], [55, 55]]').map((d) => [d[1], d[4]])).toEqual([
      ['ipam.yaml:2:53', { range: '1-100', other: '50-60' }],
      ['ipam.yaml:2:63', { range: '55-55', other: '50-60' }],
    ]);
  });

  it('compares the ranges only when none is reversed, as NetBox does', () => {
    expect(run('[[1, 10], [5, 3], [8, 20]]').map((d) => [d[0], d[1]])).toEqual([[RULE, 'ipam.yaml:2:56']]);
  });

  it('leaves VIDs outside 1–4094, malformed ranges and an empty list to the schema', () => {
    expect(run('[[0, 10], [5, 4095]]').map((d) => d[0])).toEqual(['schema/invalid-value', 'schema/invalid-value']);
    expect(run('[[1], [1, 2, 3]]').map((d) => d[0])).toEqual(['schema/invalid-value', 'schema/invalid-value']);
    expect(run('[]').map((d) => [d[0], d[1]])).toEqual([['schema/invalid-value', 'ipam.yaml:2:42']]);
  });
});

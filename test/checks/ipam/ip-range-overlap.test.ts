import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/ip-range-overlap';
/** VRF blue (enforce_unique off), then IP ranges from line 4 of ipam.yaml; a third word puts one in blue. */
const run = (ranges: string[]) =>
  compileFiles({
    'ipam.yaml': `vrfs:\n  - {name: blue, enforce_unique: false}\nip_ranges:\n${ranges
      .map((r) => r.split(' '))
      .map(([s, e, vrf]) => `  - {start_address: "${s}", end_address: "${e}"${vrf ? `, vrf: ${vrf}` : ''}}`)
      .join('\n')}\n`,
  }).diagnostics.map((d) => [d.rule, at(d), d.message, d.data, d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}`)]);

describe(RULE, () => {
  it('accepts adjacent ranges, and overlapping ones in different VRFs', () => {
    expect(run(['10.0.0.1/24 10.0.0.9/24', '10.0.0.10/24 10.0.0.20/24', '10.0.0.5/24 10.0.0.15/24 blue', '2001:db8::1/64 2001:db8::9/64'])).toEqual([]);
  });

  it('reports the later of two ranges sharing addresses, even in a VRF without enforce_unique, at its start', () => {
    expect(run(['10.0.0.1/24 10.0.0.9/24', '10.0.0.9/24 10.0.0.20/24', '10.1.0.5/24 10.1.0.6/24 blue', '10.1.0.1/24 10.1.0.9/24 blue'])).toEqual([
      [RULE, 'ipam.yaml:5:21', 'IP range 10.0.0.9/24-10.0.0.20/24 overlaps IP range 10.0.0.1/24-10.0.0.9/24 in the global table', { range: '10.0.0.9/24-10.0.0.20/24', other: '10.0.0.1/24-10.0.0.9/24', vrf: null }, ['ipam.yaml:4']],
      [RULE, 'ipam.yaml:7:21', 'IP range 10.1.0.1/24-10.1.0.9/24 overlaps IP range 10.1.0.5/24-10.1.0.6/24 in VRF "blue"', { range: '10.1.0.1/24-10.1.0.9/24', other: '10.1.0.5/24-10.1.0.6/24', vrf: 'blue' }, ['ipam.yaml:6']],
    ]);
  });

  it('names the earliest range each later one overlaps, whichever starts first', () => {
    // A wide range written last overlaps three; the short one inside the first overlaps only the first.
    const r = run(['10.0.0.1/24 10.0.0.10/24', '10.0.0.30/24 10.0.0.40/24', '10.0.0.5/24 10.0.0.6/24', '10.0.0.8/24 10.0.0.35/24']);
    expect(r.map((x) => [x[1], (x[3] as any).other])).toEqual([
      ['ipam.yaml:6:21', '10.0.0.1/24-10.0.0.10/24'],
      ['ipam.yaml:7:21', '10.0.0.1/24-10.0.0.10/24'],
    ]);
  });
});

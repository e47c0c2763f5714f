import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/ip-address-populated-range';
/** A populated range 10.0.0.10–20 (line 4), an unpopulated 10.0.1.10–20, a populated one in VRF blue, then addresses from line 8. */
const run = (addresses: string[]) =>
  compileFiles({
    'ipam.yaml':
      'vrfs:\n  - {name: blue}\nip_ranges:\n  - {start_address: 10.0.0.10/24, end_address: 10.0.0.20/24, mark_populated: true}\n' +
      '  - {start_address: 10.0.1.10/24, end_address: 10.0.1.20/24}\n  - {start_address: 10.0.2.10/24, end_address: 10.0.2.20/24, vrf: blue, mark_populated: true}\n' +
      `ip_addresses:\n${addresses.map((a) => `  - {address: ${a}}`).join('\n')}\n`,
  }).diagnostics.map((d) => [d.rule, at(d), d.message, d.data, d.related?.map((r) => at({ ...d, location: r.location }))]);

describe(RULE, () => {
  it('accepts addresses outside populated ranges, in unpopulated ones, and in another VRF', () => {
    expect(run(['10.0.0.9/24', '10.0.0.21/24', '10.0.1.15/24', '10.0.2.15/24', '"2001:db8::10/64"'])).toEqual([]);
  });

  it('reports an address inside a populated range of its VRF, the boundaries included', () => {
    expect(run(['10.0.0.10/24', '10.0.0.20/32', '10.0.2.10/24, vrf: blue'])).toEqual([
      [RULE, 'ipam.yaml:8:15', 'IP address 10.0.0.10/24 is inside IP range 10.0.0.10/24-10.0.0.20/24 of the global table, which is marked as populated', { address: '10.0.0.10/24', range: '10.0.0.10/24-10.0.0.20/24', vrf: null }, ['ipam.yaml:4:78']],
      [RULE, 'ipam.yaml:9:15', 'IP address 10.0.0.20/32 is inside IP range 10.0.0.10/24-10.0.0.20/24 of the global table, which is marked as populated', { address: '10.0.0.20/32', range: '10.0.0.10/24-10.0.0.20/24', vrf: null }, ['ipam.yaml:4:78']],
      [RULE, 'ipam.yaml:10:15', 'IP address 10.0.2.10/24 is inside IP range 10.0.2.10/24-10.0.2.20/24 of VRF "blue", which is marked as populated', { address: '10.0.2.10/24', range: '10.0.2.10/24-10.0.2.20/24', vrf: 'blue' }, ['ipam.yaml:6:89']],
    ]);
  });
});

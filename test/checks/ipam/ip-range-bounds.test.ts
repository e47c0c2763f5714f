import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/ip-range-bounds';
/** IP ranges from line 2 of ipam.yaml, one per line. */
const run = (ranges: [string, string][]) =>
  compileFiles({ 'ipam.yaml': `ip_ranges:\n${ranges.map(([s, e]) => `  - {start_address: "${s}", end_address: "${e}"}`).join('\n')}\n` }).diagnostics.map((d) => [d.rule, at(d), d.message, d.data]);

describe(RULE, () => {
  it('accepts a single-address range, a range across a mask boundary and one of 2³² − 1 addresses', () => {
    expect(run([['10.0.0.5/24', '10.0.0.5/24'], ['10.0.0.200/24', '10.0.1.10/24'], ['2001:db8::/64', '2001:db8::ffff:fffe/64']])).toEqual([]);
  });

  it('reports mixed families, mixed masks, an end before the start and a range too large, at the end', () => {
    expect(run([['10.0.0.1/24', '2001:db8::1/64'], ['10.0.0.1/24', '10.0.0.9/25'], ['10.0.0.9/24', '10.0.0.1/24'], ['2001:db8::/64', '2001:db8::ffff:ffff/64']])).toEqual([
      [RULE, 'ipam.yaml:2:49', 'IP range 10.0.0.1/24-2001:db8::1/64 starts with an IPv4 and ends with an IPv6 address', { start_address: '10.0.0.1/24', end_address: '2001:db8::1/64', reason: 'family' }],
      [RULE, 'ipam.yaml:3:49', 'IP range 10.0.0.1/24-10.0.0.9/25 starts with a /24 and ends with a /25 mask: both ends take the same mask', { start_address: '10.0.0.1/24', end_address: '10.0.0.9/25', reason: 'mask' }],
      [RULE, 'ipam.yaml:4:49', 'IP range 10.0.0.9/24-10.0.0.1/24 ends before its start 10.0.0.9/24', { start_address: '10.0.0.9/24', end_address: '10.0.0.1/24', reason: 'order' }],
      [RULE, 'ipam.yaml:5:51', 'IP range 2001:db8::/64-2001:db8::ffff:ffff/64 holds 4294967296 addresses, more than the 4294967295 NetBox supports', { start_address: '2001:db8::/64', end_address: '2001:db8::ffff:ffff/64', reason: 'size' }],
    ]);
  });
});

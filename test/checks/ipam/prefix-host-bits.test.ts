import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/prefix-host-bits';
const run = (text: string) =>
  compileFiles({ 'ipam.yaml': `rirs:\n  - {name: RFC1918, slug: rfc1918}\n${text}` }).diagnostics.map((d) => [d.rule, at(d), d.message, d.data]);

describe(RULE, () => {
  it('accepts network addresses, a /32 and a /128', () => {
    expect(run('aggregates:\n  - {prefix: 10.0.0.0/8, rir: RFC1918}\nprefixes:\n  - {prefix: 10.1.0.0/16}\n  - {prefix: 10.1.2.3/32}\n  - {prefix: "2001:db8::1/128"}\n  - {prefix: "2001:db8::/32"}\n')).toEqual([]);
  });

  it('reports host bits on aggregates and prefixes with the network NetBox suggests', () => {
    expect(run('aggregates:\n  - {prefix: 10.0.0.1/8, rir: RFC1918}\nprefixes:\n  - {prefix: 10.1.2.0/15}\n  - {prefix: "2001:db8::1/64"}\n')).toEqual([
      [RULE, 'ipam.yaml:4:14', 'aggregate 10.0.0.1/8 is not a network address; did you mean 10.0.0.0/8?', { prefix: '10.0.0.1/8', network: '10.0.0.0/8' }],
      [RULE, 'ipam.yaml:6:14', 'prefix 10.1.2.0/15 is not a network address; did you mean 10.0.0.0/15?', { prefix: '10.1.2.0/15', network: '10.0.0.0/15' }],
      [RULE, 'ipam.yaml:7:14', 'prefix 2001:db8::1/64 is not a network address; did you mean 2001:db8::/64?', { prefix: '2001:db8::1/64', network: '2001:db8::/64' }],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/zero-mask';
const run = (text: string) =>
  compileFiles({ 'ipam.yaml': `rirs:\n  - {name: RFC1918, slug: rfc1918}\n${text}` }).diagnostics.map((d) => [d.rule, at(d), d.message, d.data]);

describe(RULE, () => {
  it('accepts a /1 and a host route', () => {
    expect(run('aggregates:\n  - {prefix: 0.0.0.0/1, rir: RFC1918}\nprefixes:\n  - {prefix: "::/1"}\nip_addresses:\n  - {address: 10.0.0.1/32}\n')).toEqual([]);
  });

  it('reports a /0 aggregate, prefix and IP address at the value', () => {
    expect(run('aggregates:\n  - {prefix: 0.0.0.0/0, rir: RFC1918}\nprefixes:\n  - {prefix: "::/0"}\nip_addresses:\n  - {address: 10.0.0.1/0}\n')).toEqual([
      [RULE, 'ipam.yaml:4:14', 'aggregate 0.0.0.0/0 has a /0 mask, which NetBox refuses for aggregates', { prefix: '0.0.0.0/0' }],
      [RULE, 'ipam.yaml:6:14', 'prefix ::/0 has a /0 mask, which NetBox refuses for prefixes', { prefix: '::/0' }],
      [RULE, 'ipam.yaml:8:15', 'IP address 10.0.0.1/0 has a /0 mask, which NetBox refuses for IP addresses', { address: '10.0.0.1/0' }],
    ]);
  });
});

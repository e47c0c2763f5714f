import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/aggregate-overlap';
/** Aggregates from line 4 of ipam.yaml, one per line. */
const run = (prefixes: string[]) =>
  compileFiles({ 'ipam.yaml': `rirs:\n  - {name: RFC1918, slug: rfc1918}\naggregates:\n${prefixes.map((p) => `  - {prefix: "${p}", rir: RFC1918}`).join('\n')}\n` }).diagnostics.map((d) => [
    d.rule,
    at(d),
    d.message,
    d.data,
    d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}`),
  ]);

describe(RULE, () => {
  it('accepts disjoint aggregates, and the same block in both families', () => {
    expect(run(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '11.0.0.0/8', '2001:db8::/32', '::a00:0/104'])).toEqual([]);
  });

  it('reports the later of two overlapping aggregates: inside, equal or containing', () => {
    expect(run(['10.0.0.0/8', '10.1.0.0/16', '172.16.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '192.168.0.0/16'])).toEqual([
      [RULE, 'ipam.yaml:5:14', 'aggregate 10.1.0.0/16 is inside aggregate 10.0.0.0/8: aggregates cannot overlap', { prefix: '10.1.0.0/16', other: '10.0.0.0/8', relation: 'inside' }, ['ipam.yaml:4']],
      [RULE, 'ipam.yaml:7:14', 'aggregate 172.16.0.0/12 contains aggregate 172.16.0.0/16: aggregates cannot overlap', { prefix: '172.16.0.0/12', other: '172.16.0.0/16', relation: 'contains' }, ['ipam.yaml:6']],
      [RULE, 'ipam.yaml:9:14', 'aggregate 192.168.0.0/16 is already an aggregate: aggregates cannot overlap', { prefix: '192.168.0.0/16', other: '192.168.0.0/16', relation: 'equal' }, ['ipam.yaml:8']],
    ]);
  });

  it('names the earliest aggregate, covering ones first, and reports every later one once', () => {
    // 10.1.0.0/16 (line 4) is first; the /8 after it contains it; a later /24 inside both names the /16.
    expect(run(['10.1.0.0/16', '10.0.0.0/8', '10.1.2.0/24', '10.0.0.0/8']).map((r) => [r[1], r[3]])).toEqual([
      ['ipam.yaml:5:14', { prefix: '10.0.0.0/8', other: '10.1.0.0/16', relation: 'contains' }],
      ['ipam.yaml:6:14', { prefix: '10.1.2.0/24', other: '10.1.0.0/16', relation: 'inside' }],
      ['ipam.yaml:7:14', { prefix: '10.0.0.0/8', other: '10.0.0.0/8', relation: 'equal' }],
    ]);
  });
});

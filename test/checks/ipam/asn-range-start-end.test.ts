import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/asn-range-start-end';

// A RIR, and one ASN range on line 4 of ipam.yaml whose start and end are given.
const report = (start: string, end: string) =>
  compileFiles({
    'ipam.yaml': `rirs:\n  - {name: RIPE, slug: ripe}\nasn_ranges:\n  - {name: private, slug: private, rir: ripe, start: ${start}, end: ${end}}\n`,
  }).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts a range that ends above its start, in asplain or asdot', () => {
    for (const [start, end] of [['64512', '65534'], ['1', '2'], ['4200000000', '4294967295'], ['"1.0"', '"1.1"'], ['65535', '"1.0"']]) {
      expect(report(start, end), `${start}-${end}`).toEqual([]);
    }
  });

  it('reports a range that ends at or below its start, at the end', () => {
    expect(report('65010', '65000')).toEqual([
      [RULE, 'ipam.yaml:4:66', 'error', 'ASN range "private" ends at 65000, below its start 65010; the end must be greater than the start', { start: 65010, end: 65000 }],
    ]);
    expect(report('65000', '65000')).toEqual([
      [RULE, 'ipam.yaml:4:66', 'error', 'ASN range "private" ends at 65000, the same AS number as its start; the end must be greater than the start', { start: 65000, end: 65000 }],
    ]);
    // asdot 1.0 is 65536, the same number as the asplain start.
    expect(report('65536', '"1.0"').map((d) => [d[0], d[1], d[4]])).toEqual([[RULE, 'ipam.yaml:4:66', { start: 65536, end: 65536 }]]);
  });

  it('leaves a start or end out of range to the schema', () => {
    expect(report('0', '0').map((d) => d[0])).toEqual(['schema/invalid-value', 'schema/invalid-value']);
    expect(report('4294967296', '5').map((d) => d[0])).toEqual(['schema/invalid-value']);
    expect(report('"1.65536"', '5').map((d) => d[0])).toEqual(['schema/invalid-value']);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'lint/prefix-overlap';

// VRF blue (enforce_unique as given) and red (enforce_unique off); the prefixes start on line 6 of p.yaml.
const compilePrefixes = (prefixes: string[], opts: { blue?: string; globalUnique?: boolean; on?: boolean } = {}) =>
  compileFiles({
    'sot.yaml':
      'format: 1\n' +
      (opts.globalUnique === false ? 'options:\n  enforce_global_unique: false\n' : '') +
      (opts.on === false ? '' : `rules:\n  ${RULE}: warning\n`),
    'p.yaml': `vrfs:\n  - {name: blue${opts.blue ?? ''}}\n  - {name: red, enforce_unique: false}\n\nprefixes:\n${prefixes.map((p) => `  - {${p}}\n`).join('')}`,
  });
const report = (prefixes: string[], opts: Parameters<typeof compilePrefixes>[1] = {}) =>
  compilePrefixes(prefixes, opts).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts nested prefixes, and the same network in different VRFs', () => {
    expect(
      report(
        ['prefix: 10.0.0.0/8', 'prefix: 10.0.0.0/16', 'prefix: 10.0.0.0/24', 'prefix: 10.0.0.0/24, vrf: red', 'prefix: 10.0.0.0/16, vrf: red', 'prefix: 10.0.0.0/24, vrf: blue', 'prefix: 2001:db8::/32, vrf: red', 'prefix: 2001:db8::/48, vrf: red'],
        { globalUnique: false },
      ),
    ).toEqual([]);
  });

  it('reports each later duplicate in a VRF or global table without uniqueness, at its prefix, however written', () => {
    expect(
      report(['prefix: 10.0.0.0/24, vrf: red', 'prefix: 10.0.0.0/16, vrf: red', 'prefix: 10.0.0.0/24, vrf: red, status: reserved', 'prefix: 2001:DB8::/32, vrf: red', 'prefix: 10.0.0.0/24, vrf: red', 'prefix: 2001:db8:0::/32, vrf: red']),
    ).toEqual([
      [RULE, 'p.yaml:8:14', 'warning', 'duplicate prefix 10.0.0.0/24 in VRF "red", which does not enforce unique IP space', { prefix: '10.0.0.0/24', vrf: 'red' }],
      [RULE, 'p.yaml:10:14', 'warning', 'duplicate prefix 10.0.0.0/24 in VRF "red", which does not enforce unique IP space', { prefix: '10.0.0.0/24', vrf: 'red' }],
      [RULE, 'p.yaml:11:14', 'warning', 'duplicate prefix 2001:db8:0::/32 in VRF "red", which does not enforce unique IP space', { prefix: '2001:db8:0::/32', vrf: 'red' }],
    ]);
    expect(report(['prefix: 10.0.0.0/24', 'prefix: 10.0.0.0/24'], { globalUnique: false }).map((d) => [d[1], d[3]])).toEqual([
      ['p.yaml:7:14', 'duplicate prefix 10.0.0.0/24 in the global table, which does not enforce unique IP space'],
    ]);
    expect(report(['prefix: 10.0.0.0/24, vrf: blue', 'prefix: 10.0.0.0/24, vrf: blue'], { blue: ', enforce_unique: false' }).map((d) => d[1])).toEqual(['p.yaml:7:14']);
  });

  it('leaves duplicates where uniqueness is enforced to ipam/duplicate-prefix, and host bits to ipam/prefix-host-bits', () => {
    expect(compilePrefixes(['prefix: 10.0.0.0/24', 'prefix: 10.0.0.0/24', 'prefix: 10.0.0.0/24, vrf: blue', 'prefix: 10.0.0.0/24, vrf: blue']).diagnostics.map((d) => d.rule)).toEqual([
      'ipam/duplicate-prefix',
      'ipam/duplicate-prefix',
    ]);
    expect(compilePrefixes(['prefix: 10.0.0.0/24, vrf: red', 'prefix: 10.0.0.1/24, vrf: red']).diagnostics.map((d) => d.rule)).toEqual(['ipam/prefix-host-bits']);
  });

  it('is off unless sot.yaml turns it on', () => {
    expect(report(['prefix: 10.0.0.0/24, vrf: red', 'prefix: 10.0.0.0/24, vrf: red'], { on: false })).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, hostMask, ipSpace, networkOf, parseAddress, parseCidr, prefixContaining, prefixContainingSpan, type Family } from '../../src/model/ip-space.js';
import { BASE, compileFiles } from '../helpers/compile.js';

const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
// IPv6 values with long zero runs, where `::` placement matters.
const sparse6 = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 }).map((g) => g.reduce((v, x) => (v << 16n) | BigInt(x), 0n));

describe('model/ip-space: addresses', () => {
  it('reads IPv4 and IPv6 text, with :: and an IPv4 tail', () => {
    expect(parseAddress('10.1.2.3')).toEqual({ family: 4, value: 0x0a010203n });
    expect(parseAddress('2001:DB8::1')).toEqual({ family: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseAddress('::ffff:192.0.2.1')).toEqual({ family: 6, value: (0xffffn << 32n) | 0xc0000201n });
    expect(parseAddress('::')).toEqual({ family: 6, value: 0n });
    expect(parseCidr('192.0.2.77/24')).toEqual({ family: 4, value: 0xc000024dn, length: 24 });
    for (const bad of ['10.1.2', '10.1.2.256', '1::2::3', '1:2:3:4:5:6:7']) expect(parseAddress(bad), bad).toBeUndefined();
    for (const bad of ['fe80::1/129', '10.0.0.1/33', '10.0.0.1', 7]) expect(parseCidr(bad), String(bad)).toBeUndefined();
  });

  it('prints addresses as NetBox does (RFC 5952 for IPv6)', () => {
    expect(formatAddress(6, (0x20010db8n << 96n) | 1n)).toBe('2001:db8::1');
    expect(formatAddress(6, 0n)).toBe('::');
    expect(formatAddress(6, (1n << 112n) | (1n << 64n))).toBe('1:0:0:1::'); // the longer run takes ::
    expect(formatAddress(6, parseAddress('2001:db8:0:1:0:0:1:1')!.value)).toBe('2001:db8:0:1::1:1'); // the first of two equal runs
    expect(formatAddress(6, (1n << 96n) | (1n << 64n) | (1n << 32n))).toBe('0:1:0:1:0:1::'); // one zero group is not ::
    expect(formatAddress(4, 0xc0000201n)).toBe('192.0.2.1');
  });

  it('round-trips every address through text (property)', () => {
    fc.assert(fc.property(v4, (v) => parseAddress(formatAddress(4, v))?.value === v));
    fc.assert(fc.property(fc.oneof(v6, sparse6), (v) => parseAddress(formatAddress(6, v))?.value === v));
  });

  it('gives a CIDR\'s network by masking host bits', () => {
    expect(networkOf({ family: 4, value: 0xc000024dn, length: 24 })).toEqual({ first: 0xc0000200n, last: 0xc00002ffn });
    expect(networkOf({ family: 4, value: 5n, length: 0 })).toEqual({ first: 0n, last: 0xffffffffn });
    expect(hostMask(6, 127)).toBe(1n);
  });
});

/** Compiles prefixes (and IPs) in the global table and one VRF. */
function space(prefixes: string[], ips: string[] = [], ranges: [string, string][] = []) {
  const r = compileFiles({
    'sot.yaml': 'format: 1\noptions:\n  enforce_global_unique: false\n',
    'base.yaml': BASE,
    'ipam.yaml':
      `vrfs:\n  - {name: blue, enforce_unique: false}\n` +
      `prefixes:\n${prefixes.map((p) => `  - {prefix: "${p.replace(' blue', '')}"${p.endsWith(' blue') ? ', vrf: blue' : ''}}`).join('\n')}\n` +
      (ips.length ? `ip_addresses:\n${ips.map((a) => `  - {address: "${a}"}`).join('\n')}\n` : '') +
      (ranges.length ? `ip_ranges:\n${ranges.map(([s, e]) => `  - {start_address: "${s}", end_address: "${e}"}`).join('\n')}\n` : ''),
  });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return ipSpace(r.model);
}

describe('model/ip-space: tables', () => {
  it('nests each table\'s prefixes under the smallest one that strictly contains them', () => {
    const s = space(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.2.0.0/16', '10.0.0.0/8 blue', '10.1.2.0/24 blue', '2001:db8::/32', '10.1.2.0/24']);
    const global = s.tables.get(undefined)!;
    const show = (n: { obj: { data: any }; parent?: { obj: { data: any } } }) => [n.obj.data.prefix, n.parent?.obj.data.prefix ?? null];
    expect(global.prefixes.map(show)).toEqual([
      ['10.0.0.0/8', null],
      ['10.1.0.0/16', '10.0.0.0/8'],
      ['10.1.2.0/24', '10.1.0.0/16'],
      ['10.1.2.0/24', '10.1.0.0/16'], // a duplicate is beside the first, not under it
      ['10.2.0.0/16', '10.0.0.0/8'],
      ['2001:db8::/32', null],
    ]);
    expect(global.roots.map((n) => n.obj.data.prefix)).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    const blue = [...s.tables.values()].find((t) => t.vrf)!;
    expect(blue.prefixes.map(show)).toEqual([['10.0.0.0/8', null], ['10.1.2.0/24', '10.0.0.0/8']]);
  });

  it('finds the deepest prefix holding an address or a span', () => {
    const s = space(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.2.0.0/16', '10.9.9.9/32']);
    const t = s.tables.get(undefined)!;
    const at = (a: string) => {
      const p = parseAddress(a)!;
      return prefixContaining(t, p.family, p.value)?.obj.data.prefix ?? null;
    };
    expect(['10.1.2.9', '10.1.3.1', '10.3.0.0', '10.9.9.9', '11.0.0.0', '9.255.255.255', '::1'].map(at)).toEqual([
      '10.1.2.0/24', '10.1.0.0/16', '10.0.0.0/8', '10.9.9.9/32', null, null, null,
    ]);
    const span = (a: string, b: string) => prefixContainingSpan(t, 4, parseAddress(a)!.value, parseAddress(b)!.value)?.obj.data.prefix ?? null;
    expect(span('10.1.2.1', '10.1.2.9')).toBe('10.1.2.0/24');
    expect(span('10.1.2.1', '10.1.3.9')).toBe('10.1.0.0/16');
    expect(span('10.1.2.1', '10.2.0.1')).toBe('10.0.0.0/8');
  });

  it('agrees with a brute-force search on random prefix sets (property)', () => {
    const net = fc.record({ value: fc.bigInt({ min: 0n, max: 255n }), length: fc.integer({ min: 0, max: 8 }) });
    fc.assert(
      fc.property(fc.array(net, { minLength: 1, maxLength: 12 }), fc.bigInt({ min: 0n, max: 255n }), (nets, x) => {
        // 8-bit networks scaled into 10.0.0.0/24's last octet keep the search small and collisions frequent.
        const text = nets.map((n) => {
          const first = n.value & ~((1n << BigInt(8 - n.length)) - 1n);
          return `10.0.0.${first}/${24 + n.length}`;
        });
        const t = space(text).tables.get(undefined)!;
        const found = prefixContaining(t, 4 as Family, 0x0a000000n | x);
        const holding = t.prefixes.filter((p) => p.first <= (0x0a000000n | x) && (0x0a000000n | x) <= p.last);
        const deepestLength = Math.max(-1, ...holding.map((p) => p.length));
        expect(found?.length ?? -1).toBe(deepestLength);
      }),
      { numRuns: 60 },
    );
  });

  it('sorts IP addresses and ranges per table', () => {
    const s = space(['10.0.0.0/8'], ['10.0.0.9/8', '10.0.0.2/24', '2001:db8::1/64'], [['10.0.1.50/24', '10.0.1.60/24'], ['10.0.1.10/24', '10.0.1.20/24']]);
    const t = s.tables.get(undefined)!;
    expect(t.ips.map((i) => i.obj.data.address)).toEqual(['10.0.0.2/24', '10.0.0.9/8', '2001:db8::1/64']);
    expect(t.ranges.map((r) => r.obj.data.start_address)).toEqual(['10.0.1.10/24', '10.0.1.50/24']);
  });
});

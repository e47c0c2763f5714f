import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress } from '../../src/model/ip-space.js';
import { availableIps, availablePrefixes, childIps, childPrefixes, childRanges, freeNetsOfLength, ipUsage, spanToNets } from '../../src/model/ip-utilization.js';
import { objectsOf, type Model, type Obj } from '../../src/model/model.js';
import { BASE, compileFiles } from '../helpers/compile.js';

/** Compiles an IPAM file (VRFs blue and red available) and checks it is clean. */
function model(ipam: string): Model {
  const r = compileFiles({
    'sot.yaml': 'format: 1\noptions:\n  enforce_global_unique: false\n',
    'base.yaml': BASE,
    'ipam.yaml': `vrfs:\n  - {name: blue}\n  - {name: red}\n${ipam}`,
  });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model;
}

const vrfOf = (o: Obj) => (o.refs.vrf ? (o.refs.vrf as Obj).data.name : 'global');
/** The prefix written as `text` (in the VRF named, or the global table). */
function prefix(m: Model, text: string, vrf = 'global'): Obj {
  return objectsOf(m, 'ipam.prefix').find((p) => p.data.prefix === text && vrfOf(p) === vrf)!;
}
const util = (m: Model, text: string, vrf?: string) => ipUsage(m).prefix.get(prefix(m, text, vrf))!;
const free = (m: Model, text: string, n: number, vrf?: string) => {
  const p = prefix(m, text, vrf);
  const family = p.data.prefix.includes(':') ? 6 : 4;
  return availableIps(m, p, n).map((v) => formatAddress(family, v));
};

describe('model/ip-utilization: prefixes', () => {
  it('a /31 and a /127 use both their addresses', () => {
    const m = model(`prefixes:
  - {prefix: 10.0.0.0/31}
  - {prefix: 10.0.0.2/31}
  - {prefix: "2001:db8::/127"}
ip_addresses:
  - {address: 10.0.0.0/31}
  - {address: 10.0.0.2/31}
  - {address: 10.0.0.3/31}
  - {address: "2001:db8::1/127"}
`);
    expect([util(m, '10.0.0.0/31'), util(m, '10.0.0.2/31'), util(m, '2001:db8::/127')]).toEqual([50, 100, 50]);
    expect(free(m, '10.0.0.0/31', 5)).toEqual(['10.0.0.1']);
    expect(free(m, '10.0.0.2/31', 5)).toEqual([]);
    expect(free(m, '2001:db8::/127', 5)).toEqual(['2001:db8::']);
  });

  it('a pool uses every address; otherwise IPv4 leaves out network and broadcast, IPv6 the subnet-router address', () => {
    const m = model(`prefixes:
  - {prefix: 10.0.1.0/30}
  - {prefix: 10.0.2.0/30, is_pool: true}
  - {prefix: 10.0.3.0/30}
  - {prefix: "2001:db8:1::/126"}
  - {prefix: "2001:db8:2::/126", is_pool: true}
ip_addresses:
  - {address: 10.0.1.1/30}
  - {address: 10.0.2.1/30}
  - {address: 10.0.3.0/30}
  - {address: 10.0.3.1/30}
  - {address: 10.0.3.2/30}
  - {address: 10.0.3.3/30}
`);
    expect([util(m, '10.0.1.0/30'), util(m, '10.0.2.0/30')]).toEqual([50, 25]);
    // Network and broadcast addresses count as hosts; the result is never above 100.
    expect(util(m, '10.0.3.0/30')).toBe(100);
    expect(free(m, '10.0.1.0/30', 9)).toEqual(['10.0.1.2']);
    expect(free(m, '10.0.2.0/30', 9)).toEqual(['10.0.2.0', '10.0.2.2', '10.0.2.3']);
    expect(free(m, '10.0.3.0/30', 9)).toEqual([]);
    expect(free(m, '2001:db8:1::/126', 9)).toEqual(['2001:db8:1::1', '2001:db8:1::2', '2001:db8:1::3']);
    expect(free(m, '2001:db8:2::/126', 9)).toEqual(['2001:db8:2::', '2001:db8:2::1', '2001:db8:2::2', '2001:db8:2::3']);
    // IPv6 measures against the whole prefix: 0 of 4.
    expect(util(m, '2001:db8:1::/126')).toBe(0);
  });

  it('mark_utilized is 100 %, whatever the prefix holds', () => {
    const m = model(`prefixes:
  - {prefix: 10.0.0.0/24, mark_utilized: true}
  - {prefix: 10.1.0.0/16, status: container, mark_utilized: true}
`);
    expect([util(m, '10.0.0.0/24'), util(m, '10.1.0.0/16')]).toEqual([100, 100]);
    expect(free(m, '10.0.0.0/24', 1)).toEqual(['10.0.0.1']); // marking does not take addresses
  });

  it('counts each host once, whatever its mask or how often it is written', () => {
    const m = model(`prefixes:
  - {prefix: 10.0.0.0/29}
ip_addresses:
  - {address: 10.0.0.1/29}
  - {address: 10.0.0.1/32}
  - {address: 10.0.0.2/24}
`);
    expect(util(m, '10.0.0.0/29')).toBe((2 / 6) * 100);
    expect(free(m, '10.0.0.0/29', 2)).toEqual(['10.0.0.3', '10.0.0.4']);
  });

  it('a container counts its child prefixes of its own VRF; in the global table its children come from every VRF', () => {
    const m = model(`prefixes:
  - {prefix: 10.0.0.0/16, status: container}
  - {prefix: 10.0.2.0/24}
  - {prefix: 10.0.2.0/25}
  - {prefix: 10.0.2.0/24}
  - {prefix: 10.0.1.0/24, vrf: blue}
  - {prefix: 10.0.0.0/16, vrf: blue, status: container}
  - {prefix: 10.0.3.0/24, vrf: blue}
  - {prefix: 10.0.4.0/24, vrf: red}
ip_addresses:
  - {address: 10.0.0.1/16, vrf: red}
  - {address: 10.0.0.2/16}
  - {address: 10.0.2.9/24, vrf: blue}
`);
    // Global: 10.0.2.0/24 (twice, once counted) of 65536; the VRFs' /24s do not count.
    expect(util(m, '10.0.0.0/16')).toBe((256 / 65536) * 100);
    expect(util(m, '10.0.0.0/16', 'blue')).toBe((512 / 65536) * 100);
    const names = (objs: Obj[]) => objs.map((o) => `${o.data.prefix ?? o.data.address} ${vrfOf(o)}`);
    expect(names(childPrefixes(m, prefix(m, '10.0.0.0/16')))).toEqual(['10.0.1.0/24 blue', '10.0.2.0/24 global', '10.0.2.0/24 global', '10.0.2.0/25 global', '10.0.3.0/24 blue', '10.0.4.0/24 red']);
    expect(names(childPrefixes(m, prefix(m, '10.0.0.0/16', 'blue')))).toEqual(['10.0.1.0/24 blue', '10.0.3.0/24 blue']);
    expect(names(childIps(m, prefix(m, '10.0.0.0/16')))).toEqual(['10.0.0.1/16 red', '10.0.0.2/16 global', '10.0.2.9/24 blue']);
    expect(names(childIps(m, prefix(m, '10.0.0.0/16', 'blue')))).toEqual(['10.0.2.9/24 blue']);
    expect(names(childIps(m, prefix(m, '10.0.2.0/24')))).toEqual([]); // not a container: its own VRF only
    // Free addresses of the global container skip every VRF's; free prefixes only the global table's.
    expect(free(m, '10.0.0.0/16', 3)).toEqual(['10.0.0.3', '10.0.0.4', '10.0.0.5']);
    expect(free(m, '10.0.0.0/16', 1, 'blue')).toEqual(['10.0.0.1']);
    const nets = (p: Obj) => availablePrefixes(m, p).map((n) => `${formatAddress(n.family, n.first)}/${n.length}`);
    expect(nets(prefix(m, '10.0.0.0/16'))).toEqual(['10.0.0.0/23', '10.0.3.0/24', '10.0.4.0/22', '10.0.8.0/21', '10.0.16.0/20', '10.0.32.0/19', '10.0.64.0/18', '10.0.128.0/17']);
    expect(nets(prefix(m, '10.0.2.0/25'))).toEqual(['10.0.2.0/25']);
  });

  it('child ranges marked utilized count whole; ones marked populated take their addresses from the free list', () => {
    const m = model(`prefixes:
  - {prefix: 10.0.0.0/24}
  - {prefix: 10.0.1.0/24}
  - {prefix: 10.0.1.0/24, vrf: blue}
ip_ranges:
  - {start_address: 10.0.0.10/24, end_address: 10.0.0.19/24, mark_utilized: true}
  - {start_address: 10.0.0.1/24, end_address: 10.0.0.4/24, mark_populated: true}
  - {start_address: 10.0.0.250/24, end_address: 10.0.1.5/24, mark_utilized: true, mark_populated: true}
  - {start_address: 10.0.1.2/24, end_address: 10.0.1.3/24, vrf: blue, mark_utilized: true}
ip_addresses:
  - {address: 10.0.0.11/24}
  - {address: 10.0.0.30/24}
  - {address: 10.0.1.9/24}
`);
    // 10 addresses of the utilized range (its host 10.0.0.11 not again) + 10.0.0.30; the populated range
    // adds nothing, and the range reaching into 10.0.1.0/24 is a child of neither prefix.
    expect(util(m, '10.0.0.0/24')).toBe((11 / 254) * 100);
    expect(util(m, '10.0.1.0/24')).toBe((1 / 254) * 100);
    expect(util(m, '10.0.1.0/24', 'blue')).toBe((2 / 254) * 100);
    expect(free(m, '10.0.0.0/24', 3)).toEqual(['10.0.0.5', '10.0.0.6', '10.0.0.7']);
    expect(free(m, '10.0.0.0/24', 300).slice(-2)).toEqual(['10.0.0.253', '10.0.0.254']);
    expect(free(m, '10.0.0.0/24', 300)).toHaveLength(254 - 4 - 1 - 1); // populated 1–4, hosts .11 and .30
    expect(free(m, '10.0.1.0/24', 1)).toEqual(['10.0.1.1']);
    expect(childRanges(m, prefix(m, '10.0.0.0/24')).map((r) => r.data.start_address)).toEqual(['10.0.0.1/24', '10.0.0.10/24']);
    const ranges = ipUsage(m).range;
    const range = (start: string) => ranges.get(objectsOf(m, 'ipam.iprange').find((r) => r.data.start_address === start)!);
    expect([range('10.0.0.10/24'), range('10.0.0.1/24')]).toEqual([100, 0]);
  });

  it('an IP range counts its distinct hosts over its size', () => {
    const m = model(`ip_ranges:
  - {start_address: 10.0.0.10/24, end_address: 10.0.0.17/24}
ip_addresses:
  - {address: 10.0.0.10/24}
  - {address: 10.0.0.17/32}
  - {address: 10.0.0.18/24}
  - {address: 10.0.0.12/24, vrf: blue}
`);
    expect([...ipUsage(m).range.values()]).toEqual([25]);
  });
});

describe('model/ip-utilization: aggregates', () => {
  it('count the space of every VRF\'s prefixes inside them (or equal), once', () => {
    const m = model(`aggregates:
  - {prefix: 10.0.0.0/8, rir: r}
  - {prefix: 192.168.0.0/16, rir: r}
  - {prefix: 172.16.0.0/12, rir: r}
rirs:
  - {name: r, slug: r}
prefixes:
  - {prefix: 10.0.0.0/16}
  - {prefix: 10.0.1.0/24}
  - {prefix: 10.0.0.0/16, vrf: blue}
  - {prefix: 10.1.0.0/16, vrf: red}
  - {prefix: 192.168.0.0/16, vrf: blue}
  - {prefix: 192.0.0.0/8}
  - {prefix: 172.16.0.0/16}
`);
    const agg = (text: string) => ipUsage(m).aggregate.get(objectsOf(m, 'ipam.aggregate').find((a) => a.data.prefix === text)!);
    expect(agg('10.0.0.0/8')).toBe((2 * 65536 / 16777216) * 100);
    expect(agg('192.168.0.0/16')).toBe(100); // equal counts; a larger prefix around it does not
    expect(agg('172.16.0.0/12')).toBe((65536 / 1048576) * 100);
  });
});

describe('model/ip-utilization: free networks', () => {
  const net = (text: string) => {
    const [a, l] = text.split('/');
    const p = parseAddress(a)!;
    return { family: p.family, first: p.value, length: Number(l) };
  };
  const show = (ns: { family: 4 | 6; first: bigint; length: number }[]) => ns.map((n) => `${formatAddress(n.family, n.first)}/${n.length}`);

  it('cuts a span into the fewest aligned networks', () => {
    expect(show(spanToNets(4, parseAddress('10.0.0.1')!.value, parseAddress('10.0.0.6')!.value))).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(show(spanToNets(4, 0n, (1n << 32n) - 1n))).toEqual(['0.0.0.0/0']);
    expect(show(spanToNets(6, 0n, 3n))).toEqual(['::/126']);
  });

  it('hands out networks of one length lowest first, counting them all', () => {
    const free = [net('10.0.0.4/30'), net('10.0.0.8/29'), net('10.0.0.16/32')];
    const r = freeNetsOfLength(free, 30, 2);
    expect([show(r.nets), r.total]).toEqual([['10.0.0.4/30', '10.0.0.8/30'], 3n]);
    expect(show(freeNetsOfLength(free, 29, 9).nets)).toEqual(['10.0.0.8/29']);
    expect(freeNetsOfLength(free, 28, 9)).toEqual({ nets: [], total: 0n });
  });
});

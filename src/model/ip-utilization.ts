import { ref, type Model, type Obj } from './model.js';
import { BITS, hostMask, ipSpace, type Family, type IpSpace, type IpTable, type NetNode, type RangeSpan } from './ip-space.js';

// Utilization, children and free space as NetBox's IPAM computes them, over the shared IP space
// (src/model/ip-space.ts). Every address is compared as one integer key (family in the high bits),
// so each question is a binary search over a list sorted once; the whole model is done in one pass.
//
// NetBox's rules, in short:
// - A prefix marked utilized is 100 %. A container counts the addresses its child prefixes of the
//   same VRF cover; any other prefix counts the distinct hosts of its child IP addresses (same VRF)
//   plus every address of its child IP ranges marked utilized, over its size (IPv4 below /31 and not
//   a pool: without network and broadcast). Never above 100 %.
// - An aggregate counts the addresses covered by prefixes of every VRF inside it (or equal to it).
// - An IP range marked utilized is 100 %, else its distinct child hosts over its size.
// - A container prefix in the global table has as children the prefixes and IP addresses of every VRF
//   (its utilization still counts only the global table's child prefixes).
// - Free addresses lie in the usable span (a pool, IPv4 /31–/32 and IPv6 /127–/128 use every address;
//   otherwise IPv4 leaves out network and broadcast, IPv6 the subnet-router address), outside child
//   IP addresses and outside child IP ranges marked populated. Free prefixes are the prefix less its
//   child prefixes of the same VRF.

/** An address as one sortable key: the family above every address bit. */
export function keyOf(family: Family, value: bigint): bigint {
  return (BigInt(family) << 130n) | value;
}

/** First index whose key is ≥ x. */
function lowerBound(keys: bigint[], x: bigint): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many keys lie in first..last. */
function countIn(keys: bigint[], first: bigint, last: bigint): number {
  return lowerBound(keys, last + 1n) - lowerBound(keys, first);
}

/** A table's derived lists. */
interface TableFacts {
  /** Distinct hosts of the table's IP addresses, as keys, sorted. */
  hosts: bigint[];
  /** Ranges marked utilized, sorted by start; with running sums of sizes and of the hosts inside. */
  utilized: RangeSpan[];
  utilizedStarts: bigint[];
  utilizedSize: bigint[];
  utilizedHosts: number[];
  /** Starts of all the table's ranges (table.ranges order). */
  rangeStarts: bigint[];
  /** Ranges marked populated, sorted by start. */
  populated: RangeSpan[];
  populatedStarts: bigint[];
  /** The direct child networks of each network of the table (duplicates share them), distinct. */
  childNets: Map<string, NetNode[]>;
}

export interface IpUsage {
  /** Percentages (0–100) as NetBox computes them, unrounded. */
  prefix: Map<Obj, number>;
  aggregate: Map<Obj, number>;
  range: Map<Obj, number>;
  /** Per table: derived lists the queries below use. */
  facts: Map<IpTable, TableFacts>;
  /** Distinct hosts of every table's IP addresses, for a global container. */
  allHosts: bigint[];
  /** Every table's prefixes, sorted by family, first address, larger first. */
  allPrefixes: NetNode[];
  allPrefixFirsts: bigint[];
  /** Every table's IP addresses, sorted by family and host. */
  allIps: { obj: Obj; key: bigint }[];
  allIpKeys: bigint[];
  space: IpSpace;
}

const memo = new WeakMap<Model, IpUsage>();

/** Utilization of every prefix, aggregate and IP range, computed once per model. */
export function ipUsage(model: Model): IpUsage {
  let u = memo.get(model);
  if (!u) memo.set(model, (u = build(model)));
  return u;
}

const netKey = (n: { family: Family; first: bigint; length: number }) => `${n.family}:${n.first}:${n.length}`;
const size = (n: { first: bigint; last: bigint }) => n.last - n.first + 1n;
const isTrue = (v: unknown) => v === true;

/** The table a prefix is in. */
export function tableOf(space: IpSpace, prefix: Obj): IpTable | undefined {
  return space.nodeOf.has(prefix) ? space.tables.get(ref(prefix, 'vrf')) : undefined;
}

function isGlobalContainer(table: IpTable, prefix: Obj): boolean {
  return table.vrf === undefined && (prefix.data.status ?? 'active') === 'container';
}

function tableFacts(table: IpTable): TableFacts {
  const hosts: bigint[] = [];
  for (const ip of table.ips) {
    const k = keyOf(ip.family, ip.value);
    if (hosts[hosts.length - 1] !== k) hosts.push(k);
  }
  const utilized = table.ranges.filter((r) => isTrue(r.obj.data.mark_utilized));
  const utilizedSize: bigint[] = [0n];
  const utilizedHosts: number[] = [0];
  for (const r of utilized) {
    utilizedSize.push(utilizedSize[utilizedSize.length - 1] + size(r));
    utilizedHosts.push(utilizedHosts[utilizedHosts.length - 1] + countIn(hosts, keyOf(r.family, r.first), keyOf(r.family, r.last)));
  }
  const populated = table.ranges.filter((r) => isTrue(r.obj.data.mark_populated));
  // Duplicates of a network share its children; a child written twice counts once.
  const childNets = new Map<string, NetNode[]>();
  const seen = new Set<string>();
  for (const n of table.prefixes) {
    const key = netKey(n);
    let list = childNets.get(key);
    if (!list) childNets.set(key, (list = []));
    for (const c of n.children) {
      const ck = `${key}>${netKey(c)}`;
      if (seen.has(ck)) continue;
      seen.add(ck);
      list.push(c);
    }
  }
  for (const list of childNets.values()) list.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return {
    hosts,
    utilized,
    utilizedStarts: utilized.map((r) => keyOf(r.family, r.first)),
    utilizedSize,
    utilizedHosts,
    rangeStarts: table.ranges.map((r) => keyOf(r.family, r.first)),
    populated,
    populatedStarts: populated.map((r) => keyOf(r.family, r.first)),
    childNets,
  };
}

function build(model: Model): IpUsage {
  const space = ipSpace(model);
  const facts = new Map<IpTable, TableFacts>();
  for (const t of space.tables.values()) facts.set(t, tableFacts(t));

  const allIps = [...space.tables.values()].flatMap((t) => t.ips.map((ip) => ({ obj: ip.obj, key: keyOf(ip.family, ip.value) })));
  allIps.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const allIpKeys = allIps.map((i) => i.key);
  const allHosts = allIpKeys.filter((k, i) => i === 0 || allIpKeys[i - 1] !== k);
  const allPrefixes = [...space.tables.values()].flatMap((t) => t.prefixes);
  allPrefixes.sort((a, b) => (a.family !== b.family ? a.family - b.family : a.first !== b.first ? (a.first < b.first ? -1 : 1) : a.length - b.length));
  const allPrefixFirsts = allPrefixes.map((n) => keyOf(n.family, n.first));

  const usage: IpUsage = { prefix: new Map(), aggregate: new Map(), range: new Map(), facts, allHosts, allPrefixes, allPrefixFirsts, allIps, allIpKeys, space };

  for (const t of space.tables.values()) {
    const f = facts.get(t)!;
    for (const n of t.prefixes) usage.prefix.set(n.obj, prefixUtilization(n, f));
    for (const r of t.ranges) {
      const u = isTrue(r.obj.data.mark_utilized) ? 100 : Math.min((countIn(f.hosts, keyOf(r.family, r.first), keyOf(r.family, r.last)) / Number(size(r))) * 100, 100);
      usage.range.set(r.obj, u);
    }
  }

  // Aggregates: the networks of every VRF, distinct and nested once; an aggregate counts those inside
  // it (or equal to it) that no other network inside it contains.
  const nets: { family: Family; first: bigint; last: bigint; length: number; parent?: number }[] = [];
  for (const n of allPrefixes) {
    const prev = nets[nets.length - 1];
    if (prev && prev.family === n.family && prev.first === n.first && prev.length === n.length) continue;
    nets.push({ family: n.family, first: n.first, last: n.last, length: n.length });
  }
  const stack: number[] = [];
  nets.forEach((n, i) => {
    while (stack.length) {
      const top = nets[stack[stack.length - 1]];
      if (top.family === n.family && top.first <= n.first && n.last <= top.last) break;
      stack.pop();
    }
    if (stack.length) n.parent = stack[stack.length - 1];
    stack.push(i);
  });
  const netFirsts = nets.map((n) => keyOf(n.family, n.first));
  for (const a of space.aggregates) {
    const inside = (n: { family: Family; first: bigint; last: bigint }) => n.family === a.family && a.first <= n.first && n.last <= a.last;
    let covered = 0n;
    for (let i = lowerBound(netFirsts, keyOf(a.family, a.first)); i < nets.length && netFirsts[i] <= keyOf(a.family, a.last); i++) {
      const n = nets[i];
      if (!inside(n)) continue;
      if (n.parent !== undefined && inside(nets[n.parent])) continue;
      covered += size(n);
    }
    usage.aggregate.set(a.obj, Math.min((Number(covered) / Number(size(a))) * 100, 100));
  }
  return usage;
}

/** The address count a prefix's utilization is measured against. */
function denominator(n: NetNode, pool: boolean): bigint {
  return n.family === 4 && n.length < 31 && !pool ? size(n) - 2n : size(n);
}

function prefixUtilization(n: NetNode, f: TableFacts): number {
  const data = n.obj.data;
  if (isTrue(data.mark_utilized)) return 100;
  if ((data.status ?? 'active') === 'container') {
    let covered = 0n;
    for (const c of f.childNets.get(netKey(n)) ?? []) covered += size(c);
    return Math.min((Number(covered) / Number(size(n))) * 100, 100);
  }
  const total = denominator(n, isTrue(data.is_pool));
  const first = keyOf(n.family, n.first);
  const last = keyOf(n.family, n.last);
  // Child ranges marked utilized: those that start and end inside the prefix (ranges of a table do not
  // overlap, so their ends are sorted too).
  const i0 = lowerBound(f.utilizedStarts, first);
  let i1 = lowerBound(f.utilizedStarts, last + 1n);
  while (i1 > i0 && keyOf(n.family, f.utilized[i1 - 1].last) > last) i1--;
  const rangeCount = f.utilizedSize[i1] - f.utilizedSize[i0];
  if (rangeCount >= total) return 100;
  const hosts = countIn(f.hosts, first, last) - (f.utilizedHosts[i1] - f.utilizedHosts[i0]);
  return Math.min((Number(rangeCount + BigInt(hosts)) / Number(total)) * 100, 100);
}

/** The first and last address NetBox offers in a prefix. */
export function usableBounds(n: NetNode, pool: boolean): { first: bigint; last: bigint } {
  if (pool || n.length >= BITS[n.family] - 1) return { first: n.first, last: n.last };
  return { first: n.first + 1n, last: n.family === 4 ? n.last - 1n : n.last };
}

/** The next `limit` free addresses of a prefix, in order, as NetBox's available-IPs list gives them. */
export function availableIps(model: Model, prefix: Obj, limit: number): bigint[] {
  const at = prefixAt(model, prefix);
  if (!at) return [];
  const { usage, node, table } = at;
  const f = usage.facts.get(table)!;
  const hosts = isGlobalContainer(table, prefix) ? usage.allHosts : f.hosts;
  const { first, last } = usableBounds(node, isTrue(prefix.data.is_pool));
  // Populated ranges count only where they lie wholly inside the prefix.
  const ranges: RangeSpan[] = [];
  for (let i = lowerBound(f.populatedStarts, keyOf(node.family, node.first)); i < f.populated.length && f.populatedStarts[i] <= keyOf(node.family, node.last); i++) {
    if (f.populated[i].last <= node.last) ranges.push(f.populated[i]);
  }
  const out: bigint[] = [];
  let hi = lowerBound(hosts, keyOf(node.family, first));
  let ri = 0;
  let cur = first;
  while (out.length < limit && cur <= last) {
    while (ri < ranges.length && ranges[ri].last < cur) ri++;
    if (ri < ranges.length && ranges[ri].first <= cur) {
      cur = ranges[ri].last + 1n;
      continue;
    }
    const k = keyOf(node.family, cur);
    while (hi < hosts.length && hosts[hi] < k) hi++;
    if (hi < hosts.length && hosts[hi] === k) {
      cur++;
      continue;
    }
    out.push(cur);
    cur++;
  }
  return out;
}

/** A network: first address and length. */
export interface Net {
  family: Family;
  first: bigint;
  length: number;
}

/** The free space of a prefix as the fewest networks, in address order (NetBox's available prefixes). */
export function availablePrefixes(model: Model, prefix: Obj): Net[] {
  const at = prefixAt(model, prefix);
  if (!at) return [];
  const { usage, node, table } = at;
  const children = usage.facts.get(table)!.childNets.get(netKey(node)) ?? [];
  const out: Net[] = [];
  let cur = node.first;
  for (const c of children) {
    if (c.first > cur) out.push(...spanToNets(node.family, cur, c.first - 1n));
    if (c.last + 1n > cur) cur = c.last + 1n;
  }
  if (cur <= node.last) out.push(...spanToNets(node.family, cur, node.last));
  return out;
}

/** first..last as the fewest aligned networks. */
export function spanToNets(family: Family, first: bigint, last: bigint): Net[] {
  const bits = BITS[family];
  const out: Net[] = [];
  let cur = first;
  while (cur <= last) {
    let length = bits;
    while (length > 0) {
      const mask = hostMask(family, length - 1);
      if ((cur & mask) !== 0n || (cur | mask) > last) break;
      length--;
    }
    out.push({ family, first: cur, length });
    cur = (cur | hostMask(family, length)) + 1n;
  }
  return out;
}

/**
 * The free networks of one length, in the order repeated allocations would hand them out (each the
 * lowest free one), at most `limit`; and how many there are in all.
 */
export function freeNetsOfLength(free: Net[], length: number, limit: number): { nets: Net[]; total: bigint } {
  const nets: Net[] = [];
  let total = 0n;
  for (const n of free) {
    if (n.length > length) continue;
    const count = 1n << BigInt(length - n.length);
    total += count;
    const step = 1n << BigInt(BITS[n.family] - length);
    for (let i = 0n; i < count && nets.length < limit; i++) nets.push({ family: n.family, first: n.first + i * step, length });
  }
  return { nets, total };
}

/** A prefix's child prefixes as NetBox lists them: inside it, same VRF, or every VRF for a global container. */
export function childPrefixes(model: Model, prefix: Obj): Obj[] {
  const at = prefixAt(model, prefix);
  if (!at) return [];
  const { usage, node, table } = at;
  const everyVrf = isGlobalContainer(table, prefix);
  const out: Obj[] = [];
  for (let i = lowerBound(usage.allPrefixFirsts, keyOf(node.family, node.first)); i < usage.allPrefixes.length && usage.allPrefixFirsts[i] <= keyOf(node.family, node.last); i++) {
    const c = usage.allPrefixes[i];
    if (c.length <= node.length) continue;
    if (everyVrf || ref(c.obj, 'vrf') === ref(prefix, 'vrf')) out.push(c.obj);
  }
  return out;
}

/** A prefix's node and table in the IP space, with the usage built over it; none for an unknown prefix. */
function prefixAt(model: Model, prefix: Obj) {
  const usage = ipUsage(model);
  const node = usage.space.nodeOf.get(prefix);
  const table = tableOf(usage.space, prefix);
  return node && table ? { usage, node, table } : undefined;
}

/** A prefix's child IP addresses as NetBox lists them: host inside it, same VRF, or every VRF for a global container. */
export function childIps(model: Model, prefix: Obj): Obj[] {
  const at = prefixAt(model, prefix);
  if (!at) return [];
  const { usage, node, table } = at;
  const everyVrf = isGlobalContainer(table, prefix);
  const out: Obj[] = [];
  const last = keyOf(node.family, node.last);
  for (let i = lowerBound(usage.allIpKeys, keyOf(node.family, node.first)); i < usage.allIps.length && usage.allIpKeys[i] <= last; i++) {
    const ip = usage.allIps[i].obj;
    if (everyVrf || ref(ip, 'vrf') === ref(prefix, 'vrf')) out.push(ip);
  }
  return out;
}

/** A prefix's child IP ranges: start and end inside it, same VRF. */
export function childRanges(model: Model, prefix: Obj): Obj[] {
  const at = prefixAt(model, prefix);
  if (!at) return [];
  const { usage, node, table } = at;
  const f = usage.facts.get(table)!;
  const out: Obj[] = [];
  for (let i = lowerBound(f.rangeStarts, keyOf(node.family, node.first)); i < table.ranges.length && f.rangeStarts[i] <= keyOf(node.family, node.last); i++) {
    if (table.ranges[i].last <= node.last) out.push(table.ranges[i].obj);
  }
  return out;
}

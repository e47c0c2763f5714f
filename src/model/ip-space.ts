import { objectsOf, ref, type Model, type Obj } from './model.js';

// IP space as NetBox's IPAM sees it: aggregates in one global table, and per VRF (or the global
// table) prefixes, IP ranges and IP addresses as intervals of integers, sorted once and nested by a
// single sweep. Every IPAM rule and `sot ipam` asks this module; none sorts or compares pairs itself.

export type Family = 4 | 6;

export const BITS: Record<Family, number> = { 4: 32, 6: 128 };

/** An address with its family, as an integer. */
export interface Address {
  family: Family;
  value: bigint;
}

/** `10.0.0.0/8`, `2001:db8::1/64`: the address as written (host bits and all) and the length. */
export interface Cidr extends Address {
  length: number;
}

/** Address text (schema-valid) → integer. IPv6 may embed an IPv4 tail (`::ffff:192.0.2.1`). */
export function parseAddress(text: string): Address | undefined {
  const family: Family = text.includes(':') ? 6 : 4;
  const value = addressValue(text, text.length, family);
  return value === undefined ? undefined : { family, value };
}

/**
 * `address/length` text → its parts; undefined when the text is not one (the schema reports it).
 * Read in place, without slicing the text into parts: IP space reads every address of the inventory.
 */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const colon = text.indexOf(':');
  const family: Family = colon >= 0 && colon < slash ? 6 : 4;
  const length = lengthOf(text, slash + 1);
  if (!Number.isInteger(length) || length < 0 || length > BITS[family]) return undefined;
  const value = addressValue(text, slash, family);
  return value === undefined ? undefined : { family, value, length };
}

/** The mask length after the slash: up to three digits read directly, anything else as Number() reads it. */
function lengthOf(text: string, from: number): number {
  const n = text.length - from;
  if (n < 1 || n > 3) return Number(text.slice(from));
  let v = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number(text.slice(from));
    v = v * 10 + (c - 48);
  }
  return v;
}

/** The address in text[0, end) as an integer of its family. */
function addressValue(text: string, end: number, family: Family): bigint | undefined {
  if (family === 4) {
    const v = parseIpv4(text, 0, end);
    return v === undefined ? undefined : BigInt(v);
  }
  return parseIpv6(end === text.length ? text : text.slice(0, end));
}

/** IPv6 text → integer: eight groups of up to four hex digits, one `::` standing for zero groups. */
function parseIpv6(text: string): bigint | undefined {
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups first; rare, so by rewriting the text.
  if (text.includes('.')) {
    const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (v4) {
      const n = parseIpv4(v4[0], 0, v4[0].length);
      if (n === undefined) return undefined;
      text = `${text.slice(0, v4.index)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
    }
  }
  const gap = text.indexOf('::');
  if (gap >= 0 && text.indexOf('::', gap + 2) >= 0) return undefined;
  const groups = GROUPS;
  const left = readGroups(text, 0, gap < 0 ? text.length : gap, groups, 0);
  if (left < 0) return undefined;
  if (gap < 0) {
    if (left !== 8) return undefined;
  } else {
    const right = readGroups(text, gap + 2, text.length, groups, left);
    if (right < 0) return undefined;
    // The `::` stands for the groups between: move the right-hand ones to the end, zeros before them.
    const fill = 8 - left - right;
    if (fill > 0) {
      groups.copyWithin(left + fill, left, left + right);
      groups.fill(0, left, left + fill);
    }
  }
  const word = (k: number) => groups[2 * k] * 65536 + groups[2 * k + 1];
  return (BigInt(word(0)) << 96n) | (BigInt(word(1)) << 64n) | (BigInt(word(2)) << 32n) | BigInt(word(3));
}

/** Scratch space for the eight groups of the IPv6 address being read. */
const GROUPS = new Uint16Array(8);

/**
 * The colon-separated groups of text[from, to) into groups[at…]: how many, or -1 when a group is not
 * one to four hex digits or there would be more than eight in all. An empty span has none.
 */
function readGroups(text: string, from: number, to: number, groups: Uint16Array, at: number): number {
  if (from === to) return 0;
  let k = at;
  let g = 0;
  let digits = 0;
  for (let i = from; i <= to; i++) {
    if (i === to || text.charCodeAt(i) === 58) {
      if (digits === 0 || k === 8) return -1;
      groups[k++] = g;
      g = 0;
      digits = 0;
      continue;
    }
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0 || ++digits > 4) return -1;
    g = g * 16 + d;
  }
  return k - at;
}

/** A hex digit's value (either case), or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Dotted-quad text[from, to) → its 32-bit number, read character by character (the hot path of large plans). */
function parseIpv4(text: string, from: number, to: number): number | undefined {
  let v = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      v = v * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else return undefined;
  }
  return dots === 3 && digits > 0 ? v * 256 + part : undefined;
}

/** The mask of the host bits of a length: `/24` → 0xff. */
export function hostMask(family: Family, length: number): bigint {
  return HOST_MASKS[family][length];
}

/** Every length's host mask, made once: bigint arithmetic allocates, and every network needs its mask. */
const HOST_MASKS: Record<Family, readonly bigint[]> = { 4: masksOf(32), 6: masksOf(128) };

function masksOf(bits: number): bigint[] {
  return Array.from({ length: bits + 1 }, (_, length) => (1n << BigInt(bits - length)) - 1n);
}

/** The network a CIDR lies in: its first and last addresses. */
export function networkOf(c: Cidr): { first: bigint; last: bigint } {
  const mask = hostMask(c.family, c.length);
  const first = c.value & ~mask;
  return { first, last: first | mask };
}

/** An address as NetBox prints it: dotted IPv4; IPv6 lower case with the longest zero run as `::` (RFC 5952). */
export function formatAddress(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(Number((value >> s) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  return best < 0 ? hex(0, 8) : `${hex(0, best)}::${hex(best + bestLen, 8)}`;
}

/** A prefix or aggregate in a table, nested under the smallest one that strictly contains it. */
export interface NetNode {
  obj: Obj;
  family: Family;
  first: bigint;
  last: bigint;
  length: number;
  /** The smallest prefix (aggregate) of the same table that strictly contains this one. */
  parent?: NetNode;
  children: NetNode[];
}

/** An IP range: start and end as written, when both parse and are of one family. */
export interface RangeSpan {
  obj: Obj;
  family: Family;
  first: bigint;
  last: bigint;
}

/** An IP address: its host and its mask length. */
export interface HostEntry {
  obj: Obj;
  family: Family;
  value: bigint;
  length: number;
}

/** One VRF's IP space, or the global table's (vrf undefined). */
export interface IpTable {
  vrf?: Obj;
  /** Sorted by family, first address, then the larger network first; duplicates in inventory order. */
  prefixes: NetNode[];
  /** Prefixes no other prefix of the table contains. */
  roots: NetNode[];
  /** Sorted by family, start, then end. */
  ranges: RangeSpan[];
  /** Sorted by family, host, then inventory order. */
  ips: HostEntry[];
}

export interface IpSpace {
  /** Aggregates: one global table, nested like prefixes. */
  aggregates: NetNode[];
  aggregateRoots: NetNode[];
  /** By VRF object; the global table under `undefined`. Objects whose VRF did not resolve are left out. */
  tables: Map<Obj | undefined, IpTable>;
  /** Each prefix and aggregate's node. */
  nodeOf: Map<Obj, NetNode>;
  /**
   * The global table's prefixes of status container, nested among themselves (nodes of their own,
   * not those of `nodeOf`): NetBox lists the prefixes and addresses of every VRF under them.
   */
  globalContainers: NetNode[];
}

const memo = new WeakMap<Model, IpSpace>();

/** The model's IP space, built on first use and shared by every rule and command that asks. */
export function ipSpace(model: Model): IpSpace {
  let space = memo.get(model);
  if (!space) memo.set(model, (space = build(model)));
  return space;
}

/** The deepest prefix of a table that contains an address (or equals it, for a /32 or /128 prefix). */
export function prefixContaining(table: IpTable, family: Family, value: bigint): NetNode | undefined {
  return deepest(table.prefixes, family, value, value);
}

/** The deepest prefix of a table that contains a span (first..last) or equals it. */
export function prefixContainingSpan(table: IpTable, family: Family, first: bigint, last: bigint): NetNode | undefined {
  return deepest(table.prefixes, family, first, last);
}

/** The deepest global-table container prefix that contains a span (first..last) or equals it, whatever the span's VRF. */
export function containerContaining(space: IpSpace, family: Family, first: bigint, last: bigint): NetNode | undefined {
  return deepest(space.globalContainers, family, first, last);
}

/** The aggregate containing a span, if any. */
export function aggregateContaining(space: IpSpace, family: Family, first: bigint, last: bigint): NetNode | undefined {
  return deepest(space.aggregates, family, first, last);
}

/** Sort key comparison: family, first address, larger network first. */
function compareNets(a: { family: Family; first: bigint; last: bigint }, b: { family: Family; first: bigint; last: bigint }): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  if (a.last !== b.last) return a.last > b.last ? -1 : 1;
  return 0;
}

/**
 * The last node whose first address is ≤ first (binary search), then up its parents to one that holds
 * first..last. CIDR networks never partly overlap, so every network holding `first` contains that node
 * (or is a duplicate of it) and is on its parent chain: the first hit is the deepest.
 */
function deepest(nodes: NetNode[], family: Family, first: bigint, last: bigint): NetNode | undefined {
  let lo = 0;
  let hi = nodes.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = nodes[mid];
    if (n.family < family || (n.family === family && n.first <= first)) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let n: NetNode | undefined = at >= 0 ? nodes[at] : undefined; n; n = n.parent) {
    if (n.family === family && n.first <= first && last <= n.last) return n;
  }
  return undefined;
}

/** Nests sorted nodes with a stack: each node's parent is the nearest open node that strictly contains it. */
function nest(nodes: NetNode[]): NetNode[] {
  const roots: NetNode[] = [];
  const stack: NetNode[] = [];
  for (const n of nodes) {
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.family === n.family && top.first <= n.first && n.last <= top.last && top.length < n.length) break;
      stack.pop();
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      n.parent = parent;
      parent.children.push(n);
    } else roots.push(n);
    stack.push(n);
  }
  return roots;
}

function netNode(obj: Obj, field: string): NetNode | undefined {
  const c = parseCidr(obj.data[field]);
  // NetBox refuses /0 networks (ipam/zero-mask): they hold no place in its IP space.
  if (!c || c.length === 0) return undefined;
  const { first, last } = networkOf(c);
  return { obj, family: c.family, first, last, length: c.length, children: [] };
}

function build(model: Model): IpSpace {
  const nodeOf = new Map<Obj, NetNode>();
  const tables = new Map<Obj | undefined, IpTable>();
  const table = (obj: Obj): IpTable | undefined => {
    const vrf = ref(obj, 'vrf');
    if (!vrf && obj.data.vrf !== undefined && obj.data.vrf !== null && obj.data.vrf !== '') return undefined;
    let t = tables.get(vrf);
    if (!t) tables.set(vrf, (t = { vrf, prefixes: [], roots: [], ranges: [], ips: [] }));
    return t;
  };

  const aggregates: NetNode[] = [];
  for (const obj of objectsOf(model, 'ipam.aggregate')) {
    const n = netNode(obj, 'prefix');
    if (!n) continue;
    aggregates.push(n);
    nodeOf.set(obj, n);
  }
  for (const obj of objectsOf(model, 'ipam.prefix')) {
    const n = netNode(obj, 'prefix');
    const t = n && table(obj);
    if (!n || !t) continue;
    t.prefixes.push(n);
    nodeOf.set(obj, n);
  }
  for (const obj of objectsOf(model, 'ipam.iprange')) {
    const start = parseCidr(obj.data.start_address);
    const end = parseCidr(obj.data.end_address);
    const t = start && end && start.family === end.family ? table(obj) : undefined;
    if (!t) continue;
    t.ranges.push({ obj, family: start!.family, first: start!.value, last: end!.value });
  }
  for (const obj of objectsOf(model, 'ipam.ipaddress')) {
    const c = parseCidr(obj.data.address);
    const t = c && c.length > 0 && table(obj);
    if (!t) continue;
    t.ips.push({ obj, family: c!.family, value: c!.value, length: c!.length });
  }

  // Array.prototype.sort is stable: equal keys keep inventory order.
  aggregates.sort(compareNets);
  const aggregateRoots = nest(aggregates);
  for (const t of tables.values()) {
    t.prefixes.sort(compareNets);
    t.roots = nest(t.prefixes);
    t.ranges.sort((a, b) => (a.family !== b.family ? a.family - b.family : a.first !== b.first ? (a.first < b.first ? -1 : 1) : a.last < b.last ? -1 : a.last > b.last ? 1 : 0));
    t.ips.sort((a, b) => (a.family !== b.family ? a.family - b.family : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  const globalContainers = (tables.get(undefined)?.prefixes ?? [])
    .filter((n) => n.obj.data.status === 'container')
    .map((n): NetNode => ({ obj: n.obj, family: n.family, first: n.first, last: n.last, length: n.length, children: [] }));
  nest(globalContainers);
  return { aggregates, aggregateRoots, tables, nodeOf, globalContainers };
}

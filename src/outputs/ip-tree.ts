import { displayName, ref, type Model, type Obj } from '../model/model.js';
import { aggregateContaining, formatAddress, ipSpace, prefixContaining, prefixContainingSpan, type Family, type IpTable, type NetNode, type RangeSpan } from '../model/ip-space.js';
import { ipUsage, type IpUsage } from '../model/ip-utilization.js';

// `sot ipam tree`: each table (the global table, then VRFs by name) as a tree of aggregates, the
// prefixes inside them nested by containment, and under each prefix the IP ranges and IP addresses
// whose deepest prefix it is (an address inside one of those ranges under the range). Siblings are in
// address order, the larger network first; the same inventory gives the same bytes.

export type TreeNode =
  | { type: 'aggregate'; prefix: string; rir: string | null; utilization: number; children: TreeNode[] }
  | { type: 'prefix'; prefix: string; status: string; is_pool: boolean; mark_utilized: boolean; utilization: number; children: TreeNode[] }
  | { type: 'ip-range'; start_address: string; end_address: string; status: string; mark_populated: boolean; mark_utilized: boolean; utilization: number; children: TreeNode[] }
  | { type: 'ip-address'; address: string; status: string; role: string | null };

export interface TreeTable {
  vrf: { name: string; rd: string | null } | null;
  children: TreeNode[];
}

interface Placed {
  family: Family;
  first: bigint;
  last: bigint;
  order: number;
  node: TreeNode;
}

const ORDER = { aggregate: 0, prefix: 1, 'ip-range': 2, 'ip-address': 3 } as const;

function sortPlaced(list: Placed[]): TreeNode[] {
  // Stable: equal keys keep inventory order.
  list.sort((a, b) => (a.family !== b.family ? a.family - b.family : a.first !== b.first ? (a.first < b.first ? -1 : 1) : a.last !== b.last ? (a.last > b.last ? -1 : 1) : a.order - b.order));
  return list.map((p) => p.node);
}

const cidr = (family: Family, value: bigint, length: number) => `${formatAddress(family, value)}/${length}`;
const status = (obj: Obj) => String(obj.data.status ?? 'active');

/** The VRFs' tables in NetBox's order (name, then route distinguisher), the global table first. */
export function orderedTables(model: Model): IpTable[] {
  const tables = [...ipSpace(model).tables.values()];
  const key = (t: IpTable) => (t.vrf ? [String(t.vrf.data.name ?? ''), String(t.vrf.data.rd ?? '')] : ['', '']);
  return tables.sort((a, b) => {
    if (!a.vrf || !b.vrf) return a.vrf ? 1 : b.vrf ? -1 : 0;
    const [an, ar] = key(a);
    const [bn, br] = key(b);
    return an < bn ? -1 : an > bn ? 1 : ar < br ? -1 : ar > br ? 1 : a.vrf.id - b.vrf.id;
  });
}

/** The tree of every table (or of the tables given). */
export function ipTree(model: Model, only?: IpTable[]): TreeTable[] {
  const usage = ipUsage(model);
  const space = usage.space;
  const tables = only ?? orderedTables(model);
  if (!only && !space.tables.has(undefined) && space.aggregates.length) tables.unshift({ prefixes: [], roots: [], ranges: [], ips: [] });
  return tables.map((t) => ({
    vrf: t.vrf ? { name: String(t.vrf.data.name), rd: t.vrf.data.rd == null ? null : String(t.vrf.data.rd) } : null,
    children: tableTree(usage, t),
  }));
}

function tableTree(usage: IpUsage, t: IpTable): TreeNode[] {
  const space = usage.space;
  // Where each range and address goes: its deepest prefix (and for an address, a range there holding it).
  const rangesUnder = new Map<NetNode | undefined, Placed[]>();
  const rangeHome = new Map<RangeSpan, NetNode | undefined>();
  const rangeItems = new Map<RangeSpan, Placed[]>();
  const add = <K>(map: Map<K, Placed[]>, key: K, p: Placed) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const r of t.ranges) rangeHome.set(r, prefixContainingSpan(t, r.family, r.first, r.last));
  const ipsUnder = new Map<NetNode | undefined, Placed[]>();
  let ri = 0;
  for (const ip of t.ips) {
    const home = prefixContaining(t, ip.family, ip.value);
    // t.ips and t.ranges are both in address order: the last range starting at or before the host.
    while (ri + 1 < t.ranges.length && (t.ranges[ri + 1].family < ip.family || (t.ranges[ri + 1].family === ip.family && t.ranges[ri + 1].first <= ip.value))) ri++;
    const r = t.ranges[ri];
    const placed: Placed = { family: ip.family, first: ip.value, last: ip.value, order: ORDER['ip-address'], node: { type: 'ip-address', address: cidr(ip.family, ip.value, ip.length), status: status(ip.obj), role: ip.obj.data.role == null ? null : String(ip.obj.data.role) } };
    if (r && r.family === ip.family && r.first <= ip.value && ip.value <= r.last && rangeHome.get(r) === home) add(rangeItems, r, placed);
    else add(ipsUnder, home, placed);
  }
  for (const r of t.ranges) {
    const first = cidr(r.family, r.first, lengthOf(r.obj.data.start_address));
    add(rangesUnder, rangeHome.get(r), {
      family: r.family,
      first: r.first,
      last: r.last,
      order: ORDER['ip-range'],
      node: {
        type: 'ip-range',
        start_address: first,
        end_address: cidr(r.family, r.last, lengthOf(r.obj.data.end_address)),
        status: status(r.obj),
        mark_populated: r.obj.data.mark_populated === true,
        mark_utilized: r.obj.data.mark_utilized === true,
        utilization: usage.range.get(r.obj) ?? 0,
        children: sortPlaced(rangeItems.get(r) ?? []),
      },
    });
  }

  const prefixPlaced = (n: NetNode): Placed => ({
    family: n.family,
    first: n.first,
    last: n.last,
    order: ORDER.prefix,
    node: {
      type: 'prefix',
      prefix: cidr(n.family, n.first, n.length),
      status: status(n.obj),
      is_pool: n.obj.data.is_pool === true,
      mark_utilized: n.obj.data.mark_utilized === true,
      utilization: usage.prefix.get(n.obj) ?? 0,
      children: sortPlaced([...n.children.map(prefixPlaced), ...(rangesUnder.get(n) ?? []), ...(ipsUnder.get(n) ?? [])]),
    },
  });

  // Top-level items go under the aggregate that holds them.
  const top = [...t.roots.map(prefixPlaced), ...(rangesUnder.get(undefined) ?? []), ...(ipsUnder.get(undefined) ?? [])];
  const underAggregate = new Map<NetNode | undefined, Placed[]>();
  for (const p of top) add(underAggregate, aggregateContaining(space, p.family, p.first, p.last), p);
  const out: Placed[] = underAggregate.get(undefined) ?? [];
  for (const a of space.aggregates) {
    const inside = underAggregate.get(a);
    if (!inside && t.vrf) continue;
    const rir = ref(a.obj, 'rir');
    out.push({
      family: a.family,
      first: a.first,
      last: a.last,
      order: ORDER.aggregate,
      node: { type: 'aggregate', prefix: cidr(a.family, a.first, a.length), rir: rir ? displayName(rir) : null, utilization: usage.aggregate.get(a.obj) ?? 0, children: sortPlaced(inside ?? []) },
    });
  }
  return sortPlaced(out);
}

function lengthOf(text: unknown): number {
  return Number(String(text).split('/')[1]);
}

/** A percentage as NetBox's utilization bar prints it: one decimal, halves rounded up. */
export function percentText(x: number): string {
  const s = String(x);
  if (s.includes('e')) return x >= 1 ? `${x.toFixed(1)}%` : '0.0%'; // only below 1e-6 for a percentage
  const [whole, frac = ''] = s.split('.');
  const digits = frac.padEnd(2, '0');
  let tenths = BigInt(whole) * 10n + BigInt(digits[0]);
  if (digits[1] >= '5') tenths++;
  return `${tenths / 10n}.${tenths % 10n}%`;
}

/** An IP range as NetBox names it: the start, then the end without the leading parts they share. */
export function rangeName(start: string, end: string): string {
  const [a, len] = start.split('/');
  const b = end.split('/')[0];
  if (a === b) return `${a}-${b}/${len}`;
  const sep = a.includes(':') ? ':' : '.';
  const as = a.split(sep);
  const bs = b.split(sep);
  let same = 0;
  while (same < as.length - 1 && same < bs.length - 1 && as[same] === bs[same]) same++;
  return `${as.slice(0, same).join(sep)}${same ? sep : ''}${as.slice(same).join(sep)}-${bs.slice(same).join(sep)}/${len}`;
}

/** The tree as indented text: one line per object, columns aligned within a table. */
export function ipTreeText(tables: TreeTable[]): string {
  const blocks: string[] = [];
  for (const t of tables) {
    const rows: [string, string, string][] = [];
    const walk = (nodes: TreeNode[], depth: number) => {
      for (const n of nodes) {
        const pad = '  '.repeat(depth);
        if (n.type === 'aggregate') rows.push([`${pad}${n.prefix}`, `aggregate${n.rir ? ` (${n.rir})` : ''}`, percentText(n.utilization)]);
        else if (n.type === 'prefix') rows.push([`${pad}${n.prefix}`, [n.status, n.is_pool ? 'pool' : '', n.mark_utilized ? 'marked utilized' : ''].filter(Boolean).join(', '), percentText(n.utilization)]);
        else if (n.type === 'ip-range')
          rows.push([`${pad}${rangeName(n.start_address, n.end_address)}`, ['range', n.status, n.mark_populated ? 'populated' : '', n.mark_utilized ? 'marked utilized' : ''].filter(Boolean).join(', '), percentText(n.utilization)]);
        else rows.push([`${pad}${n.address}`, [n.status, n.role ?? ''].filter(Boolean).join(', '), '']);
        if (n.type !== 'ip-address') walk(n.children, depth + 1);
      }
    };
    walk(t.children, 1);
    const w0 = Math.max(0, ...rows.map((r) => r[0].length));
    const w1 = Math.max(0, ...rows.map((r) => r[1].length));
    const title = t.vrf ? `VRF ${t.vrf.name}${t.vrf.rd ? ` (RD ${t.vrf.rd})` : ''}` : 'Global table';
    const lines = rows.map(([a, b, c]) => (c ? `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padStart(6)}` : `${a.padEnd(w0)}  ${b}`).trimEnd());
    blocks.push([title, ...(lines.length ? lines : ['  (empty)'])].join('\n'));
  }
  return blocks.length ? `${blocks.join('\n\n')}\n` : 'No IP space: the inventory has no aggregates, prefixes, IP ranges or IP addresses.\n';
}

/** The tree as JSON, utilization as NetBox computes it (unrounded). */
export function ipTreeJson(tables: TreeTable[]): string {
  return `${JSON.stringify({ tables }, null, 2)}\n`;
}

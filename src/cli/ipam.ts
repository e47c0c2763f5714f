import { suggest } from '../diagnostics/suggest.js';
import { BITS, formatAddress, ipSpace, networkOf, parseCidr, type IpTable, type NetNode } from '../model/ip-space.js';
import { displayName, objectsOf, type Model, type Obj } from '../model/model.js';

// `sot ipam`: the VRF and the prefix a command line names.

export type VrfLookup = { vrf: Obj } | { error: string };

/** A VRF by name (or route distinguisher, when no VRF has the name). */
export function findVrf(model: Model, name: string): VrfLookup {
  const vrfs = objectsOf(model, 'ipam.vrf');
  let found = vrfs.filter((v) => v.data.name === name);
  if (!found.length) found = vrfs.filter((v) => v.data.rd === name);
  if (found.length === 1) return { vrf: found[0] };
  if (found.length > 1) return { error: `${found.length} VRFs are named "${name}"; name one by its route distinguisher: ${found.map((v) => v.data.rd ?? '(none)').join(', ')}` };
  const close = suggest(name, vrfs.map((v) => displayName(v)));
  return { error: `no VRF "${name}"${close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : ''}` };
}

export type PrefixLookup = { prefix: Obj; node: NetNode; table: IpTable } | { error: string };

const tableName = (t: IpTable) => (t.vrf ? `VRF ${displayName(t.vrf)}` : 'the global table');

/**
 * The prefix `text` names: in the VRF given, else in the global table, else in the one VRF that has
 * it. Duplicates within a table (where uniqueness is not enforced) give the first written.
 */
export function findPrefix(model: Model, text: string, vrf?: Obj): PrefixLookup {
  const c = parseCidr(text);
  if (!c) return { error: `"${text}" is not a prefix (address/length, e.g. 10.1.0.0/16)` };
  const { first } = networkOf(c);
  const net = `${formatAddress(c.family, first)}/${c.length}`;
  if (first !== c.value) return { error: `${text} is not a prefix: it has host bits set (did you mean ${net}?)` };
  const hits: { node: NetNode; table: IpTable }[] = [];
  for (const table of ipSpace(model).tables.values()) {
    // Sorted with the larger network first: the first node at this address of this length.
    const node = table.prefixes.find((n) => n.family === c.family && n.first === first && n.length === c.length);
    if (node) hits.push({ node, table });
  }
  const inVrf = vrf ? hits.find((h) => h.table.vrf === vrf) : (hits.find((h) => !h.table.vrf) ?? (hits.length === 1 ? hits[0] : undefined));
  if (inVrf) return { prefix: inVrf.node.obj, ...inVrf };
  const where = vrf ? `VRF ${displayName(vrf)}` : 'the inventory';
  if (!vrf && hits.length > 1) return { error: `prefix ${net} is in ${hits.length} VRFs; name one with --vrf: ${hits.map((h) => displayName(h.table.vrf!)).sort().join(', ')}` };
  const elsewhere = hits.length ? `; it is in ${hits.map((h) => tableName(h.table)).join(', ')}` : '';
  return { error: `no prefix ${net} in ${where}${elsewhere}` };
}

/** A prefix length for free child prefixes: a number from the prefix's own length to the family's last. */
export function checkLength(text: string, node: NetNode): number | string {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > BITS[node.family]) return `--prefix-length takes a length from 0 to ${BITS[node.family]}, not "${text}"`;
  if (n < node.length) return `--prefix-length ${n} is shorter than the prefix's own /${node.length}`;
  return n;
}

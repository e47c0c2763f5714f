// The built-in exports for automation tools: an Ansible inventory (Ansible's YAML inventory format)
// and a Nornir SimpleInventory (hosts, groups and defaults files). Both are built as data and written
// by a YAML emitter, never by string templates, so that no object name can break the YAML; keys are
// sorted and hosts and groups ordered explicitly, so the same inventory gives the same bytes.
import yaml from 'js-yaml';
import { effectiveContext } from '../model/config-context.js';
import { displayName, objectsOf, ref, refs, type Model, type Obj } from '../model/model.js';
import type { OutputFile } from './build.js';
import { compareNatural } from './template-helpers.js';

/** Ansible's connection plugin names (ansible_network_os) of the platform slugs NetBox users write. */
export const NETWORK_OS: Readonly<Record<string, string>> = {
  eos: 'arista.eos.eos',
  junos: 'junipernetworks.junos.junos',
  ios: 'cisco.ios.ios',
  'ios-xe': 'cisco.ios.ios',
  iosxe: 'cisco.ios.ios',
  iosxr: 'cisco.iosxr.iosxr',
  'ios-xr': 'cisco.iosxr.iosxr',
  nxos: 'cisco.nxos.nxos',
  'nx-os': 'cisco.nxos.nxos',
  vyos: 'vyos.vyos.vyos',
};

/** The kinds exported as hosts. */
const HOST_KINDS = ['dcim.device', 'virtualization.virtualmachine'];

/** One host of the exports: its inventory name, its groups, its variables. */
export interface Host {
  obj: Obj;
  /** Unique among hosts. */
  name: string;
  /** The primary IP's address without its length, when there is one. */
  address?: string;
  platform?: string;
  /** Group names, in order: site, role, platform, then tags by slug. */
  groups: string[];
  /** site, role, platform, tenant, cluster (slugs), serial, config_context. */
  vars: Record<string, unknown>;
}

/** A group of the exports: site_<slug>, role_<slug>, platform_<slug> or tag_<slug>. */
export interface Group {
  name: string;
  obj: Obj;
  kind: 'site' | 'role' | 'platform' | 'tag';
}

export interface AutomationInventory {
  hosts: Host[];
  groups: Group[];
}

/**
 * A valid Ansible group name (letters, digits and `_`, not starting with a digit): anything else
 * becomes `_`. Ansible only warns about other names and rewrites them itself; writing them valid
 * keeps the names users target the same as the file's.
 */
export function ansibleGroupName(prefix: string, slug: string): string {
  return `${prefix}_${slug.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * A host name Ansible reads as written: a YAML inventory reads `name:22` as a host and a port, and
 * `x[1:3]` as a range of hosts, and `,` separates host patterns; those characters and whitespace
 * become `_`.
 */
export function ansibleHostName(name: string): string {
  return name.replace(/[\s\[\]:,]/g, '_');
}

/**
 * Host names, one per entry and all different: the name as Ansible reads it; a name several entries
 * share gets `_<site>`, one still shared `_<suffix>` (`device12`, `vm3`); a name still taken (by
 * another host's own name, written so) gets `_2`, `_3`… in entry order.
 */
export function uniqueHostNames(entries: readonly { name: string; site?: string; suffix: string }[]): string[] {
  const shared = (names: string[]) => {
    const c = new Map<string, number>();
    for (const n of names) c.set(n, (c.get(n) ?? 0) + 1);
    return (n: string) => c.get(n)! > 1;
  };
  let names = entries.map((e) => ansibleHostName(e.name));
  let isShared = shared(names);
  names = names.map((n, i) => (isShared(n) ? `${n}_${ansibleHostName(entries[i].site ?? 'no_site')}` : n));
  isShared = shared(names);
  names = names.map((n, i) => (isShared(n) ? `${n}_${entries[i].suffix}` : n));
  const taken = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let k = 2; taken.has(name); k++) name = `${n}_${k}`;
    taken.add(name);
    return name;
  });
}

/** The primary IP as NetBox's primary_ip gives it (IPv6 first: NetBox's PREFER_IPV4 is off by default), without its length. */
export function primaryAddress(obj: Obj): string | undefined {
  const ip = ref(obj, 'primary_ip6') ?? ref(obj, 'primary_ip4');
  const address = ip?.data.address;
  return typeof address === 'string' ? address.split('/')[0] : undefined;
}

const slugOf = (o: Obj | undefined): string | undefined => (o ? String(o.data.slug ?? displayName(o)) : undefined);

/** Compares by name (natural order), then by place in the inventory. */
function byName<T>(items: T[], name: (t: T) => string, index: (t: T) => number): T[] {
  return [...items].sort((a, b) => compareNatural(name(a), name(b)) || index(a) - index(b));
}

/**
 * The hosts and groups: every named device and virtual machine (an unnamed device has nothing Ansible
 * or Nornir could call it by), named by uniqueHostNames: NetBox makes device names unique per site
 * and tenant only.
 */
export function automationInventory(model: Model): AutomationInventory {
  const objects = HOST_KINDS.flatMap((k) => objectsOf(model, k)).filter((o) => typeof o.data.name === 'string' && o.data.name !== '');
  const order = new Map(objects.map((o, i) => [o, i]));

  // Groups: one per site, role, platform and tag that a host uses; names made unique (slugs that differ
  // only in characters Ansible does not allow) by -2, -3… in slug order.
  const groupOf = new Map<Obj, Group>();
  const used: { kind: Group['kind']; prefix: string; objs: Obj[] }[] = [
    { kind: 'site', prefix: 'site', objs: objects.map((o) => ref(o, 'site')).filter((o): o is Obj => !!o) },
    { kind: 'role', prefix: 'role', objs: objects.map((o) => ref(o, 'role')).filter((o): o is Obj => !!o) },
    { kind: 'platform', prefix: 'platform', objs: objects.map((o) => ref(o, 'platform')).filter((o): o is Obj => !!o) },
    { kind: 'tag', prefix: 'tag', objs: objects.flatMap((o) => refs(o, 'tags')) },
  ];
  const taken = new Set<string>();
  for (const { kind, prefix, objs } of used) {
    const distinct = byName([...new Set(objs)], (o) => slugOf(o)!, (o) => o.id);
    for (const o of distinct) {
      const base = ansibleGroupName(prefix, slugOf(o)!);
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
      taken.add(name);
      groupOf.set(o, { name, obj: o, kind });
    }
  }

  const unique = uniqueHostNames(
    objects.map((o) => ({ name: String(o.data.name), site: slugOf(ref(o, 'site')), suffix: `${o.kind.kind === 'dcim.device' ? 'device' : 'vm'}${o.id}` })),
  );
  const names = new Map(objects.map((o, i) => [o, unique[i]]));

  const hosts = byName(objects, (o) => names.get(o)!, (o) => order.get(o)!).map((o): Host => {
    const site = ref(o, 'site');
    const role = ref(o, 'role');
    const platform = ref(o, 'platform');
    const tags = byName(refs(o, 'tags'), (t) => groupOf.get(t)!.name, (t) => t.id);
    const groups = [site, role, platform, ...tags].filter((g): g is Obj => !!g).map((g) => groupOf.get(g)!.name);
    const context = effectiveContext(model, o).data;
    const vars: Record<string, unknown> = {
      site: slugOf(site),
      role: slugOf(role),
      platform: slugOf(platform),
      tenant: slugOf(ref(o, 'tenant')),
      cluster: o.kind.kind === 'virtualization.virtualmachine' ? (ref(o, 'cluster') ? displayName(ref(o, 'cluster')!) : undefined) : undefined,
      serial: typeof o.data.serial === 'string' && o.data.serial ? o.data.serial : undefined,
      config_context: Object.keys(context).length ? context : undefined,
    };
    for (const k of Object.keys(vars)) if (vars[k] === undefined) delete vars[k];
    return { obj: o, name: names.get(o)!, address: primaryAddress(o), platform: slugOf(platform), groups, vars };
  });
  const groups = byName([...groupOf.values()], (g) => g.name, (g) => g.obj.id);
  return { hosts, groups };
}

/** A map keyed by names: prototype-free, so a host named `__proto__` is a host like any other. */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** js-yaml with sorted keys, no anchors (a shared config context is written out each time) and no folding. */
export function dumpYaml(data: unknown): string {
  return yaml.dump(data, { sortKeys: true, noRefs: true, lineWidth: -1 });
}

/**
 * Ansible's YAML inventory: `all.hosts` holds every host with its variables, `all.children` a group per
 * site, role, platform and tag listing its hosts.
 */
export function ansibleInventory(inv: AutomationInventory): OutputFile {
  const hosts = record<Record<string, unknown>>();
  for (const h of inv.hosts) {
    const vars: Record<string, unknown> = { ...h.vars };
    if (h.address) vars.ansible_host = h.address;
    const os = h.platform ? NETWORK_OS[h.platform] : undefined;
    if (os) vars.ansible_network_os = os;
    hosts[h.name] = vars;
  }
  const children = record<{ hosts: Record<string, null> }>();
  for (const g of inv.groups) children[g.name] = { hosts: record<null>() };
  for (const h of inv.hosts) for (const g of h.groups) children[g].hosts[h.name] = null;
  const all: Record<string, unknown> = { hosts, children };
  return { path: 'exports/ansible/inventory.yaml', text: dumpYaml({ all }) };
}

/**
 * Nornir's SimpleInventory: hosts.yaml (hostname from the primary IP, platform, groups, data),
 * groups.yaml (a group per site, role, platform and tag, with its name and slug as data) and an empty
 * defaults.yaml.
 */
export function nornirInventory(inv: AutomationInventory): OutputFile[] {
  const hosts = record<Record<string, unknown>>();
  for (const h of inv.hosts) {
    const { platform: _, ...data } = h.vars;
    const host: Record<string, unknown> = { groups: h.groups, data };
    if (h.address) host.hostname = h.address;
    if (h.platform) host.platform = h.platform;
    hosts[h.name] = host;
  }
  const groups = record<unknown>();
  for (const g of inv.groups) {
    const name = typeof g.obj.data.name === 'string' && g.obj.data.name ? g.obj.data.name : displayName(g.obj);
    const group: Record<string, unknown> = { data: { kind: g.kind, name, slug: slugOf(g.obj) } };
    if (g.kind === 'platform') group.platform = slugOf(g.obj);
    groups[g.name] = group;
  }
  return [
    { path: 'exports/nornir/defaults.yaml', text: dumpYaml({ data: {} }) },
    { path: 'exports/nornir/groups.yaml', text: dumpYaml(groups) },
    { path: 'exports/nornir/hosts.yaml', text: dumpYaml(hosts) },
  ];
}

/** Both built-in exports' files. */
export function automationExports(model: Model): OutputFile[] {
  const inv = automationInventory(model);
  return [ansibleInventory(inv), ...nornirInventory(inv)];
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import fc from 'fast-check';
import { ansibleGroupName, ansibleHostName, automationExports, uniqueHostNames } from '../../src/outputs/automation-inventory.js';
import { compileFiles } from '../helpers/compile.js';

const ROOT = join(import.meta.dirname, '../..');

const INVENTORY = `
sites:
  - {name: AMS1, slug: ams1}
  - {name: AMS-2, slug: ams-2}
tenants: [{name: NetOps, slug: netops}]
tags:
  - {name: Production, slug: production}
  - {name: edge.v2, slug: edge-v2}
manufacturers: [{name: Acme, slug: acme}]
device_types:
  - {manufacturer: Acme, model: X, slug: x, interfaces: [{name: lo0, type: virtual}]}
platforms:
  - {name: Arista EOS, slug: eos}
  - {name: AcmeOS, slug: acme-os}
device_roles: [{name: Leaf, slug: leaf}]
devices:
  - name: leaf1
    site: AMS1
    device_type: Acme/X
    role: leaf
    platform: eos
    tenant: netops
    serial: "0012"
    tags: [production, edge-v2]
    local_context_data: {bgp: {asn: 65001}}
    interfaces: [{name: lo0, ip_addresses: [{address: 10.0.0.1/32}, {address: "2001:db8::1/128"}]}]
    primary_ip4: 10.0.0.1/32
  - {name: "edge: 1 [a:b]", site: AMS1, device_type: Acme/X, role: leaf, platform: acme-os}
  - {name: edge, site: AMS1, device_type: Acme/X, role: leaf}
  - {name: edge, site: AMS-2, device_type: Acme/X, role: leaf}
  - {name: "yes", site: AMS-2, device_type: Acme/X, role: leaf}
  - {site: AMS-2, device_type: Acme/X, role: leaf}
cluster_types: [{name: KVM, slug: kvm}]
clusters: [{name: c1, type: KVM}]
virtual_machines:
  - {name: vm1, cluster: c1, role: leaf, platform: eos, interfaces: [{name: eth0, ip_addresses: [{address: "2001:db8::5/64"}]}], primary_ip6: "2001:db8::5/64", primary_ip4: null}
`;

const ANSIBLE = `all:
  children:
    platform_acme_os:
      hosts:
        edge__1__a_b_: null
    platform_eos:
      hosts:
        leaf1: null
        vm1: null
    role_leaf:
      hosts:
        edge__1__a_b_: null
        edge_ams-2: null
        edge_ams1: null
        leaf1: null
        vm1: null
        'yes': null
    site_ams1:
      hosts:
        edge__1__a_b_: null
        edge_ams1: null
        leaf1: null
    site_ams_2:
      hosts:
        edge_ams-2: null
        'yes': null
    tag_edge_v2:
      hosts:
        leaf1: null
    tag_production:
      hosts:
        leaf1: null
  hosts:
    edge__1__a_b_:
      platform: acme-os
      role: leaf
      site: ams1
    edge_ams-2:
      role: leaf
      site: ams-2
    edge_ams1:
      role: leaf
      site: ams1
    leaf1:
      ansible_host: 10.0.0.1
      ansible_network_os: arista.eos.eos
      config_context:
        bgp:
          asn: 65001
      platform: eos
      role: leaf
      serial: '0012'
      site: ams1
      tenant: netops
    vm1:
      ansible_host: 2001:db8::5
      ansible_network_os: arista.eos.eos
      cluster: c1
      platform: eos
      role: leaf
    'yes':
      role: leaf
      site: ams-2
`;

const NORNIR_HOSTS = `edge__1__a_b_:
  data:
    role: leaf
    site: ams1
  groups:
    - site_ams1
    - role_leaf
    - platform_acme_os
  platform: acme-os
edge_ams-2:
  data:
    role: leaf
    site: ams-2
  groups:
    - site_ams_2
    - role_leaf
edge_ams1:
  data:
    role: leaf
    site: ams1
  groups:
    - site_ams1
    - role_leaf
leaf1:
  data:
    config_context:
      bgp:
        asn: 65001
    role: leaf
    serial: '0012'
    site: ams1
    tenant: netops
  groups:
    - site_ams1
    - role_leaf
    - platform_eos
    - tag_edge_v2
    - tag_production
  hostname: 10.0.0.1
  platform: eos
vm1:
  data:
    cluster: c1
    role: leaf
  groups:
    - role_leaf
    - platform_eos
  hostname: 2001:db8::5
  platform: eos
'yes':
  data:
    role: leaf
    site: ams-2
  groups:
    - site_ams_2
    - role_leaf
`;

const NORNIR_GROUPS = `platform_acme_os:
  data:
    kind: platform
    name: AcmeOS
    slug: acme-os
  platform: acme-os
platform_eos:
  data:
    kind: platform
    name: Arista EOS
    slug: eos
  platform: eos
role_leaf:
  data:
    kind: role
    name: Leaf
    slug: leaf
site_ams1:
  data:
    kind: site
    name: AMS1
    slug: ams1
site_ams_2:
  data:
    kind: site
    name: AMS-2
    slug: ams-2
tag_edge_v2:
  data:
    kind: tag
    name: edge.v2
    slug: edge-v2
tag_production:
  data:
    kind: tag
    name: Production
    slug: production
`;

// ansible-inventory (Debian's ansible-core) checks the Ansible export as Ansible reads it. Skipped
// where it is not installed, unless CI is set: there it must run (.ci/run installs it).
const ANSIBLE_INVENTORY = spawnSync('sh', ['-c', 'command -v ansible-inventory'], { encoding: 'utf8' }).stdout.trim();
const withAnsible = !!ANSIBLE_INVENTORY || !!process.env.CI;
if (!withAnsible) console.warn('ansible-inventory is not installed: skipping the tests that read the Ansible export with Ansible (apt-get install ansible-core)');

/** `ansible-inventory --list` of an inventory file, as JSON. */
function ansibleList(file: string): any {
  expect(ANSIBLE_INVENTORY, 'ansible-inventory is missing (CI is set, so this test must run)').not.toBe('');
  const r = spawnSync(ANSIBLE_INVENTORY, ['-i', file, '--list'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true', ANSIBLE_NOCOLOR: '1' } });
  expect([r.status, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout);
}

/** The SimpleInventory shape Nornir reads (Nornir is a Python library, not available here: js-yaml reads the files). */
function expectSimpleInventory(files: Record<string, string>): void {
  const hosts = yaml.load(files['exports/nornir/hosts.yaml']) as Record<string, any>;
  const groups = yaml.load(files['exports/nornir/groups.yaml']) as Record<string, any>;
  const defaults = yaml.load(files['exports/nornir/defaults.yaml']) as Record<string, any>;
  const fields = ['hostname', 'port', 'username', 'password', 'platform', 'groups', 'data', 'connection_options'];
  expect(defaults).toEqual({ data: {} });
  for (const [name, host] of Object.entries(hosts)) {
    expect(Object.keys(host).every((k) => fields.includes(k)), name).toBe(true);
    expect(Array.isArray(host.groups) && host.groups.every((g: string) => g in groups), name).toBe(true);
    expect(typeof host.data).toBe('object');
    if ('hostname' in host) expect(typeof host.hostname).toBe('string');
  }
  for (const group of Object.values(groups)) expect(Object.keys(group).every((k) => fields.includes(k))).toBe(true);
}

describe('Ansible and Nornir exports', () => {
  const result = compileFiles({ 'i.yaml': INVENTORY });
  const files = Object.fromEntries(automationExports(result.model).map((f) => [f.path, f.text]));

  it('the inventory is valid', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('writes the Ansible inventory: hosts with their variables, groups by site, role, platform and tag; no unnamed device', () => {
    expect(Object.keys(files)).toEqual(['exports/ansible/inventory.yaml', 'exports/nornir/defaults.yaml', 'exports/nornir/groups.yaml', 'exports/nornir/hosts.yaml']);
    expect(files['exports/ansible/inventory.yaml']).toBe(ANSIBLE);
  });

  it('writes the Nornir SimpleInventory', () => {
    expect(files['exports/nornir/hosts.yaml']).toBe(NORNIR_HOSTS);
    expect(files['exports/nornir/groups.yaml']).toBe(NORNIR_GROUPS);
    expect(files['exports/nornir/defaults.yaml']).toBe('data: {}\n');
    expectSimpleInventory(files);
  });

  it('names: groups valid for Ansible, hosts that Ansible reads as one host', () => {
    expect(ansibleGroupName('site', 'ams-1.b')).toBe('site_ams_1_b');
    expect(ansibleHostName('sw1:22')).toBe('sw1_22');
    expect(ansibleHostName('web[01:03], x')).toBe('web_01_03___x');
    expect(ansibleHostName('ams1-leaf1.example.com')).toBe('ams1-leaf1.example.com');
  });

  it('host names are all different and Ansible reads each as one host, whatever the names, sites and order', () => {
    expect(uniqueHostNames([
      { name: 'edge', site: 'ams1', suffix: 'device1' },
      { name: 'edge', site: 'ams1', suffix: 'vm2' },
      { name: 'edge_ams1_vm2', site: 'ams2', suffix: 'device3' },
      { name: 'edge', site: 'ams2', suffix: 'device4' },
      { name: 'edge', suffix: 'device5' },
    ])).toEqual(['edge_ams1_device1', 'edge_ams1_vm2', 'edge_ams1_vm2_2', 'edge_ams2', 'edge_no_site']);
    const entry = fc.record({ name: fc.constantFrom('a', 'a_s', 'a_s_d1', 'a_s_2', 'b:1', 'b_1', 'x[1:2]'), site: fc.option(fc.constantFrom('s', 't'), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (list) => {
        const entries = list.map((e, i) => ({ ...e, suffix: `d${i % 3}` }));
        const names = uniqueHostNames(entries);
        expect(new Set(names).size).toBe(entries.length);
        for (const n of names) expect(n).not.toMatch(/[\s\[\]:,]/);
        expect(uniqueHostNames(entries)).toEqual(names);
      }),
    );
  });

  it('a host named __proto__ is a host, and a group slug that folds into another gets a number', () => {
    const two = compileFiles({
      'i.yaml': INVENTORY.replace("  - {name: AMS-2, slug: ams-2}", "  - {name: AMS-2, slug: ams-2}\n  - {name: AMS_2, slug: ams_2}").replace('  - {name: "yes", site: AMS-2', '  - {name: __proto__, site: AMS_2'),
    });
    expect(two.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const inv = yaml.load(automationExports(two.model)[0].text) as any;
    expect(Object.keys(inv.all.children).filter((g) => g.startsWith('site_'))).toEqual(['site_ams1', 'site_ams_2', 'site_ams_2_2']);
    expect(inv.all.children.site_ams_2_2.hosts).toEqual(JSON.parse('{"__proto__": null}'));
    expect(Object.keys(inv.all.hosts)).toContain('__proto__');
  });

  it('the same inventory written in another file order gives the same bytes', () => {
    const [head, devices] = INVENTORY.split('devices:\n');
    const [devs, rest] = devices.split('cluster_types:');
    const split = compileFiles({ 'b.yaml': `devices:\n${devs}`, 'a.yaml': `${head}cluster_types:${rest}` });
    expect(Object.fromEntries(automationExports(split.model).map((f) => [f.path, f.text]))).toEqual(files);
  });

  it.skipIf(!withAnsible)('ansible-inventory reads the export: every host with its variables, every group with its hosts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sot-ansible-'));
    writeFileSync(join(dir, 'inventory.yaml'), files['exports/ansible/inventory.yaml']);
    const list = ansibleList(join(dir, 'inventory.yaml'));
    expect(list.all.children).toEqual(['ungrouped', 'platform_acme_os', 'platform_eos', 'role_leaf', 'site_ams1', 'site_ams_2', 'tag_edge_v2', 'tag_production']);
    expect(list.role_leaf.hosts).toEqual(['edge__1__a_b_', 'edge_ams-2', 'edge_ams1', 'leaf1', 'vm1', 'yes']);
    expect(list.site_ams1.hosts).toEqual(['edge__1__a_b_', 'edge_ams1', 'leaf1']);
    expect(list._meta.hostvars.leaf1).toEqual({
      ansible_host: '10.0.0.1',
      ansible_network_os: 'arista.eos.eos',
      config_context: { bgp: { asn: 65001 } },
      platform: 'eos',
      role: 'leaf',
      serial: '0012',
      site: 'ams1',
      tenant: 'netops',
    });
    expect(list._meta.hostvars.vm1.ansible_host).toBe('2001:db8::5');
  });
});

describe('inventory-example', () => {
  it('sot build writes the Ansible and Nornir exports of inventory-example, and Ansible reads them', { timeout: 120_000 }, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sot-build-out-')), 'out');
    let stderr = '';
    const code = await main(['build', 'inventory-example', '--out', out], { stdout: () => {}, stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false });
    expect([code, stderr]).toEqual([0, '']);
    const read = (p: string) => readFileSync(join(out, p), 'utf8');
    const files = Object.fromEntries(['exports/nornir/hosts.yaml', 'exports/nornir/groups.yaml', 'exports/nornir/defaults.yaml'].map((p) => [p, read(p)]));
    expectSimpleInventory(files);
    const hosts = yaml.load(files['exports/nornir/hosts.yaml']) as Record<string, any>;
    expect(hosts['ams1-leaf1']).toMatchObject({ hostname: '10.1.255.11', platform: 'eos', groups: ['site_ams1', 'role_leaf', 'platform_eos', 'tag_evpn_fabric', 'tag_production'] });
    if (!withAnsible) return;
    const list = ansibleList(join(out, 'exports/ansible/inventory.yaml'));
    expect(list.site_ams1.hosts).toContain('ams1-leaf1');
    expect(list.platform_junos.hosts).toEqual(['ams1-br1', 'ams1-br2', 'ams2-br1', 'ams2-br2', 'iad1-br1', 'iad1-br2']);
    expect(list._meta.hostvars['ams1-leaf1']).toMatchObject({ ansible_host: '10.1.255.11', ansible_network_os: 'arista.eos.eos', site: 'ams1', role: 'leaf', platform: 'eos' });
    expect(list._meta.hostvars['ams1-leaf1'].config_context.ntp.servers).toEqual(['192.0.2.123', '198.51.100.123']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { displayName, ref, type Obj } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles, rulesAt } from '../helpers/compile.js';

// Every virtualization kind: a dangling reference, a duplicate natural key (rule id and file:line:col,
// 1-based), and a valid inventory whose references resolve.

const at = rulesAt;

const loc = (d: Diagnostic) => `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`;

/** [rule, file:line:col, message] of every diagnostic. */
const diags = (files: Record<string, string>) => compileFiles(files).diagnostics.map((d) => [d.rule, loc(d), d.message]);

const objects = (files: Record<string, string>, kind: string): Obj[] => {
  const r = compileFiles(files);
  expect(briefs(r)).toEqual([]);
  return r.model.byKind.get(kind)!;
};

const TAGS = 'tags:\n  - {name: Production, slug: production}\n';
const CLUSTERING = `${TAGS}cluster_types:
  - {name: VMware vSphere, slug: vmware-vsphere}
cluster_groups:
  - {name: Production clusters, slug: production-clusters}
clusters:
  - {name: ams1-vsphere01, type: vmware-vsphere, scope_type: dcim.site, scope: ams1}
`;
const HOSTS = {
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'hosts.yaml': 'devices:\n  - {name: host1, device_type: Acme/X-4, role: leaf, site: ams1}\n  - {name: host2, device_type: Acme/X-4, role: leaf, site: ams2}\n',
};

describe('cluster types', () => {
  it('reports a dangling tag', () => {
    expect(at({ 'v.yaml': 'cluster_types:\n  - {name: vSphere, slug: vsphere, tags: [prod]}\n' })).toEqual([['resolve/dangling-reference', 'v.yaml:2:43']]);
  });

  it('reports a duplicate name', () => {
    expect(at({ 'v.yaml': 'cluster_types:\n  - {name: vSphere, slug: vsphere}\n  - {name: vSphere, slug: vsphere-8}\n' })).toEqual([['resolve/duplicate-key', 'v.yaml:3:12']]);
  });

  it('resolves its tags', () => {
    const [t] = objects({ 't.yaml': TAGS, 'v.yaml': 'cluster_types:\n  - {name: vSphere, slug: vsphere, tags: [production]}\n' }, 'virtualization.clustertype');
    expect(t.refs.tags).toHaveLength(1);
  });
});

describe('cluster groups', () => {
  it('reports a dangling tag', () => {
    expect(at({ 'v.yaml': 'cluster_groups:\n  - {name: Prod, slug: prod, tags: [prod]}\n' })).toEqual([['resolve/dangling-reference', 'v.yaml:2:37']]);
  });

  it('reports a duplicate slug', () => {
    expect(at({ 'v.yaml': 'cluster_groups:\n  - {name: Prod, slug: prod}\n  - {name: Production, slug: prod}\n' })).toEqual([['resolve/duplicate-key', 'v.yaml:3:30']]);
  });

  it('resolves its tags', () => {
    const [g] = objects({ 't.yaml': TAGS, 'v.yaml': 'cluster_groups:\n  - {name: Prod, slug: prod, tags: [production]}\n' }, 'virtualization.clustergroup');
    expect(g.refs.tags).toHaveLength(1);
  });
});

describe('clusters', () => {
  it('reports a dangling cluster type and a dangling scope', () => {
    const files = {
      'base.yaml': BASE,
      'v.yaml': 'cluster_types:\n  - {name: vSphere, slug: vsphere}\nclusters:\n  - {name: c1, type: vshpere}\n  - {name: c2, type: vsphere, scope_type: dcim.site, scope: ams3}\n',
    };
    expect(at(files)).toEqual([
      ['resolve/dangling-reference', 'v.yaml:4:22'],
      ['resolve/dangling-reference', 'v.yaml:5:61'],
    ]);
  });

  it('lets names repeat across groups and sites; within one group or one site they clash', () => {
    const base = `${BASE}locations:\n  - {name: Hall 1, slug: hall-1, site: ams1}\n`;
    // Without a group and without a site (no scope, or a region), NetBox has no rule at all.
    const apart = `${CLUSTERING}  - {name: ams1-vsphere01, type: vmware-vsphere, group: production-clusters, scope_type: dcim.site, scope: ams2}
  - {name: lab, type: vmware-vsphere}
  - {name: lab, type: vmware-vsphere, scope_type: dcim.region, scope: europe}
`;
    expect(diags({ 'base.yaml': base, 'v.yaml': apart })).toEqual([]);
    const group = `${CLUSTERING}  - {name: c1, type: vmware-vsphere, group: production-clusters}\n  - {name: c1, type: vmware-vsphere, group: production-clusters, scope_type: dcim.site, scope: ams2}\n`;
    expect(diags({ 'base.yaml': base, 'v.yaml': group })).toEqual([['resolve/duplicate-key', 'v.yaml:10:12', 'duplicate cluster name "c1" in cluster group "Production clusters"']]);
    // A cluster scoped to a location is in that location's site.
    const site = `${CLUSTERING}  - {name: ams1-vsphere01, type: vmware-vsphere, group: production-clusters, scope_type: dcim.location, scope: hall-1}\n`;
    const r = compileFiles({ 'base.yaml': base, 'v.yaml': site });
    expect(r.diagnostics.map((d) => [d.rule, loc(d), d.message, d.data])).toEqual([
      [
        'resolve/duplicate-key',
        'v.yaml:9:12',
        'duplicate cluster name "ams1-vsphere01" in site "AMS1"',
        { kind: 'virtualization.cluster', field: 'name', value: 'ams1-vsphere01', fields: ['@scope_site', 'name'] },
      ],
    ]);
    expect(r.diagnostics[0].related!.map((x) => loc(x as Diagnostic))).toEqual(['v.yaml:8:12']);
  });

  const TWO_CLUSTERS = `${CLUSTERING}  - {name: ams1-vsphere01, type: vmware-vsphere, group: production-clusters, scope_type: dcim.site, scope: ams2}\n`;

  it('reports a reference to a repeated name as ambiguous, and resolves it through the group or the scope', () => {
    const r = compileFiles({ 'base.yaml': BASE, 'v.yaml': TWO_CLUSTERS, 'vm.yaml': 'virtual_machines:\n  - {name: vm1, cluster: ams1-vsphere01}\n' });
    expect(r.diagnostics.map((d) => [d.rule, loc(d), d.message, d.help, d.data])).toEqual([
      [
        'resolve/ambiguous-reference',
        'vm.yaml:2:26',
        '"ams1-vsphere01" names 2 clusters: cluster "ams1-vsphere01" (scope "AMS1"), cluster "ams1-vsphere01" (scope "AMS2")',
        'say which one: write a mapping such as {scope_type: dcim.site, scope: AMS1, name: ams1-vsphere01}',
        { kind: 'virtualization.cluster', value: 'ams1-vsphere01', candidates: ['clusters[name=ams1-vsphere01]', 'clusters[name=ams1-vsphere01]'] },
      ],
    ]);
    expect(r.diagnostics[0].related!.map((x) => loc(x as Diagnostic))).toEqual(['v.yaml:8:5', 'v.yaml:9:5']);
    const vms = objects(
      {
        'base.yaml': BASE,
        'v.yaml': TWO_CLUSTERS,
        'vm.yaml': 'virtual_machines:\n  - {name: vm1, cluster: {group: production-clusters, name: ams1-vsphere01}}\n  - {name: vm2, cluster: {scope_type: dcim.site, scope: ams1, name: ams1-vsphere01}}\n',
      },
      'virtualization.virtualmachine',
    );
    expect(vms.map((vm) => displayName(ref(ref(vm, 'cluster')!, 'scope')!))).toEqual(['AMS2', 'AMS1']);
  });

  it('picks the cluster with the mapping the ambiguity help suggests, and never drops a mapping silently', () => {
    const written = (cluster: string) => compileFiles({ 'base.yaml': BASE, 'v.yaml': TWO_CLUSTERS, 'vm.yaml': `virtual_machines:\n  - {name: vm1, cluster: ${cluster}}\n` });
    const site = (r: ReturnType<typeof compileFiles>) => {
      const cluster = ref(r.model.byKind.get('virtualization.virtualmachine')![0], 'cluster');
      return cluster && displayName(ref(cluster, 'scope')!);
    };
    const mapping = /write a mapping such as (\{[^}]*\})/.exec(written('ams1-vsphere01').diagnostics[0].help!)![1];
    const followed = written(mapping);
    expect([briefs(followed), site(followed)]).toEqual([[], 'AMS1']);
    // A polymorphic scope written without its type either resolves or is reported.
    const bare = written('{scope: AMS1, name: ams1-vsphere01}');
    expect(site(bare) ?? briefs(bare)).not.toEqual([]);
  });

  it('resolves its type, group and polymorphic scope', () => {
    const files = {
      'base.yaml': `${BASE}locations:\n  - {name: Hall 1, slug: hall-1, site: ams2}\n`,
      'v.yaml': `${CLUSTERING}  - {name: ams2-kvm, type: VMware vSphere, group: production-clusters, scope_type: dcim.location, scope: hall-1}\n  - {name: eu-stretch, type: vmware-vsphere, scope_type: dcim.region, scope: europe}\n`,
    };
    const [site, loc, region] = objects(files, 'virtualization.cluster');
    expect(displayName(ref(site, 'type')!)).toBe('VMware vSphere');
    expect([ref(site, 'scope')!.kind.kind, displayName(ref(site, 'scope')!)]).toEqual(['dcim.site', 'AMS1']);
    expect(displayName(ref(loc, 'group')!)).toBe('Production clusters');
    expect([ref(loc, 'scope')!.kind.kind, displayName(ref(loc, 'scope')!)]).toEqual(['dcim.location', 'Hall 1']);
    expect(ref(region, 'scope')!.kind.kind).toBe('dcim.region');
  });
});

describe('virtual machine types', () => {
  it('reports a dangling default platform', () => {
    expect(at({ 'v.yaml': 'virtual_machine_types:\n  - {name: Small, slug: small, default_platform: ubuntu}\n' })).toEqual([['resolve/dangling-reference', 'v.yaml:2:50']]);
  });

  it('compares names without case', () => {
    expect(at({ 'v.yaml': 'virtual_machine_types:\n  - {name: Small, slug: small}\n  - {name: SMALL, slug: small-2}\n' })).toEqual([['resolve/duplicate-key', 'v.yaml:3:12']]);
  });

  it('resolves its default platform', () => {
    const files = { 'p.yaml': 'platforms:\n  - {name: Ubuntu, slug: ubuntu}\n', 'v.yaml': 'virtual_machine_types:\n  - {name: Small, slug: small, default_platform: ubuntu, default_vcpus: 1.5, default_memory: 2048}\n' };
    const [t] = objects(files, 'virtualization.virtualmachinetype');
    expect(displayName(ref(t, 'default_platform')!)).toBe('Ubuntu');
  });
});

describe('virtual machines', () => {
  it('reports a dangling cluster and a dangling host device', () => {
    const files = {
      'base.yaml': BASE,
      ...HOSTS,
      'c.yaml': CLUSTERING,
      'vm.yaml': 'virtual_machines:\n  - {name: vm1, cluster: ams1-vsphere1}\n  - {name: vm2, site: ams1, device: hots1}\n',
    };
    expect(at(files)).toEqual([
      ['resolve/dangling-reference', 'vm.yaml:2:26'],
      ['resolve/dangling-reference', 'vm.yaml:3:37'],
    ]);
  });

  it('lets names repeat across clusters, hosts and tenants; in one cluster, names differing only in case clash', () => {
    const base = `${BASE}tenants:\n  - {name: Blue, slug: blue}\n  - {name: Red, slug: red}\n`;
    const apart = `virtual_machines:
  - {name: dns1, cluster: ams1-vsphere01}
  - {name: DNS1, device: host2}
  - {name: dns1, device: host1}
  - {name: dns1, cluster: ams1-vsphere01, tenant: blue}
  - {name: dns1, cluster: ams1-vsphere01, tenant: red}
  - {name: dns1, site: ams1}
  - {name: dns1, site: ams1}
`;
    expect(diags({ 'base.yaml': base, ...HOSTS, 'c.yaml': CLUSTERING, 'vm.yaml': apart })).toEqual([]);
    const files = {
      'base.yaml': base,
      ...HOSTS,
      'c.yaml': CLUSTERING,
      'vm.yaml': `${apart}  - {name: DNS1, cluster: ams1-vsphere01}\n  - {name: Dns1, cluster: ams1-vsphere01, tenant: blue}\n  - {name: dns1, device: HOST2}\n`,
    };
    expect(diags(files)).toEqual([
      ['resolve/duplicate-key', 'vm.yaml:9:12', 'duplicate virtual machine name "DNS1" in cluster "ams1-vsphere01" (names compare without case; neither has a tenant)'],
      ['resolve/duplicate-key', 'vm.yaml:10:12', 'duplicate virtual machine name "Dns1" in cluster "ams1-vsphere01" and tenant "Blue" (names compare without case)'],
      ['resolve/duplicate-key', 'vm.yaml:11:12', 'duplicate virtual machine name "dns1" in device "host2" in site "AMS2" (names compare without case; neither has a cluster or a tenant)'],
    ]);
  });

  const TWO_VMS = 'virtual_machines:\n  - {name: dns1, cluster: ams1-vsphere01}\n  - {name: DNS1, device: host2}\n';

  it('reports a reference to a repeated name as ambiguous, and resolves it through the cluster or the host', () => {
    const r = compileFiles({ 'base.yaml': BASE, ...HOSTS, 'c.yaml': CLUSTERING, 'vm.yaml': TWO_VMS, 'i.yaml': 'vm_interfaces:\n  - {virtual_machine: dns1, name: eth0}\n' });
    expect(r.diagnostics.map((d) => [d.rule, loc(d), d.message, d.help, d.data])).toEqual([
      [
        'resolve/ambiguous-reference',
        'i.yaml:2:23',
        '"dns1" names 2 virtual machines: virtual machine "dns1" (cluster "ams1-vsphere01"), virtual machine "DNS1"',
        'say which one: write a mapping such as {cluster: ams1-vsphere01, name: dns1}',
        { kind: 'virtualization.virtualmachine', value: 'dns1', candidates: ['virtual_machines[name=dns1]', 'virtual_machines[name=DNS1]'] },
      ],
    ]);
    const ifaces = objects(
      {
        'base.yaml': BASE,
        ...HOSTS,
        'c.yaml': CLUSTERING,
        'vm.yaml': TWO_VMS,
        'i.yaml': 'vm_interfaces:\n  - {virtual_machine: {cluster: ams1-vsphere01, name: dns1}, name: eth0}\n  - {virtual_machine: {device: host2, name: dns1}, name: eth0}\n',
      },
      'virtualization.vminterface',
    );
    expect(ifaces.map((i) => displayName(ref(i, 'virtual_machine')!))).toEqual(['dns1', 'DNS1']);
  });

  it('takes the first of two clashing virtual machines for a reference, reporting only the clash', () => {
    const r = compileFiles({
      'base.yaml': BASE,
      ...HOSTS,
      'c.yaml': CLUSTERING,
      'vm.yaml': 'virtual_machines:\n  - {name: dns1, cluster: ams1-vsphere01}\n  - {name: DNS1, cluster: ams1-vsphere01}\n',
      'z.yaml': 'vm_interfaces:\n  - {virtual_machine: dns1, name: eth0}\n',
    });
    expect(r.diagnostics.map((d) => [d.rule, loc(d)])).toEqual([['resolve/duplicate-key', 'vm.yaml:3:12']]);
    const [eth0] = r.model.byKind.get('virtualization.vminterface')!;
    expect(ref(eth0, 'virtual_machine')).toBe(r.model.byKind.get('virtualization.virtualmachine')![0]);
  });

  it('resolves cluster, host, site, type, role, platform and tenant', () => {
    const files = {
      'base.yaml': `${BASE}platforms:\n  - {name: Ubuntu, slug: ubuntu}\ntenants:\n  - {name: Platform, slug: platform}\n`,
      ...HOSTS,
      'c.yaml': `${CLUSTERING}virtual_machine_types:\n  - {name: Small, slug: small}\n`,
      'vm.yaml': `virtual_machines:
  - name: dns1
    cluster: ams1-vsphere01
    site: ams1
    virtual_machine_type: small
    role: leaf
    platform: ubuntu
    tenant: platform
    status: active
    start_on_boot: on
    vcpus: 0.5
    memory: 2048
    disk: 10240
    local_context_data: {ntp: [10.0.0.1]}
  - {name: ci1, device: host2, site: ams2}
`,
    };
    const [dns1, ci1] = objects(files, 'virtualization.virtualmachine');
    expect(['cluster', 'site', 'virtual_machine_type', 'role', 'platform', 'tenant'].map((f) => displayName(ref(dns1, f)!))).toEqual([
      'ams1-vsphere01',
      'AMS1',
      'Small',
      'Leaf',
      'Ubuntu',
      'Platform',
    ]);
    expect(displayName(ref(ci1, 'device')!)).toBe('host2');
    expect(dns1.data.start_on_boot).toBe('on');
  });
});

describe('VM interfaces', () => {
  const vms = 'virtual_machines:\n  - name: vm1\n    site: ams1\n    interfaces:\n      - {name: eth0}\n      - {name: eth0.10, parent: eth0}\n  - name: vm2\n    site: ams1\n';

  it("reports a dangling owner, a dangling parent, and a parent only another VM has as missing on this VM", () => {
    const files = {
      'base.yaml': BASE,
      'vm.yaml': `${vms}    interfaces:\n      - {name: eth1.20, parent: eth1}\n      - {name: eth0.30, parent: eth0}\n`,
      'i.yaml': 'vm_interfaces:\n  - {virtual_machine: vm3, name: eth0}\n',
    };
    expect(at(files)).toEqual([
      ['resolve/dangling-reference', 'i.yaml:2:23'],
      ['resolve/dangling-reference', 'vm.yaml:10:33'],
      ['resolve/dangling-reference', 'vm.yaml:11:33'],
    ]);
  });

  it('reports a duplicate name on one VM, inline or top-level, and allows it on another VM', () => {
    const files = {
      'base.yaml': BASE,
      'vm.yaml': `${vms}    interfaces:\n      - {name: eth0}\n`,
      'i.yaml': 'vm_interfaces:\n  - {virtual_machine: vm1, name: eth0, mtu: 9000}\n',
    };
    expect(at(files)).toEqual([['resolve/duplicate-key', 'i.yaml:2:34']]);
  });

  it('resolves the owner, a parent and a bridge on the same VM, inline or top-level', () => {
    const files = {
      'base.yaml': BASE,
      'vm.yaml': vms,
      'i.yaml': 'vm_interfaces:\n  - {virtual_machine: vm1, name: br0}\n  - {virtual_machine: vm1, name: tap0, bridge: br0}\n',
    };
    const ifaces = objects(files, 'virtualization.vminterface');
    expect(ifaces.map((i) => [i.data.name, displayName(ref(i, 'virtual_machine')!)])).toEqual([
      ['eth0', 'vm1'],
      ['eth0.10', 'vm1'],
      ['br0', 'vm1'],
      ['tap0', 'vm1'],
    ]);
    expect(ref(ifaces[1], 'parent')).toBe(ifaces[0]);
    expect(ref(ifaces[3], 'bridge')).toBe(ifaces[2]);
  });
});

describe('virtual disks', () => {
  it('reports a dangling owner', () => {
    const files = { 'base.yaml': BASE, 'vm.yaml': 'virtual_machines:\n  - {name: vm1, site: ams1}\n', 'd.yaml': 'virtual_disks:\n  - {virtual_machine: vm2, name: vda, size: 10240}\n' };
    expect(at(files)).toEqual([['resolve/dangling-reference', 'd.yaml:2:23']]);
  });

  it('reports a duplicate name on one VM', () => {
    const files = { 'base.yaml': BASE, 'vm.yaml': 'virtual_machines:\n  - name: vm1\n    site: ams1\n    virtual_disks:\n      - {name: vda, size: 10240}\n      - {name: vda, size: 20480}\n' };
    expect(at(files)).toEqual([['resolve/duplicate-key', 'vm.yaml:6:16']]);
  });

  it('resolves its VM, inline or top-level', () => {
    const files = {
      'base.yaml': BASE,
      'vm.yaml': 'virtual_machines:\n  - name: vm1\n    site: ams1\n    virtual_disks:\n      - {name: vda, size: 10240}\n',
      'd.yaml': 'virtual_disks:\n  - {virtual_machine: vm1, name: vdb, size: 20480}\n',
    };
    const disks = objects(files, 'virtualization.virtualdisk');
    expect(disks.map((d) => [d.data.name, d.data.size, displayName(ref(d, 'virtual_machine')!)])).toEqual([
      ['vda', 10240, 'vm1'],
      ['vdb', 20480, 'vm1'],
    ]);
  });
});

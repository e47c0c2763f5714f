import { describe, expect, it } from 'vitest';
import { displayName, ref, refs, type Obj } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles, rulesAt } from '../helpers/compile.js';

// The ipam app: RIRs, aggregates, ASN ranges, ASNs, VRFs, route targets, roles, prefixes, IP ranges,
// IP addresses, VLAN groups, VLANs, VLAN translation policies and rules, FHRP groups and their
// assignments, service templates, services. Every kind has a dangling-reference case, a duplicate-key
// case and a case that resolves. RIRs, roles, VLAN translation policies, FHRP groups and service
// templates refer to nothing but tags, so their dangling case is a tag.

const ORG = `tenants:
  - { name: NetOps, slug: netops }
tags:
  - { name: Production, slug: production }
rirs:
  - { name: RIPE NCC, slug: ripe }
  - { name: RFC 1918, slug: rfc1918, is_private: true }
`;
const DEVICES = `devices:
  - { name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1 }
  - { name: leaf2, device_type: Acme/X-4, role: leaf, site: ams1 }
`;
const FIXTURES = { 'base.yaml': BASE, 'org.yaml': ORG, 'device-types/Acme/X-4.yaml': DEVICE_TYPE, 'devices.yaml': DEVICES };

/** `[rule, file:line:col]` of every diagnostic, 1-based. */
const short = (files: Record<string, string>) => rulesAt({ ...FIXTURES, ...files });

/** Compiles with the shared fixtures, expects no problems, returns the objects of a kind. */
function clean(kind: string, files: Record<string, string>): Obj[] {
  const r = compileFiles({ ...FIXTURES, ...files });
  expect(briefs(r)).toEqual([]);
  return r.model.byKind.get(kind)!;
}

const name = (o: Obj | undefined) => (o ? displayName(o) : undefined);
const DANGLING = 'resolve/dangling-reference';
const DUPLICATE = 'resolve/duplicate-key';

describe('RIRs', () => {
  it('reports a dangling tag', () => {
    expect(short({ 'x.yaml': 'rirs:\n  - name: ARIN\n    slug: arin\n    tags: [prod]\n' })).toEqual([[DANGLING, 'x.yaml:4:12']]);
  });
  it('reports a duplicate name across the inventory', () => {
    expect(short({ 'x.yaml': 'rirs:\n  - name: RIPE NCC\n    slug: ripe-ncc\n' })).toEqual([[DUPLICATE, 'x.yaml:2:11']]);
  });
  it('resolves', () => {
    const [, , arin] = clean('ipam.rir', { 'x.yaml': 'rirs:\n  - name: ARIN\n    slug: arin\n    tags: [production]\n' });
    expect(refs(arin, 'tags').map(name)).toEqual(['production']);
  });
});

describe('aggregates', () => {
  it('reports a dangling RIR', () => {
    expect(short({ 'x.yaml': 'aggregates:\n  - prefix: 10.0.0.0/8\n    rir: rfc1819\n' })).toEqual([[DANGLING, 'x.yaml:3:10']]);
  });
  it('reports a duplicate prefix', () => {
    const x = 'aggregates:\n  - prefix: 10.0.0.0/8\n    rir: rfc1918\n  - prefix: 10.0.0.0/8\n    rir: ripe\n';
    expect(short({ 'x.yaml': x })).toEqual([[DUPLICATE, 'x.yaml:4:13']]);
  });
  it('resolves', () => {
    const [agg] = clean('ipam.aggregate', { 'x.yaml': 'aggregates:\n  - prefix: 2001:db8::/32\n    rir: RIPE NCC\n    tenant: netops\n    date_added: 2019-03-12\n' });
    expect(name(ref(agg, 'rir'))).toBe('RIPE NCC');
    expect(name(ref(agg, 'tenant'))).toBe('NetOps');
  });
});

describe('ASN ranges', () => {
  it('reports a dangling RIR', () => {
    expect(short({ 'x.yaml': 'asn_ranges:\n  - name: Private\n    slug: private\n    rir: rfc6996\n    start: 64512\n    end: 65534\n' })).toEqual([[DANGLING, 'x.yaml:4:10']]);
  });
  it('reports a duplicate slug', () => {
    const x = 'asn_ranges:\n  - { name: A, slug: a, rir: ripe, start: 1, end: 2 }\n  - { name: B, slug: a, rir: ripe, start: 3, end: 4 }\n';
    expect(short({ 'x.yaml': x })).toEqual([[DUPLICATE, 'x.yaml:3:22']]);
  });
  it('resolves', () => {
    const [range] = clean('ipam.asnrange', { 'x.yaml': 'asn_ranges:\n  - { name: Private 32-bit, slug: private-32, rir: ripe, start: 4200000000, end: 4294967294 }\n' });
    expect(name(ref(range, 'rir'))).toBe('RIPE NCC');
  });
});

describe('ASNs', () => {
  it('reports a dangling RIR', () => {
    expect(short({ 'x.yaml': 'asns:\n  - asn: 64496\n    rir: arin\n' })).toEqual([[DANGLING, 'x.yaml:3:10']]);
  });
  it('reports a duplicate number, and a duplicate asdot text however YAML reads it', () => {
    const x = 'asns:\n  - { asn: 64496, rir: ripe }\n  - { asn: 64496, rir: ripe }\n  - { asn: "65000.1", rir: ripe }\n  - { asn: 65000.1, rir: ripe }\n';
    expect(short({ 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:3:12'],
      [DUPLICATE, 'x.yaml:5:12'],
    ]);
  });
  it('resolves', () => {
    const asns = clean('ipam.asn', { 'x.yaml': 'asns:\n  - { asn: 4200000101, rir: ripe, tenant: netops }\n  - { asn: "64086.59905", rir: ripe }\n' });
    expect(asns.map((a) => a.data.asn)).toEqual([4200000101, 4200000001]) // asdot 64086.59905 is 64086 × 65536 + 59905;
    expect(name(ref(asns[0], 'rir'))).toBe('RIPE NCC');
  });
});

const RTS = 'route_targets:\n  - { name: "64496:100" }\n  - { name: "64496:200" }\n';

describe('VRFs', () => {
  it('reports a dangling route target', () => {
    const x = 'vrfs:\n  - name: MGMT\n    import_targets: ["64496:100", "64496:300"]\n';
    expect(short({ 'rt.yaml': RTS, 'x.yaml': x })).toEqual([[DANGLING, 'x.yaml:3:35']]);
  });
  it('reports a duplicate name and a duplicate route distinguisher', () => {
    const x = 'vrfs:\n  - { name: MGMT, rd: "64496:100" }\n  - { name: MGMT, rd: "64496:101" }\n  - { name: OOB, rd: "64496:100" }\n';
    expect(short({ 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:3:13'],
      [DUPLICATE, 'x.yaml:4:22'],
    ]);
  });
  it('resolves', () => {
    const [vrf] = clean('ipam.vrf', { 'rt.yaml': RTS, 'x.yaml': 'vrfs:\n  - { name: MGMT, rd: "64496:100", tenant: netops, import_targets: ["64496:100"], export_targets: ["64496:100", "64496:200"] }\n' });
    expect(refs(vrf, 'import_targets').map(name)).toEqual(['64496:100']);
    expect(refs(vrf, 'export_targets').map(name)).toEqual(['64496:100', '64496:200']);
    expect(name(ref(vrf, 'tenant'))).toBe('NetOps');
  });
});

describe('route targets', () => {
  it('reports a dangling tenant', () => {
    expect(short({ 'x.yaml': 'route_targets:\n  - name: "64496:100"\n    tenant: net-ops\n' })).toEqual([[DANGLING, 'x.yaml:3:13']]);
  });
  it('reports a duplicate name', () => {
    expect(short({ 'rt.yaml': RTS, 'x.yaml': 'route_targets:\n  - name: "64496:200"\n' })).toEqual([[DUPLICATE, 'x.yaml:2:11']]);
  });
  it('resolves', () => {
    const [rt] = clean('ipam.routetarget', { 'x.yaml': 'route_targets:\n  - { name: "64496:100", tenant: netops }\n' });
    expect(name(ref(rt, 'tenant'))).toBe('NetOps');
  });
});

describe('roles', () => {
  it('reports a dangling tag', () => {
    expect(short({ 'x.yaml': 'roles:\n  - name: Servers\n    slug: servers\n    tags: [prod]\n' })).toEqual([[DANGLING, 'x.yaml:4:12']]);
  });
  it('reports a duplicate slug', () => {
    expect(short({ 'x.yaml': 'roles:\n  - { name: Servers, slug: servers }\n  - { name: Hosts, slug: servers }\n' })).toEqual([[DUPLICATE, 'x.yaml:3:26']]);
  });
  it('resolves', () => {
    const [role] = clean('ipam.role', { 'x.yaml': 'roles:\n  - { name: Servers, slug: servers, weight: 100, tags: [production] }\n' });
    expect(refs(role, 'tags').map(name)).toEqual(['production']);
  });
});

const VRFS = 'vrfs:\n  - { name: MGMT }\n  - { name: CUST }\n';

describe('prefixes', () => {
  it('reports a dangling VRF and a dangling scope', () => {
    const x = 'prefixes:\n  - prefix: 10.0.0.0/24\n    vrf: mgmt\n  - prefix: 10.0.1.0/24\n    scope_type: dcim.site\n    scope: ams3\n';
    expect(short({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:3:10'],
      [DANGLING, 'x.yaml:6:12'],
    ]);
  });
  it('reports a duplicate prefix within a VRF and within the global table, not across VRFs', () => {
    const x = `prefixes:
  - { prefix: 10.0.0.0/24, vrf: MGMT }
  - { prefix: 10.0.0.0/24, vrf: CUST }
  - { prefix: 10.0.0.0/24 }
  - { prefix: 10.0.0.0/24, vrf: MGMT }
  - { prefix: 10.0.0.0/24 }
`;
    expect(short({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:5:15'],
      [DUPLICATE, 'x.yaml:6:15'],
    ]);
  });
  it('resolves', () => {
    const x = `vlans:
  - { vid: 110, name: servers }
prefixes:
  - { prefix: 10.0.0.0/24, vrf: MGMT, scope_type: dcim.site, scope: ams1, vlan: servers, tenant: netops }
  - { prefix: 2001:db8::/48, scope_type: dcim.region, scope: europe }
`;
    const [p4, p6] = clean('ipam.prefix', { 'v.yaml': VRFS, 'x.yaml': x });
    expect(name(ref(p4, 'vrf'))).toBe('MGMT');
    expect(name(ref(p4, 'scope'))).toBe('AMS1');
    expect(name(ref(p4, 'vlan'))).toBe('servers');
    expect(ref(p6, 'scope')!.kind.kind).toBe('dcim.region');
  });
});

describe('IP ranges', () => {
  it('reports a dangling VRF', () => {
    const x = 'ip_ranges:\n  - start_address: 10.0.0.100/24\n    end_address: 10.0.0.199/24\n    vrf: MGNT\n';
    expect(short({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([[DANGLING, 'x.yaml:4:10']]);
  });
  it('reports a duplicate start address within a VRF', () => {
    const x = `ip_ranges:
  - { start_address: 10.0.0.100/24, end_address: 10.0.0.199/24, vrf: MGMT }
  - { start_address: 10.0.0.100/24, end_address: 10.0.0.149/24, vrf: CUST }
  - { start_address: 10.0.0.100/24, end_address: 10.0.0.149/24, vrf: MGMT }
`;
    expect(short({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([[DUPLICATE, 'x.yaml:4:22']]);
  });
  it('resolves', () => {
    const [range] = clean('ipam.iprange', { 'v.yaml': VRFS, 'x.yaml': 'ip_ranges:\n  - { start_address: 10.0.0.100/24, end_address: 10.0.0.199/24, vrf: MGMT, status: reserved }\n' });
    expect(name(ref(range, 'vrf'))).toBe('MGMT');
  });
});

const FHRP = 'fhrp_groups:\n  - { name: vrrp-10, protocol: vrrp3, group_id: 10 }\n';

describe('IP addresses', () => {
  it('reports a dangling interface and a dangling NAT inside address', () => {
    const x = `ip_addresses:
  - address: 10.0.0.1/24
    assigned_object_type: dcim.interface
    assigned_object: leaf1:et9
  - address: 192.0.2.1/32
    nat_inside: 10.0.0.2/24
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:4:22'],
      [DANGLING, 'x.yaml:6:17'],
    ]);
  });
  it('reports a duplicate address within a VRF and within the global table', () => {
    const x = `ip_addresses:
  - { address: 10.0.0.1/24 }
  - { address: 10.0.0.1/24, vrf: MGMT }
  - { address: 10.0.0.1/24, vrf: MGMT }
  - { address: 10.0.0.1/24 }
`;
    expect(short({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:4:16'],
      [DUPLICATE, 'x.yaml:5:16'],
    ]);
  });
  it('resolves interfaces, FHRP groups and NAT', () => {
    const x = `ip_addresses:
  - { address: 10.0.0.1/24, assigned_object_type: dcim.interface, assigned_object: leaf1:et1 }
  - { address: 10.0.0.2/24, assigned_object_type: dcim.interface, assigned_object: { device: leaf2, name: et1 } }
  - { address: 10.0.0.254/24, role: vrrp, assigned_object_type: ipam.fhrpgroup, assigned_object: vrrp-10 }
  - { address: 192.0.2.1/32, nat_inside: 10.0.0.1/24, dns_name: www.example.net }
`;
    const [a, b, vip, nat] = clean('ipam.ipaddress', { 'f.yaml': FHRP, 'x.yaml': x });
    expect(name(ref(a, 'assigned_object'))).toBe('et1');
    expect(name(ref(a, 'assigned_object')!.owner)).toBe('leaf1');
    expect(name(ref(b, 'assigned_object')!.owner)).toBe('leaf2');
    expect(ref(vip, 'assigned_object')!.kind.kind).toBe('ipam.fhrpgroup');
    expect(ref(nat, 'nat_inside')).toBe(a);
  });
});

describe('VLAN groups', () => {
  it('reports a dangling scope', () => {
    const x = 'vlan_groups:\n  - name: Fabric\n    slug: fabric\n    scope_type: dcim.location\n    scope: hall-1\n';
    expect(short({ 'x.yaml': x })).toEqual([[DANGLING, 'x.yaml:5:12']]);
  });
  it('reports a duplicate name within a scope object and among unscoped groups', () => {
    const x = `vlan_groups:
  - { name: Fabric, slug: ams1-fabric, scope_type: dcim.site, scope: ams1 }
  - { name: Fabric, slug: ams2-fabric, scope_type: dcim.site, scope: ams2 }
  - { name: Fabric, slug: fabric, scope_type: dcim.site, scope: ams1 }
  - { name: Global, slug: global }
  - { name: Global, slug: global-2 }
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:4:13'],
      [DUPLICATE, 'x.yaml:6:13'],
    ]);
  });
  it('resolves', () => {
    const x = 'vlan_groups:\n  - { name: Fabric, slug: fabric, scope_type: dcim.sitegroup, scope: dc, vid_ranges: [[100, 199], [3000, 3099]] }\n';
    const [group] = clean('ipam.vlangroup', { 'sg.yaml': 'site_groups:\n  - { name: DC, slug: dc }\n', 'x.yaml': x });
    expect(ref(group, 'scope')!.kind.kind).toBe('dcim.sitegroup');
    expect(group.data.vid_ranges).toEqual([[100, 199], [3000, 3099]]);
  });
});

const GROUPS = 'vlan_groups:\n  - { name: AMS1, slug: ams1-vlans, scope_type: dcim.site, scope: ams1 }\n  - { name: AMS2, slug: ams2-vlans, scope_type: dcim.site, scope: ams2 }\n';

describe('VLANs', () => {
  it('reports a dangling group and a dangling service VLAN', () => {
    const x = 'vlans:\n  - vid: 100\n    name: servers\n    group: ams3-vlans\n  - vid: 10\n    name: pos\n    qinq_role: cvlan\n    qinq_svlan: svlan-1\n';
    expect(short({ 'g.yaml': GROUPS, 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:4:12'],
      [DANGLING, 'x.yaml:8:17'],
    ]);
  });
  it('reports a duplicate VID and a duplicate name within a group and among ungrouped VLANs', () => {
    const x = `vlans:
  - { vid: 100, name: servers, group: ams1-vlans }
  - { vid: 100, name: servers, group: ams2-vlans }
  - { vid: 100, name: storage, group: ams1-vlans }
  - { vid: 101, name: servers, group: ams1-vlans }
  - { vid: 999, name: legacy, site: ams1 }
  - { vid: 999, name: legacy-2, site: ams2 }
`;
    expect(short({ 'g.yaml': GROUPS, 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:4:12'],
      [DUPLICATE, 'x.yaml:5:23'],
      [DUPLICATE, 'x.yaml:7:12'],
    ]);
  });
  it('resolves, also by a mapping of group and name', () => {
    const x = `vlans:
  - { vid: 3001, name: svlan, group: ams1-vlans, qinq_role: svlan }
  - { vid: 10, name: pos, qinq_role: cvlan, qinq_svlan: svlan, site: ams1, tenant: netops }
  - { vid: 110, name: servers, group: ams1-vlans }
  - { vid: 110, name: servers, group: ams2-vlans }
prefixes:
  - { prefix: 10.2.0.0/24, vlan: { group: ams2-vlans, name: servers } }
`;
    const r = compileFiles({ ...FIXTURES, 'g.yaml': GROUPS, 'x.yaml': x });
    expect(briefs(r)).toEqual([]);
    const [svlan, cvlan, , ams2] = r.model.byKind.get('ipam.vlan')!;
    expect(name(ref(svlan, 'group'))).toBe('AMS1');
    expect(ref(cvlan, 'qinq_svlan')).toBe(svlan);
    expect(name(ref(cvlan, 'site'))).toBe('AMS1');
    expect(ref(r.model.byKind.get('ipam.prefix')![0], 'vlan')).toBe(ams2);
  });
});

const POLICY = 'vlan_translation_policies:\n  - { name: acme-handoff }\n';

describe('VLAN translation policies', () => {
  it('reports a dangling tag', () => {
    expect(short({ 'x.yaml': 'vlan_translation_policies:\n  - name: acme-handoff\n    tags: [prod]\n' })).toEqual([[DANGLING, 'x.yaml:3:12']]);
  });
  it('reports a duplicate name', () => {
    expect(short({ 'p.yaml': POLICY, 'x.yaml': 'vlan_translation_policies:\n  - name: acme-handoff\n' })).toEqual([[DUPLICATE, 'x.yaml:2:11']]);
  });
  it('resolves', () => {
    const [policy] = clean('ipam.vlantranslationpolicy', { 'x.yaml': 'vlan_translation_policies:\n  - { name: acme-handoff, tags: [production] }\n' });
    expect(refs(policy, 'tags').map(name)).toEqual(['production']);
  });
});

describe('VLAN translation rules', () => {
  it('reports a dangling policy', () => {
    expect(short({ 'p.yaml': POLICY, 'x.yaml': 'vlan_translation_rules:\n  - policy: acme\n    local_vid: 10\n    remote_vid: 2010\n' })).toEqual([[DANGLING, 'x.yaml:2:13']]);
  });
  it('reports a duplicate local VID and a duplicate remote VID within a policy', () => {
    const x = `vlan_translation_rules:
  - { policy: acme-handoff, local_vid: 10, remote_vid: 2010 }
  - { policy: acme-handoff, local_vid: 10, remote_vid: 2011 }
  - { policy: acme-handoff, local_vid: 11, remote_vid: 2010 }
`;
    expect(short({ 'p.yaml': POLICY, 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:3:40'],
      [DUPLICATE, 'x.yaml:4:56'],
    ]);
  });
  it('resolves', () => {
    const [rule] = clean('ipam.vlantranslationrule', { 'p.yaml': POLICY, 'x.yaml': 'vlan_translation_rules:\n  - { policy: acme-handoff, local_vid: 10, remote_vid: 2010 }\n' });
    expect(name(ref(rule, 'policy'))).toBe('acme-handoff');
  });
});

describe('FHRP groups', () => {
  it('reports a dangling tag', () => {
    expect(short({ 'x.yaml': 'fhrp_groups:\n  - name: vrrp-10\n    protocol: vrrp3\n    group_id: 10\n    tags: [prod]\n' })).toEqual([[DANGLING, 'x.yaml:5:12']]);
  });
  it('reports a duplicate name (sot keys FHRP groups by name)', () => {
    expect(short({ 'f.yaml': FHRP, 'x.yaml': 'fhrp_groups:\n  - name: vrrp-10\n    protocol: hsrp\n    group_id: 10\n' })).toEqual([[DUPLICATE, 'x.yaml:2:11']]);
  });
  it('resolves', () => {
    const [group] = clean('ipam.fhrpgroup', { 'x.yaml': 'fhrp_groups:\n  - { name: vrrp-10, protocol: vrrp3, group_id: 10, auth_type: md5, auth_key: secret, tags: [production] }\n' });
    expect(refs(group, 'tags').map(name)).toEqual(['production']);
  });
});

describe('FHRP group assignments', () => {
  it('reports a dangling group and a dangling interface', () => {
    const x = `fhrp_group_assignments:
  - group: vrrp-11
    interface_type: dcim.interface
    interface: leaf1:et1
    priority: 200
  - group: vrrp-10
    interface_type: dcim.interface
    interface: leaf3:et1
    priority: 100
`;
    expect(short({ 'f.yaml': FHRP, 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:12'],
      [DANGLING, 'x.yaml:8:16'],
    ]);
  });
  it('reports an interface assigned to the same group twice, however the interface is written', () => {
    const x = `fhrp_group_assignments:
  - { group: vrrp-10, interface_type: dcim.interface, interface: leaf1:et1, priority: 200 }
  - { group: vrrp-10, interface_type: dcim.interface, interface: leaf2:et1, priority: 100 }
  - { group: vrrp-10, interface_type: dcim.interface, interface: leaf1:et1, priority: 100 }
  - { group: vrrp-10, interface_type: dcim.interface, interface: { device: leaf2, name: et1 }, priority: 100 }
`;
    expect(short({ 'f.yaml': FHRP, 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:4:66'],
      [DUPLICATE, 'x.yaml:5:66'],
    ]);
  });
  it('resolves', () => {
    const x = 'fhrp_group_assignments:\n  - { group: vrrp-10, interface_type: dcim.interface, interface: { device: leaf1, name: et2 }, priority: 200 }\n';
    const [assignment] = clean('ipam.fhrpgroupassignment', { 'f.yaml': FHRP, 'x.yaml': x });
    expect(name(ref(assignment, 'group'))).toBe('vrrp-10');
    expect(name(ref(assignment, 'interface'))).toBe('et2');
    expect(name(ref(assignment, 'interface')!.owner)).toBe('leaf1');
  });
});

describe('service templates', () => {
  it('reports a dangling tag', () => {
    expect(short({ 'x.yaml': 'service_templates:\n  - name: ssh\n    protocol: tcp\n    ports: [22]\n    tags: [prod]\n' })).toEqual([[DANGLING, 'x.yaml:5:12']]);
  });
  it('reports a duplicate name', () => {
    expect(short({ 'x.yaml': 'service_templates:\n  - { name: dns, protocol: udp, ports: [53] }\n  - { name: dns, protocol: tcp, ports: [53] }\n' })).toEqual([[DUPLICATE, 'x.yaml:3:13']]);
  });
  it('resolves', () => {
    const [tpl] = clean('ipam.servicetemplate', { 'x.yaml': 'service_templates:\n  - { name: https, protocol: tcp, ports: [443, 8443], tags: [production] }\n' });
    expect(refs(tpl, 'tags').map(name)).toEqual(['production']);
  });
});

describe('services', () => {
  it('reports a dangling parent and a dangling IP address', () => {
    const x = `ip_addresses:
  - { address: 10.0.0.1/24 }
services:
  - parent_object_type: dcim.device
    parent: leaf3
    name: ssh
    protocol: tcp
    ports: [22]
  - parent_object_type: dcim.device
    parent: leaf1
    name: ssh
    protocol: tcp
    ports: [22]
    ipaddresses: [10.0.0.1/24, 10.0.0.2/24]
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:5:13'],
      [DANGLING, 'x.yaml:14:32'],
    ]);
  });
  it('reports a duplicate name on one parent, not across parents', () => {
    const x = `services:
  - { parent_object_type: dcim.device, parent: leaf1, name: ssh, protocol: tcp, ports: [22] }
  - { parent_object_type: dcim.device, parent: leaf2, name: ssh, protocol: tcp, ports: [22] }
  - { parent_object_type: ipam.fhrpgroup, parent: vrrp-10, name: ssh, protocol: tcp, ports: [22] }
  - { parent_object_type: dcim.device, parent: leaf1, name: ssh, protocol: tcp, ports: [2222] }
`;
    expect(short({ 'f.yaml': FHRP, 'x.yaml': x })).toEqual([[DUPLICATE, 'x.yaml:5:61']]);
  });
  it('resolves', () => {
    const x = `ip_addresses:
  - { address: 10.0.0.1/24, assigned_object_type: dcim.interface, assigned_object: leaf1:et1 }
  - { address: 10.0.0.254/24, role: vrrp, assigned_object_type: ipam.fhrpgroup, assigned_object: vrrp-10 }
services:
  - { parent_object_type: dcim.device, parent: leaf1, name: ssh, protocol: tcp, ports: [22], ipaddresses: [10.0.0.1/24] }
  - { parent_object_type: ipam.fhrpgroup, parent: vrrp-10, name: dns, protocol: udp, ports: [53], ipaddresses: [10.0.0.254/24] }
`;
    const [ssh, dns] = clean('ipam.service', { 'f.yaml': FHRP, 'x.yaml': x });
    expect(name(ref(ssh, 'parent'))).toBe('leaf1');
    expect(refs(ssh, 'ipaddresses').map(name)).toEqual(['10.0.0.1/24']);
    expect(ref(dns, 'parent')!.kind.kind).toBe('ipam.fhrpgroup');
  });
});

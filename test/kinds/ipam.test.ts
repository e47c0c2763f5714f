import { describe, expect, it } from 'vitest';
import { displayName, ref, refs, type Obj } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles, rulesAt } from '../helpers/compile.js';

// The ipam app: RIRs, aggregates, ASN ranges, ASNs, VRFs, route targets, roles, prefixes, IP ranges,
// IP addresses, VLAN groups, VLANs, VLAN translation policies and rules, FHRP groups and their
// assignments, service templates, services. Every kind has a dangling-reference case, a case that
// resolves, and duplicate cases as NetBox 4.6.8 has them: what its uniqueness rules reject is reported,
// what they allow (VRFs of one name, ungrouped VLANs of one VID, FHRP groups and services of one name,
// addresses in a table without enforced unique space) passes. RIRs, roles, VLAN translation policies,
// FHRP groups and service templates refer to nothing but tags, so their dangling case is a tag.

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

/** Every diagnostic in full: rule, 1-based position, message, related positions and data. */
const diags = (files: Record<string, string>) =>
  compileFiles({ ...FIXTURES, ...files }).diagnostics.map((d) => ({
    rule: d.rule,
    at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`,
    message: d.message,
    related: d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`),
    data: d.data,
  }));

/** sot.yaml with NetBox's ENFORCE_GLOBAL_UNIQUE set. */
const globalUnique = (on: boolean) => ({ 'sot.yaml': `format: 1\noptions:\n  enforce_global_unique: ${on}\n` });

/** Compiles with the shared fixtures, expects no problems, returns the objects of a kind. */
function clean(kind: string, files: Record<string, string>): Obj[] {
  const r = compileFiles({ ...FIXTURES, ...files });
  expect(briefs(r)).toEqual([]);
  return r.model.byKind.get(kind)!;
}

const name = (o: Obj | undefined) => (o ? displayName(o) : undefined);
const DANGLING = 'resolve/dangling-reference';
const DUPLICATE = 'resolve/duplicate-key';
const AMBIGUOUS = 'resolve/ambiguous-reference';
const DUPLICATE_PREFIX = 'ipam/duplicate-prefix';
const DUPLICATE_IP = 'ipam/duplicate-ip-address';

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
  it('reports a repeated prefix once, as an overlap (NetBox has no uniqueness constraint on it)', () => {
    const x = 'aggregates:\n  - prefix: 10.0.0.0/8\n    rir: rfc1918\n  - prefix: 10.0.0.0/8\n    rir: ripe\n';
    expect(short({ 'x.yaml': x })).toEqual([['ipam/aggregate-overlap', 'x.yaml:4:13']]);
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
  it('lets VRFs share a name, with or without route distinguishers (NetBox keeps only rd unique)', () => {
    const x = 'vrfs:\n  - { name: MGMT, rd: "64496:100" }\n  - { name: MGMT, rd: "64496:101" }\n  - { name: MGMT }\n  - { name: MGMT }\n';
    expect(short({ 'x.yaml': x })).toEqual([]);
  });
  it('reports a duplicate route distinguisher, whatever the names', () => {
    const x = 'vrfs:\n  - { name: MGMT, rd: "64496:100" }\n  - { name: OOB, rd: "64496:100" }\n';
    expect(diags({ 'x.yaml': x })).toEqual([
      { rule: DUPLICATE, at: 'x.yaml:3:22', message: 'duplicate VRF rd "64496:100"', related: ['x.yaml:2:23'], data: { kind: 'ipam.vrf', field: 'rd', value: '64496:100', fields: ['rd'] } },
    ]);
  });
  it('reports a reference to a name two VRFs share as ambiguous; their route distinguishers tell them apart', () => {
    const x = 'vrfs:\n  - { name: MGMT, rd: "64496:100" }\n  - { name: MGMT, rd: "64496:101" }\nprefixes:\n  - { prefix: 10.0.0.0/24, vrf: MGMT }\n  - { prefix: 10.0.1.0/24, vrf: "64496:101" }\n';
    const r = compileFiles({ ...FIXTURES, 'x.yaml': x });
    expect(r.diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.data])).toEqual([
      [AMBIGUOUS, 'x.yaml:5:33', { kind: 'ipam.vrf', value: 'MGMT', candidates: ['vrfs[name=MGMT]', 'vrfs[name=MGMT]'] }],
    ]);
    const [, second] = r.model.byKind.get('ipam.vrf')!;
    expect(ref(r.model.byKind.get('ipam.prefix')![1], 'vrf')).toBe(second);
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
    expect(diags({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([
      { rule: DUPLICATE_PREFIX, at: 'x.yaml:5:15', message: 'duplicate prefix 10.0.0.0/24 in VRF "MGMT"', related: ['x.yaml:2:15'], data: { prefix: '10.0.0.0/24', vrf: 'MGMT' } },
      { rule: DUPLICATE_PREFIX, at: 'x.yaml:6:15', message: 'duplicate prefix 10.0.0.0/24 in the global table', related: ['x.yaml:4:15'], data: { prefix: '10.0.0.0/24', vrf: null } },
    ]);
  });
  it('reports the same network written another way, and lets a prefix nest in one of its own network', () => {
    const x = `prefixes:
  - { prefix: 2001:db8::/32 }
  - { prefix: 2001:DB8:0::/32 }
  - { prefix: 10.0.0.0/24 }
  - { prefix: 10.0.0.0/25 }
`;
    expect(diags({ 'x.yaml': x })).toEqual([
      { rule: DUPLICATE_PREFIX, at: 'x.yaml:3:15', message: 'duplicate prefix 2001:DB8:0::/32 in the global table', related: ['x.yaml:2:15'], data: { prefix: '2001:DB8:0::/32', vrf: null } },
    ]);
  });
  it('allows a duplicate prefix in a VRF with enforce_unique false', () => {
    const x = 'vrfs:\n  - { name: LAB, enforce_unique: false }\nprefixes:\n  - { prefix: 10.0.0.0/24, vrf: LAB }\n  - { prefix: 10.0.0.0/24, vrf: LAB }\n';
    expect(short({ 'x.yaml': x })).toEqual([]);
  });
  it('reports a duplicate prefix in a VRF with enforce_unique true', () => {
    const x = 'vrfs:\n  - { name: LAB, enforce_unique: true }\nprefixes:\n  - { prefix: 10.0.0.0/24, vrf: LAB }\n  - { prefix: 10.0.0.0/24, vrf: LAB }\n';
    expect(diags({ 'x.yaml': x })).toEqual([
      { rule: DUPLICATE_PREFIX, at: 'x.yaml:5:15', message: 'duplicate prefix 10.0.0.0/24 in VRF "LAB"', related: ['x.yaml:4:15'], data: { prefix: '10.0.0.0/24', vrf: 'LAB' } },
    ]);
  });
  it('allows a duplicate prefix in the global table with enforce_global_unique false in sot.yaml', () => {
    const x = 'prefixes:\n  - { prefix: 10.0.0.0/24 }\n  - { prefix: 10.0.0.0/24 }\n';
    expect(short({ ...globalUnique(false), 'x.yaml': x })).toEqual([]);
  });
  it('reports a duplicate prefix in the global table with enforce_global_unique true, and in a VRF whatever the option', () => {
    const x = 'prefixes:\n  - { prefix: 10.0.0.0/24 }\n  - { prefix: 10.0.0.0/24 }\n  - { prefix: 10.0.0.0/24, vrf: MGMT }\n  - { prefix: 10.0.0.0/24, vrf: MGMT }\n';
    expect(short({ ...globalUnique(true), 'v.yaml': VRFS, 'x.yaml': x })).toEqual([
      [DUPLICATE_PREFIX, 'x.yaml:3:15'],
      [DUPLICATE_PREFIX, 'x.yaml:5:15'],
    ]);
    expect(short({ ...globalUnique(false), 'v.yaml': VRFS, 'x.yaml': x })).toEqual([[DUPLICATE_PREFIX, 'x.yaml:5:15']]);
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
  it('reports a repeated start address within a VRF once, as an overlap (NetBox has no uniqueness constraint on it)', () => {
    const x = `ip_ranges:
  - { start_address: 10.0.0.100/24, end_address: 10.0.0.199/24, vrf: MGMT }
  - { start_address: 10.0.0.100/24, end_address: 10.0.0.149/24, vrf: CUST }
  - { start_address: 10.0.0.100/24, end_address: 10.0.0.149/24, vrf: MGMT }
`;
    expect(short({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([['ipam/ip-range-overlap', 'x.yaml:4:22']]);
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
    expect(diags({ 'v.yaml': VRFS, 'x.yaml': x })).toEqual([
      { rule: DUPLICATE_IP, at: 'x.yaml:4:16', message: 'duplicate IP address 10.0.0.1/24 in VRF "MGMT": 10.0.0.1/24 exists already', related: ['x.yaml:3:16'], data: { address: '10.0.0.1/24', other: '10.0.0.1/24', vrf: 'MGMT' } },
      { rule: DUPLICATE_IP, at: 'x.yaml:5:16', message: 'duplicate IP address 10.0.0.1/24 in the global table: 10.0.0.1/24 exists already', related: ['x.yaml:2:16'], data: { address: '10.0.0.1/24', other: '10.0.0.1/24', vrf: null } },
    ]);
  });
  it('reports the same host with another mask (NetBox compares hosts, not masks)', () => {
    const x = `ip_addresses:
  - { address: 10.0.0.1/24, assigned_object_type: dcim.interface, assigned_object: leaf1:et1 }
  - { address: 10.0.0.1/32 }
  - { address: 2001:db8::1/64 }
  - { address: 2001:DB8:0::1/128 }
  - { address: 10.0.0.2/24 }
`;
    expect(diags({ 'x.yaml': x })).toEqual([
      { rule: DUPLICATE_IP, at: 'x.yaml:3:16', message: 'duplicate IP address 10.0.0.1/32 in the global table: 10.0.0.1/24 is assigned to interface "et1" of device "leaf1"', related: ['x.yaml:2:16'], data: { address: '10.0.0.1/32', other: '10.0.0.1/24', vrf: null } },
      { rule: DUPLICATE_IP, at: 'x.yaml:5:16', message: 'duplicate IP address 2001:DB8:0::1/128 in the global table: 2001:db8::1/64 exists already', related: ['x.yaml:4:16'], data: { address: '2001:DB8:0::1/128', other: '2001:db8::1/64', vrf: null } },
    ]);
  });
  it('lets addresses share a host when all have a shared role: anycast, vip, vrrp, hsrp, glbp or carp', () => {
    const x = `ip_addresses:
  - { address: 192.0.2.53/32, role: anycast, assigned_object_type: dcim.interface, assigned_object: leaf1:et1 }
  - { address: 192.0.2.53/32, role: anycast, assigned_object_type: dcim.interface, assigned_object: leaf2:et1 }
  - { address: 192.0.2.53/24, role: anycast }
  - { address: 10.0.0.254/24, role: vrrp }
  - { address: 10.0.0.254/24, role: hsrp }
  - { address: 10.0.0.254/24, role: vip }
  - { address: 10.0.0.253/24, role: glbp }
  - { address: 10.0.0.253/24, role: carp }
`;
    expect(short({ 'x.yaml': x })).toEqual([]);
  });
  it('reports a shared host when one of the addresses has no shared role, in either order; loopback is not shared', () => {
    const x = `ip_addresses:
  - { address: 192.0.2.53/32, role: anycast }
  - { address: 192.0.2.53/32 }
  - { address: 192.0.2.80/32 }
  - { address: 192.0.2.80/32, role: anycast }
  - { address: 192.0.2.81/32, role: anycast }
  - { address: 192.0.2.81/32, role: anycast }
  - { address: 192.0.2.81/32, role: loopback }
  - { address: 192.0.2.81/32, role: anycast }
`;
    expect(diags({ 'x.yaml': x }).map((d) => [d.rule, d.at, d.related, d.data])).toEqual([
      [DUPLICATE_IP, 'x.yaml:3:16', ['x.yaml:2:16'], { address: '192.0.2.53/32', other: '192.0.2.53/32', vrf: null }],
      [DUPLICATE_IP, 'x.yaml:5:16', ['x.yaml:4:16'], { address: '192.0.2.80/32', other: '192.0.2.80/32', vrf: null }],
      // The loopback clashes with the first anycast; a later anycast clashes with the loopback.
      [DUPLICATE_IP, 'x.yaml:8:16', ['x.yaml:6:16'], { address: '192.0.2.81/32', other: '192.0.2.81/32', vrf: null }],
      [DUPLICATE_IP, 'x.yaml:9:16', ['x.yaml:8:16'], { address: '192.0.2.81/32', other: '192.0.2.81/32', vrf: null }],
    ]);
  });
  it('allows a duplicate address in a VRF with enforce_unique false', () => {
    const x = 'vrfs:\n  - { name: LAB, enforce_unique: false }\nip_addresses:\n  - { address: 10.0.0.1/24, vrf: LAB }\n  - { address: 10.0.0.1/32, vrf: LAB }\n';
    expect(short({ 'x.yaml': x })).toEqual([]);
  });
  it('reports a duplicate address in a VRF with enforce_unique true', () => {
    const x = 'vrfs:\n  - { name: LAB, enforce_unique: true }\nip_addresses:\n  - { address: 10.0.0.1/24, vrf: LAB }\n  - { address: 10.0.0.1/32, vrf: LAB }\n';
    expect(diags({ 'x.yaml': x })).toEqual([
      { rule: DUPLICATE_IP, at: 'x.yaml:5:16', message: 'duplicate IP address 10.0.0.1/32 in VRF "LAB": 10.0.0.1/24 exists already', related: ['x.yaml:4:16'], data: { address: '10.0.0.1/32', other: '10.0.0.1/24', vrf: 'LAB' } },
    ]);
  });
  it('allows a duplicate address in the global table with enforce_global_unique false in sot.yaml', () => {
    const x = 'ip_addresses:\n  - { address: 10.0.0.1/24 }\n  - { address: 10.0.0.1/24 }\n';
    expect(short({ ...globalUnique(false), 'x.yaml': x })).toEqual([]);
  });
  it('reports a duplicate address in the global table with enforce_global_unique true, and in a VRF whatever the option', () => {
    const x = 'ip_addresses:\n  - { address: 10.0.0.1/24 }\n  - { address: 10.0.0.1/24 }\n  - { address: 10.0.0.1/24, vrf: MGMT }\n  - { address: 10.0.0.1/24, vrf: MGMT }\n';
    expect(short({ ...globalUnique(true), 'v.yaml': VRFS, 'x.yaml': x })).toEqual([
      [DUPLICATE_IP, 'x.yaml:3:16'],
      [DUPLICATE_IP, 'x.yaml:5:16'],
    ]);
    expect(short({ ...globalUnique(false), 'v.yaml': VRFS, 'x.yaml': x })).toEqual([[DUPLICATE_IP, 'x.yaml:5:16']]);
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
  it('reports a duplicate name and a duplicate slug within one scope object', () => {
    const x = `vlan_groups:
  - { name: Fabric, slug: fabric, scope_type: dcim.site, scope: ams1 }
  - { name: Fabric, slug: fabric-2, scope_type: dcim.site, scope: ams1 }
  - { name: Fabric-3, slug: fabric, scope_type: dcim.site, scope: ams1 }
`;
    expect(diags({ 'x.yaml': x })).toEqual([
      { rule: DUPLICATE, at: 'x.yaml:3:13', message: 'duplicate VLAN group name "Fabric" in site "AMS1"', related: ['x.yaml:2:13'], data: { kind: 'ipam.vlangroup', field: 'name', value: 'Fabric', fields: ['scope', 'name'] } },
      { rule: DUPLICATE, at: 'x.yaml:4:29', message: 'duplicate VLAN group slug "fabric" in site "AMS1"', related: ['x.yaml:2:27'], data: { kind: 'ipam.vlangroup', field: 'slug', value: 'fabric', fields: ['scope', 'slug'] } },
    ]);
  });
  it('lets groups of different scope objects, and unscoped groups, share a name and a slug', () => {
    const x = `vlan_groups:
  - { name: Fabric, slug: fabric, scope_type: dcim.site, scope: ams1 }
  - { name: Fabric, slug: fabric, scope_type: dcim.site, scope: ams2 }
  - { name: Fabric, slug: fabric, scope_type: dcim.region, scope: europe }
  - { name: Global, slug: global }
  - { name: Global, slug: global }
`;
    expect(short({ 'x.yaml': x })).toEqual([]);
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
  it('reports a duplicate VID and a duplicate name within a group, not across groups', () => {
    const x = `vlans:
  - { vid: 100, name: servers, group: ams1-vlans }
  - { vid: 100, name: servers, group: ams2-vlans }
  - { vid: 100, name: storage, group: ams1-vlans }
  - { vid: 101, name: servers, group: ams1-vlans }
`;
    expect(diags({ 'g.yaml': GROUPS, 'x.yaml': x })).toEqual([
      { rule: DUPLICATE, at: 'x.yaml:4:12', message: 'duplicate VLAN vid "100" in VLAN group "AMS1" in site "AMS1"', related: ['x.yaml:2:12'], data: { kind: 'ipam.vlan', field: 'vid', value: '100', fields: ['group', 'vid'] } },
      { rule: DUPLICATE, at: 'x.yaml:5:23', message: 'duplicate VLAN name "servers" in VLAN group "AMS1" in site "AMS1"', related: ['x.yaml:2:23'], data: { kind: 'ipam.vlan', field: 'name', value: 'servers', fields: ['group', 'name'] } },
    ]);
  });
  it('reports a duplicate VID and a duplicate name among the customer VLANs of one service VLAN', () => {
    const x = `vlans:
  - { vid: 3001, name: svlan, qinq_role: svlan }
  - { vid: 10, name: pos, qinq_role: cvlan, qinq_svlan: svlan }
  - { vid: 10, name: pos-2, qinq_role: cvlan, qinq_svlan: svlan }
  - { vid: 11, name: pos, qinq_role: cvlan, qinq_svlan: svlan }
`;
    expect(diags({ 'x.yaml': x })).toEqual([
      { rule: DUPLICATE, at: 'x.yaml:4:12', message: 'duplicate VLAN vid "10" in VLAN "svlan"', related: ['x.yaml:3:12'], data: { kind: 'ipam.vlan', field: 'vid', value: '10', fields: ['qinq_svlan', 'vid'] } },
      { rule: DUPLICATE, at: 'x.yaml:5:22', message: 'duplicate VLAN name "pos" in VLAN "svlan"', related: ['x.yaml:3:22'], data: { kind: 'ipam.vlan', field: 'name', value: 'pos', fields: ['qinq_svlan', 'name'] } },
    ]);
  });
  it('lets ungrouped VLANs repeat a VID and a name, even at one site', () => {
    const x = `vlans:
  - { vid: 999, name: legacy, site: ams1 }
  - { vid: 999, name: legacy, site: ams1 }
  - { vid: 999, name: legacy, site: ams2 }
  - { vid: 999, name: legacy }
`;
    expect(short({ 'x.yaml': x })).toEqual([]);
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
  it('lets FHRP groups share a name, protocol and group ID (NetBox has no uniqueness rule for them)', () => {
    expect(short({ 'f.yaml': FHRP, 'x.yaml': 'fhrp_groups:\n  - name: vrrp-10\n    protocol: vrrp3\n    group_id: 10\n' })).toEqual([]);
  });
  it('reports a reference to a name two FHRP groups share as ambiguous', () => {
    const x = 'fhrp_groups:\n  - { name: vrrp-10, protocol: hsrp, group_id: 10 }\nfhrp_group_assignments:\n  - { group: vrrp-10, interface_type: dcim.interface, interface: leaf1:et1, priority: 100 }\n';
    expect(diags({ 'f.yaml': FHRP, 'x.yaml': x }).map((d) => [d.rule, d.at, d.related, d.data])).toEqual([
      [AMBIGUOUS, 'x.yaml:4:14', ['f.yaml:2:5', 'x.yaml:2:5'], { kind: 'ipam.fhrpgroup', value: 'vrrp-10', candidates: ['fhrp_groups[name=vrrp-10]', 'fhrp_groups[name=vrrp-10]'] }],
    ]);
  });
  it('accepts a group without a name (NetBox allows a blank one), found by protocol and group ID', () => {
    const x = `fhrp_groups:
  - { protocol: vrrp3, group_id: 10 }
  - { protocol: hsrp, group_id: 10, name: '' }
fhrp_group_assignments:
  - { group: { protocol: vrrp3, group_id: 10 }, interface_type: dcim.interface, interface: leaf1:et1, priority: 100 }
ip_addresses:
  - { address: 10.0.0.254/24, role: hsrp, assigned_object_type: ipam.fhrpgroup, assigned_object: { protocol: hsrp, group_id: 10 } }
`;
    const [assignment] = clean('ipam.fhrpgroupassignment', { 'x.yaml': x });
    const group = ref(assignment, 'group')!;
    expect([group.data.protocol, displayName(group)]).toEqual(['vrrp3', 'protocol vrrp3, group id 10']);
    const [vip] = clean('ipam.ipaddress', { 'x.yaml': x });
    expect(ref(vip, 'assigned_object')!.data.protocol).toBe('hsrp');
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
    // NetBox's rule is (interface, group): reported at the group, which already has that interface.
    expect(diags({ 'f.yaml': FHRP, 'x.yaml': x })).toEqual([
      {
        rule: DUPLICATE,
        at: 'x.yaml:4:14',
        message: 'FHRP group "vrrp-10" already has an FHRP group assignment for interface "et1" of device "leaf1"',
        related: ['x.yaml:2:14'],
        data: { kind: 'ipam.fhrpgroupassignment', field: 'group', value: 'vrrp-10', fields: ['interface', 'group'] },
      },
      {
        rule: DUPLICATE,
        at: 'x.yaml:5:14',
        message: 'FHRP group "vrrp-10" already has an FHRP group assignment for interface "et1" of device "leaf2"',
        related: ['x.yaml:3:14'],
        data: { kind: 'ipam.fhrpgroupassignment', field: 'group', value: 'vrrp-10', fields: ['interface', 'group'] },
      },
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
  // NetBox has no uniqueness rule for services; the nearest one it has, a service template's name, is
  // reported (see service templates).
  it('lets a parent have two services of the same name, even the same protocol and ports', () => {
    const x = `services:
  - { parent_object_type: dcim.device, parent: leaf1, name: ssh, protocol: tcp, ports: [22] }
  - { parent_object_type: dcim.device, parent: leaf2, name: ssh, protocol: tcp, ports: [22] }
  - { parent_object_type: ipam.fhrpgroup, parent: vrrp-10, name: ssh, protocol: tcp, ports: [22] }
  - { parent_object_type: dcim.device, parent: leaf1, name: ssh, protocol: tcp, ports: [2222] }
  - { parent_object_type: dcim.device, parent: leaf1, name: ssh, protocol: tcp, ports: [22] }
`;
    expect(short({ 'f.yaml': FHRP, 'x.yaml': x })).toEqual([]);
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

import { describe, expect, it } from 'vitest';
import { displayName, ref, refs, type Obj } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles, rulesAt } from '../helpers/compile.js';

// The dcim kinds beyond sites, racks, devices and their components: rack types, rack reservations,
// power panels and feeds, virtual chassis, virtual device contexts, MAC addresses, inventory items and
// their roles, module type profiles, modules and cables. Every kind has a dangling-reference case, a
// duplicate case and a case that resolves. Duplicates are NetBox's uniqueness rules, no stricter: where
// NetBox lets a value repeat (a virtual chassis name, a MAC address, a cable label, a top-level inventory
// item name), a should-pass case says so next to the nearest uniqueness rule NetBox has (a device is
// master of one virtual chassis). Cable, MAC and reservation occupancy rules are model rules of their
// own (dcim rule files), not keys. Inventory item roles and module type profiles refer to nothing but tags, so their
// dangling case is a tag (and what refers to them is tested too). Inventory items are deprecated: every
// one of them also carries a `schema/deprecated` warning.

const ORG = `tenants:
  - { name: NetOps, slug: netops }
tags:
  - { name: Production, slug: production }
racks:
  - { name: R1, site: ams1 }
  - { name: R1, site: ams2 }
  - { name: R2, site: ams1 }
`;
// A chassis with two PSU bays, a PSU module type, a console server, a PDU and a patch panel.
const CHASSIS = `manufacturer: Acme
model: C-2
slug: acme-c-2
u_height: 2
console-ports:
  - name: con
    type: rj-45
interfaces:
  - name: et1
    type: 100gbase-x-qsfp28
  - name: et2
    type: 100gbase-x-qsfp28
module-bays:
  - name: PSU 0
    position: '0'
  - name: PSU 1
    position: '1'
`;
const PSU = `manufacturer: Acme
model: PSU-500
power-ports:
  - name: '{module}'
    type: iec-60320-c14
    maximum_draw: 500
`;
const CONSOLE_SERVER = `manufacturer: Acme
model: CS-8
slug: acme-cs-8
u_height: 1
console-server-ports:
  - name: Port 1
    type: rj-45
  - name: Port 2
    type: rj-45
power-ports:
  - name: PS1
    type: iec-60320-c14
`;
const PDU = `manufacturer: Acme
model: PDU-1
slug: acme-pdu-1
u_height: 0
power-ports:
  - name: Inlet
    type: iec-60309-p-n-e-6h
power-outlets:
  - name: '1'
    type: iec-60320-c13
    power_port: Inlet
  - name: '2'
    type: iec-60320-c13
    power_port: Inlet
`;
const PATCH_PANEL = `manufacturer: Acme
model: PP-24
slug: acme-pp-24
u_height: 1
rear-ports:
  - name: R1
    type: lc
    positions: 2
front-ports:
  - name: '1'
    type: lc
    rear_port: R1
    rear_port_position: 1
  - name: '2'
    type: lc
    rear_port: R1
    rear_port_position: 2
`;
const DEVICES = `devices:
  - { name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1 }
  - { name: leaf2, device_type: Acme/X-4, role: leaf, site: ams1 }
  - { name: spine1, device_type: Acme/C-2, role: leaf, site: ams1 }
  - { name: con1, device_type: Acme/CS-8, role: leaf, site: ams1 }
  - { name: pdu1, device_type: Acme/PDU-1, role: leaf, site: ams1, rack: R1 }
  - { name: pp1, device_type: Acme/PP-24, role: leaf, site: ams1 }
  - { name: pp2, device_type: Acme/PP-24, role: leaf, site: ams1 }
`;
const FIXTURES = {
  'base.yaml': BASE,
  'org.yaml': ORG,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'device-types/Acme/C-2.yaml': CHASSIS,
  'device-types/Acme/CS-8.yaml': CONSOLE_SERVER,
  'device-types/Acme/PDU-1.yaml': PDU,
  'device-types/Acme/PP-24.yaml': PATCH_PANEL,
  'module-types/Acme/PSU-500.yaml': PSU,
  'devices.yaml': DEVICES,
};

/** `[rule, file:line:col]` of every diagnostic, 1-based. */
const short = (files: Record<string, string>) => rulesAt({ ...FIXTURES, ...files });

/** Compiles with the shared fixtures, expects no problems but the given ones, returns the objects of a kind. */
function clean(kind: string, files: Record<string, string>, expected: string[] = []): Obj[] {
  return cleanModel(files, expected)(kind);
}

/** Like `clean`, for cases that look at several kinds of one compilation. */
function cleanModel(files: Record<string, string>, expected: string[] = []): (kind: string) => Obj[] {
  const r = compileFiles({ ...FIXTURES, ...files });
  expect(briefs(r)).toEqual(expected);
  return (kind) => r.model.byKind.get(kind)!;
}

const name = (o: Obj | undefined) => (o ? displayName(o) : undefined);
/** `device:component` of a cable end. */
const end = (o: Obj) => (o.owner ? `${displayName(o.owner)}:${displayName(o)}` : displayName(o));
const DANGLING = 'resolve/dangling-reference';
const DUPLICATE = 'resolve/duplicate-key';
const DEPRECATED = 'schema/deprecated';

// ------------------------------------------------------------------------------------------------

const RACK_TYPE = `manufacturer: Acme
model: R-42
slug: acme-r-42
form_factor: 4-post-cabinet
width: 19
u_height: 42
outer_unit: mm
outer_depth: 1070
weight: 125.5
weight_unit: kg
`;

describe('rack types', () => {
  it('reports a dangling tag, and a rack naming a rack type that does not exist', () => {
    const x = 'rack_types:\n  - { manufacturer: Acme, model: R-48, slug: acme-r-48, form_factor: 4-post-frame, tags: [prod] }\nracks:\n  - { name: R9, site: ams1, rack_type: Acme/R-24 }\n';
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:91'],
      [DANGLING, 'x.yaml:4:40'],
    ]);
  });
  it('reports a duplicate model and a duplicate slug within a manufacturer, a file against a collection', () => {
    const x = `rack_types:
  - { manufacturer: Acme, model: R-42, slug: acme-r-42-b, form_factor: 4-post-cabinet }
  - { manufacturer: Acme, model: R-42 B, slug: acme-r-42, form_factor: 4-post-cabinet }
  - { manufacturer: Other, model: R-42, slug: other-r-42, form_factor: wall-cabinet }
`;
    expect(short({ 'rack-types/Acme/R-42.yaml': RACK_TYPE, 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:2:34'],
      [DUPLICATE, 'x.yaml:3:48'],
    ]);
  });
  it('resolves a rack type file of the library format, creating its manufacturer', () => {
    const apc = '---\nmanufacturer: APC\nmodel: AR3100\nslug: apc-ar3100\nform_factor: 4-post-cabinet\nwidth: 19\nu_height: 42\ndesc_units: false\n';
    const x = 'racks:\n  - { name: R9, site: ams1, rack_type: Acme/R-42 }\n  - { name: R10, site: ams1, rack_type: apc-ar3100, tags: [production] }\n';
    const racks = clean('dcim.rack', { 'rack-types/Acme/R-42.yaml': RACK_TYPE, 'rack-types/APC/AR3100.yaml': apc, 'x.yaml': x });
    const [r9, r10] = racks.slice(-2);
    expect(name(ref(r9, 'rack_type'))).toBe('R-42');
    expect(ref(r9, 'rack_type')!.kind.kind).toBe('dcim.racktype');
    const ar3100 = ref(r10, 'rack_type')!;
    expect(name(ar3100)).toBe('AR3100');
    expect(ref(ar3100, 'manufacturer')).toMatchObject({ origin: 'implicit', data: { name: 'APC', slug: 'apc' } });
  });
});

describe('rack reservations', () => {
  it('reports a dangling rack and tenant', () => {
    const x = 'rack_reservations:\n  - rack: ams1/R3\n    units: [1, 2]\n    user: alice\n    description: lab\n    tenant: net-ops\n';
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:11'],
      [DANGLING, 'x.yaml:6:13'],
    ]);
  });
  it('reports a rack name of two sites as ambiguous', () => {
    const x = 'rack_reservations:\n  - { rack: R2, units: [1, 2], user: alice, description: lab }\n  - { rack: R1, units: [3], user: bob, description: growth }\n';
    expect(short({ 'x.yaml': x })).toEqual([['resolve/ambiguous-reference', 'x.yaml:3:13']]);
  });
  it('has no natural key: identical reservations of different racks, and reservations of other units of one rack, stand', () => {
    const x = `rack_reservations:
  - { rack: R2, units: [1, 2], user: alice, description: lab }
  - { rack: ams2/R1, units: [1, 2], user: alice, description: lab }
  - { rack: R2, units: [3, 4], user: alice, description: lab }
`;
    expect(clean('dcim.rackreservation', { 'x.yaml': x }).map((r) => [name(ref(r, 'rack')), r.data.units])).toEqual([
      ['R2', [1, 2]],
      ['R1', [1, 2]],
      ['R2', [3, 4]],
    ]);
  });
  it('resolves a rack by site/name, by mapping and by a name unique across sites', () => {
    const x = `rack_reservations:
  - { rack: ams2/R1, units: [40, 41, 42], user: alice, description: POC, tenant: netops, status: active }
  - { rack: { site: ams1, name: R1 }, units: [1], user: bob, description: PDU test }
  - { rack: R2, units: [10], user: carol, description: growth, tags: [production] }
`;
    const [a, b, c] = clean('dcim.rackreservation', { 'x.yaml': x });
    expect(name(ref(ref(a, 'rack')!, 'site'))).toBe('AMS2');
    expect(name(ref(a, 'tenant'))).toBe('NetOps');
    expect(name(ref(ref(b, 'rack')!, 'site'))).toBe('AMS1');
    expect(name(ref(c, 'rack'))).toBe('R2');
  });
});

const LOCATIONS = 'locations:\n  - { name: Hall 1, slug: hall-1, site: ams1 }\n  - { name: Hall 2, slug: hall-2, site: ams2 }\n';
const PANELS = 'power_panels:\n  - { name: PP-A, site: ams1, location: hall-1 }\n  - { name: PP-B, site: ams1 }\n  - { name: PP-A, site: ams2 }\n';

describe('power panels', () => {
  it('reports a dangling site, and a location of another site', () => {
    const x = 'power_panels:\n  - { name: PP-A, site: ams3 }\n  - { name: PP-B, site: ams1, location: hall-2 }\n';
    expect(short({ 'l.yaml': LOCATIONS, 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:25'],
      ['resolve/wrong-scope', 'x.yaml:3:41'],
    ]);
  });
  it('reports a duplicate name within a site, not across sites', () => {
    const x = 'power_panels:\n  - { name: PP-B, site: ams2 }\n  - { name: PP-B, site: ams1 }\n';
    expect(short({ 'l.yaml': LOCATIONS, 'p.yaml': PANELS, 'x.yaml': x })).toEqual([[DUPLICATE, 'x.yaml:3:13']]);
  });
  it('resolves', () => {
    const [a, b, c] = clean('dcim.powerpanel', { 'l.yaml': LOCATIONS, 'p.yaml': PANELS });
    expect(name(ref(a, 'site'))).toBe('AMS1');
    expect(name(ref(a, 'location'))).toBe('Hall 1');
    expect(ref(b, 'location')).toBeUndefined();
    expect(name(ref(c, 'site'))).toBe('AMS2');
  });
});

describe('power feeds', () => {
  it('reports a dangling panel, written compact and as a mapping, and a dangling rack', () => {
    const x = `power_feeds:
  - { name: feed-1, power_panel: ams1/PP-C }
  - { name: feed-2, power_panel: { site: ams2, name: PP-B } }
  - { name: feed-3, power_panel: ams1/PP-A, rack: ams1/R7 }
`;
    expect(short({ 'l.yaml': LOCATIONS, 'p.yaml': PANELS, 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:34'],
      [DANGLING, 'x.yaml:3:34'],
      [DANGLING, 'x.yaml:4:51'],
    ]);
  });
  it('reports a duplicate name within a panel, not across panels', () => {
    const x = `power_feeds:
  - { name: feed-1, power_panel: ams1/PP-A }
  - { name: feed-1, power_panel: ams2/PP-A }
  - { name: feed-1, power_panel: { site: ams1, name: PP-A } }
`;
    expect(short({ 'l.yaml': LOCATIONS, 'p.yaml': PANELS, 'x.yaml': x })).toEqual([[DUPLICATE, 'x.yaml:4:13']]);
  });
  it('resolves', () => {
    const x = `power_feeds:
  - name: feed-1
    power_panel: ams1/PP-A
    rack: ams1/R1
    status: active
    type: primary
    supply: ac
    phase: single-phase
    voltage: 230
    amperage: 32
    max_utilization: 80
    tenant: netops
  - { name: feed-1, power_panel: { site: ams2, name: PP-A }, rack: { site: ams2, name: R1 }, type: redundant }
  - { name: feed-2, power_panel: PP-B, rack: R2, supply: dc, voltage: -48 }
`;
    const [f1, f2, f3] = clean('dcim.powerfeed', { 'l.yaml': LOCATIONS, 'p.yaml': PANELS, 'x.yaml': x });
    expect(name(ref(f1, 'power_panel'))).toBe('PP-A');
    expect(name(ref(ref(f1, 'power_panel')!, 'site'))).toBe('AMS1');
    expect(name(ref(ref(f1, 'rack')!, 'site'))).toBe('AMS1');
    expect(name(ref(f1, 'tenant'))).toBe('NetOps');
    expect(name(ref(ref(f2, 'power_panel')!, 'site'))).toBe('AMS2');
    expect(name(ref(ref(f2, 'rack')!, 'site'))).toBe('AMS2');
    expect(name(ref(f3, 'power_panel'))).toBe('PP-B');
  });
});

describe('virtual chassis', () => {
  it('reports a dangling master, and a device naming a virtual chassis that does not exist', () => {
    const x = 'virtual_chassis:\n  - { name: stack1, master: leaf5 }\ndevices:\n  - { name: leaf3, device_type: Acme/X-4, role: leaf, site: ams2, virtual_chassis: stack2, vc_position: 1 }\n';
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:29'],
      [DANGLING, 'x.yaml:4:84'],
    ]);
  });
  it('lets two virtual chassis share a name (NetBox keeps only the master unique)', () => {
    const x = 'virtual_chassis:\n  - { name: stack1, domain: a, master: m1 }\n  - { name: stack1, domain: b, master: m2 }\ndevices:\n  - { name: m1, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: { name: stack1, domain: a }, vc_position: 1 }\n  - { name: m2, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: { name: stack1, domain: b }, vc_position: 1 }\n';
    expect(clean('dcim.virtualchassis', { 'x.yaml': x }).map((vc) => [name(vc), vc.data.domain, name(ref(vc, 'master'))])).toEqual([
      ['stack1', 'a', 'm1'],
      ['stack1', 'b', 'm2'],
    ]);
  });
  it('reports a device made master of two virtual chassis', () => {
    const x = 'virtual_chassis:\n  - { name: stack1, master: m1 }\n  - { name: stack2, master: m1 }\ndevices:\n  - { name: m1, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: stack1, vc_position: 1 }\n';
    const r = compileFiles({ ...FIXTURES, 'x.yaml': x });
    expect(r.diagnostics.map((d) => [d.rule, d.message, d.data])).toEqual([
      [DUPLICATE, 'device "m1" in site "AMS1" already has a virtual chassis', { kind: 'dcim.virtualchassis', field: 'master', value: 'm1', fields: ['master'] }],
    ]);
    expect(briefs(r)).toEqual(['x.yaml:3:29 error resolve/duplicate-key']); // and no virtual-chassis-master for the second chassis
  });
  it('resolves the master and the members', () => {
    const x = `virtual_chassis:
  - { name: mlag1, domain: mlag-ams1, master: ams1/leaf3, tags: [production] }
devices:
  - { name: leaf3, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: mlag1, vc_position: 1, vc_priority: 200 }
  - { name: leaf4, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: mlag1, vc_position: 2 }
`;
    const of = cleanModel({ 'x.yaml': x });
    const [vc] = of('dcim.virtualchassis');
    expect(name(ref(vc, 'master'))).toBe('leaf3');
    expect(of('dcim.device').filter((d) => ref(d, 'virtual_chassis') === vc).map(name)).toEqual(['leaf3', 'leaf4']);
  });
});

describe('virtual device contexts', () => {
  it('reports a dangling device, and an interface naming a VDC its device does not have', () => {
    const x = `virtual_device_contexts:
  - { name: vdc9, device: leaf9, status: active }
  - { name: vdc1, device: leaf1, status: active }
interfaces:
  - { device: leaf2, name: et1, vdcs: [vdc1] }
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:27'],
      ['resolve/wrong-scope', 'x.yaml:5:40'],
    ]);
  });
  it('reports a duplicate name and a duplicate identifier within a device, not across devices', () => {
    const x = `virtual_device_contexts:
  - { name: vdc1, device: leaf1, identifier: 1, status: active }
  - { name: vdc1, device: leaf2, identifier: 1, status: active }
  - { name: vdc1, device: leaf1, identifier: 2, status: planned }
  - { name: vdc2, device: leaf1, identifier: 1, status: offline }
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:4:13'],
      [DUPLICATE, 'x.yaml:5:46'],
    ]);
  });
  it('resolves the device, and the VDCs an interface belongs to', () => {
    const x = `virtual_device_contexts:
  - { name: vdc1, device: leaf1, identifier: 1, status: active, tenant: netops }
  - { name: vdc2, device: leaf1, identifier: 2, status: planned }
interfaces:
  - { device: leaf1, name: et1, vdcs: [vdc1, vdc2] }
`;
    const of = cleanModel({ 'x.yaml': x });
    const [vdc1, vdc2] = of('dcim.virtualdevicecontext');
    expect(name(ref(vdc1, 'device'))).toBe('leaf1');
    expect(name(ref(vdc1, 'tenant'))).toBe('NetOps');
    const et1 = of('dcim.interface').find((i) => i.data.name === 'et1' && name(i.owner) === 'leaf1')!;
    expect(refs(et1, 'vdcs')).toEqual([vdc1, vdc2]);
  });
});

describe('MAC addresses', () => {
  it('reports a dangling interface, and a primary MAC address that does not exist', () => {
    const x = `mac_addresses:
  - { mac_address: "00:1c:73:00:00:01", assigned_object_type: dcim.interface, assigned_object: leaf1:et9 }
interfaces:
  - { device: leaf2, name: et1, primary_mac_address: "00:1c:73:00:00:02" }
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:96'],
      [DANGLING, 'x.yaml:4:54'],
    ]);
  });
  it('lets a MAC address repeat on one interface, on two interfaces and unassigned (NetBox keeps none unique)', () => {
    const x = `mac_addresses:
  - { mac_address: "00:1c:73:00:00:01", assigned_object_type: dcim.interface, assigned_object: leaf1:et1 }
  - { mac_address: "00:1c:73:00:00:01", assigned_object_type: dcim.interface, assigned_object: leaf2:et1 }
  - { mac_address: "00:1c:73:00:00:01", assigned_object_type: dcim.interface, assigned_object: { device: leaf1, name: et1 } }
  - { mac_address: "02:00:00:00:00:01" }
  - { mac_address: "02:00:00:00:00:01" }
`;
    const macs = clean('dcim.macaddress', { 'x.yaml': x });
    expect(macs.map((m) => [m.data.mac_address, ref(m, 'assigned_object') && end(ref(m, 'assigned_object')!)])).toEqual([
      ['00:1c:73:00:00:01', 'leaf1:et1'],
      ['00:1c:73:00:00:01', 'leaf2:et1'],
      ['00:1c:73:00:00:01', 'leaf1:et1'],
      ['02:00:00:00:00:01', undefined],
      ['02:00:00:00:00:01', undefined],
    ]);
  });
  it('reports a MAC address made primary for two interfaces', () => {
    const x = `mac_addresses:
  - { mac_address: "02:00:00:00:00:09" }
interfaces:
  - { device: leaf1, name: et1, primary_mac_address: "02:00:00:00:00:09" }
  - { device: leaf2, name: et1, primary_mac_address: "02:00:00:00:00:09" }
`;
    const r = compileFiles({ ...FIXTURES, 'x.yaml': x });
    expect(r.diagnostics.map((d) => [d.rule, d.message])).toEqual([[DUPLICATE, 'MAC address "02:00:00:00:00:09" already has an interface']]);
    expect(briefs(r)).toEqual(['x.yaml:5:54 error resolve/duplicate-key']);
  });
  it('resolves the interface, and the interface\'s primary MAC address', () => {
    const x = `mac_addresses:
  - { mac_address: "00:1c:73:00:00:01", assigned_object_type: dcim.interface, assigned_object: leaf1:et1, description: burned-in }
  - { mac_address: "02:1c:73:00:00:01", assigned_object_type: dcim.interface, assigned_object: leaf1:et1 }
interfaces:
  - { device: leaf1, name: et1, primary_mac_address: "00:1c:73:00:00:01" }
`;
    const of = cleanModel({ 'x.yaml': x });
    const [mac, other] = of('dcim.macaddress');
    const et1 = of('dcim.interface').find((i) => i.data.name === 'et1' && name(i.owner) === 'leaf1')!;
    expect(ref(mac, 'assigned_object')).toBe(et1);
    expect(ref(other, 'assigned_object')).toBe(et1);
    expect(ref(et1, 'primary_mac_address')).toBe(mac);
  });
});

const ROLES = 'inventory_item_roles:\n  - { name: Optic, slug: optic, color: 2196f3 }\n';

describe('inventory items (deprecated)', () => {
  it('reports a dangling device, role and parent, with a deprecation warning per item', () => {
    const x = `inventory_items:
  - { name: SFP 1, device: leaf9 }
  - { name: SFP 2, device: leaf1, role: optics }
  - { name: SFP 3, device: leaf1, parent: Chassis }
`;
    expect(short({ 'r.yaml': ROLES, 'x.yaml': x })).toEqual([
      [DEPRECATED, 'x.yaml:2:5'],
      [DANGLING, 'x.yaml:2:28'],
      [DEPRECATED, 'x.yaml:3:5'],
      [DANGLING, 'x.yaml:3:41'],
      [DEPRECATED, 'x.yaml:4:5'],
      [DANGLING, 'x.yaml:4:43'],
    ]);
  });
  it('lets top-level items of a device repeat a name, and items under different parents (NetBox: device, parent, name)', () => {
    const x = `inventory_items:
  - { name: SFP 1, device: leaf1 }
  - { name: SFP 1, device: leaf2 }
  - { name: SFP 1, device: leaf1 }
  - { name: Chassis, device: leaf1 }
  - { name: Fan tray, device: leaf1 }
  - { name: Fan, device: leaf1, parent: Chassis }
  - { name: Fan, device: leaf1, parent: Fan tray }
`;
    const warnings = [2, 3, 4, 5, 6, 7, 8].map((line) => `x.yaml:${line}:5 warning schema/deprecated`);
    const items = clean('dcim.inventoryitem', { 'x.yaml': x }, warnings);
    expect(items.map((i) => [name(i), name(ref(i, 'device')), name(ref(i, 'parent'))])).toEqual([
      ['SFP 1', 'leaf1', undefined],
      ['SFP 1', 'leaf2', undefined],
      ['SFP 1', 'leaf1', undefined],
      ['Chassis', 'leaf1', undefined],
      ['Fan tray', 'leaf1', undefined],
      ['Fan', 'leaf1', 'Chassis'],
      ['Fan', 'leaf1', 'Fan tray'],
    ]);
  });
  it('reports a name repeated under one parent item of a device', () => {
    const x = `inventory_items:
  - { name: Chassis, device: leaf1 }
  - { name: Fan, device: leaf1, parent: Chassis }
  - { name: Fan, device: leaf1, parent: Chassis }
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DEPRECATED, 'x.yaml:2:5'],
      [DEPRECATED, 'x.yaml:3:5'],
      [DEPRECATED, 'x.yaml:4:5'],
      [DUPLICATE, 'x.yaml:4:13'],
    ]);
  });
  it('resolves the device, role, manufacturer and parent item', () => {
    const x = `inventory_items:
  - { name: Chassis, device: leaf1, manufacturer: Acme, serial: ABC123 }
  - { name: SFP 1, device: leaf1, parent: Chassis, role: optic, part_id: SFP-10G-LR, status: active }
`;
    const warnings = ['x.yaml:2:5 warning schema/deprecated', 'x.yaml:3:5 warning schema/deprecated'];
    const [chassis, sfp] = clean('dcim.inventoryitem', { 'r.yaml': ROLES, 'x.yaml': x }, warnings);
    expect(name(ref(sfp, 'device'))).toBe('leaf1');
    expect(ref(sfp, 'parent')).toBe(chassis);
    expect(name(ref(sfp, 'role'))).toBe('Optic');
    expect(name(ref(chassis, 'manufacturer'))).toBe('Acme');
  });
});

describe('inventory item roles', () => {
  it('reports a dangling tag', () => {
    expect(short({ 'x.yaml': 'inventory_item_roles:\n  - name: Optic\n    slug: optic\n    tags: [prod]\n' })).toEqual([[DANGLING, 'x.yaml:4:12']]);
  });
  it('reports a duplicate name and a duplicate slug across the inventory', () => {
    const x = 'inventory_item_roles:\n  - { name: Optic, slug: optics }\n  - { name: Optics, slug: optic }\n';
    expect(short({ 'r.yaml': ROLES, 'x.yaml': x })).toEqual([
      [DUPLICATE, 'x.yaml:2:13'],
      [DUPLICATE, 'x.yaml:3:27'],
    ]);
  });
  it('resolves its tags, and items name it by name or slug', () => {
    const x = 'inventory_item_roles:\n  - { name: Fan, slug: fan, tags: [production] }\ninventory_items:\n  - { name: Fan 1, device: leaf1, role: Fan }\n';
    const [, fan] = clean('dcim.inventoryitemrole', { 'r.yaml': ROLES, 'x.yaml': x }, ['x.yaml:4:5 warning schema/deprecated']);
    expect(refs(fan, 'tags').map(name)).toEqual(['production']);
  });
});

const PROFILES = 'module_type_profiles:\n  - name: Power supply\n    schema:\n      properties:\n        wattage: { type: integer }\n';

describe('module type profiles', () => {
  it('reports a dangling tag, and a module type naming a profile that does not exist', () => {
    const x = 'module_type_profiles:\n  - name: Fan\n    tags: [prod]\nmodule_types:\n  - { manufacturer: Acme, model: FAN-1, profile: Fans }\n';
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:3:12'],
      [DANGLING, 'x.yaml:5:50'],
    ]);
  });
  it('reports a duplicate name', () => {
    expect(short({ 'p.yaml': PROFILES, 'x.yaml': 'module_type_profiles:\n  - name: Power supply\n' })).toEqual([[DUPLICATE, 'x.yaml:2:11']]);
  });
  it('resolves its tags, and module types name it', () => {
    const x = 'module_type_profiles:\n  - { name: Fan, tags: [production] }\nmodule_types:\n  - { manufacturer: Acme, model: PSU-800, profile: Power supply, attribute_data: { wattage: 800 } }\n';
    const of = cleanModel({ 'p.yaml': PROFILES, 'x.yaml': x });
    const [psu, fan] = of('dcim.moduletypeprofile');
    expect(refs(fan, 'tags').map(name)).toEqual(['production']);
    const psu800 = of('dcim.moduletype').find((t) => t.data.model === 'PSU-800')!;
    expect(ref(psu800, 'profile')).toBe(psu);
  });
});

describe('modules', () => {
  it('reports a dangling device, module bay and module type', () => {
    const x = `modules:
  - { device: spine9, module_bay: PSU 0, module_type: Acme/PSU-500 }
  - { device: spine1, module_bay: PSU 2, module_type: Acme/PSU-500 }
  - { device: spine1, module_bay: PSU 1, module_type: Acme/PSU-800 }
`;
    expect(short({ 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:15'],
      [DANGLING, 'x.yaml:3:35'],
      [DANGLING, 'x.yaml:4:55'],
    ]);
  });
  it('reports two modules in one bay, however the bay is written', () => {
    const x = `modules:
  - { device: spine1, module_bay: PSU 0, module_type: Acme/PSU-500 }
  - { device: spine1, module_bay: { device: spine1, name: PSU 0 }, module_type: Acme/PSU-500 }
`;
    expect(short({ 'x.yaml': x })).toEqual([[DUPLICATE, 'x.yaml:3:35']]);
  });
  it('resolves, and adds the module type\'s power port named by the bay position', () => {
    const x = `modules:
  - { device: spine1, module_bay: PSU 0, module_type: Acme/PSU-500, status: active, serial: PSU0001 }
  - { device: spine1, module_bay: PSU 1, module_type: acme/PSU-500, status: planned }
`;
    const of = cleanModel({ 'x.yaml': x });
    const [m0, m1] = of('dcim.module');
    expect(name(ref(m0, 'device'))).toBe('spine1');
    expect(name(ref(m0, 'module_bay'))).toBe('PSU 0');
    expect(name(ref(m1, 'module_bay'))).toBe('PSU 1');
    expect(name(ref(m1, 'module_type'))).toBe('PSU-500');
    const ports = of('dcim.powerport').filter((p) => p.owner === ref(m0, 'device'));
    expect(ports.map((p) => [p.data.name, p.data.maximum_draw])).toEqual([
      ['0', 500],
      ['1', 500],
    ]);
  });
});

const CIRCUITS = `providers:
  - { name: Example Transit, slug: example-transit }
circuit_types:
  - { name: Transit, slug: transit }
circuits:
  - { cid: EXT-1, provider: example-transit, type: transit }
circuit_terminations:
  - { circuit: EXT-1, term_side: A, termination_type: dcim.site, termination: ams1 }
`;
const POWER = 'power_panels:\n  - { name: PP-A, site: ams1 }\npower_feeds:\n  - { name: feed-1, power_panel: ams1/PP-A, rack: ams1/R1 }\n';

describe('cables', () => {
  it('reports dangling ends: an interface, a console port, a circuit termination and a power feed', () => {
    const x = `cables:
  - { a: leaf1:et1, b: leaf2:et9 }
  - a_terminations: [{ device: con1, console_server_port: Port 1 }]
    b_terminations: [{ device: leaf1, console_port: console }]
  - { a: spine1:et1, b: { circuit: EXT-1, term_side: Z } }
  - { a: { device: pdu1, power_port: Inlet }, b: { power_panel: ams1/PP-A, power_feed: feed-2 } }
`;
    expect(short({ 'c.yaml': CIRCUITS, 'p.yaml': POWER, 'x.yaml': x })).toEqual([
      [DANGLING, 'x.yaml:2:24'],
      [DANGLING, 'x.yaml:4:53'],
      [DANGLING, 'x.yaml:5:25'],
      [DANGLING, 'x.yaml:6:50'],
    ]);
  });
  it('lets labels repeat (NetBox keeps none unique)', () => {
    const x = 'cables:\n  - { a: leaf1:et1, b: leaf2:et1, label: C-0001 }\n  - { a: leaf1:et2, b: leaf2:et2, label: C-0001 }\n  - { a: leaf1:mgmt, b: leaf2:mgmt }\n  - { a: spine1:et1, b: spine1:et2 }\n';
    const cables = clean('dcim.cable', { 'x.yaml': x });
    expect(cables.map((c) => [c.data.label, refs(c, 'a_terminations').map(end), refs(c, 'b_terminations').map(end)])).toEqual([
      ['C-0001', ['leaf1:et1'], ['leaf2:et1']],
      ['C-0001', ['leaf1:et2'], ['leaf2:et2']],
      [undefined, ['leaf1:mgmt'], ['leaf2:mgmt']],
      [undefined, ['spine1:et1'], ['spine1:et2']],
    ]);
  });
  it('resolves interfaces, console, power and front ports, circuit terminations and power feeds', () => {
    const x = `modules:
  - { device: spine1, module_bay: PSU 0, module_type: Acme/PSU-500 }
cables:
  - { a: leaf1:et1, b: spine1:et1, type: smf-os2, color: ffeb3b, length: 2.5, length_unit: m, label: C-0001, status: connected, tenant: netops }
  - a_terminations: [{ device: con1, console_server_port: Port 1 }]
    b_terminations: [{ device: leaf1, console_port: con }]
    type: cat6
  - { a: { device: pdu1, power_port: Inlet }, b: { power_panel: ams1/PP-A, power_feed: feed-1 }, type: power }
  - { a: { device: pdu1, power_outlet: '1' }, b: { device: spine1, power_port: '0' }, type: power }
  - { a: { device: pp1, rear_port: R1 }, b: { device: pp2, rear_port: R1 }, type: smf }
  - a_terminations: [{ device: pp1, front_port: '1' }, { device: pp1, front_port: '2' }]
    b_terminations: [spine1:et2, leaf2:et1]
  - { a: leaf2:et2, b: { circuit: example-transit/EXT-1, term_side: A }, label: XC-0001 }
`;
    const [fibre, console, feed, psu, trunk, patch, xc] = clean('dcim.cable', { 'c.yaml': CIRCUITS, 'p.yaml': POWER, 'x.yaml': x });
    expect([refs(fibre, 'a_terminations').map(end), refs(fibre, 'b_terminations').map(end)]).toEqual([['leaf1:et1'], ['spine1:et1']]);
    expect(name(ref(fibre, 'tenant'))).toBe('NetOps');
    expect(refs(console, 'a_terminations').map((o) => o.kind.kind)).toEqual(['dcim.consoleserverport']);
    expect(refs(console, 'b_terminations').map((o) => o.kind.kind)).toEqual(['dcim.consoleport']);
    expect(refs(feed, 'a_terminations').map((o) => o.kind.kind)).toEqual(['dcim.powerport']);
    expect(refs(feed, 'b_terminations').map((o) => [o.kind.kind, name(o), name(ref(o, 'power_panel'))])).toEqual([['dcim.powerfeed', 'feed-1', 'PP-A']]);
    expect(refs(psu, 'b_terminations').map(end)).toEqual(['spine1:0']); // the module's power port
    expect(refs(trunk, 'a_terminations').map((o) => o.kind.kind)).toEqual(['dcim.rearport']);
    expect(refs(patch, 'a_terminations').map(end)).toEqual(['pp1:1', 'pp1:2']);
    expect(refs(patch, 'b_terminations').map(end)).toEqual(['spine1:et2', 'leaf2:et1']);
    const term = refs(xc, 'b_terminations')[0];
    expect([term.kind.kind, term.data.term_side, name(ref(term, 'circuit'))]).toEqual(['circuits.circuittermination', 'A', 'EXT-1']);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type CompileResult } from '../../src/compile.js';
import { convertNetBoxDemo } from './netbox-demo.js';

// NetBox's own demo data (netbox-demo-data, MIT), converted into an inventory, must compile as NetBox
// took it: every object there, and no errors. The corpus lives beside the repository (../shared); a
// clone without it skips this test, CI has it.
const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'netbox-demo-data');
const present = existsSync(CORPUS);
if (!present) console.warn(`skipping the netbox-demo conformance test: no corpus at ${CORPUS}`);

/** The kinds the demo data holds, with their number of objects in the dump (NetBox's model labels are sot's kind ids). */
const KINDS = [
  'circuits.circuit',
  'circuits.circuittermination',
  'circuits.circuittype',
  'circuits.provider',
  'circuits.providernetwork',
  'dcim.cable',
  'dcim.consoleport',
  'dcim.devicebay',
  'dcim.devicerole',
  'dcim.devicetype',
  'dcim.device',
  'dcim.frontport',
  'dcim.interface',
  'dcim.location',
  'dcim.manufacturer',
  'dcim.modulebay',
  'dcim.moduletype',
  'dcim.module',
  'dcim.platform',
  'dcim.powerfeed',
  'dcim.poweroutlet',
  'dcim.powerpanel',
  'dcim.powerport',
  'dcim.rackreservation',
  'dcim.rackrole',
  'dcim.rack',
  'dcim.rearport',
  'dcim.region',
  'dcim.sitegroup',
  'dcim.site',
  'dcim.virtualchassis',
  'extras.customfield',
  'extras.tag',
  'ipam.aggregate',
  'ipam.asn',
  'ipam.ipaddress',
  'ipam.iprange',
  'ipam.prefix',
  'ipam.rir',
  'ipam.role',
  'ipam.routetarget',
  'ipam.vlangroup',
  'ipam.vlan',
  'ipam.vrf',
  'tenancy.contactassignment',
  'tenancy.contactgroup',
  'tenancy.contactrole',
  'tenancy.contact',
  'tenancy.tenantgroup',
  'tenancy.tenant',
  'virtualization.clustergroup',
  'virtualization.clustertype',
  'virtualization.cluster',
  'virtualization.virtualmachine',
  'virtualization.vminterface',
];

describe.skipIf(!present)('netbox-demo corpus', () => {
  let dump: { model: string }[] = [];
  let result: CompileResult;
  beforeAll(() => {
    dump = JSON.parse(readFileSync(join(CORPUS, 'netbox-demo-v3.6.json'), 'utf8'));
    const files = convertNetBoxDemo(dump);
    result = compile(Object.entries(files).map(([file, text]) => ({ file, text })));
  }, 120_000);

  it('holds every object of the demo data, kind by kind', () => {
    const inDump: Record<string, number> = {};
    const inModel: Record<string, number> = {};
    for (const kind of KINDS) {
      inDump[kind] = dump.filter((r) => r.model === kind).length;
      inModel[kind] = result.model.byKind.get(kind)?.length ?? 0;
    }
    expect(inDump).toMatchObject({
      'dcim.device': 72,
      'dcim.interface': 1586,
      'dcim.frontport': 912,
      'dcim.rearport': 630,
      'dcim.cable': 108,
      'ipam.ipaddress': 180,
      'ipam.vlan': 63,
      'ipam.vlangroup': 7,
      'circuits.circuit': 29,
      'circuits.circuittermination': 45,
      'virtualization.cluster': 32,
      'virtualization.virtualmachine': 180,
      'virtualization.vminterface': 720,
      'dcim.powerfeed': 48,
      'dcim.devicetype': 14,
      'dcim.module': 4,
      'dcim.virtualchassis': 4,
    });
    expect(inModel).toEqual(inDump);
  });

  it('compiles with no errors, as NetBox accepted all of it', () => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.location.file}:${d.location.range?.start.line} ${d.rule} ${d.message}`)).toEqual([]);
  });
});

// The converter itself, on a few hand-made rows of a dump (out of pk order, as dumps may be).
const INTERFACE = { custom_field_data: {}, label: '', description: '', module: null, mark_connected: false, enabled: true, mac_address: null, mtu: null, mode: '', parent: null, bridge: null, lag: null, mgmt_only: false, speed: null, duplex: null, wwn: null, rf_role: '', rf_channel: '', rf_channel_frequency: null, rf_channel_width: null, tx_power: null, poe_mode: '', poe_type: '', untagged_vlan: null, vrf: null, vdcs: [], wireless_lans: [], tagged_vlans: [] };
const DEVICE = { custom_field_data: {}, description: '', comments: '', local_context_data: null, device_type: 1, role: 1, tenant: null, platform: null, serial: '', asset_tag: null, site: 1, location: null, rack: 1, face: 'front', status: 'active', airflow: '', primary_ip4: null, primary_ip6: null, cluster: null, virtual_chassis: null, vc_position: null, vc_priority: null };
const ROWS = [
  { model: 'extras.tag', pk: 1, fields: { name: 'Production', slug: 'production', color: 'aa1409', description: '' } },
  { model: 'extras.taggeditem', pk: 1, fields: { content_type: ['dcim', 'site'], object_id: 1, tag: 1 } },
  { model: 'dcim.manufacturer', pk: 1, fields: { custom_field_data: {}, name: 'Acme', slug: 'acme', description: '' } },
  { model: 'dcim.devicerole', pk: 1, fields: { custom_field_data: {}, name: 'Leaf', slug: 'leaf', description: '', color: '4caf50', vm_role: false } },
  { model: 'dcim.devicetype', pk: 1, fields: { custom_field_data: {}, description: '', comments: '', weight: null, weight_unit: '', manufacturer: 1, model: 'X-4', slug: 'acme-x-4', part_number: '', u_height: '1.0', is_full_depth: true, subdevice_role: '', airflow: '', front_image: '', rear_image: '' } },
  { model: 'dcim.interfacetemplate', pk: 2, fields: { name: 'et2', label: '', description: '', device_type: 1, module_type: null, type: '10gbase-x-sfpp', mgmt_only: false, poe_mode: '', poe_type: '' } },
  { model: 'dcim.interfacetemplate', pk: 1, fields: { name: 'et1', label: '', description: '', device_type: 1, module_type: null, type: '10gbase-x-sfpp', mgmt_only: false, poe_mode: '', poe_type: '' } },
  { model: 'dcim.site', pk: 1, fields: { custom_field_data: {}, description: '', comments: '', name: 'AMS1', slug: 'ams1', status: 'active', region: null, group: null, tenant: null, facility: '', time_zone: null, physical_address: '', shipping_address: '', latitude: null, longitude: null, asns: [] } },
  { model: 'dcim.rack', pk: 1, fields: { custom_field_data: {}, description: '', comments: '', name: 'R1', facility_id: null, site: 1, location: null, tenant: null, status: 'active', role: null, serial: '', asset_tag: null, type: '4-post-cabinet', width: 19, u_height: 42, desc_units: false, outer_width: null, outer_depth: null, outer_unit: '', max_weight: null, weight: null, weight_unit: '', mounting_depth: null } },
  { model: 'dcim.device', pk: 2, fields: { ...DEVICE, name: null, position: '2.0' } },
  { model: 'dcim.device', pk: 1, fields: { ...DEVICE, name: 'leaf1', position: '1.0' } },
  { model: 'dcim.interface', pk: 1, fields: { ...INTERFACE, device: 1, name: 'et1', type: '10gbase-x-sfpp' } },
  { model: 'dcim.interface', pk: 2, fields: { ...INTERFACE, device: 1, name: 'et2', type: '10gbase-x-sfpp', mtu: 9216, description: 'to the patch panel' } },
  { model: 'dcim.interface', pk: 3, fields: { ...INTERFACE, device: 1, name: 'lo0', type: 'virtual' } },
  { model: 'dcim.interface', pk: 4, fields: { ...INTERFACE, device: 2, name: 'et1', type: '10gbase-x-sfpp' } },
  { model: 'dcim.cable', pk: 1, fields: { custom_field_data: {}, description: '', comments: '', type: '', status: 'connected', tenant: null, label: '', color: '', length: null, length_unit: '' } },
  { model: 'dcim.cabletermination', pk: 2, fields: { cable: 1, cable_end: 'B', termination_type: ['dcim', 'interface'], termination_id: 4, _device: 2, _rack: 1, _location: null, _site: 1 } },
  { model: 'dcim.cabletermination', pk: 1, fields: { cable: 1, cable_end: 'A', termination_type: ['dcim', 'interface'], termination_id: 2, _device: 1, _rack: 1, _location: null, _site: 1 } },
  { model: 'ipam.ipaddress', pk: 1, fields: { custom_field_data: {}, description: '', comments: '', address: '192.0.2.1/24', vrf: null, tenant: null, status: 'active', role: '', assigned_object_type: null, assigned_object_id: null, nat_inside: null, dns_name: '' } },
  { model: 'sessions.session', pk: 'x', fields: { session_data: '', expire_date: '2023-01-01T00:00:00Z' } },
];

describe('convertNetBoxDemo', () => {
  it('writes device types in the library format, only what differs under devices, blank text as written, unnamed devices by rack position', () => {
    expect(convertNetBoxDemo(ROWS)).toEqual({
      'sot.yaml': 'format: 1\nname: netbox-demo\n',
      'device-types/Acme/X-4.yaml': `manufacturer: Acme
model: X-4
slug: acme-x-4
part_number: ''
u_height: 1
is_full_depth: true
description: ''
comments: ''
interfaces:
  - name: et1
    label: ''
    type: 10gbase-x-sfpp
    mgmt_only: false
    description: ''
  - name: et2
    label: ''
    type: 10gbase-x-sfpp
    mgmt_only: false
    description: ''
`,
      'ipam/ip-addresses.yaml': `ip_addresses:
  - address: 192.0.2.1/24
    status: active
    dns_name: ''
    description: ''
    comments: ''
`,
      'organization/organization.yaml': `manufacturers:
  - name: Acme
    slug: acme
    description: ''
device_roles:
  - name: Leaf
    slug: leaf
    color: 4caf50
    vm_role: false
    description: ''
`,
      'organization/tags.yaml': `tags:
  - name: Production
    slug: production
    color: aa1409
    description: ''
`,
      'sites/ams1.yaml': `sites:
  - name: AMS1
    slug: ams1
    status: active
    facility: ''
    physical_address: ''
    shipping_address: ''
    description: ''
    comments: ''
    tags:
      - production
racks:
  - name: R1
    site: AMS1
    status: active
    serial: ''
    form_factor: 4-post-cabinet
    width: 19
    u_height: 42
    desc_units: false
    description: ''
    comments: ''
devices:
  - name: leaf1
    device_type: Acme/X-4
    role: Leaf
    serial: ''
    site: AMS1
    rack: R1
    position: 1
    face: front
    status: active
    description: ''
    comments: ''
    interfaces:
      - name: et2
        mtu: 9216
        description: to the patch panel
      - name: lo0
        label: ''
        type: virtual
        enabled: true
        mgmt_only: false
        mark_connected: false
        description: ''
  - device_type: Acme/X-4
    role: Leaf
    serial: ''
    site: AMS1
    rack: R1
    position: 2
    face: front
    status: active
    description: ''
    comments: ''
    interfaces:
      - name: et2
        remove: true
cables:
  - a: leaf1:et2
    b:
      device:
        site: AMS1
        rack: R1
        position: 2
        face: front
      interface: et1
    status: connected
    label: ''
    color: ''
    description: ''
    comments: ''
`,
    });
  });
});

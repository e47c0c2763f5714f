import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorktree } from '../../src/compile-worktree.js';
import { netboxExport, netboxExportStreams, naturalCompare, type ExportFile } from '../../src/outputs/netbox-export.js';
import { compileFiles } from '../helpers/compile.js';

// One object per entry, so that the order of files (and of objects) can be shuffled freely.
const ENTRIES: [string, string][] = [
  ['regions', '{ name: Europe, slug: europe }'],
  ['sites', '{ name: AMS1, slug: ams1, region: europe, status: active }'],
  ['racks', '{ name: R101, site: ams1, facility_id: F-101, u_height: 42 }'],
  ['manufacturers', '{ name: Acme, slug: acme }'],
  ['device_roles', '{ name: Leaf, slug: leaf }'],
  ['devices', '{ name: leaf1, device_type: Acme/X-1, role: leaf, site: ams1, rack: R101, position: 10, face: front, status: active, interfaces: [{ name: et1, description: uplink, ip_addresses: [10.0.0.1/31] }] }'],
  ['devices', '{ name: leaf2, device_type: Acme/X-1, role: leaf, site: ams1 }'],
  ['cables', '{ a: "leaf1:et1", b: "leaf2:et1", type: cat6, label: C-1 }'],
  ['vlans', '{ name: Data, vid: 100, site: ams1 }'],
  ['prefixes', '{ prefix: 10.0.0.0/31, vlan: Data, scope_type: dcim.site, scope: ams1, status: active }'],
  ['virtual_machines', '{ name: vm1, site: ams1, status: active, interfaces: [{ name: eth0 }] }'],
];

const DEVICE_TYPE = 'manufacturer: Acme\nmodel: X-1\nslug: acme-x-1\nu_height: 1\ninterfaces:\n  - { name: et1, type: 1000base-t }\n  - { name: et2, type: 1000base-t }\n';

/** The inventory with its entries in the given order, one file each, named by position. */
function inventory(order: number[]): Record<string, string> {
  const files: Record<string, string> = { 'device-types/acme-x-1.yaml': DEVICE_TYPE };
  order.forEach((entry, i) => {
    const [collection, item] = ENTRIES[entry];
    files[`f${String(i).padStart(2, '0')}.yaml`] = `${collection}:\n  - ${item}\n`;
  });
  return files;
}

function exportOf(files: Record<string, string>): ExportFile[] {
  const r = compileFiles(files);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return netboxExport(r.model);
}

const identity = ENTRIES.map((_, i) => i);
const file = (files: ExportFile[], path: string): any => JSON.parse(files.find((f) => f.path === path)!.text);

const SITE = { id: 1, url: '/api/dcim/sites/1/', display: 'AMS1', name: 'AMS1', slug: 'ams1', description: null };
const LEAF1 = { id: 1, url: '/api/dcim/devices/1/', display: 'leaf1', name: 'leaf1', description: null };
const LEAF2 = { id: 2, url: '/api/dcim/devices/2/', display: 'leaf2', name: 'leaf2', description: null };
const CABLE = { id: 1, url: '/api/dcim/cables/1/', display: 'C-1', label: 'C-1', description: null };
const ET1 = { id: 1, url: '/api/dcim/interfaces/1/', display: 'et1', device: LEAF1, name: 'et1', description: 'uplink', cable: CABLE, _occupied: true };

describe('netboxExport', () => {
  const files = exportOf(inventory(identity));

  it('writes meta.json first, then one file per endpoint in path order', () => {
    expect(files.map((f) => f.path)).toEqual([
      'meta.json',
      'dcim/cables.json',
      'dcim/device-roles.json',
      'dcim/device-types.json',
      'dcim/devices.json',
      'dcim/interfaces.json',
      'dcim/manufacturers.json',
      'dcim/racks.json',
      'dcim/regions.json',
      'dcim/sites.json',
      'ipam/ip-addresses.json',
      'ipam/prefixes.json',
      'ipam/vlans.json',
      'virtualization/interfaces.json',
      'virtualization/virtual-machines.json',
    ]);
    const meta = file(files, 'meta.json');
    expect(Object.keys(meta)).toEqual(['sot_export_version', 'netbox_version', 'endpoints']);
    expect(meta.sot_export_version).toBe(1);
    expect(meta.netbox_version).toBe('4.6');
    expect(meta.endpoints['dcim/interfaces']).toEqual({ kind: 'dcim.interface', count: 4 });
  });

  it('gives a site its region as a brief, choices as {value, label}, unwritten fields as null or []', () => {
    expect(file(files, 'dcim/sites.json')).toEqual([
      {
        ...{ id: 1, url: '/api/dcim/sites/1/', display: 'AMS1', name: 'AMS1', slug: 'ams1' },
        status: { value: 'active', label: 'Active' },
        region: { id: 1, url: '/api/dcim/regions/1/', display: 'Europe', name: 'Europe', slug: 'europe', description: null, _depth: 0 },
        ...{ group: null, tenant: null, asns: [], facility: null, time_zone: null, physical_address: null, shipping_address: null },
        ...{ latitude: null, longitude: null, description: null, comments: null, tags: [], custom_fields: {} },
      },
    ]);
  });

  it('gives a device its type, role, site and rack as briefs, as NetBox displays them', () => {
    const [leaf1] = file(files, 'dcim/devices.json');
    expect(leaf1).toMatchObject({
      ...LEAF1,
      device_type: {
        id: 1,
        url: '/api/dcim/device-types/1/',
        display: 'X-1',
        manufacturer: { id: 1, url: '/api/dcim/manufacturers/1/', display: 'Acme', name: 'Acme', slug: 'acme', description: null },
        model: 'X-1',
        slug: 'acme-x-1',
        description: null,
      },
      role: { id: 1, url: '/api/dcim/device-roles/1/', display: 'Leaf', name: 'Leaf', slug: 'leaf', description: null, _depth: 0 },
      site: SITE,
      location: null,
      rack: { id: 1, url: '/api/dcim/racks/1/', display: 'R101 (F-101)', name: 'R101', description: null },
      position: 10,
      face: { value: 'front', label: 'Front' },
      status: { value: 'active', label: 'Active' },
      primary_ip4: null,
    });
    // Components are endpoints of their own, not lists under the device.
    expect(Object.keys(leaf1)).not.toContain('interfaces');
  });

  it('exports every interface of a device: written ones and those only its device type defines', () => {
    const interfaces = file(files, 'dcim/interfaces.json');
    expect(interfaces.map((i: any) => [i.id, i.device.display, i.name, i.type?.value, i.cable?.display ?? null])).toEqual([
      [1, 'leaf1', 'et1', '1000base-t', 'C-1'],
      [2, 'leaf1', 'et2', '1000base-t', null],
      [3, 'leaf2', 'et1', '1000base-t', 'C-1'],
      [4, 'leaf2', 'et2', '1000base-t', null],
    ]);
    expect(interfaces[0]).toMatchObject({ ...ET1, type: { value: '1000base-t', label: '1000BASE-T (1GE)' }, tagged_vlans: [], tags: [], custom_fields: {} });
    expect(Object.keys(interfaces[0])).not.toContain('ip_addresses');
    expect(Object.keys(interfaces[0]).slice(-2)).toEqual(['cable', '_occupied']);
  });

  it('gives a cable its ends as NetBox lists terminations', () => {
    const [cable] = file(files, 'dcim/cables.json');
    expect(cable.type).toEqual({ value: 'cat6', label: 'CAT6' });
    expect(cable.a_terminations).toEqual([{ object_type: 'dcim.interface', object_id: 1, object: ET1 }]);
    expect(cable.b_terminations).toEqual([
      { object_type: 'dcim.interface', object_id: 3, object: { ...ET1, id: 3, url: '/api/dcim/interfaces/3/', device: LEAF2, description: null } },
    ]);
  });

  it('gives an IP address its family and its interface as type, id and brief', () => {
    expect(file(files, 'ipam/ip-addresses.json')).toEqual([
      {
        ...{ id: 1, url: '/api/ipam/ip-addresses/1/', display: '10.0.0.1/31', family: { value: 4, label: 'IPv4' }, address: '10.0.0.1/31' },
        ...{ vrf: null, tenant: null, status: null, role: null },
        ...{ assigned_object_type: 'dcim.interface', assigned_object_id: 1, assigned_object: ET1 },
        ...{ nat_inside: null, dns_name: null, description: null, comments: null, tags: [], custom_fields: {} },
      },
    ]);
  });

  it('writes a prefix with its scope and VLAN, byte for byte', () => {
    const vlan = '{\n      "id": 1,\n      "url": "/api/ipam/vlans/1/",\n      "display": "Data (100)",\n      "vid": 100,\n      "name": "Data",\n      "description": null\n    }';
    const site = '{\n      "id": 1,\n      "url": "/api/dcim/sites/1/",\n      "display": "AMS1",\n      "name": "AMS1",\n      "slug": "ams1",\n      "description": null\n    }';
    expect(files.find((f) => f.path === 'ipam/prefixes.json')!.text).toBe(
      '[\n  {\n    "id": 1,\n    "url": "/api/ipam/prefixes/1/",\n    "display": "10.0.0.0/31",\n' +
        '    "family": {\n      "value": 4,\n      "label": "IPv4"\n    },\n    "prefix": "10.0.0.0/31",\n    "vrf": null,\n' +
        `    "scope_type": "dcim.site",\n    "scope_id": 1,\n    "scope": ${site},\n    "vlan": ${vlan},\n    "tenant": null,\n` +
        '    "status": {\n      "value": "active",\n      "label": "Active"\n    },\n    "role": null,\n    "is_pool": null,\n' +
        '    "mark_utilized": null,\n    "description": null,\n    "comments": null,\n    "tags": [],\n    "custom_fields": {}\n  }\n]\n',
    );
  });

  it('gives a VM its site, and its interfaces their virtual machine', () => {
    const [vm] = file(files, 'virtualization/virtual-machines.json');
    expect(vm).toMatchObject({ id: 1, display: 'vm1', status: { value: 'active', label: 'Active' }, site: SITE, cluster: null });
    expect(file(files, 'virtualization/interfaces.json')[0]).toMatchObject({
      id: 1,
      url: '/api/virtualization/interfaces/1/',
      display: 'eth0',
      name: 'eth0',
      virtual_machine: { id: 1, url: '/api/virtualization/virtual-machines/1/', display: 'vm1', name: 'vm1', description: null },
    });
  });

  it('gives the same bytes whatever the order of files and objects', () => {
    const expected = files.map((f) => `${f.path}\n${f.text}`);
    fc.assert(
      fc.property(fc.shuffledSubarray(identity, { minLength: identity.length, maxLength: identity.length }), (order) => {
        expect(exportOf(inventory(order)).map((f) => `${f.path}\n${f.text}`)).toEqual(expected);
      }),
      { numRuns: 6, seed: 10 },
    );
  });

  it('numbers objects by their natural key, not by where they are written', () => {
    // Two devices written in reverse order still get ids by name.
    const reversed = exportOf(inventory([...identity].reverse()));
    expect(file(reversed, 'dcim/devices.json').map((d: any) => [d.id, d.name])).toEqual([
      [1, 'leaf1'],
      [2, 'leaf2'],
    ]);
  });
});

describe('naturalCompare', () => {
  it('orders digit runs by value', () => {
    expect(['Ethernet10', 'Ethernet2', 'Ethernet1/10', 'Ethernet1/9', 'eth0'].sort(naturalCompare)).toEqual(['Ethernet1/9', 'Ethernet1/10', 'Ethernet2', 'Ethernet10', 'eth0']);
  });

  it('is a total order: antisymmetric, and zero only for equal text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '0', '1', '9', '/') }), fc.string({ unit: fc.constantFrom('a', 'b', '0', '1', '9', '/') }), (a, b) => {
        expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0);
        expect(naturalCompare(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('netboxExport of inventory-example', () => {
  it('exports every object, and every nested reference names an exported object of its endpoint', async () => {
    const { result } = await compileWorktree(new URL('../../inventory-example', import.meta.url).pathname);
    const files = netboxExport(result.model);
    const meta = JSON.parse(files[0].text);
    const byUrl = new Map<string, any>();
    let total = 0;
    for (const f of files.slice(1)) {
      const endpoint = f.path.replace(/\.json$/, '');
      const list = JSON.parse(f.text);
      expect(meta.endpoints[endpoint].count).toBe(list.length);
      expect(list.map((o: any) => o.id)).toEqual(list.map((_: unknown, i: number) => i + 1));
      for (const o of list) {
        expect(o.url).toBe(`/api/${endpoint}/${o.id}/`);
        byUrl.set(o.url, o);
      }
      // Written an object at a time, the text is still exactly JSON.stringify(…, null, 2) and a newline.
      expect(f.text).toBe(`${JSON.stringify(list, null, 2)}\n`);
      total += list.length;
    }
    expect(total).toBe(result.model.objects.length);
    // The streams give the same bytes in parts, one per object.
    const streams = netboxExportStreams(result.model);
    expect(streams.map((s) => s.path)).toEqual(files.map((f) => f.path));
    const interfaces = streams.find((s) => s.path === 'dcim/interfaces.json')!;
    expect([...interfaces.parts()].length).toBe(meta.endpoints['dcim/interfaces'].count);
    expect(streams.map((s) => [...s.parts()].join(''))).toEqual(files.map((f) => f.text));
    // Every brief inside an object (at any depth) is one of the exported objects, with its display.
    let checked = 0;
    const walk = (v: unknown, top: boolean): void => {
      if (Array.isArray(v)) v.forEach((x) => walk(x, false));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (!top && typeof o.url === 'string') {
          const target = byUrl.get(o.url);
          expect(target, o.url).toBeDefined();
          expect(o.id).toBe(target.id);
          expect(o.display).toBe(target.display);
          checked++;
        }
        for (const [k, x] of Object.entries(o)) if (k !== 'custom_fields' && k !== 'local_context_data') walk(x, false);
      }
    };
    for (const o of byUrl.values()) walk(o, true);
    expect(checked).toBeGreaterThan(1000);
    // NetBox's display where it is more than a name.
    const displays = (endpoint: string): string[] => JSON.parse(files.find((f) => f.path === `${endpoint}.json`)!.text).map((o: any) => o.display);
    expect(displays('circuits/circuit-terminations').slice(0, 2)).toEqual(['AF-DF-000417: Termination A', 'AF-DF-000417: Termination Z']);
    expect(displays('circuits/virtual-circuit-terminations')).toEqual(['MCS-EVPL-55120: Peer termination', 'MCS-EVPL-55120: Peer termination']);
    expect(displays('dcim/racks')[0]).toBe('A01 (IAD1.DH2.C117.A01)');
    expect(displays('ipam/asns')[0]).toBe('AS64496');
    // Polymorphic references: the type names the endpoint's kind, the id the object.
    const kindOf = new Map(Object.entries<any>(meta.endpoints).map(([e, m]) => [m.kind, e]));
    for (const o of byUrl.values()) {
      for (const [k, v] of Object.entries<any>(o)) {
        if (!k.endsWith('_type') || typeof v !== 'string' || !(`${k.slice(0, -5)}` in o)) continue;
        const target = o[k.slice(0, -5)];
        expect(target.url, `${o.url} ${k}`).toBe(`/api/${kindOf.get(v)}/${o[`${k.slice(0, -5)}_id`]}/`);
      }
    }
  }, 120000);
});


import { describe, expect, it } from 'vitest';
import { displayName, ref, refs, type Obj } from '../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from './helpers/compile.js';

const diags = (files: Record<string, string>) =>
  compileFiles(files).diagnostics.map((d) => ({
    rule: d.rule,
    at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`,
    message: d.message,
    related: d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`),
    data: d.data,
  }));

const DT = { 'device-types/Acme/X-4.yaml': DEVICE_TYPE };
const device = (extra = '') => `devices:\n  - name: leaf1\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n${extra}`;

describe('references', () => {
  it('resolves names and slugs', () => {
    const r = compileFiles({ 'base.yaml': BASE, ...DT, 'd.yaml': device() });
    expect(briefs(r)).toEqual([]);
    const dev = r.model.byKind.get('dcim.device')![0];
    expect(displayName(ref(dev, 'site')!)).toBe('AMS1');
    expect(displayName(ref(dev, 'device_type')!)).toBe('X-4');
    expect(displayName(ref(ref(dev, 'site')!, 'region')!)).toBe('Europe');
  });

  it('reports a dangling reference with did-you-mean candidates', () => {
    expect(diags({ 'base.yaml': BASE, 'r.yaml': 'racks:\n  - name: R1\n    site: amss1\n' })).toEqual([
      { rule: 'resolve/dangling-reference', at: 'r.yaml:3:11', message: 'no site "amss1"; did you mean "ams1"?', related: undefined, data: { kind: 'dcim.site', value: 'amss1', candidates: ['ams1', 'ams2'] } },
    ]);
  });

  it('reports a scope that does not resolve once, not again at each reference to what it scopes', () => {
    const v = 'vlan_groups:\n  - { name: G1, slug: g1, scope_type: dcim.site, scope: nosuch }\nvlans:\n  - { vid: 10, name: v10, group: g1 }\n';
    const d = device('    interfaces:\n      - { name: et1, mode: access, untagged_vlan: {group: g1, name: v10} }\n');
    expect(diags({ 'base.yaml': BASE, ...DT, 'v.yaml': v, 'd.yaml': d }).map((x) => [x.rule, x.at, x.message])).toEqual([
      ['resolve/dangling-reference', 'v.yaml:2:57', 'no site "nosuch"'],
    ]);
    // A name no object bears is still reported.
    expect(diags({ 'base.yaml': BASE, 'v.yaml': v.replace('group: g1', 'group: g2') }).map((x) => [x.rule, x.at])).toEqual([
      ['resolve/dangling-reference', 'v.yaml:2:57'],
      ['resolve/dangling-reference', 'v.yaml:4:34'],
    ]);
  });

  it('reports a duplicate natural key at the second object, naming the first', () => {
    expect(diags({ 'a.yaml': 'sites:\n  - {name: AMS1, slug: ams1}\n', 'b.yaml': 'sites:\n  - {name: AMS1, slug: ams1-b}\n' })).toEqual([
      { rule: 'resolve/duplicate-key', at: 'b.yaml:2:12', message: 'duplicate site name "AMS1"', related: ['a.yaml:2:12'], data: { kind: 'dcim.site', field: 'name', value: 'AMS1', fields: ['name'] } },
    ]);
  });

  it('scopes names: the same location name in two sites is fine, a rack must use a location of its site', () => {
    const files = {
      'base.yaml': BASE,
      'l.yaml': 'locations:\n  - {name: Hall 1, slug: hall-1, site: ams1}\n  - {name: Hall 1, slug: hall-1, site: ams2}\n  - {name: Cage, slug: cage, site: ams2}\n',
      'r.yaml': 'racks:\n  - {name: R1, site: ams1, location: hall-1}\n  - {name: R2, site: ams1, location: cage}\n',
    };
    expect(diags(files).map((d) => [d.rule, d.at, d.message])).toEqual([
      ['resolve/wrong-scope', 'r.yaml:3:38', 'location "cage" is in site "AMS2", not in site "AMS1"'],
    ]);
  });

  it('compares device names without case within a site, among devices without a tenant', () => {
    const r = diags({ 'base.yaml': BASE, ...DT, 'd.yaml': `${device()}  - {name: LEAF1, device_type: acme-x-4, role: leaf, site: ams1}\n  - {name: LEAF1, device_type: acme-x-4, role: leaf, site: ams2}\n` });
    expect(r.map((d) => [d.rule, d.at, d.message, d.data])).toEqual([
      [
        'resolve/duplicate-key',
        'd.yaml:6:12',
        'duplicate device name "LEAF1" in site "AMS1" (names compare without case; neither has a tenant)',
        { kind: 'dcim.device', field: 'name', value: 'LEAF1', fields: ['name', 'site'] },
      ],
    ]);
  });

  it('reports a hierarchy cycle once with its full path', () => {
    const r = diags({ 'a.yaml': 'regions:\n  - {name: A, slug: a, parent: c}\n  - {name: B, slug: b, parent: a}\n  - {name: C, slug: c, parent: b}\n' });
    expect(r.map((d) => [d.rule, d.at, d.message, d.related])).toEqual([
      ['resolve/cycle', 'a.yaml:2:32', 'region hierarchy loops: "A" → "C" → "B" → "A"', ['a.yaml:4:32', 'a.yaml:3:32']],
    ]);
  });

  it('takes an explicit mapping form and rejects unknown fields in it', () => {
    const files = { 'base.yaml': BASE, 'r.yaml': 'racks:\n  - {name: R1, site: {slug: ams1}}\n  - {name: R2, site: {slugg: ams1}}\n' };
    expect(diags(files).map((d) => [d.rule, d.message])).toEqual([
      ['resolve/invalid-reference', 'a reference to a site takes the fields name, slug; "slugg" is not one of them; did you mean "slug"?'],
    ]);
  });

  it('reports an ambiguous device type model across manufacturers', () => {
    const other = DEVICE_TYPE.replace('Acme', 'Bolt').replace('acme-x-4', 'bolt-x-4');
    const r = diags({ 'base.yaml': BASE, ...DT, 'device-types/Bolt/X-4.yaml': other, 'd.yaml': device().replace('Acme/X-4', 'X-4') });
    expect(r.map((d) => [d.rule, d.message])).toEqual([
      ['resolve/ambiguous-reference', '"X-4" names 2 device types: device type "X-4" in manufacturer "Acme", device type "X-4" in manufacturer "Bolt"'],
    ]);
  });

  it('creates the manufacturer a device-type file names when it is not declared', () => {
    const r = compileFiles({ 'device-types/Zeta Networks/Z1.yaml': 'manufacturer: Zeta Networks\nmodel: Z1\nslug: zeta-z1\n' });
    expect(briefs(r)).toEqual([]);
    const m = r.model.byKind.get('dcim.manufacturer')!;
    expect(m.map((o) => [o.data, o.origin])).toEqual([[{ name: 'Zeta Networks', slug: 'zeta-networks' }, 'implicit']]);
  });
});

describe('components from device types', () => {
  it('instantiates every template, applies inline entries, adds new ones', () => {
    const r = compileFiles({
      'base.yaml': BASE,
      ...DT,
      'd.yaml': device(`    interfaces:\n      - {name: et1, description: uplink, mtu: 9214}\n      - {name: Loopback0, type: virtual}\n      - {name: Po1, type: lag}\n      - {name: et2, lag: Po1}\n`),
    });
    expect(briefs(r)).toEqual([]);
    const ifaces = r.model.byKind.get('dcim.interface')!;
    expect(ifaces.map((i) => [i.data.name, i.data.type, i.origin])).toEqual([
      ['et1', '10gbase-x-sfpp', 'written'],
      ['et2', '10gbase-x-sfpp', 'written'],
      ['mgmt', '1000base-t', 'template'],
      ['Loopback0', 'virtual', 'written'],
      ['Po1', 'lag', 'written'],
    ]);
    expect(ifaces[0].data).toEqual({ name: 'et1', type: '10gbase-x-sfpp', description: 'uplink', mtu: 9214 });
    expect(ifaces[2].data.mgmt_only).toBe(true);
    expect(displayName(ref(ifaces[1], 'lag')!)).toBe('Po1');
    expect(r.model.byKind.get('dcim.consoleport')!.map((c) => c.data.name)).toEqual(['con']);
  });

  it('requires a type for a component the device type lacks, naming the type', () => {
    const r = diags({ 'base.yaml': BASE, ...DT, 'd.yaml': device(`    interfaces:\n      - {name: et5, description: typo}\n`) });
    expect(r.map((d) => [d.rule, d.at, d.message])).toEqual([
      ['resolve/component-missing-field', 'd.yaml:7:16', 'interface "et5" is not defined by device type "X-4" in manufacturer "Acme", so it needs "type"'],
    ]);
  });

  it('reports two inline entries with the same name', () => {
    const r = diags({ 'base.yaml': BASE, ...DT, 'd.yaml': device(`    interfaces:\n      - {name: et1}\n      - {name: et1, mtu: 1500}\n`) });
    expect(r.map((d) => [d.rule, d.at, d.related])).toEqual([['resolve/duplicate-key', 'd.yaml:8:16', ['d.yaml:7:16']]]);
  });

  it('accepts components in a top-level collection that names the device', () => {
    const r = compileFiles({ 'base.yaml': BASE, ...DT, 'd.yaml': device(), 'i.yaml': 'interfaces:\n  - {device: leaf1, name: et1, description: from elsewhere}\n  - {name: et2}\n' });
    expect(briefs(r)).toEqual(['i.yaml:3:5 error schema/missing-field']);
    const et1 = r.model.byKind.get('dcim.interface')!.find((i) => i.data.name === 'et1')!;
    expect([et1.data.description, et1.file]).toEqual(['from elsewhere', 'i.yaml']);
  });

  it('resolves sibling references on the same device only', () => {
    const r = diags({ 'base.yaml': BASE, ...DT, 'd.yaml': device(`    interfaces:\n      - {name: et1, lag: Po9}\n`) });
    expect(r.map((d) => [d.rule, d.message])).toEqual([['resolve/dangling-reference', 'no interface "Po9" in device "leaf1" in site "AMS1"']]);
  });

  it('reports a duplicate template name in a device type no device uses', () => {
    const dt = DEVICE_TYPE.replace('  - name: et2', '  - name: et1');
    expect(diags({ 'device-types/Acme/X-4.yaml': dt }).map((d) => [d.rule, d.at, d.message])).toEqual([
      ['resolve/duplicate-key', 'device-types/Acme/X-4.yaml:9:11', 'duplicate interface template name "et1" in device type "X-4" in manufacturer "Acme"'],
    ]);
  });

  it('does not ask for a type when the device type itself did not resolve', () => {
    const r = diags({ 'base.yaml': BASE, ...DT, 'd.yaml': device(`    interfaces:\n      - {name: et1, description: x}\n`).replace('Acme/X-4', 'Acme/X-5') });
    expect(r.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });

  it('reports a duplicate template name once per device type', () => {
    const dt = DEVICE_TYPE.replace('  - name: et2', '  - name: et1');
    const r = diags({ 'base.yaml': BASE, 'device-types/Acme/X-4.yaml': dt, 'd.yaml': `${device()}  - {name: leaf2, device_type: acme-x-4, role: leaf, site: ams1}\n` });
    expect(r.map((d) => [d.rule, d.at])).toEqual([['resolve/duplicate-key', 'device-types/Acme/X-4.yaml:9:11']]);
  });

  it('tags resolve by slug or name', () => {
    const r = compileFiles({ 'a.yaml': 'tags:\n  - {name: Prod, slug: prod}\nsites:\n  - {name: A, slug: a, tags: [prod, Prod]}\n' });
    expect(briefs(r)).toEqual([]);
    expect(refs(r.model.byKind.get('dcim.site')![0], 'tags').length).toBe(2);
  });
});


describe('AS numbers', () => {
  it('take asdot notation, stored as the 32-bit integer, and are found either way', () => {
    const r = compileFiles({
      'a.yaml': 'rirs:\n  - {name: RIPE, slug: ripe}\nasns:\n  - {asn: 65000.1, rir: ripe}\n  - {asn: 64512, rir: ripe}\nsites:\n  - {name: A, slug: a, asns: [4259840001, 64512]}\n  - {name: B, slug: b, asns: ["65000.1"]}\n',
    });
    expect(briefs(r)).toEqual([]);
    expect(r.model.byKind.get('ipam.asn')!.map((a) => a.data.asn)).toEqual([4259840001, 64512]);
    expect(refs(r.model.byKind.get('dcim.site')![1], 'asns').map((a) => a.data.asn)).toEqual([4259840001]);
  });
  it('report a duplicate written once in asdot and once in asplain, and halves out of range', () => {
    const r = compileFiles({ 'a.yaml': 'rirs:\n  - {name: RIPE, slug: ripe}\nasns:\n  - {asn: 65000.1, rir: ripe}\n  - {asn: 4259840001, rir: ripe}\n  - {asn: 70000.1, rir: ripe}\n' });
    expect(briefs(r)).toEqual(['a.yaml:5:11 error resolve/duplicate-key', 'a.yaml:6:11 error schema/invalid-value']);
  });
});

describe('NetBox fidelity', () => {
  /** `[rule, file:line:col, message]` of every diagnostic. */
  const rows = (files: Record<string, string>) => diags(files).map((d) => [d.rule, d.at, d.message]);
  /** Like `diags`, with the help line. */
  const full = (files: Record<string, string>) =>
    compileFiles(files).diagnostics.map((d) => ({
      rule: d.rule,
      at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`,
      message: d.message,
      help: d.help,
      related: d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`),
      data: d.data,
    }));
  const devicesOf = (r: ReturnType<typeof compileFiles>) => r.model.byKind.get('dcim.device')!;
  /** `device:component` of a cable end; an unnamed device shows as NetBox shows it. */
  const end = (o: Obj) => `${displayName(o.owner!)}:${displayName(o)}`;

  const REGIONS = 'regions:\n  - {name: Europe, slug: europe}\n  - {name: Americas, slug: americas}\n  - {name: North, slug: north, parent: europe}\n  - {name: North, slug: north, parent: americas}\n';

  it('lets regions share a name and slug under different parents, named parent/name or by mapping', () => {
    const r = compileFiles({ 'r.yaml': `${REGIONS}sites:\n  - {name: S1, slug: s1, region: Europe/North}\n  - {name: S2, slug: s2, region: {parent: americas, name: North}}\n` });
    expect(briefs(r)).toEqual([]);
    const [north1, north2] = r.model.byKind.get('dcim.region')!.slice(2);
    const [s1, s2] = r.model.byKind.get('dcim.site')!;
    expect([ref(s1, 'region'), ref(s2, 'region')]).toEqual([north1, north2]);
    expect([north1, north2].map((n) => displayName(ref(n, 'parent')!))).toEqual(['Europe', 'Americas']);
  });

  it('reports a region name repeated under one parent, and among top-level regions', () => {
    const x = 'regions:\n  - {name: Europe, slug: europe}\n  - {name: North, slug: north, parent: europe}\n  - {name: North, slug: north-2, parent: europe}\n  - {name: South, slug: south}\n  - {name: South, slug: south-2}\n';
    expect(diags({ 'r.yaml': x }).map((d) => [d.rule, d.at, d.message, d.related, d.data])).toEqual([
      ['resolve/duplicate-key', 'r.yaml:4:12', 'duplicate region name "North" in region "Europe"', ['r.yaml:3:12'], { kind: 'dcim.region', field: 'name', value: 'North', fields: ['parent', 'name'] }],
      ['resolve/duplicate-key', 'r.yaml:6:12', 'duplicate region name "South" (neither has a parent)', ['r.yaml:5:12'], { kind: 'dcim.region', field: 'name', value: 'South', fields: ['name'] }],
    ]);
  });

  it('reports `region: North` as ambiguous at the reference when two parents have a North, listing both', () => {
    expect(full({ 'r.yaml': `${REGIONS}sites:\n  - {name: S1, slug: s1, region: North}\n` })).toEqual([
      {
        rule: 'resolve/ambiguous-reference',
        at: 'r.yaml:7:34',
        message: '"North" names 2 regions: region "North" (parent "Europe"), region "North" (parent "Americas")',
        help: 'say which one: write a mapping such as {parent: Europe, name: North} or the compact form Europe/North',
        related: ['r.yaml:4:5', 'r.yaml:5:5'],
        data: { kind: 'dcim.region', value: 'North', candidates: ['regions[name=North]', 'regions[name=North]'] },
      },
    ]);
  });

  const HALLS =
    'locations:\n  - {name: Hall 1, slug: hall-1, site: ams1}\n  - {name: Hall 2, slug: hall-2, site: ams1}\nracks:\n  - {name: R1, site: ams1, location: hall-1}\n  - {name: R1, site: ams1, location: hall-2}\n  - {name: R9, site: ams1}\n  - {name: R9, site: ams1}\n';
  const rackFiles = (devices: string, halls = HALLS) => ({ 'base.yaml': BASE, ...DT, 'l.yaml': halls, 'd.yaml': `devices:\n${devices}` });

  it('lets racks share a name in two locations (and without a location); a device finds `rack: R1` through its location', () => {
    const r = compileFiles(
      rackFiles('  - {name: a, device_type: acme-x-4, role: leaf, site: ams1, location: hall-2, rack: R1}\n  - {name: b, device_type: acme-x-4, role: leaf, site: ams1, rack: {location: hall-1, name: R1}}\n'),
    );
    expect(briefs(r)).toEqual([]);
    const [r1a, r1b] = r.model.byKind.get('dcim.rack')!;
    const [a, b] = devicesOf(r);
    expect([ref(a, 'rack'), ref(b, 'rack')]).toEqual([r1b, r1a]);
    expect(displayName(ref(r1b, 'location')!)).toBe('Hall 2');
  });

  it('reports `rack: R1` on a device without a location as ambiguous at the reference', () => {
    expect(full(rackFiles('  - {name: c, device_type: acme-x-4, role: leaf, site: ams1, rack: R1}\n'))).toEqual([
      {
        rule: 'resolve/ambiguous-reference',
        at: 'd.yaml:2:68',
        message: '"R1" names 2 racks: rack "R1" in site "AMS1" (location "Hall 1"), rack "R1" in site "AMS1" (location "Hall 2")',
        help: 'say which one: write a mapping such as {location: Hall 1, name: R1}',
        related: ['l.yaml:5:5', 'l.yaml:6:5'],
        data: { kind: 'dcim.rack', value: 'R1', candidates: ['racks[name=R1]', 'racks[name=R1]'] },
      },
    ]);
  });

  it('reports a second rack R1 in one location as a duplicate; a reference to it takes the first, reporting nothing more', () => {
    const halls = `${HALLS}  - {name: R1, site: ams1, location: hall-1}\n`;
    const r = compileFiles(rackFiles('  - {name: a, device_type: acme-x-4, role: leaf, site: ams1, location: hall-1, rack: R1}\n', halls));
    expect(r.diagnostics.map((d) => [d.rule, d.message])).toEqual([['resolve/duplicate-key', 'duplicate rack name "R1" in location "Hall 1" in site "AMS1"']]);
    expect(briefs(r)).toEqual(['l.yaml:9:12 error resolve/duplicate-key']);
    expect(ref(devicesOf(r)[0], 'rack')).toBe(r.model.byKind.get('dcim.rack')![0]);
  });

  const TENANTS = 'tenants:\n  - {name: T1, slug: t1}\n  - {name: T2, slug: t2}\n';
  const tenantFiles = (devices: string) => ({ 'base.yaml': BASE, ...DT, 't.yaml': TENANTS, 'd.yaml': `devices:\n${devices}` });

  it('lets devices share a name in one site under different tenants, and one of them without a tenant', () => {
    const r = compileFiles(
      tenantFiles(
        '  - {name: leaf1, device_type: acme-x-4, role: leaf, site: ams1, tenant: t1}\n  - {name: leaf1, device_type: acme-x-4, role: leaf, site: ams1, tenant: t2}\n  - {name: leaf1, device_type: acme-x-4, role: leaf, site: ams1}\n',
      ),
    );
    expect(briefs(r)).toEqual([]);
    expect(devicesOf(r).map((d) => ref(d, 'tenant') && displayName(ref(d, 'tenant')!))).toEqual(['T1', 'T2', undefined]);
  });

  it('reports a device name repeated in one site for one tenant, or by two devices without a tenant, whatever its case', () => {
    const r = diags(
      tenantFiles(
        '  - {name: leaf1, device_type: acme-x-4, role: leaf, site: ams1, tenant: t1}\n  - {name: leaf1, device_type: acme-x-4, role: leaf, site: ams1}\n  - {name: LEAF1, device_type: acme-x-4, role: leaf, site: ams1, tenant: t1}\n  - {name: Leaf1, device_type: acme-x-4, role: leaf, site: ams1}\n',
      ),
    );
    expect(r.map((d) => [d.rule, d.at, d.message, d.related, d.data])).toEqual([
      [
        'resolve/duplicate-key',
        'd.yaml:4:12',
        'duplicate device name "LEAF1" in site "AMS1" and tenant "T1" (names compare without case)',
        ['d.yaml:2:12'],
        { kind: 'dcim.device', field: 'name', value: 'LEAF1', fields: ['name', 'site', 'tenant'] },
      ],
      [
        'resolve/duplicate-key',
        'd.yaml:5:12',
        'duplicate device name "Leaf1" in site "AMS1" (names compare without case; neither has a tenant)',
        ['d.yaml:3:12'],
        { kind: 'dcim.device', field: 'name', value: 'Leaf1', fields: ['name', 'site'] },
      ],
    ]);
  });

  const UNNAMED =
    'racks:\n  - {name: R1, site: ams1}\nvirtual_chassis:\n  - {name: vc1}\ndevices:\n  - {name: leaf1, device_type: acme-x-4, role: leaf, site: ams1}\n  - {device_type: acme-x-4, role: leaf, site: ams1, asset_tag: A1}\n  - {device_type: acme-x-4, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 2}\n  - {device_type: acme-x-4, role: leaf, site: ams1, rack: R1, position: 10, face: front}\n';

  it('finds a device without a name by its asset tag, its virtual chassis position or its rack position, from a cable end', () => {
    const cables =
      'cables:\n  - {a: {device: {asset_tag: A1}, interface: et1}, b: leaf1:et1}\n  - {a: {device: {virtual_chassis: vc1, vc_position: 2}, interface: et1}, b: leaf1:et2}\n  - {a: {device: {rack: R1, position: 10, face: front}, interface: et1}, b: leaf1:mgmt}\n';
    const r = compileFiles({ 'base.yaml': BASE, ...DT, 'd.yaml': UNNAMED, 'c.yaml': cables });
    expect(briefs(r)).toEqual([]);
    const [, tagged, member, racked] = devicesOf(r);
    const ends = r.model.byKind.get('dcim.cable')!.map((c) => refs(c, 'a_terminations')[0]);
    expect(ends.map((e) => e.owner)).toEqual([tagged, member, racked]);
    expect(ends.map(end)).toEqual(['Acme X-4 (A1):et1', 'vc1:2:et1', 'Acme X-4 (R1 U10 front):et1']);
  });

  it('reports a handle that matches no device, and one that is incomplete', () => {
    const cables =
      'cables:\n  - {a: {device: {asset_tag: A2}, interface: et1}, b: leaf1:et1}\n  - {a: {device: {virtual_chassis: vc1, vc_position: 3}, interface: et1}, b: leaf1:et2}\n  - {a: {device: {rack: R1, position: 10, face: rear}, interface: et1}, b: leaf1:mgmt}\n  - {a: {device: {rack: R1, position: 10}, interface: et2}, b: {device: {asset_tag: A1}, interface: et2}}\n';
    expect(rows({ 'base.yaml': BASE, ...DT, 'd.yaml': UNNAMED, 'c.yaml': cables })).toEqual([
      ['resolve/dangling-reference', 'c.yaml:2:18', 'no device "asset_tag A2"'],
      ['resolve/dangling-reference', 'c.yaml:3:18', 'no device "virtual_chassis vc1, vc_position 3"'],
      ['resolve/dangling-reference', 'c.yaml:4:18', 'no device "rack R1, position 10, face rear"'],
      ['resolve/invalid-reference', 'c.yaml:5:18', 'a reference to a device needs one of "name", "asset_tag", "virtual_chassis" + "vc_position", "rack" + "position" + "face"'],
    ]);
  });

  const VLANS = 'sites:\n  - {name: AMS3, slug: ams3}\nvlans:\n  - {name: Data, vid: 100, site: ams1}\n  - {name: Data, vid: 100, site: ams2}\n';
  const host = (name: string, site: string) => `  - name: ${name}\n    device_type: acme-x-4\n    role: leaf\n    site: ${site}\n    interfaces:\n      - {name: et1, mode: access, untagged_vlan: Data}\n`;
  const vlanFiles = (vlans: string, ...hosts: string[]) => ({ 'base.yaml': BASE, ...DT, 's.yaml': vlans, 'd.yaml': `devices:\n${hosts.join('')}` });

  it("resolves a VLAN name, ungrouped at two sites, on each device's interface to the VLAN of the device's site", () => {
    const r = compileFiles(vlanFiles(VLANS, host('a1', 'ams1'), host('a2', 'ams2')));
    expect(briefs(r)).toEqual([]);
    const [data1, data2] = r.model.byKind.get('ipam.vlan')!;
    const et1 = r.model.byKind.get('dcim.interface')!.filter((i) => i.data.name === 'et1');
    expect(et1.map((i) => [displayName(i.owner!), ref(i, 'untagged_vlan')])).toEqual([
      ['a1', data1],
      ['a2', data2],
    ]);
    expect([data1, data2].map((v) => displayName(ref(v, 'site')!))).toEqual(['AMS1', 'AMS2']);
  });

  it("reports the VLAN name on a device of a third site as ambiguous at the interface's untagged_vlan, listing both", () => {
    expect(full(vlanFiles(VLANS, host('a1', 'ams1'), host('a3', 'ams3')))).toEqual([
      {
        rule: 'resolve/ambiguous-reference',
        at: 'd.yaml:13:50',
        message: '"Data" names 2 VLANs: VLAN "Data" (site "AMS1"), VLAN "Data" (site "AMS2")',
        help: 'say which one: write a mapping such as {site: AMS1, name: Data}',
        related: ['s.yaml:4:5', 's.yaml:5:5'],
        data: { kind: 'ipam.vlan', value: 'Data', candidates: ['vlans[name=Data]', 'vlans[name=Data]'] },
      },
    ]);
  });


  it("resolves a VLAN name on the interface of a VM without a site in its host device's site, where NetBox puts the VM", () => {
    const vm = 'virtual_machines:\n  - name: vm1\n    device: a2\n    interfaces:\n      - {name: eth0, mode: access, untagged_vlan: Data}\n';
    const r = compileFiles({ ...vlanFiles(VLANS, host('a2', 'ams2')), 'vm.yaml': vm });
    expect(briefs(r)).toEqual([]);
    const [, data2] = r.model.byKind.get('ipam.vlan')!;
    expect(ref(r.model.byKind.get('virtualization.vminterface')![0], 'untagged_vlan')).toBe(data2);
  });

  const RACK_R1 = 'racks:\n  - {name: R1, site: ams1}\n';

  it("takes a mapping reference within the referencing object's context: rack {site: ams1, name: R1} on a device of ams1", () => {
    const r = compileFiles({ 'base.yaml': BASE, ...DT, 'r.yaml': RACK_R1, 'd.yaml': 'devices:\n  - {name: a, device_type: acme-x-4, role: leaf, site: ams1, rack: {site: ams1, name: R1}}\n' });
    expect(briefs(r)).toEqual([]);
    expect(ref(devicesOf(r)[0], 'rack')).toBe(r.model.byKind.get('dcim.rack')![0]);
  });

  it("reports a mapping reference outside the referencing object's context: rack {site: ams1, name: R1} on a device of ams2", () => {
    const files = { 'base.yaml': BASE, ...DT, 'r.yaml': RACK_R1, 'd.yaml': 'devices:\n  - {name: a, device_type: acme-x-4, role: leaf, site: ams2, rack: {site: ams1, name: R1}}\n' };
    expect(diags(files).map((d) => [d.rule, d.at, d.message, d.related])).toEqual([
      ['resolve/wrong-scope', 'd.yaml:2:68', 'rack "R1" is in site "AMS1", not in site "AMS2"', ['r.yaml:2:5']],
    ]);
  });

  const lagFiles = (chassis: boolean) => {
    const member = (n: number) => (chassis ? `    virtual_chassis: vc1\n    vc_position: ${n}\n` : '');
    return {
      'base.yaml': BASE,
      ...DT,
      'd.yaml':
        `${chassis ? 'virtual_chassis:\n  - {name: vc1, master: leaf1}\n' : ''}devices:\n` +
        `  - name: leaf1\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n${member(1)}    interfaces:\n      - {name: Po1, type: lag}\n` +
        `  - name: leaf2\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n${member(2)}    interfaces:\n      - {name: et1, lag: {device: leaf1, name: Po1}}\n`,
    };
  };

  it('lets an interface join a LAG of another member of its virtual chassis', () => {
    const r = compileFiles(lagFiles(true));
    expect(briefs(r)).toEqual([]);
    const ifaces = r.model.byKind.get('dcim.interface')!;
    const po1 = ifaces.find((i) => i.data.name === 'Po1')!;
    const et1 = ifaces.find((i) => i.data.name === 'et1' && displayName(i.owner!) === 'leaf2')!;
    expect(ref(et1, 'lag')).toBe(po1);
    expect(displayName(po1.owner!)).toBe('leaf1');
  });

  it('reports a LAG of another device outside a virtual chassis as wrong-scope', () => {
    expect(diags(lagFiles(false)).map((d) => [d.rule, d.at, d.message, d.related])).toEqual([
      ['resolve/wrong-scope', 'd.yaml:13:26', 'interface "Po1" is in device "leaf1", not in device "leaf2" in site "AMS1"', ['d.yaml:7:9']],
    ]);
  });

  const STACK =
    "manufacturer: Acme\nmodel: S-48\nslug: acme-s-48\nu_height: 1\ninterfaces:\n  - {name: 'Ethernet{vc_position}/1', type: 10gbase-x-sfpp}\n  - {name: 'Management{vc_position:1}', type: 1000base-t, label: 'mgmt-{vc_position:9}'}\n";
  const stackFiles = (extra = '') => ({
    'base.yaml': BASE,
    'device-types/Acme/S-48.yaml': STACK,
    'd.yaml': `virtual_chassis:\n  - {name: vc1}\ndevices:\n  - {name: sw1, device_type: acme-s-48, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 1}\n  - {name: sw2, device_type: acme-s-48, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 2}\n  - {name: sw3, device_type: acme-s-48, role: leaf, site: ams1}\n${extra}`,
  });

  it("names a device type's {vc_position} components after each stack member's position, or the fallback outside a stack", () => {
    const r = compileFiles(stackFiles("cables:\n  - {a: 'sw1:Ethernet1/1', b: 'sw2:Ethernet2/1'}\n"));
    expect(briefs(r)).toEqual([]);
    const ifaces = r.model.byKind.get('dcim.interface')!;
    expect(ifaces.map((i) => [displayName(i.owner!), i.data.name, i.data.label])).toEqual([
      ['sw1', 'Ethernet1/1', undefined],
      ['sw1', 'Management1', 'mgmt-1'],
      ['sw2', 'Ethernet2/1', undefined],
      ['sw2', 'Management2', 'mgmt-2'],
      ['sw3', 'Ethernet0/1', undefined],
      ['sw3', 'Management1', 'mgmt-9'],
    ]);
    const [cable] = r.model.byKind.get('dcim.cable')!;
    expect([...refs(cable, 'a_terminations'), ...refs(cable, 'b_terminations')]).toEqual([ifaces[0], ifaces[2]]);
  });

  it("reports a stack member's component by the name of another member's position", () => {
    expect(rows(stackFiles("cables:\n  - {a: 'sw1:Ethernet1/1', b: 'sw2:Ethernet1/1'}\n"))).toEqual([['resolve/dangling-reference', 'd.yaml:8:31', 'no interface "sw2:Ethernet1/1"']]);
  });

  it('reports a {vc_position} name that becomes the name of another template on a member (NetBox: component name conflict)', () => {
    // NetBox's Device._check_duplicate_component_names(): "Component name conflict after resolving
    // {vc_position}: Ethernet1/1". On sw1 both templates become Ethernet1/1; sw2 and sw3 do not clash.
    const clash = STACK.replace("  - {name: 'Management", "  - {name: 'Ethernet1/1', type: 10gbase-x-sfpp}\n  - {name: 'Management");
    const r = compileFiles({ ...stackFiles(), 'device-types/Acme/S-48.yaml': clash });
    expect(r.diagnostics.map((d) => [d.rule, d.message])).toEqual([['resolve/duplicate-key', expect.stringContaining('"Ethernet1/1"')]]);
  });

  it("drops a type's component with remove: true and renames one with template:", () => {
    const r = compileFiles({ 'base.yaml': BASE, ...DT, 'd.yaml': device('    interfaces:\n      - {name: et2, remove: true}\n      - {name: uplink, template: et1, description: to spine}\n') });
    expect(briefs(r)).toEqual([]);
    const ifaces = r.model.byKind.get('dcim.interface')!;
    expect(ifaces.map((i) => [i.data.name, i.data.type, i.data.description, i.origin])).toEqual([
      ['mgmt', '1000base-t', undefined, 'template'],
      ['uplink', '10gbase-x-sfpp', 'to spine', 'written'],
    ]);
  });

  it('reports remove: true or template: naming a component the device type does not have', () => {
    expect(rows({ 'base.yaml': BASE, ...DT, 'd.yaml': device('    interfaces:\n      - {name: et9, remove: true}\n      - {name: uplink, template: et8}\n') })).toEqual([
      ['resolve/dangling-reference', 'd.yaml:7:16', 'device type "X-4" in manufacturer "Acme" has no interface "et9" to remove'],
      ['resolve/dangling-reference', 'd.yaml:8:34', 'device type "X-4" in manufacturer "Acme" has no interface "et8" to rename'],
    ]);
  });

  it('takes blank optional strings as not set: a cable color, an interface description, an IP dns_name, a contact link and email', () => {
    const r = compileFiles({
      'base.yaml': BASE,
      ...DT,
      'd.yaml': device("    interfaces:\n      - {name: et1, description: ''}\ncables:\n  - {a: leaf1:et1, b: leaf1:et2, color: ''}\nip_addresses:\n  - {address: 10.0.0.1/32, dns_name: ''}\ncontacts:\n  - {name: Alice, link: '', email: ''}\n"),
    });
    expect(briefs(r)).toEqual([]);
  });

  it('still rejects a blank interface name', () => {
    expect(rows({ 'base.yaml': BASE, ...DT, 'd.yaml': device("    interfaces:\n      - {name: '', type: virtual}\n") })).toEqual([
      ['schema/invalid-value', 'd.yaml:7:16', '"" is not a valid name: must not be empty'],
    ]);
  });
});

describe('a reference written as a mapping keeps its context', () => {
  const PORTS = `manufacturer: Acme
model: PDU-2
slug: acme-pdu-2
u_height: 1
power-ports:
  - {name: PSU1, type: iec-60320-c14}
power-outlets:
  - {name: OUT1, type: iec-60320-c13}
rear-ports:
  - {name: R1, type: mpo, positions: 2}
front-ports:
  - {name: F1, type: lc, rear_port: R1, rear_port_position: 1}
module-bays:
  - {name: Slot 1, position: '1'}
`;
  const MODULE = 'manufacturer: Acme\nmodel: M-1\n';
  const two = (extra: string) => ({
    'base.yaml': BASE,
    'device-types/Acme/PDU-2.yaml': PORTS,
    'module-types/Acme/M-1.yaml': MODULE,
    'd.yaml': `devices:
  - {name: pdu1, device_type: Acme/PDU-2, role: leaf, site: ams1}
  - name: pdu2
    device_type: Acme/PDU-2
    role: leaf
    site: ams1
${extra}`,
  });
  const scoped = (files: Record<string, string>) =>
    compileFiles(files).diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

  it("reports a power outlet's power port, a front port's rear port and a module's bay of another device", () => {
    const extra = `    power_outlets: [{name: OUT1, power_port: {device: pdu1, name: PSU1}}]
    front_ports: [{name: F1, rear_port: {device: pdu1, name: R1}}]
modules:
  - {device: pdu2, module_bay: {device: pdu1, name: Slot 1}, module_type: Acme/M-1}
`;
    expect(scoped(two(extra))).toEqual([
      ['resolve/wrong-scope', 'd.yaml:7:46', 'power port "PSU1" is in device "pdu1", not in device "pdu2" in site "AMS1"'],
      ['resolve/wrong-scope', 'd.yaml:8:41', 'rear port "R1" is in device "pdu1", not in device "pdu2" in site "AMS1"'],
      ['resolve/wrong-scope', 'd.yaml:10:32', 'module bay "Slot 1" is in device "pdu1", not in device "pdu2" in site "AMS1"'],
    ]);
  });

  it('accepts the same mappings naming the device itself', () => {
    const extra = `    power_outlets: [{name: OUT1, power_port: {device: pdu2, name: PSU1}}]
    front_ports: [{name: F1, rear_port: {device: pdu2, name: R1}}]
modules:
  - {device: pdu2, module_bay: {device: pdu2, name: Slot 1}, module_type: Acme/M-1}
`;
    expect(scoped(two(extra))).toEqual([]);
  });

  const CIRCUITS = `providers:
  - {name: P1, slug: p1}
  - {name: P2, slug: p2}
provider_accounts:
  - {provider: p1, account: A-1}
  - {provider: p2, account: A-2}
circuit_types:
  - {name: Transit, slug: transit}
`;

  it("reports a circuit's provider account of another provider, and a rack's location of another site", () => {
    const r = scoped({
      'base.yaml': BASE,
      'c.yaml': `${CIRCUITS}circuits:
  - {cid: C-1, provider: p2, type: transit, provider_account: {provider: p1, account: A-1}}
locations:
  - {name: Hall 1, slug: hall-1, site: ams1}
racks:
  - {name: R1, site: ams2, location: {site: ams1, name: Hall 1}}
`,
    });
    expect(r).toEqual([
      ['resolve/wrong-scope', 'c.yaml:10:63', 'provider account "A-1" is in provider "P1", not in provider "P2"'],
      ['resolve/wrong-scope', 'c.yaml:14:38', 'location "Hall 1" is in site "AMS1", not in site "AMS2"'],
    ]);
  });

  it("accepts the provider's own account and a location of the rack's own site, however written", () => {
    const r = scoped({
      'base.yaml': BASE,
      'c.yaml': `${CIRCUITS}circuits:
  - {cid: C-1, provider: p2, type: transit, provider_account: {provider: p2, account: A-2}}
  - {cid: C-2, provider: p2, type: transit, provider_account: A-2}
locations:
  - {name: Hall 1, slug: hall-1, site: ams1}
racks:
  - {name: R1, site: ams1, location: {site: ams1, name: Hall 1}}
  - {name: R2, site: ams1, location: hall-1}
`,
    });
    expect(r).toEqual([]);
  });
});

describe('names NetBox keeps unique among siblings only', () => {
  const codes = (files: Record<string, string>) =>
    compileFiles({ 'base.yaml': BASE, ...files }).diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

  it('accepts site groups, locations, device roles and platforms of one name under different parents', () => {
    expect(
      codes({
        'o.yaml': `site_groups:
  - {name: Edge, slug: edge}
  - {name: Core, slug: core}
  - {name: POP, slug: edge-pop, parent: edge}
  - {name: POP, slug: core-pop, parent: core}
locations:
  - {name: Hall 1, slug: hall-1, site: ams1}
  - {name: Hall 2, slug: hall-2, site: ams1}
  - {name: Cage A, slug: cage-a-1, site: ams1, parent: hall-1}
  - {name: Cage A, slug: cage-a-2, site: ams1, parent: hall-2}
  - {name: Hall 1, slug: hall-1, site: ams2}
device_roles:
  - {name: Network, slug: network}
  - {name: Compute, slug: compute}
  - {name: Access, slug: net-access, parent: network}
  - {name: Access, slug: compute-access, parent: compute}
platforms:
  - {name: Linux, slug: acme-linux, manufacturer: acme}
  - {name: Linux, slug: other-linux, manufacturer: other}
manufacturers:
  - {name: Other, slug: other}
`,
      }),
    ).toEqual([]);
  });

  it('reports the same name twice under one parent, and twice at the top level', () => {
    expect(
      codes({
        'o.yaml': `site_groups:
  - {name: Edge, slug: edge}
  - {name: Edge, slug: edge-2}
locations:
  - {name: Hall 1, slug: hall-1, site: ams1}
  - {name: Cage A, slug: cage-a-1, site: ams1, parent: hall-1}
  - {name: Cage A, slug: cage-a-2, site: ams1, parent: hall-1}
device_roles:
  - {name: Network, slug: network}
  - {name: Network, slug: network-2}
platforms:
  - {name: Linux, slug: linux-1}
  - {name: Linux, slug: linux-2}
`,
      }),
    ).toEqual([
      ['resolve/duplicate-key', 'o.yaml:3:12', 'duplicate site group name "Edge" (neither has a parent)'],
      ['resolve/duplicate-key', 'o.yaml:7:12', 'duplicate location name "Cage A" in site "AMS1" and location "Hall 1"'],
      ['resolve/duplicate-key', 'o.yaml:10:12', 'duplicate device role name "Network" (neither has a parent)'],
      ['resolve/duplicate-key', 'o.yaml:13:12', 'duplicate platform name "Linux" (neither has a manufacturer)'],
    ]);
  });
});

describe('named model paths', () => {
  it('name an object of a kind without names by its place in its collection', () => {
    const r = compileFiles({
      'base.yaml': BASE,
      'r.yaml': 'racks:\n  - {name: R1, site: ams1}\nrack_reservations:\n  - {rack: R1, units: [1], user: alice, description: lab}\n  - {rack: R9, units: [2], user: bob, description: lab}\n',
    });
    expect(r.diagnostics.map((d) => [d.rule, d.modelPath])).toEqual([['resolve/dangling-reference', 'rack_reservations[1]']]);
  });
});

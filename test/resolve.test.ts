import { describe, expect, it } from 'vitest';
import { displayName, ref, refs } from '../src/model/model.js';
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

  it('reports a duplicate natural key at the second object, naming the first', () => {
    expect(diags({ 'a.yaml': 'sites:\n  - {name: AMS1, slug: ams1}\n', 'b.yaml': 'sites:\n  - {name: AMS1, slug: ams1-b}\n' })).toEqual([
      { rule: 'resolve/duplicate-key', at: 'b.yaml:2:12', message: 'duplicate site name "AMS1"', related: ['a.yaml:2:12'], data: { kind: 'dcim.site', field: 'name', value: 'AMS1' } },
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

  it('compares device names without case within a site', () => {
    const r = diags({ 'base.yaml': BASE, ...DT, 'd.yaml': `${device()}  - {name: LEAF1, device_type: acme-x-4, role: leaf, site: ams1}\n  - {name: LEAF1, device_type: acme-x-4, role: leaf, site: ams2}\n` });
    expect(r.map((d) => [d.rule, d.at, d.message])).toEqual([
      ['resolve/duplicate-key', 'd.yaml:6:12', 'duplicate device name "LEAF1" in site "AMS1" (names compare without case)'],
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

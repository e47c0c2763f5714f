import { describe, expect, it } from 'vitest';
import { cableFiles } from './helpers/cables.js';
import { BASE, briefs, compileFiles } from './helpers/compile.js';

const one = (files: Record<string, string>) => {
  const r = compileFiles(files);
  return r.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: d.message, at: `${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}` }));
};

describe('validation', () => {
  it('reports an unknown field at its key with a did-you-mean', () => {
    expect(one({ 'a.yaml': 'sites:\n  - name: A\n    slug: a\n    staus: active\n' })).toEqual([
      { rule: 'schema/unknown-field', severity: 'error', message: 'unknown field "staus" in site; did you mean "status"?', at: '4:5' },
    ]);
  });

  it('reports a missing required field at the object', () => {
    expect(one({ 'a.yaml': 'sites:\n  - name: A\n' })).toEqual([
      { rule: 'schema/missing-field', severity: 'error', message: 'site is missing the required field "slug"', at: '2:5' },
    ]);
  });

  it('reports a wrong type and an invalid choice with suggestions', () => {
    expect(one({ 'a.yaml': 'sites:\n  - name: A\n    slug: a\n    latitude: north\n    status: actve\n' })).toEqual([
      { rule: 'schema/wrong-type', severity: 'error', message: '"latitude" must be a number, not the text "north"', at: '4:15' },
      { rule: 'schema/invalid-choice', severity: 'error', message: '"actve" is not a valid status; did you mean "active"?', at: '5:13' },
    ]);
  });

  it('checks limits: length, pattern, range, multiple', () => {
    const r = one({ 'a.yaml': `sites:\n  - name: A\n    slug: "a b"\n    facility: ${'x'.repeat(51)}\n    longitude: 200\n` });
    expect(r.map((d) => [d.rule, d.at, d.message])).toEqual([
      ['schema/invalid-value', '3:11', '"a b" is not a valid slug: must match ^[-a-zA-Z0-9_]+$'],
      ['schema/invalid-value', '4:15', `"${'x'.repeat(51)}" is not a valid facility: must be at most 50 characters long`],
      ['schema/invalid-value', '5:16', '200 is not a valid longitude: must be at most 180'],
    ]);
  });

  it('validates decimal multiples exactly (weight 1.14 is a multiple of 0.01)', () => {
    const type = (w: string) => `manufacturer: Acme\nmodel: M\nslug: m\nweight: ${w}\nweight_unit: kg\n`;
    expect(one({ 'device-types/Acme/M.yaml': type('1.14') })).toEqual([]);
    expect(one({ 'device-types/Acme/M.yaml': type('1.145') }).map((d) => d.message)).toEqual(['1.145 is not a valid weight: must be a multiple of 0.01']);
  });

  it('validates six-decimal coordinates exactly', () => {
    const site = (lat: string, lon: string) => ({ 'a.yaml': `sites:\n  - {name: A, slug: a, latitude: ${lat}, longitude: ${lon}}\n` });
    expect(one(site('52.303921', '-77.48'))).toEqual([]);
    expect(one(site('38.95', '179.999999'))).toEqual([]);
    expect(one(site('38.9500001', '4.9')).map((d) => d.message)).toEqual(['38.9500001 is not a valid latitude: must be a multiple of 0.000001']);
  });

  it('reads plain scalars as text where the schema wants text', () => {
    const r = compileFiles({ 'a.yaml': 'sites:\n  - name: 0101\n    slug: 08\n    facility: 1.50\n    description: yes\n' });
    expect(briefs(r)).toEqual([]);
    expect(r.model.byKind.get('dcim.site')![0].data).toEqual({ name: '0101', slug: '08', facility: '1.50', description: 'yes' });
  });

  it('reads YAML 1.1 booleans as booleans where the schema wants one', () => {
    const r = compileFiles({ 'device-types/Acme/M.yaml': 'manufacturer: Acme\nmodel: M\nslug: m\nis_full_depth: no\nu_height: 2.0\n' });
    expect(briefs(r)).toEqual([]);
    const dt = r.model.byKind.get('dcim.devicetype')![0];
    expect([dt.data.is_full_depth, dt.data.u_height]).toEqual([false, 2]);
  });

  it('treats an empty value of an optional field as absent', () => {
    const r = compileFiles({ 'a.yaml': 'sites:\n  - name: A\n    slug: a\n    tenant:\n    region: ~\n' });
    expect(briefs(r)).toEqual([]);
    expect(r.model.byKind.get('dcim.site')![0].data).toEqual({ name: 'A', slug: 'a' });
  });

  it('reports an empty required field as missing', () => {
    expect(one({ 'a.yaml': 'sites:\n  - name: A\n    slug:\n' }).map((d) => d.message)).toEqual(['site is missing the required field "slug"']);
  });

  it('warns (not errors) on unknown keys inside device-type component templates', () => {
    const r = one({ 'device-types/Acme/M.yaml': 'manufacturer: Acme\nmodel: M\nslug: m\ninterfaces:\n  - name: e1\n    type: 1000base-t\n    poe-mode: pse\n' });
    expect(r).toEqual([{ rule: 'schema/unknown-field', severity: 'warning', message: 'unknown field "poe-mode" in interface; did you mean "poe_mode"?', at: '7:5' }]);
  });

  it("takes a device type's slug with capitals and a height up to 999.5 U, as NetBox stores them", () => {
    expect(one({ 'device-types/Acme/M.yaml': 'manufacturer: Acme\nmodel: M\nslug: Acme-M_2\nu_height: 999.5\n' })).toEqual([]);
    expect(one({ 'device-types/Acme/M.yaml': 'manufacturer: Acme\nmodel: M\nslug: m\nu_height: 1000\n' }).map((d) => [d.rule, d.at])).toEqual([['schema/invalid-value', '4:11']]);
  });

  it('reports unknown top-level keys of a device type as errors', () => {
    const r = one({ 'device-types/Acme/M.yaml': 'manufacturer: Acme\nmodel: M\nslug: m\nu_hieght: 1\n' });
    expect(r.map((d) => [d.severity, d.message])).toEqual([['error', 'unknown field "u_hieght" in device type; did you mean "u_height"?']]);
  });

  it('reports an unknown collection with a did-you-mean and a non-list collection', () => {
    expect(one({ 'a.yaml': 'devcies: []\nsites: {name: A}\n' }).map((d) => [d.rule, d.at, d.message])).toEqual([
      ['schema/unknown-collection', '1:1', 'unknown collection "devcies"; did you mean "devices"?'],
      ['schema/wrong-type', '2:8', '"sites" must be a list of sites, not a mapping'],
    ]);
  });

  it('applies FIELD_CHOICES from sot.yaml', () => {
    const files = { 'a.yaml': 'sites:\n  - {name: A, slug: a, status: closed}\n' };
    expect(one(files).map((d) => d.rule)).toEqual(['schema/invalid-choice']);
    expect(one({ ...files, 'sot.yaml': 'format: 1\noptions:\n  field_choices:\n    dcim.Site.status+: [closed]\n' })).toEqual([]);
    expect(one({ ...files, 'sot.yaml': 'format: 1\noptions:\n  field_choices:\n    dcim.Site.status: [closed]\n' })).toEqual([]);
    expect(one({ 'a.yaml': 'sites:\n  - {name: A, slug: a}\n', 'sot.yaml': 'format: 1\noptions:\n  field_choices:\n    dcim.Site.state: [x]\n' }).map((d) => d.message)).toEqual([
      '"dcim.Site.state" is not a choice set NetBox lets FIELD_CHOICES change; did you mean "dcim.Site.status"?',
    ]);
  });

  it('reports a missing or invalid sot.yaml as a configuration error', () => {
    const r = compileFiles({ 'sot.yaml': 'format: 2\n', 'a.yaml': BASE });
    expect(r.configError).toBe(true);
    expect(briefs(r)).toEqual(['sot.yaml:1:9 error schema/invalid-value']);
  });
});

describe('rack dimensions', () => {
  it('are whole numbers, as NetBox stores them', () => {
    const r = compileFiles({ 'base.yaml': BASE, 'r.yaml': 'racks:\n  - {name: R1, site: ams1, outer_width: 600, outer_depth: 1070.5, outer_unit: mm}\n' });
    expect(r.diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`])).toEqual([['schema/wrong-type', 'r.yaml:2:59']]);
  });
});

describe('cable length', () => {
  const cable = (fields: string) => compileFiles(cableFiles(`  - {a: "leaf1:et1", b: "leaf2:et1"${fields}}\n`)).diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

  it('takes any two-decimal length with a unit, negative ones too (NetBox sets no minimum), and a unit alone', () => {
    for (const fields of [', length: 2.5, length_unit: m', ', length: -3, length_unit: ft', ', length: 0, length_unit: m', ', length_unit: m', '']) {
      expect(cable(fields)).toEqual([]);
    }
  });

  it('needs a unit for every length, 0 included (NetBox checks for a length, not a non-zero one)', () => {
    expect(cable(', length: 0')).toEqual([['schema/missing-field', 'c.yaml:2:38', '"length" needs "length_unit" as well']]);
    expect(cable(', length: 2.5, length_unit: ""')).toEqual([['schema/missing-field', 'c.yaml:2:38', '"length" needs "length_unit" as well']]);
    expect(cable(', length: 1000000, length_unit: m').map(([rule, at]) => [rule, at])).toEqual([['schema/invalid-value', 'c.yaml:2:46']]);
  });
});

describe('rack type slugs', () => {
  const slug = (value: string) =>
    compileFiles({ 'base.yaml': BASE, 'r.yaml': `rack_types:\n  - {manufacturer: Acme, model: RT-1, slug: ${value}, form_factor: 4-post-cabinet}\n` }).diagnostics.map((d) => [d.rule, d.message]);

  it("take NetBox's slug letters, capitals too", () => {
    expect(slug('Acme_RT-1')).toEqual([]);
  });

  it('refuse other characters, and need one', () => {
    expect(slug('"acme rt"')).toEqual([['schema/invalid-value', '"acme rt" is not a valid slug: must match ^[-a-zA-Z0-9_]+$']]);
    expect(slug('~')).toEqual([['schema/missing-field', 'rack type is missing the required field "slug"']]);
  });
});

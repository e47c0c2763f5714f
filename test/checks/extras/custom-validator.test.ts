import { describe, expect, it } from 'vitest';
import { BASE, compileFiles, DEVICE_TYPE } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';
import type { CompileResult } from '../../../src/compile.js';

const RULE = 'extras/custom-validator';

const settings = (validators: string) => `format: 1\noptions:\n  custom_validators:\n${validators}`;
const rows = (r: CompileResult) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

/** One validator on sites and the sites to check, written from line 2 of s.yaml on. */
const compileSites = (validator: string, sites: string) =>
  compileFiles({
    'sot.yaml': settings(`    dcim.site:\n      - ${validator}\n`),
    'base.yaml': 'regions:\n  - { name: Europe, slug: europe }\ntags:\n  - { name: a, slug: a }\n  - { name: b, slug: b }\n',
    's.yaml': `sites:\n${sites}`,
  });

const fail = (line: number, col: number, site: string, text: string, data: Record<string, unknown>) => [
  RULE,
  `s.yaml:${line}:${col}`,
  'error',
  `site "${site}" fails custom validator dcim.site[0]: ${text}`,
  { validator: 'dcim.site[0]', ...data },
];

describe(RULE, () => {
  it('min and max on a number hold at their limits and fail one beyond', () => {
    const r = compileFiles({
      'sot.yaml': settings('    dcim.rack:\n      - u_height: {min: 10, max: 48}\n'),
      'base.yaml': BASE,
      'r.yaml': 'racks:\n  - {name: R1, site: ams1, u_height: 10}\n  - {name: R2, site: ams1, u_height: 48}\n  - {name: R3, site: ams1, u_height: 9}\n  - {name: R4, site: ams1, u_height: 49}\n',
    });
    expect(rows(r)).toEqual([
      [RULE, 'r.yaml:4:38', 'error', 'rack "R3" in site "AMS1" fails custom validator dcim.rack[0]: u_height must be at least 10 (it is 9)', { validator: 'dcim.rack[0]', attribute: 'u_height', condition: 'min', limit: 10 }],
      [RULE, 'r.yaml:5:38', 'error', 'rack "R4" in site "AMS1" fails custom validator dcim.rack[0]: u_height must be at most 48 (it is 49)', { validator: 'dcim.rack[0]', attribute: 'u_height', condition: 'max', limit: 48 }],
    ]);
  });

  it('an absent text field is empty for required, and waits for a value for a pattern (NetBox may read it as None)', () => {
    expect(rows(compileSites('{facility: {regex: "^[0-9]+$", min_length: 2}}', '  - {name: AMS1, slug: ams1}\n'))).toEqual([]);
    expect(rows(compileSites('{facility: {required: true}}', '  - {name: AMS1, slug: ams1}\n'))).toEqual([
      [RULE, 's.yaml:2:5', 'error', 'site "AMS1" fails custom validator dcim.site[0]: facility must not be empty', { validator: 'dcim.site[0]', attribute: 'facility', condition: 'required', limit: true }],
    ]);
  });

  it('min_length and max_length count characters, and count the items of a list of references', () => {
    const v = '{name: {min_length: 5, max_length: 8}, tags: {max_length: 1}}';
    expect(rows(compileSites(v, '  - {name: Amste, slug: a1, tags: [a]}\n  - {name: Amsterda, slug: a2}\n  - {name: Zürich, slug: a3}\n'))).toEqual([]);
    expect(rows(compileSites(v, '  - {name: Amst, slug: a1}\n  - {name: Amsterdam, slug: a2, tags: [a, b]}\n'))).toEqual([
      fail(2, 12, 'Amst', 'name must have at least 5 characters (it has 4)', { attribute: 'name', condition: 'min_length', limit: 5 }),
      fail(3, 12, 'Amsterdam', 'name must have at most 8 characters (it has 9)', { attribute: 'name', condition: 'max_length', limit: 8 }),
      fail(3, 39, 'Amsterdam', 'tags must have at most 1 item (it has 2)', { attribute: 'tags', condition: 'max_length', limit: 1 }),
    ]);
  });

  it('regex searches the value (re.search): unanchored unless the pattern anchors itself', () => {
    expect(rows(compileSites("{name: {regex: 'MS[0-9]'}, slug: {regex: '^ams'}}", '  - {name: AMS1-x, slug: ams1-x}\n'))).toEqual([]);
    expect(rows(compileSites("{name: {regex: 'MS[0-9]$'}, slug: {regex: '^ams'}}", '  - {name: AMS1-x, slug: x-ams1}\n'))).toEqual([
      fail(2, 12, 'AMS1-x', 'name must match the regular expression "MS[0-9]$"', { attribute: 'name', condition: 'regex', limit: 'MS[0-9]$' }),
      fail(2, 26, 'AMS1-x', 'slug must match the regular expression "^ams"', { attribute: 'slug', condition: 'regex', limit: '^ams' }),
    ]);
  });

  it("Python's \\Z is the very end", () => {
    const v = "{slug: {regex: '^[a-z]+[0-9]\\Z'}}";
    expect(rows(compileSites(v, '  - {name: AMS1, slug: ams1}\n'))).toEqual([]);
    expect(rows(compileSites(v, '  - {name: AMS1, slug: ams1-x}\n'))).toEqual([
      fail(2, 24, 'AMS1', 'slug must match the regular expression "^[a-z]+[0-9]\\\\Z"', { attribute: 'slug', condition: 'regex', limit: '^[a-z]+[0-9]\\Z' }),
    ]);
  });

  it("reads Python's syntax: inline flags, named groups, Unicode \\d", () => {
    const v = "{name: {regex: '(?i)^(?P<city>ams)\\d'}}";
    expect(rows(compileSites(v, '  - {name: AMS1, slug: ams1}\n  - {name: ams٣, slug: ams3}\n'))).toEqual([]);
    expect(rows(compileSites(v, '  - {name: AMSX, slug: amsx}\n'))).toEqual([
      fail(2, 12, 'AMSX', 'name must match the regular expression "(?i)^(?P<city>ams)\\\\d"', { attribute: 'name', condition: 'regex', limit: '(?i)^(?P<city>ams)\\d' }),
    ]);
  });

  it('a catastrophic pattern on a long value finishes fast (linear-time matching)', () => {
    const long = 'a'.repeat(20_000);
    const start = Date.now();
    const r = compileSites("{comments: {regex: '^(a+)+$'}}", `  - {name: AMS1, slug: ams1, comments: ${long}!}\n`);
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(rows(r).map((d) => [d[0], d[1]])).toEqual([[RULE, 's.yaml:2:40']]);
  });

  it('required: an empty string or an absent field fails, at the field or else the object', () => {
    const v = '{facility: {required: true}, tenant: {required: true}, description: {required: false}}';
    expect(rows(compileFiles({
      'sot.yaml': settings(`    dcim.site:\n      - ${v}\n`),
      't.yaml': 'tenants:\n  - {name: T1, slug: t1}\n',
      's.yaml': 'sites:\n  - {name: AMS1, slug: ams1, facility: F1, tenant: t1}\n',
    }))).toEqual([]);
    expect(rows(compileSites(v, "  - {name: AMS1, slug: ams1, facility: ''}\n"))).toEqual([
      fail(2, 5, 'AMS1', 'tenant must not be empty', { attribute: 'tenant', condition: 'required', limit: true }),
      fail(2, 40, 'AMS1', 'facility must not be empty', { attribute: 'facility', condition: 'required', limit: true }),
    ]);
  });

  it('prohibited: any value fails, an empty one holds', () => {
    const v = '{description: {prohibited: true}, tags: {prohibited: true}}';
    expect(rows(compileSites(v, "  - {name: AMS1, slug: ams1, description: '', tags: []}\n  - {name: AMS2, slug: ams2}\n"))).toEqual([]);
    expect(rows(compileSites(v, '  - {name: AMS1, slug: ams1, description: x, tags: [a]}\n'))).toEqual([
      fail(2, 43, 'AMS1', 'description must be empty (it is "x")', { attribute: 'description', condition: 'prohibited', limit: true }),
      fail(2, 52, 'AMS1', 'tags must be empty (it is a list of 1)', { attribute: 'tags', condition: 'prohibited', limit: true }),
    ]);
  });

  it('eq and neq compare the value; an absent field with a NetBox default is not judged', () => {
    const v = '{status: {eq: active}, slug: {neq: test}}';
    expect(rows(compileSites(v, '  - {name: AMS1, slug: ams1, status: active}\n  - {name: AMS2, slug: ams2}\n'))).toEqual([]);
    expect(rows(compileSites(v, '  - {name: AMS1, slug: test, status: planned}\n'))).toEqual([
      fail(2, 24, 'AMS1', 'slug must not equal "test"', { attribute: 'slug', condition: 'neq', limit: 'test' }),
      fail(2, 38, 'AMS1', 'status must equal "active" (it is "planned")', { attribute: 'status', condition: 'eq', limit: 'active' }),
    ]);
  });

  it('a dotted path follows references; an empty reference on the way fails as NetBox cannot read it', () => {
    const v = '{region.slug: {eq: europe}}';
    expect(rows(compileSites(v, '  - {name: AMS1, slug: ams1, region: europe}\n'))).toEqual([]);
    expect(rows(compileSites(v, '  - {name: AMS1, slug: ams1}\n'))).toEqual([
      fail(2, 5, 'AMS1', 'region.slug cannot be read, as site "AMS1" has no region', { attribute: 'region.slug', condition: 'attribute' }),
    ]);
  });

  it('through a polymorphic reference, an object of a kind without the field fails, as in NetBox', () => {
    const r = compileFiles({
      'sot.yaml': settings('    ipam.prefix:\n      - scope.facility: {required: true}\n'),
      's.yaml': [
        'regions:',
        '  - { name: Europe, slug: europe }',
        'sites:',
        '  - { name: AMS1, slug: ams1, facility: F1 }',
        '  - { name: AMS2, slug: ams2 }',
        'prefixes:',
        '  - { prefix: 10.0.0.0/24, scope_type: dcim.site, scope: ams1 }',
        '  - { prefix: 10.0.1.0/24, scope_type: dcim.site, scope: ams2 }',
        '  - { prefix: 10.0.2.0/24, scope_type: dcim.region, scope: europe }',
        '  - { prefix: 10.0.3.0/24 }',
        '',
      ].join('\n'),
    });
    const d = (line: number, col: number, prefix: string, text: string, condition: string) => [
      RULE, `s.yaml:${line}:${col}`, 'error', `prefix "${prefix}" fails custom validator ipam.prefix[0]: scope.facility ${text}`,
      { validator: 'ipam.prefix[0]', attribute: 'scope.facility', condition, ...(condition === 'required' ? { limit: true } : {}) },
    ];
    expect(rows(r)).toEqual([
      d(8, 58, '10.0.1.0/24', 'must not be empty', 'required'),
      d(9, 60, '10.0.2.0/24', 'cannot be read, as region "Europe" has no field "facility"', 'attribute'),
      d(10, 5, '10.0.3.0/24', 'cannot be read, as prefix "10.0.3.0/24" has no scope', 'attribute'),
    ]);
  });

  it('an unresolved reference is reported once, by resolve', () => {
    const r = compileSites('{region.slug: {eq: europe}}', '  - {name: AMS1, slug: ams1, region: asia}\n');
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });

  it('checks components written in the inventory, not those a device type makes', () => {
    const r = compileFiles({
      'sot.yaml': settings("    dcim.interface:\n      - name: {regex: '^et'}\n"),
      'base.yaml': BASE,
      'device-types/acme-x-4.yaml': DEVICE_TYPE,
      'd.yaml': 'devices:\n  - name: leaf1\n    site: ams1\n    role: leaf\n    device_type: acme-x-4\n    interfaces:\n      - {name: lo0, type: virtual}\n',
    });
    expect(rows(r)).toEqual([
      [RULE, 'd.yaml:7:16', 'error', 'interface "lo0" of device "leaf1" fails custom validator dcim.interface[0]: name must match the regular expression "^et"', { validator: 'dcim.interface[0]', attribute: 'name', condition: 'regex', limit: '^et' }],
    ]);
  });

  it('kinds are matched without regard to case, and several validators are each applied', () => {
    const r = compileFiles({
      'sot.yaml': settings('    DCIM.Site:\n      - {name: {min_length: 5}}\n      - {slug: {max_length: 3}}\n'),
      's.yaml': 'sites:\n  - {name: AMS1, slug: ams1}\n',
    });
    expect(rows(r).map((d) => [d[1], (d[4] as any).validator])).toEqual([
      ['s.yaml:2:12', 'DCIM.Site[0]'],
      ['s.yaml:2:24', 'DCIM.Site[1]'],
    ]);
  });

  it('request.… attributes are skipped, as NetBox does without a request', () => {
    expect(rows(compileSites('{request.user.username: {eq: admin}}', '  - {name: AMS1, slug: ams1}\n'))).toEqual([]);
  });
});

describe('custom validators in sot.yaml', () => {
  const problems = (r: CompileResult) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message]);

  it('reports unknown kinds, fields and conditions, and conditions that cannot hold, at their lines', () => {
    const r = compileFiles({
      'sot.yaml': settings(
        [
          '    dcim.sites:',
          '      - name: {min_length: 5}',
          '    dcim.site:',
          '      - nme: {min_length: 5}',
          "        name: {min_lenght: 5, regex: '(a)\\1'}",
          '        tenant: {min: 3}',
          '        region.nam: {eq: x}',
          '        name.foo: {eq: x}',
          '        slug: {max_length: -1, required: yes}',
          '      - my.validators.Foo',
          '    dcim.interfacetemplate:',
          '      - name: {regex: x}',
          '',
        ].join('\n'),
      ),
    });
    expect(r.configError).toBe(true);
    expect(problems(r)).toEqual([
      ['settings/invalid', 'sot.yaml:4:5', 'error', '"dcim.sites" is not a kind sot knows; did you mean "dcim.site"?'],
      ['settings/invalid', 'sot.yaml:7:9', 'error', '"nme": dcim.site has no field "nme"; did you mean "name"?'],
      ['settings/invalid', 'sot.yaml:8:16', 'error', '"name": "min_lenght" is not a condition NetBox knows; did you mean "min_length"?'],
      ['settings/invalid', 'sot.yaml:8:38', 'error', '"name": "(a)\\\\1" is not a regular expression sot can run: it uses the backreference \\1'],
      ['settings/invalid', 'sot.yaml:9:18', 'error', '"tenant": min cannot hold for this field: it is a reference: compare one of its fields (e.g. `tenant.slug`), or use required, prohibited or regex'],
      ['settings/invalid', 'sot.yaml:10:9', 'error', '"region.nam": region has no field "nam"; did you mean "name"?'],
      ['settings/invalid', 'sot.yaml:11:9', 'error', '"name.foo": "name" is not a reference to one object, so the path cannot go on past it'],
      ['settings/invalid', 'sot.yaml:12:28', 'error', '"slug": max_length must be a whole number, 0 or more'],
      ['settings/invalid', 'sot.yaml:12:42', 'error', '"slug": required must be true or false'],
      ['settings/invalid', 'sot.yaml:13:9', 'warning', '"my.validators.Foo" names a validator class; sot cannot run Python code, so it is not applied'],
      ['settings/invalid', 'sot.yaml:14:5', 'warning', '"dcim.interfacetemplate": sot does not apply custom validators to component templates (they are lists inside device and module types); this entry is not applied'],
    ]);
  });

  it('custom field values are not attributes a validator can read', () => {
    const r = compileFiles({ 'sot.yaml': settings('    dcim.site:\n      - custom_fields.owner: {required: true}\n') });
    expect(problems(r)).toEqual([
      ['settings/invalid', 'sot.yaml:5:9', 'error', '"custom_fields.owner": NetBox keeps custom field values in custom_field_data, a mapping a validator cannot look into; sot does not check it'],
    ]);
  });

  it('reads the validators from a YAML file of the inventory, which is then no data file', () => {
    const files = {
      'sot.yaml': 'format: 1\noptions:\n  custom_validators: ./validators.yaml\n',
      'validators.yaml': 'dcim.site:\n  - name: {min_length: 5}\n',
      's.yaml': 'sites:\n  - {name: AMS1, slug: ams1}\n',
    };
    expect(rows(compileFiles(files))).toEqual([
      [RULE, 's.yaml:2:12', 'error', 'site "AMS1" fails custom validator dcim.site[0]: name must have at least 5 characters (it has 4)', { validator: 'dcim.site[0]', attribute: 'name', condition: 'min_length', limit: 5 }],
    ]);
    const bad = compileFiles({ ...files, 'validators.yaml': 'dcim.site:\n  - name: {min_length: 5}\n    slug: {max: 3}\n' });
    expect(bad.configError).toBe(true);
    expect(problems(bad).filter((d) => d[0] === 'settings/invalid')).toEqual([
      ['settings/invalid', 'validators.yaml:3:12', 'error', '"slug": max cannot hold for this field: it is text: use min_length, max_length, regex, eq or neq'],
    ]);
    const missing = compileFiles({ ...files, 'sot.yaml': 'format: 1\noptions:\n  custom_validators: other.yaml\n' });
    expect(missing.configError).toBe(true);
    expect(problems(missing).filter((d) => d[0] === 'settings/invalid')).toEqual([
      ['settings/invalid', 'sot.yaml:3:22', 'error', 'custom_validators names "other.yaml", which is not a file of the inventory'],
    ]);
  });
});

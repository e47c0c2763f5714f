import { describe, expect, it } from 'vitest';
import { displayName, ref, refs, type Obj } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from '../helpers/compile.js';

// The extras app (tags have their own tests): custom field choice sets, custom fields, config context
// profiles, config contexts, config templates, export templates. Every kind with a reference field
// has a dangling-reference case, a duplicate-key case and a case that resolves. Custom field choice
// sets and export templates refer to nothing, so they have no dangling case (plus a few structural
// cases that their schemas carry). NetBox keeps neither config nor export template names unique:
// those kinds have a shared-name case instead of a duplicate one.

const DT = { 'device-types/Acme/X-4.yaml': DEVICE_TYPE };

// Something for every assignment list of a config context to point to.
const ORG = `site_groups:
  - { name: Core, slug: core }
locations:
  - { name: Hall 1, slug: hall-1, site: ams1 }
platforms:
  - { name: Arista EOS, slug: eos, manufacturer: acme }
tenant_groups:
  - { name: Internal, slug: internal }
tenants:
  - { name: NetOps, slug: netops, group: internal }
tags:
  - { name: Production, slug: production }
  - { name: EVPN fabric, slug: evpn-fabric }
`;

const FILES = { 'base.yaml': BASE, 'org.yaml': ORG, ...DT };

/** [rule, file:line:col (1-based), message, related places] of every diagnostic. */
const diags = (files: Record<string, string>) =>
  compileFiles({ ...FILES, ...files }).diagnostics.map((d) => [
    d.rule,
    `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`,
    d.message,
    d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`),
  ]);

/** Compiles with the shared fixtures, expects no problems, returns the objects of a kind. */
function clean(kind: string, files: Record<string, string>): Obj[] {
  const r = compileFiles({ ...FILES, ...files });
  expect(briefs(r)).toEqual([]);
  return r.model.byKind.get(kind) ?? [];
}

const name = (o: Obj | undefined) => (o ? displayName(o) : undefined);

const CHOICE_SET = `custom_field_choice_sets:
  - name: Tiers
    extra_choices:
      - [gold, Gold]
      - [silver, Silver]
`;

describe('custom field choice sets', () => {
  // No reference fields: no dangling case.
  it('reports a duplicate name', () => {
    const files = { 'c.yaml': `${CHOICE_SET}  - name: Tiers\n    base_choices: IATA\n` };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'c.yaml:6:11', 'duplicate custom field choice set name "Tiers"', ['c.yaml:2:11']]]);
  });

  it('keeps choice values as text and takes only [value, label] pairs', () => {
    const files = { 'c.yaml': 'custom_field_choice_sets:\n  - name: Sizes\n    extra_choices:\n      - [1, Small]\n      - [2, Large, XL]\n' };
    expect(diags(files).map((d) => d.slice(0, 2))).toEqual([['schema/invalid-value', 'c.yaml:5:9']]);
    const [set] = clean('extras.customfieldchoiceset', { 'c.yaml': 'custom_field_choice_sets:\n  - name: Sizes\n    extra_choices: [[1, Small], [02, Large]]\n' });
    expect(set.data.extra_choices).toEqual([['1', 'Small'], ['02', 'Large']]);
  });
});

describe('custom fields', () => {
  const FIELD = `custom_fields:
  - name: tier
    type: select
    object_types: [dcim.site]
    choice_set: Tiers
`;

  it('resolves the choice set', () => {
    const [field] = clean('extras.customfield', { 'c.yaml': CHOICE_SET, 'f.yaml': FIELD });
    expect(name(ref(field, 'choice_set'))).toBe('Tiers');
  });

  it('reports a dangling choice set', () => {
    expect(diags({ 'c.yaml': CHOICE_SET, 'f.yaml': FIELD.replace('choice_set: Tiers', 'choice_set: Tierz') })).toEqual([
      ['resolve/dangling-reference', 'f.yaml:5:17', 'no custom field choice set "Tierz"; did you mean "Tiers"?', undefined],
    ]);
  });

  it('reports a duplicate name', () => {
    const files = { 'c.yaml': CHOICE_SET, 'f.yaml': `${FIELD}  - name: tier\n    object_types: [dcim.device]\n` };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'f.yaml:6:11', 'duplicate custom field name "tier"', ['f.yaml:2:11']]]);
  });

  it('checks names and the settings that belong to one type', () => {
    const files = {
      'c.yaml': CHOICE_SET,
      'f.yaml': `custom_fields:
  - name: asset__owner
    object_types: [dcim.device]
  - name: owner
    type: text
    choice_set: Tiers
    object_types: [dcim.device]
  - name: rack_units
    type: boolean
    validation_maximum: 48
    object_types: [dcim.rack]
  - name: peer
    type: object
    object_types: [dcim.device]
`,
    };
    const found = diags(files).map((d) => d.slice(0, 3));
    expect(found).toContainEqual(['schema/invalid-value', 'f.yaml:2:11', '"asset__owner" is not a valid name: must match ^(?!.*__)[a-z0-9_]+$']);
    expect(found).toContainEqual(['schema/invalid-choice', 'f.yaml:5:11', '"text" is not a valid type']);
    expect(found).toContainEqual(['schema/invalid-choice', 'f.yaml:9:11', '"boolean" is not a valid type']);
    expect(found).toContainEqual(['schema/missing-field', 'f.yaml:12:5', 'custom field is missing the required field "related_object_type"']);
  });
});

describe('config context profiles', () => {
  const PROFILE = `config_context_profiles:
  - name: Management
    schema:
      type: object
      required: [ntp]
    tags: [production]
`;

  it('resolves tags', () => {
    const [profile] = clean('extras.configcontextprofile', { 'p.yaml': PROFILE });
    expect(refs(profile, 'tags').map(name)).toEqual(['production']);
    expect(profile.data.schema).toEqual({ type: 'object', required: ['ntp'] });
  });

  it('reports a dangling tag', () => {
    expect(diags({ 'p.yaml': PROFILE.replace('[production]', '[prod]') })).toEqual([
      ['resolve/dangling-reference', 'p.yaml:6:12', 'no tag "prod"; did you mean "production"?', undefined],
    ]);
  });

  it('reports a duplicate name', () => {
    expect(diags({ 'p.yaml': `${PROFILE}  - name: Management\n` })).toEqual([
      ['resolve/duplicate-key', 'p.yaml:7:11', 'duplicate config context profile name "Management"', ['p.yaml:2:11']],
    ]);
  });
});

describe('config contexts', () => {
  const CONTEXT = `config_context_profiles:
  - name: Management
config_contexts:
  - name: fabric
    profile: Management
    weight: 2000
    regions: [europe]
    site_groups: [core]
    sites: [ams1, ams2]
    locations: [hall-1]
    device_types: [Acme/X-4]
    roles: [leaf]
    platforms: [eos]
    tenant_groups: [internal]
    tenants: [netops]
    tags: [evpn-fabric]
    data:
      bgp: {maximum_paths: 4}
`;

  it('resolves the profile and every assignment list', () => {
    const [ctx] = clean('extras.configcontext', { 'c.yaml': CONTEXT });
    expect(name(ref(ctx, 'profile'))).toBe('Management');
    const lists = ['regions', 'site_groups', 'sites', 'locations', 'device_types', 'roles', 'platforms', 'tenant_groups', 'tenants', 'tags'];
    expect(Object.fromEntries(lists.map((f) => [f, refs(ctx, f).map(name)]))).toEqual({
      regions: ['Europe'],
      site_groups: ['Core'],
      sites: ['AMS1', 'AMS2'],
      locations: ['Hall 1'],
      device_types: ['X-4'],
      roles: ['Leaf'],
      platforms: ['Arista EOS'],
      tenant_groups: ['Internal'],
      tenants: ['NetOps'],
      tags: ['evpn-fabric'],
    });
    expect(ctx.data.data).toEqual({ bgp: { maximum_paths: 4 } });
  });

  it('reports a dangling reference in an assignment list', () => {
    expect(diags({ 'c.yaml': CONTEXT.replace('sites: [ams1, ams2]', 'sites: [ams1, ams3]') })).toEqual([
      ['resolve/dangling-reference', 'c.yaml:9:19', 'no site "ams3"; did you mean "ams1"?', undefined],
    ]);
  });

  it('reports a duplicate name', () => {
    expect(diags({ 'c.yaml': `${CONTEXT}  - name: fabric\n    data: {}\n` })).toEqual([
      ['resolve/duplicate-key', 'c.yaml:19:11', 'duplicate config context name "fabric"', ['c.yaml:4:11']],
    ]);
  });

  it('requires data, as a mapping', () => {
    const files = { 'c.yaml': 'config_contexts:\n  - name: empty\n  - name: list\n    data: [1, 2]\n' };
    expect(diags(files).map((d) => d.slice(0, 3))).toEqual([
      ['schema/missing-field', 'c.yaml:2:5', 'config context is missing the required field "data"'],
      ['schema/wrong-type', 'c.yaml:4:11', '"data" must be a mapping, not a list'],
    ]);
  });
});

describe('config templates', () => {
  const TEMPLATE = `config_templates:
  - name: EOS base
    template_code: |
      hostname {{device.name}}
    tags: [production]
`;

  it('resolves tags', () => {
    const [template] = clean('extras.configtemplate', { 't.yaml': TEMPLATE });
    expect(refs(template, 'tags').map(name)).toEqual(['production']);
    expect(template.data.template_code).toBe('hostname {{device.name}}\n');
  });

  it('reports a dangling tag', () => {
    expect(diags({ 't.yaml': TEMPLATE.replace('[production]', '[prodution]') })).toEqual([
      ['resolve/dangling-reference', 't.yaml:5:12', 'no tag "prodution"; did you mean "production"?', undefined],
    ]);
  });

  it('lets two templates share a name, and reports a reference to it as ambiguous', () => {
    const twins = { 't.yaml': `${TEMPLATE}  - name: EOS base\n    file: templates/eos.hbs\n` };
    expect(clean('extras.configtemplate', twins).map((t) => [t.data.name, t.data.file])).toEqual([
      ['EOS base', undefined],
      ['EOS base', 'templates/eos.hbs'],
    ]);
    expect(diags({ ...twins, 'd.yaml': 'devices:\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1, config_template: EOS base}\n' })).toEqual([
      [
        'resolve/ambiguous-reference',
        'd.yaml:2:83',
        '"EOS base" names 2 config templates: config template "EOS base", config template "EOS base"',
        ['t.yaml:2:5', 't.yaml:6:5'],
      ],
    ]);
  });

  it('takes the template inline or from a file, exactly one of them', () => {
    expect(clean('extras.configtemplate', { 't.yaml': 'config_templates:\n  - name: EOS base\n    file: templates/eos.hbs\n' }).map((t) => t.data.file)).toEqual([
      'templates/eos.hbs',
    ]);
    const files = {
      't.yaml': `config_templates:
  - name: both
    template_code: hostname x
    file: templates/eos.hbs
  - name: neither
  - name: outside
    file: ../eos.hbs
`,
    };
    const found = diags(files).map((d) => d.slice(0, 3));
    expect(found).toContainEqual(['schema/invalid-value', 't.yaml:4:11', '"templates/eos.hbs" is not allowed as file']);
    expect(found).toContainEqual(['schema/missing-field', 't.yaml:5:5', 'config template is missing the required field "template_code"']);
    expect(found.filter((d) => d[1] === 't.yaml:7:11').map((d) => d[0])).toEqual(['schema/invalid-value']);
  });

  it("takes only NetBox's Jinja2 environment parameters", () => {
    const files = {
      't.yaml': `config_templates:
  - name: EOS base
    template_code: x
    environment_params:
      trim_blocks: true
      loader: FileSystemLoader
      undefined: jinja2.StrictUndefined
`,
    };
    expect(diags(files).map((d) => d.slice(0, 3))).toEqual([
      ['schema/unknown-field', 't.yaml:6:7', '"loader" is not an allowed key in "environment_params"'],
    ]);
  });
});

describe('export templates', () => {
  const EXPORT = `export_templates:
  - name: Devices (CSV)
    object_types: [dcim.device]
    template_code: name
`;

  // No reference fields: no dangling case.
  it('lets two templates share a name', () => {
    const files = { 'e.yaml': `${EXPORT}  - name: Devices (CSV)\n    object_types: [dcim.rack]\n    template_code: name\n` };
    expect(clean('extras.exporttemplate', files).map((t) => [t.data.name, t.data.object_types])).toEqual([
      ['Devices (CSV)', ['dcim.device']],
      ['Devices (CSV)', ['dcim.rack']],
    ]);
  });

  it('reserves the name "table" and needs at least one object type', () => {
    const files = { 'e.yaml': 'export_templates:\n  - name: Table\n    object_types: []\n    template_code: x\n' };
    expect(diags(files).map((d) => d.slice(0, 3))).toEqual([
      ['schema/invalid-value', 'e.yaml:2:11', '"Table" is not allowed as name'],
      ['schema/invalid-value', 'e.yaml:3:19', 'the list is not a valid object_types: must have at least 1 items'],
    ]);
    expect(clean('extras.exporttemplate', { 'e.yaml': EXPORT }).map((t) => t.data.object_types)).toEqual([['dcim.device']]);
  });
});

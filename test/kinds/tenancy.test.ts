import { describe, expect, it } from 'vitest';
import { displayName, ref, refs } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, brief, briefs, compileFiles } from '../helpers/compile.js';

/** [rule, file:line:col (1-based), message] of every diagnostic. */
const diags = (files: Record<string, string>) =>
  compileFiles(files).diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

const related = (files: Record<string, string>) =>
  compileFiles(files).diagnostics.flatMap((d) => d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`) ?? []);

const DT = { 'device-types/Acme/X-4.yaml': DEVICE_TYPE };
const DEVICE = 'devices:\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1}\n';
const CONTACTS = `contact_roles:
  - {name: Technical, slug: technical}
  - {name: Escalation, slug: escalation}
contacts:
  - {name: Jane Doe}
  - {name: NOC}
`;

const TENANTS = `tenant_groups:
  - {name: Internal, slug: internal}
  - {name: Customers, slug: customers}
tenants:
  - {name: NetOps, slug: netops, group: internal}
  - {name: NetOps, slug: netops, group: customers}
  - {name: NetOps, slug: netops}
`;

describe('tenant groups', () => {
  it('keeps names unique across all groups, not only among siblings', () => {
    const files = { 't.yaml': 'tenant_groups:\n  - {name: Internal, slug: internal}\n  - {name: Internal, slug: internal-2, parent: internal}\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 't.yaml:3:12', 'duplicate tenant group name "Internal"']]);
    expect(related(files)).toEqual(['t.yaml:2:12']);
  });
});

describe('tenants', () => {
  it('keeps names and slugs unique within a group and among ungrouped tenants; another group may repeat them', () => {
    expect(diags({ 't.yaml': TENANTS })).toEqual([]);
    const grouped = { 't.yaml': `${TENANTS}  - {name: NetOps, slug: netops-2, group: internal}\n  - {name: Ops, slug: netops, group: customers}\n` };
    expect(diags(grouped)).toEqual([
      ['resolve/duplicate-key', 't.yaml:8:12', 'duplicate tenant name "NetOps" in tenant group "Internal"'],
      ['resolve/duplicate-key', 't.yaml:9:23', 'duplicate tenant slug "netops" in tenant group "Customers"'],
    ]);
    expect(related(grouped)).toEqual(['t.yaml:5:12', 't.yaml:6:26']);
    const ungrouped = { 't.yaml': `${TENANTS}  - {name: NetOps, slug: netops-2}\n  - {name: Ops, slug: netops}\n` };
    expect(diags(ungrouped)).toEqual([
      ['resolve/duplicate-key', 't.yaml:8:12', 'duplicate tenant name "NetOps" (neither has a group)'],
      ['resolve/duplicate-key', 't.yaml:9:23', 'duplicate tenant slug "netops" (neither has a group)'],
    ]);
    expect(related(ungrouped)).toEqual(['t.yaml:7:12', 't.yaml:7:26']);
  });

  it('reports a reference to a repeated name as ambiguous, and resolves it through the group', () => {
    const r = compileFiles({ 't.yaml': TENANTS, 'l.yaml': 'l2vpns:\n  - {name: A, slug: a, type: vxlan, tenant: NetOps}\n' });
    expect(r.diagnostics.map((d) => [d.rule, brief(d).split(' ')[0], d.message, d.help, d.data])).toEqual([
      [
        'resolve/ambiguous-reference',
        'l.yaml:2:45',
        '"NetOps" names 3 tenants: tenant "NetOps" (group "Internal"), tenant "NetOps" (group "Customers"), tenant "NetOps"',
        'say which one: write a mapping such as {group: Internal, name: NetOps} or the compact form Internal/NetOps',
        { kind: 'tenancy.tenant', value: 'NetOps', candidates: ['tenants[name=NetOps]', 'tenants[name=NetOps]', 'tenants[name=NetOps]'] },
      ],
    ]);
    expect(r.diagnostics[0].related!.map((x) => `${x.location.file}:${x.location.range!.start.line + 1}`)).toEqual(['t.yaml:5', 't.yaml:6', 't.yaml:7']);
    const ok = compileFiles({
      't.yaml': TENANTS,
      'l.yaml': 'l2vpns:\n  - {name: A, slug: a, type: vxlan, tenant: Internal/NetOps}\n  - {name: B, slug: b, type: vxlan, tenant: {group: customers, name: NetOps}}\n',
    });
    expect(briefs(ok)).toEqual([]);
    expect(ok.model.byKind.get('vpn.l2vpn')!.map((l) => displayName(ref(ref(l, 'tenant')!, 'group')!))).toEqual(['Internal', 'Customers']);
  });
});

describe('contact groups', () => {
  it('reports a dangling parent', () => {
    const files = { 'g.yaml': 'contact_groups:\n  - name: Operations\n    slug: operations\n  - name: NOC\n    slug: noc\n    parent: operationz\n' };
    expect(diags(files)).toEqual([['resolve/dangling-reference', 'g.yaml:6:13', 'no contact group "operationz"; did you mean "operations"?']]);
  });

  it('lets names repeat under different parents and at the top level, not among siblings', () => {
    const groups = `contact_groups:
  - name: Operations
    slug: operations
  - name: Suppliers
    slug: suppliers
  - name: NOC
    slug: noc
    parent: operations
  - name: NOC
    slug: noc
    parent: suppliers
  - name: Vendors
    slug: vendors
  - name: Vendors
    slug: vendors
`;
    expect(diags({ 'g.yaml': groups })).toEqual([]);
    const siblings = { 'g.yaml': `${groups}  - name: NOC\n    slug: noc-2\n    parent: Operations\n` };
    expect(diags(siblings)).toEqual([['resolve/duplicate-key', 'g.yaml:16:11', 'duplicate contact group name "NOC" in contact group "Operations"']]);
    expect(related(siblings)).toEqual(['g.yaml:6:11']);
  });

  it('reports a reference to a repeated name as ambiguous, and resolves it through the parent', () => {
    const groups = `contact_groups:
  - {name: Operations, slug: operations}
  - {name: Suppliers, slug: suppliers}
  - {name: NOC, slug: noc, parent: operations}
  - {name: NOC, slug: noc, parent: suppliers}
  - {name: Vendors, slug: vendors}
  - {name: Vendors, slug: vendors}
`;
    const r = compileFiles({ 'g.yaml': groups, 'c.yaml': 'contacts:\n  - name: Jane Doe\n    groups: [NOC, Vendors]\n' });
    expect(r.diagnostics.map((d) => [d.rule, brief(d).split(' ')[0], d.message, d.help, d.data])).toEqual([
      [
        'resolve/ambiguous-reference',
        'c.yaml:3:14',
        '"NOC" names 2 contact groups: contact group "NOC" (parent "Operations"), contact group "NOC" (parent "Suppliers")',
        'say which one: write a mapping such as {parent: Operations, name: NOC} or the compact form Operations/NOC',
        { kind: 'tenancy.contactgroup', value: 'NOC', candidates: ['contact_groups[name=NOC]', 'contact_groups[name=NOC]'] },
      ],
      [
        'resolve/ambiguous-reference',
        'c.yaml:3:19',
        '"Vendors" names 2 contact groups: contact group "Vendors", contact group "Vendors"',
        'the candidates cannot be told apart by their fields; rename one of them',
        { kind: 'tenancy.contactgroup', value: 'Vendors', candidates: ['contact_groups[name=Vendors]', 'contact_groups[name=Vendors]'] },
      ],
    ]);
    expect(r.diagnostics[0].related!.map((x) => `${x.location.file}:${x.location.range!.start.line + 1}`)).toEqual(['g.yaml:4', 'g.yaml:5']);
    const ok = compileFiles({ 'g.yaml': groups, 'c.yaml': 'contacts:\n  - name: Jane Doe\n    groups: [Suppliers/NOC, {parent: operations, name: NOC}]\n' });
    expect(briefs(ok)).toEqual([]);
    expect(refs(ok.model.byKind.get('tenancy.contact')![0], 'groups').map((g) => displayName(ref(g, 'parent')!))).toEqual(['Suppliers', 'Operations']);
  });

  it('resolves the parent and reports a loop', () => {
    const ok = compileFiles({ 'g.yaml': 'contact_groups:\n  - {name: Operations, slug: operations}\n  - {name: NOC, slug: noc, parent: Operations}\n' });
    expect(briefs(ok)).toEqual([]);
    const noc = ok.model.byKind.get('tenancy.contactgroup')![1];
    expect(displayName(ref(noc, 'parent')!)).toBe('Operations');
    const loop = { 'g.yaml': 'contact_groups:\n  - {name: A, slug: a, parent: b}\n  - {name: B, slug: b, parent: a}\n' };
    expect(diags(loop)).toEqual([['resolve/cycle', 'g.yaml:2:32', 'contact group hierarchy loops: "A" → "B" → "A"']]);
  });
});

describe('contact roles', () => {
  // No reference field (besides tags): only the duplicate case.
  it('reports a duplicate name', () => {
    const files = { 'r.yaml': 'contact_roles:\n  - name: Technical\n    slug: technical\n  - name: Technical\n    slug: tech\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'r.yaml:4:11', 'duplicate contact role name "Technical"']]);
    expect(related(files)).toEqual(['r.yaml:2:11']);
  });
});

describe('contacts', () => {
  it('reports a dangling group', () => {
    const files = { 'g.yaml': 'contact_groups:\n  - {name: Operations, slug: operations}\n', 'c.yaml': 'contacts:\n  - name: Jane Doe\n    groups: [operations, noc]\n' };
    expect(diags(files)).toEqual([['resolve/dangling-reference', 'c.yaml:3:26', 'no contact group "noc"']]);
  });

  it('lets two contacts share a name, and reports a reference to it as ambiguous', () => {
    expect(diags({ 'c.yaml': 'contacts:\n  - name: Jane Doe\n  - name: Jane Doe\n    email: jane@example.com\n' })).toEqual([]);
    const files = {
      'base.yaml': BASE,
      'c.yaml': `${CONTACTS}  - name: Jane Doe\n    email: jane@example.com\n`,
      'a.yaml': 'contact_assignments:\n  - {object_type: dcim.site, object: ams1, contact: Jane Doe, role: technical}\n',
    };
    const r = compileFiles(files);
    expect(r.diagnostics.map((d) => [d.rule, brief(d).split(' ')[0], d.message, d.data])).toEqual([
      [
        'resolve/ambiguous-reference',
        'a.yaml:2:53',
        '"Jane Doe" names 2 contacts: contact "Jane Doe", contact "Jane Doe"',
        { kind: 'tenancy.contact', value: 'Jane Doe', candidates: ['contacts[name=Jane Doe]', 'contacts[name=Jane Doe]'] },
      ],
    ]);
    expect(related(files)).toEqual(['c.yaml:5:5', 'c.yaml:7:5']);
  });

  it('resolves groups and checks the e-mail address and link', () => {
    const ok = compileFiles({
      'g.yaml': 'contact_groups:\n  - {name: Operations, slug: operations}\n  - {name: NOC, slug: noc, parent: operations}\n',
      'c.yaml': 'contacts:\n  - name: Jane Doe\n    groups: [operations, NOC]\n    email: jane@example.net\n    link: https://example.net/jane\n    phone: +31 20 555 0100\n',
    });
    expect(briefs(ok)).toEqual([]);
    expect(refs(ok.model.byKind.get('tenancy.contact')![0], 'groups').map(displayName)).toEqual(['Operations', 'NOC']);
    const bad = { 'c.yaml': 'contacts:\n  - name: Jane Doe\n    email: jane at example.net\n    link: example.net/jane\n' };
    expect(diags(bad).map(([rule, at]) => [rule, at])).toEqual([
      ['schema/invalid-value', 'c.yaml:3:12'],
      ['schema/invalid-value', 'c.yaml:4:11'],
    ]);
  });
});

describe('contact assignments', () => {
  it('reports a dangling object and contact', () => {
    const files = { 'base.yaml': BASE, 'c.yaml': CONTACTS, 'a.yaml': 'contact_assignments:\n  - object_type: dcim.site\n    object: ams3\n    contact: Jane Do\n    role: technical\n' };
    expect(diags(files)).toEqual([
      ['resolve/dangling-reference', 'a.yaml:3:13', 'no site "ams3"; did you mean "ams1"?'],
      ['resolve/dangling-reference', 'a.yaml:4:14', 'no contact "Jane Do"; did you mean "Jane Doe"?'],
    ]);
  });

  it('gives an object a contact once per role, whatever names the object and role are written with', () => {
    const files = {
      'base.yaml': BASE,
      'c.yaml': CONTACTS,
      'a.yaml': `contact_assignments:
  - object_type: dcim.site
    object: ams1
    contact: Jane Doe
    role: technical
  - object_type: dcim.site
    object: AMS1
    contact: Jane Doe
    role: Technical
  - object_type: dcim.site
    object: ams1
    contact: Jane Doe
    role: escalation
  - object_type: dcim.site
    object: ams2
    contact: Jane Doe
    role: technical
`,
    };
    expect(diags(files)).toEqual([
      ['resolve/duplicate-key', 'a.yaml:9:11', 'contact role "Technical" already has a contact assignment for site "AMS1" and contact "Jane Doe"'],
    ]);
    expect(related(files)).toEqual(['a.yaml:5:11']);
  });

  it('resolves an object of the kind object_type names, and only kinds that can have contacts', () => {
    const ok = compileFiles({
      'base.yaml': BASE,
      ...DT,
      'd.yaml': DEVICE,
      'c.yaml': CONTACTS,
      'a.yaml': 'contact_assignments:\n  - {object_type: dcim.device, object: leaf1, contact: NOC, role: technical, priority: primary}\n',
    });
    expect(briefs(ok)).toEqual([]);
    const a = ok.model.byKind.get('tenancy.contactassignment')![0];
    expect(ref(a, 'object')!.kind.kind).toBe('dcim.device');
    expect(displayName(ref(a, 'object')!)).toBe('leaf1');
    expect(displayName(ref(a, 'contact')!)).toBe('NOC');
    expect(displayName(ref(a, 'role')!)).toBe('Technical');
    const bad = { 'base.yaml': BASE, 'c.yaml': CONTACTS, 'a.yaml': 'contact_assignments:\n  - {object_type: dcim.interface, object: leaf1:et1, contact: NOC, role: technical}\n' };
    expect(diags(bad).map(([rule, at]) => [rule, at])).toEqual([['schema/invalid-choice', 'a.yaml:2:19']]);
  });
});

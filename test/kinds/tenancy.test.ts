import { describe, expect, it } from 'vitest';
import { displayName, ref, refs } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from '../helpers/compile.js';

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

describe('contact groups', () => {
  it('reports a dangling parent', () => {
    const files = { 'g.yaml': 'contact_groups:\n  - name: Operations\n    slug: operations\n  - name: NOC\n    slug: noc\n    parent: operationz\n' };
    expect(diags(files)).toEqual([['resolve/dangling-reference', 'g.yaml:6:13', 'no contact group "operationz"; did you mean "operations"?']]);
  });

  it('keeps names unique across the inventory, not only among siblings as NetBox does', () => {
    const files = {
      'g.yaml': `contact_groups:
  - name: Operations
    slug: operations
  - name: Suppliers
    slug: suppliers
  - name: NOC
    slug: noc
    parent: operations
  - name: NOC
    slug: supplier-noc
    parent: suppliers
`,
    };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'g.yaml:9:11', 'duplicate contact group name "NOC"']]);
    expect(related(files)).toEqual(['g.yaml:6:11']);
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

  it('keeps names unique across the inventory (NetBox does not)', () => {
    const files = { 'c.yaml': 'contacts:\n  - name: Jane Doe\n  - name: Jane Doe\n    email: jane@example.com\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'c.yaml:3:11', 'duplicate contact name "Jane Doe"']]);
    expect(related(files)).toEqual(['c.yaml:2:11']);
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
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'a.yaml:8:14', 'duplicate contact assignment contact "Jane Doe" in site "AMS1"']]);
    expect(related(files)).toEqual(['a.yaml:4:14']);
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

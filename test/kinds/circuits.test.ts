import { describe, expect, it } from 'vitest';
import { displayName, ref, refs, type Obj } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from '../helpers/compile.js';

// The circuits app: providers, their accounts and networks, circuits and their terminations, circuit
// groups, virtual circuits. Every kind has a dangling-reference case, a duplicate-key case and a case
// that resolves. Providers, circuit types and virtual circuit types refer to nothing but tags, so their
// dangling case is a tag.

const diags = (files: Record<string, string>) =>
  compileFiles({ 'base.yaml': BASE, 'org.yaml': ORG, ...files }).diagnostics.map((d) => ({
    rule: d.rule,
    at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`,
    message: d.message,
    related: d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`),
  }));

const short = (files: Record<string, string>) => diags(files).map((d) => [d.rule, d.at]);

/** Compiles with the shared fixtures, expects no problems, returns the objects of a kind. */
function clean(kind: string, files: Record<string, string>): Obj[] {
  const r = compileFiles({ 'base.yaml': BASE, 'org.yaml': ORG, ...files });
  expect(briefs(r)).toEqual([]);
  return r.model.byKind.get(kind)!;
}

const name = (o: Obj | undefined) => (o ? displayName(o) : undefined);

// Two providers with a network of the same name: a plain "Internet" is ambiguous, provider/name is not.
const ORG = `tenants:
  - { name: NetOps, slug: netops }
tags:
  - { name: Production, slug: production }
providers:
  - { name: Example Transit, slug: example-transit }
  - { name: Other Transit, slug: other-transit }
provider_accounts:
  - { provider: example-transit, account: EU-1, name: Europe }
  - { provider: other-transit, account: OT-1 }
provider_networks:
  - { provider: example-transit, name: Internet }
  - { provider: other-transit, name: Internet }
  - { provider: other-transit, name: Ethernet Fabric }
circuit_types:
  - { name: Transit, slug: transit }
virtual_circuit_types:
  - { name: EVPL, slug: evpl }
circuit_groups:
  - { name: Transit AMS1, slug: transit-ams1 }
`;

const CIRCUITS = `circuits:
  - { cid: C-1, provider: example-transit, type: transit }
  - { cid: C-1, provider: other-transit, type: transit }
  - { cid: C-2, provider: other-transit, type: transit }
virtual_circuits:
  - { cid: V-1, provider_network: Ethernet Fabric, type: evpl }
`;

describe('providers', () => {
  it('resolves tags', () => {
    const [p] = clean('circuits.provider', { 'p.yaml': 'providers:\n  - name: Cogent\n    slug: cogent\n    tags: [production]\n' }).filter((o) => o.data.name === 'Cogent');
    expect(refs(p, 'tags').map(name)).toEqual(['production']);
  });

  it('reports a dangling tag', () => {
    expect(short({ 'p.yaml': 'providers:\n  - name: Cogent\n    slug: cogent\n    tags: [prod]\n' })).toEqual([['resolve/dangling-reference', 'p.yaml:4:12']]);
  });

  it('reports a duplicate name', () => {
    expect(diags({ 'p.yaml': 'providers:\n  - name: Example Transit\n    slug: example-transit-2\n' })).toEqual([
      { rule: 'resolve/duplicate-key', at: 'p.yaml:2:11', message: 'duplicate provider name "Example Transit"', related: ['org.yaml:6:13'] },
    ]);
  });
});

describe('provider accounts', () => {
  it('resolve their provider', () => {
    const accounts = clean('circuits.provideraccount', {});
    expect(accounts.map((a) => [a.data.account, name(ref(a, 'provider'))])).toEqual([
      ['EU-1', 'Example Transit'],
      ['OT-1', 'Other Transit'],
    ]);
  });

  it('reports a dangling provider', () => {
    expect(short({ 'a.yaml': 'provider_accounts:\n  - provider: example-transt\n    account: EU-2\n' })).toEqual([['resolve/dangling-reference', 'a.yaml:2:15']]);
  });

  it('reports a duplicate account or name within the provider, not across providers', () => {
    const a = 'provider_accounts:\n  - provider: example-transit\n    account: EU-1\n  - provider: example-transit\n    account: EU-3\n    name: Europe\n  - provider: other-transit\n    account: EU-1\n';
    expect(diags({ 'a.yaml': a })).toEqual([
      { rule: 'resolve/duplicate-key', at: 'a.yaml:3:14', message: 'duplicate provider account account "EU-1" in provider "Example Transit"', related: ['org.yaml:9:43'] },
      { rule: 'resolve/duplicate-key', at: 'a.yaml:6:11', message: 'duplicate provider account name "Europe" in provider "Example Transit"', related: ['org.yaml:9:55'] },
    ]);
  });

  it('may go without a name, several in one provider (NetBox keeps a name unique only when it is set)', () => {
    const a = 'provider_accounts:\n  - { provider: example-transit, account: EU-2, name: "" }\n  - { provider: example-transit, account: EU-3, name: "" }\n  - { provider: example-transit, account: EU-4 }\n';
    expect(short({ 'a.yaml': a })).toEqual([]);
  });
});

describe('provider networks', () => {
  it('resolve their provider', () => {
    const nets = clean('circuits.providernetwork', {});
    expect(nets.map((n) => [n.data.name, name(ref(n, 'provider'))])).toEqual([
      ['Internet', 'Example Transit'],
      ['Internet', 'Other Transit'],
      ['Ethernet Fabric', 'Other Transit'],
    ]);
  });

  it('reports a dangling provider', () => {
    expect(short({ 'n.yaml': 'provider_networks:\n  - provider: cogent\n    name: Internet\n' })).toEqual([['resolve/dangling-reference', 'n.yaml:2:15']]);
  });

  it('reports a duplicate name within the provider', () => {
    expect(short({ 'n.yaml': 'provider_networks:\n  - provider: other-transit\n    name: Internet\n' })).toEqual([['resolve/duplicate-key', 'n.yaml:3:11']]);
  });
});

describe('circuit types', () => {
  it('resolve tags', () => {
    const t = clean('circuits.circuittype', { 't.yaml': 'circuit_types:\n  - name: Dark fibre\n    slug: dark-fibre\n    color: 795548\n    tags: [Production]\n' });
    expect(refs(t[1], 'tags').map(name)).toEqual(['production']);
  });

  it('reports a dangling tag', () => {
    expect(short({ 't.yaml': 'circuit_types:\n  - name: Dark fibre\n    slug: dark-fibre\n    tags: [prod]\n' })).toEqual([['resolve/dangling-reference', 't.yaml:4:12']]);
  });

  it('reports a duplicate slug', () => {
    expect(short({ 't.yaml': 'circuit_types:\n  - name: IP transit\n    slug: transit\n' })).toEqual([['resolve/duplicate-key', 't.yaml:3:11']]);
  });
});

describe('circuits', () => {
  it('resolve provider, an account of that provider, type and tenant', () => {
    const c = 'circuits:\n  - cid: C-9\n    provider: example-transit\n    provider_account: EU-1\n    type: transit\n    tenant: netops\n    install_date: 2024-03-18\n    distance: 9.4\n    distance_unit: km\n';
    const [circuit] = clean('circuits.circuit', { 'c.yaml': c });
    expect([name(ref(circuit, 'provider')), name(ref(circuit, 'provider_account')), name(ref(circuit, 'type')), name(ref(circuit, 'tenant'))]).toEqual([
      'Example Transit',
      'EU-1',
      'Transit',
      'NetOps',
    ]);
    expect(circuit.data.install_date).toBe('2024-03-18');
  });

  it('reports a dangling type', () => {
    expect(short({ 'c.yaml': 'circuits:\n  - cid: C-9\n    provider: example-transit\n    type: transt\n' })).toEqual([['resolve/dangling-reference', 'c.yaml:4:11']]);
  });

  it('takes the provider account from the circuit\'s own provider only', () => {
    const c = 'circuits:\n  - cid: C-9\n    provider: example-transit\n    provider_account: OT-1\n    type: transit\n';
    expect(diags({ 'c.yaml': c }).map((d) => [d.rule, d.at, d.message])).toEqual([
      ['resolve/wrong-scope', 'c.yaml:4:23', 'provider account "OT-1" is in provider "Other Transit", not in provider "Example Transit"'],
    ]);
  });

  it('reports a duplicate cid within the provider; the same cid at another provider is fine', () => {
    expect(diags({ 'c.yaml': CIRCUITS, 'd.yaml': 'circuits:\n  - cid: C-2\n    provider: other-transit\n    type: transit\n' })).toEqual([
      { rule: 'resolve/duplicate-key', at: 'd.yaml:2:10', message: 'duplicate circuit cid "C-2" in provider "Other Transit"', related: ['c.yaml:4:12'] },
    ]);
  });

  it('wants dates as YYYY-MM-DD and a unit with a distance', () => {
    const c = 'circuits:\n  - cid: C-9\n    provider: example-transit\n    type: transit\n    install_date: 18.03.2024\n    distance: 9.4\n';
    expect(short({ 'c.yaml': c })).toEqual([
      ['schema/invalid-value', 'c.yaml:5:19'],
      ['circuits/circuit-distance-unit', 'c.yaml:6:15'],
    ]);
  });
});

describe('circuit terminations', () => {
  it('resolve the circuit by cid or provider/cid and the polymorphic termination', () => {
    const t = `circuit_terminations:
  - { circuit: C-2, term_side: A, termination_type: dcim.site, termination: ams1, port_speed: 10000000 }
  - { circuit: other-transit/C-2, term_side: Z, termination_type: circuits.providernetwork, termination: other-transit/Internet }
  - { circuit: example-transit/C-1, term_side: Z, termination_type: circuits.providernetwork, termination: { provider: example-transit, name: Internet } }
  - { circuit: other-transit/C-1, term_side: A, termination_type: dcim.region, termination: europe }
`;
    const terms = clean('circuits.circuittermination', { 'c.yaml': CIRCUITS, 't.yaml': t });
    expect(terms.map((o) => [`${name(ref(ref(o, 'circuit')!, 'provider'))}/${name(ref(o, 'circuit'))}`, o.data.term_side, ref(o, 'termination')!.kind.kind, name(ref(o, 'termination'))])).toEqual([
      ['Other Transit/C-2', 'A', 'dcim.site', 'AMS1'],
      ['Other Transit/C-2', 'Z', 'circuits.providernetwork', 'Internet'],
      ['Example Transit/C-1', 'Z', 'circuits.providernetwork', 'Internet'],
      ['Other Transit/C-1', 'A', 'dcim.region', 'Europe'],
    ]);
    expect(name(ref(ref(terms[1], 'termination')!, 'provider'))).toBe('Other Transit');
  });

  it('reports a dangling termination of the kind termination_type names', () => {
    const t = 'circuit_terminations:\n  - circuit: C-2\n    term_side: A\n    termination_type: dcim.site\n    termination: ams3\n';
    expect(diags({ 'c.yaml': CIRCUITS, 't.yaml': t }).map((d) => [d.rule, d.at, d.message])).toEqual([
      ['resolve/dangling-reference', 't.yaml:5:18', 'no site "ams3"; did you mean "ams1"?'],
    ]);
  });

  it('reports a circuit name that two providers use', () => {
    const t = 'circuit_terminations:\n  - circuit: C-1\n    term_side: A\n    termination_type: dcim.site\n    termination: ams1\n';
    expect(short({ 'c.yaml': CIRCUITS, 't.yaml': t })).toEqual([['resolve/ambiguous-reference', 't.yaml:2:14']]);
  });

  it('reports a second termination on the same side', () => {
    const t = 'circuit_terminations:\n  - { circuit: C-2, term_side: A, termination_type: dcim.site, termination: ams1 }\n  - { circuit: C-2, term_side: A, termination_type: dcim.site, termination: ams2 }\n';
    expect(diags({ 'c.yaml': CIRCUITS, 't.yaml': t })).toEqual([
      { rule: 'resolve/duplicate-key', at: 't.yaml:3:32', message: 'duplicate circuit termination term side "A" in circuit "C-2" in provider "Other Transit"', related: ['t.yaml:2:32'] },
    ]);
  });

  it('needs a termination', () => {
    const t = 'circuit_terminations:\n  - { circuit: C-2, term_side: Z }\n';
    expect(short({ 'c.yaml': CIRCUITS, 't.yaml': t })).toEqual([
      ['schema/missing-field', 't.yaml:2:5'],
      ['schema/missing-field', 't.yaml:2:5'],
    ]);
  });
});

describe('circuit groups', () => {
  it('resolve their tenant', () => {
    const g = clean('circuits.circuitgroup', { 'g.yaml': 'circuit_groups:\n  - name: DCI\n    slug: dci\n    tenant: netops\n' });
    expect(name(ref(g[1], 'tenant'))).toBe('NetOps');
  });

  it('reports a dangling tenant', () => {
    expect(short({ 'g.yaml': 'circuit_groups:\n  - name: DCI\n    slug: dci\n    tenant: net-ops\n' })).toEqual([['resolve/dangling-reference', 'g.yaml:4:13']]);
  });

  it('reports a duplicate name', () => {
    expect(short({ 'g.yaml': 'circuit_groups:\n  - name: Transit AMS1\n    slug: transit-ams1-b\n' })).toEqual([['resolve/duplicate-key', 'g.yaml:2:11']]);
  });
});

describe('circuit group assignments', () => {
  it('resolve a circuit or a virtual circuit and the group', () => {
    const a = `circuit_group_assignments:
  - { member_type: circuits.circuit, member: C-2, group: transit-ams1, priority: primary }
  - { member_type: circuits.circuit, member: example-transit/C-1, group: transit-ams1, priority: secondary }
  - { member_type: circuits.virtualcircuit, member: V-1, group: transit-ams1 }
`;
    const as = clean('circuits.circuitgroupassignment', { 'c.yaml': CIRCUITS, 'a.yaml': a });
    expect(as.map((o) => [ref(o, 'member')!.kind.kind, name(ref(o, 'member')), name(ref(o, 'group'))])).toEqual([
      ['circuits.circuit', 'C-2', 'Transit AMS1'],
      ['circuits.circuit', 'C-1', 'Transit AMS1'],
      ['circuits.virtualcircuit', 'V-1', 'Transit AMS1'],
    ]);
  });

  it('reports a dangling member', () => {
    const a = 'circuit_group_assignments:\n  - member_type: circuits.virtualcircuit\n    member: C-2\n    group: transit-ams1\n';
    expect(diags({ 'c.yaml': CIRCUITS, 'a.yaml': a }).map((d) => [d.rule, d.at, d.message])).toEqual([
      ['resolve/dangling-reference', 'a.yaml:3:13', 'no virtual circuit "C-2"; did you mean "V-1"?'],
    ]);
  });

  it('reports the same member twice in a group, however the member and group are written', () => {
    const a = 'circuit_group_assignments:\n  - { member_type: circuits.circuit, member: C-2, group: transit-ams1 }\n  - { member_type: circuits.circuit, member: other-transit/C-2, group: Transit AMS1, priority: tertiary }\n';
    expect(diags({ 'c.yaml': CIRCUITS, 'a.yaml': a }).map((d) => [d.rule, d.at, d.related])).toEqual([['resolve/duplicate-key', 'a.yaml:3:72', ['a.yaml:2:58']]]);
  });
});

describe('virtual circuit types', () => {
  it('resolve tags', () => {
    const t = clean('circuits.virtualcircuittype', { 't.yaml': 'virtual_circuit_types:\n  - name: VPLS\n    slug: vpls\n    tags: [production]\n' });
    expect(refs(t[1], 'tags').map(name)).toEqual(['production']);
  });

  it('reports a dangling tag', () => {
    expect(short({ 't.yaml': 'virtual_circuit_types:\n  - name: VPLS\n    slug: vpls\n    tags: [prod]\n' })).toEqual([['resolve/dangling-reference', 't.yaml:4:12']]);
  });

  it('reports a duplicate name', () => {
    expect(short({ 't.yaml': 'virtual_circuit_types:\n  - name: EVPL\n    slug: evpl-2\n' })).toEqual([['resolve/duplicate-key', 't.yaml:2:11']]);
  });
});

describe('virtual circuits', () => {
  it('resolve the provider network (provider/name when ambiguous), account and type', () => {
    const v = 'virtual_circuits:\n  - cid: V-9\n    provider_network: example-transit/Internet\n    provider_account: example-transit/EU-1\n    type: evpl\n    tenant: netops\n';
    const [vc] = clean('circuits.virtualcircuit', { 'v.yaml': v });
    expect([name(ref(ref(vc, 'provider_network')!, 'provider')), name(ref(vc, 'provider_account')), name(ref(vc, 'type')), name(ref(vc, 'tenant'))]).toEqual([
      'Example Transit',
      'EU-1',
      'EVPL',
      'NetOps',
    ]);
  });

  it('reports a dangling provider network', () => {
    expect(short({ 'v.yaml': 'virtual_circuits:\n  - cid: V-9\n    provider_network: Ethernet Fabrik\n    type: evpl\n' })).toEqual([['resolve/dangling-reference', 'v.yaml:3:23']]);
  });

  it('reports a duplicate cid within the provider network', () => {
    const v = 'virtual_circuits:\n  - cid: V-1\n    provider_network: other-transit/Ethernet Fabric\n    type: evpl\n';
    expect(diags({ 'c.yaml': CIRCUITS, 'v.yaml': v })).toEqual([
      { rule: 'resolve/duplicate-key', at: 'v.yaml:2:10', message: 'duplicate virtual circuit cid "V-1" in provider network "Ethernet Fabric" in provider "Other Transit"', related: ['c.yaml:6:12'] },
    ]);
  });
});

describe('virtual circuit terminations', () => {
  const DT = { 'device-types/Acme/X-4.yaml': DEVICE_TYPE };
  const DEVICES = `devices:
  - name: leaf1
    device_type: Acme/X-4
    role: leaf
    site: ams1
    interfaces:
      - { name: et1.100, type: virtual, parent: et1 }
  - name: leaf2
    device_type: Acme/X-4
    role: leaf
    site: ams2
    interfaces:
      - { name: et1.100, type: virtual, parent: et1 }
`;
  const files = (t: string) => ({ ...DT, 'd.yaml': DEVICES, 'c.yaml': CIRCUITS, 't.yaml': t });

  it('resolve the virtual circuit and the interface, as device:name or a mapping', () => {
    const t = 'virtual_circuit_terminations:\n  - { virtual_circuit: V-1, role: hub, interface: leaf1:et1.100 }\n  - { virtual_circuit: V-1, role: spoke, interface: { device: leaf2, name: et1.100 } }\n';
    const terms = clean('circuits.virtualcircuittermination', files(t));
    expect(terms.map((o) => [name(ref(o, 'virtual_circuit')), o.data.role, name(ref(ref(o, 'interface')!, 'device')), name(ref(o, 'interface'))])).toEqual([
      ['V-1', 'hub', 'leaf1', 'et1.100'],
      ['V-1', 'spoke', 'leaf2', 'et1.100'],
    ]);
  });

  it('reports a dangling interface', () => {
    const t = 'virtual_circuit_terminations:\n  - virtual_circuit: V-1\n    interface: leaf1:et1.200\n';
    expect(short(files(t))).toEqual([['resolve/dangling-reference', 't.yaml:3:16']]);
  });

  it('reports an interface that terminates two virtual circuits, however the interface is written', () => {
    const v = 'virtual_circuits:\n  - { cid: V-2, provider_network: Ethernet Fabric, type: evpl }\n';
    const t = 'virtual_circuit_terminations:\n  - virtual_circuit: V-1\n    interface: leaf1:et1.100\n  - virtual_circuit: V-2\n    interface: { device: leaf1, name: et1.100 }\n';
    expect(diags({ ...files(t), 'v.yaml': v }).map((d) => [d.rule, d.at, d.related])).toEqual([['resolve/duplicate-key', 't.yaml:5:16', ['t.yaml:3:16']]]);
  });
});

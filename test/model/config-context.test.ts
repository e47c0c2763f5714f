import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepMerge, effectiveContext, sourceOf } from '../../src/model/config-context.js';
import { objectsOf, type Obj } from '../../src/model/model.js';
import { BASE, compileFiles, DEVICE_TYPE } from '../helpers/compile.js';

/** Regions Europe > Benelux > NL, a site in NL, a tenant in group "Enterprise" under "Customers". */
const INVENTORY = `sites:
  - { name: NL1, slug: nl1, region: nl, group: metro, tenant: acme }
regions:
  - { name: Benelux, slug: benelux, parent: europe }
  - { name: NL, slug: nl, parent: benelux }
site_groups:
  - { name: Metro, slug: metro }
tenant_groups:
  - { name: Customers, slug: customers }
  - { name: Enterprise, slug: enterprise, parent: customers }
tenants:
  - { name: Acme, slug: acme, group: enterprise }
tags:
  - { name: EVPN, slug: evpn }
  - { name: Edge, slug: edge }
platforms:
  - { name: EOS, slug: eos }
  - { name: EOS 4.30, slug: eos-4-30, parent: eos }
cluster_types:
  - { name: VMware, slug: vmware }
clusters:
  - { name: C1, type: VMware, scope_type: dcim.site, scope: NL1 }
devices:
  - { name: leaf1, site: NL1, device_type: Acme/X-4, role: leaf, tenant: acme, platform: eos-4-30, tags: [edge] }
  - { name: leaf2, site: AMS1, device_type: Acme/X-4, role: leaf }
virtual_machines:
  - { name: vm1, site: NL1, cluster: C1, tenant: acme, local_context_data: { ntp: { servers: [local] } } }
`;

function compileWith(contexts: string) {
  const r = compileFiles({ 'base.yaml': BASE, 'i.yaml': INVENTORY, 'device-types/acme-x-4.yaml': DEVICE_TYPE, 'c.yaml': `config_contexts:\n${contexts}` });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const byName = new Map<string, Obj>([...objectsOf(r.model, 'dcim.device'), ...objectsOf(r.model, 'virtualization.virtualmachine')].map((o) => [o.data.name, o]));
  return (name: string) => effectiveContext(r.model, byName.get(name)!);
}

const names = (ec: { contexts: Obj[] }) => ec.contexts.map((c) => c.data.name);

describe('model/config-context: which contexts apply (NetBox §12.1)', () => {
  it('matches regions and platforms with their ancestors, the tenant group only directly, tags by any', () => {
    const ctx = compileWith(`
  - { name: europe, regions: [europe], data: {} }
  - { name: benelux, regions: [benelux], data: {} }
  - { name: eos, platforms: [eos], data: {} }
  - { name: enterprise, tenant_groups: [enterprise], data: {} }
  - { name: customers, tenant_groups: [customers], data: {} }
  - { name: tagged, tags: [evpn, edge], data: {} }
  - { name: both, regions: [benelux], tags: [evpn], data: {} }
  - { name: everyone, data: {} }
  - { name: off, is_active: false, data: {} }
`);
    expect(names(ctx('leaf1'))).toEqual(['benelux', 'enterprise', 'eos', 'europe', 'everyone', 'tagged']);
    expect(names(ctx('leaf2'))).toEqual(['europe', 'everyone']);
  });

  it('gives virtual machines only contexts without locations or device types, and matches clusters', () => {
    const ctx = compileWith(`
  - { name: by-type, device_types: [Acme/X-4], data: {} }
  - { name: by-cluster-type, cluster_types: [vmware], data: {} }
  - { name: by-site, sites: [NL1], data: {} }
`);
    expect(names(ctx('vm1'))).toEqual(['by-cluster-type', 'by-site']);
    expect(names(ctx('leaf1'))).toEqual(['by-site', 'by-type']);
  });
});

describe('model/config-context: merge (NetBox §12.2)', () => {
  it('merges by weight then name, replaces lists, lets {} clear and null overwrite, and local data wins', () => {
    const ctx = compileWith(`
  - { name: b-base, weight: 100, data: { ntp: { servers: [a, b], prefer: a }, snmp: { community: x }, dns: [d1] } }
  - { name: a-base, weight: 100, data: { ntp: { servers: [c] } } }
  - { name: override, weight: 2000, data: { snmp: {}, dns: null } }
`);
    const vm = ctx('vm1');
    expect(names(vm)).toEqual(['a-base', 'b-base', 'override']);
    expect(vm.data).toEqual({ ntp: { servers: ['local'], prefer: 'a' }, snmp: {}, dns: null });
    expect(ctx('leaf1').data).toEqual({ ntp: { servers: ['a', 'b'], prefer: 'a' }, snmp: {}, dns: null });
  });

  it('knows which context or local data wrote each value', () => {
    const ctx = compileWith(`
  - { name: base, weight: 100, data: { ntp: { servers: [a, b], prefer: a } } }
`);
    const vm = ctx('vm1');
    const at = (path: (string | number)[]) => {
      const s = sourceOf(vm, path)!;
      return `${s.obj.data.name} ${s.path.join('.')}`;
    };
    expect(at(['ntp', 'servers', 0])).toBe('vm1 local_context_data.ntp.servers.0');
    expect(at(['ntp', 'prefer'])).toBe('base data.ntp.prefer');
    expect(at(['ntp'])).toBe('base data.ntp');
    expect(sourceOf(vm, ['snmp'])).toBeUndefined();
  });
});

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(null, 1, 'x', true), fc.array(fc.integer(), { maxLength: 2 }), tie('mapping')),
  mapping: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
})).mapping as fc.Arbitrary<Record<string, unknown>>;

describe('model/config-context: deepMerge properties', () => {
  it('keeps every key, changes neither input, and takes every non-mapping or empty value whole', () => {
    fc.assert(
      fc.property(json, json, (old, next) => {
        const before = JSON.stringify([old, next]);
        const merged = deepMerge(old, next);
        expect(JSON.stringify([old, next])).toBe(before);
        expect(Object.keys(merged).sort()).toEqual([...new Set([...Object.keys(old), ...Object.keys(next)])].sort());
        for (const [k, v] of Object.entries(next)) {
          const mapping = v !== null && typeof v === 'object' && !Array.isArray(v);
          const oldMapping = old[k] !== null && typeof old[k] === 'object' && !Array.isArray(old[k]);
          if (!mapping || !oldMapping || Object.keys(v).length === 0) expect(merged[k]).toBe(v);
        }
        expect(deepMerge(merged, {})).toEqual(merged);
        expect(deepMerge({}, next)).toEqual(next);
      }),
    );
  });
});

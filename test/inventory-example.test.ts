import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { endName } from '../src/model/cable-ends.js';
import { farEnd, pathFrom } from '../src/model/cable-paths.js';
import { readWorktree } from '../src/sources/worktree.js';

describe('inventory-example', () => {
  const result = compile(readWorktree(join(import.meta.dirname, '..', 'inventory-example')));
  const count = (kind: string) => result.model.byKind.get(kind)?.length ?? 0;

  it('compiles with no problems at all', () => {
    expect(result.diagnostics.map((d) => `${d.location.file}:${d.location.range?.start.line} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it('exercises the model: regions, sites, locations, racks, 20+ devices with components', () => {
    expect(count('dcim.region')).toBeGreaterThanOrEqual(2);
    expect(count('dcim.site')).toBeGreaterThanOrEqual(3);
    expect(count('dcim.location')).toBeGreaterThanOrEqual(3);
    expect(count('dcim.rack')).toBeGreaterThanOrEqual(3);
    expect(count('dcim.device')).toBeGreaterThanOrEqual(20);
    expect(count('tenancy.tenant')).toBeGreaterThanOrEqual(2);
    expect(count('extras.tag')).toBeGreaterThanOrEqual(2);
    expect(count('dcim.interface')).toBeGreaterThan(500);
    const interfaces = result.model.byKind.get('dcim.interface')!;
    expect(interfaces.some((i) => i.origin === 'written' && i.template)).toBe(true); // overrides a template
    expect(interfaces.some((i) => i.origin === 'written' && !i.template)).toBe(true); // adds a component
  });
});

describe('inventory-example covers the model', () => {
  const result = compile(readWorktree(join(import.meta.dirname, '..', 'inventory-example')));
  // Inventory items are deprecated: one in the example would make it warn, so the tests cover them.
  const EXEMPT = new Set(['dcim.inventoryitem']);
  it('uses every kind at least once', () => {
    const unused = [...result.model.byKind.entries()].filter(([kind, objs]) => !EXEMPT.has(kind) && !objs.some((o) => o.origin !== 'implicit')).map(([kind]) => kind);
    expect(unused).toEqual([]);
  });
});

describe('inventory-example uses what NetBox allows beyond unique names', () => {
  const result = compile(readWorktree(join(import.meta.dirname, '..', 'inventory-example')));
  const all = (kind: string) => result.model.byKind.get(kind) ?? [];
  const one = (obj: any, field: string) => obj.refs[field] as any;
  const member = (position: number) => all('dcim.device').find((d) => one(d, 'virtual_chassis')?.data.name === 'ams1-h2-oob' && d.data.vc_position === position)!;
  const interfacesOf = (device: any) => all('dcim.interface').filter((i) => i.owner === device);

  it('two racks named R101 at AMS1, one per location; devices in Cage 2.07 get its rack', () => {
    const r101 = all('dcim.rack').filter((r) => r.data.name === 'R101' && one(r, 'site').data.slug === 'ams1');
    expect(r101.map((r) => one(r, 'location').data.slug).sort()).toEqual(['cage-1-04', 'cage-2-07']);
    for (const position of [1, 2]) expect(one(one(member(position), 'rack'), 'location').data.slug).toBe('cage-2-07');
    const spine = all('dcim.device').find((d) => d.data.name === 'ams1-spine1')!;
    expect(one(one(spine, 'rack'), 'location').data.slug).toBe('cage-1-04');
  });

  it('an ungrouped VLAN repeated at two sites: each access port gets its own site\'s', () => {
    const quarantine = all('ipam.vlan').filter((v) => v.data.name === 'quarantine');
    expect(quarantine.map((v) => one(v, 'site').data.slug).sort()).toEqual(['ams1', 'ams2']);
    const ports = all('dcim.interface').filter((i) => i.data.untagged_vlan === 'quarantine');
    expect(ports).toHaveLength(2);
    for (const port of ports) expect(one(one(port, 'untagged_vlan'), 'site')).toBe(one(port.owner!, 'site'));
  });

  it('a stack of unnamed members: {vc_position} names, a renamed and a removed interface, the master by handle', () => {
    const [m1, m2] = [member(1), member(2)];
    expect(m1.data.name).toBeUndefined();
    expect(one(one(m1, 'virtual_chassis'), 'master')).toBe(m1);
    const names2 = interfacesOf(m2).map((i) => i.data.name);
    expect(names2).toContain('ge-2/0/23');
    expect(names2.some((n) => n.includes('{vc_position') || n.startsWith('ge-1/'))).toBe(false);
    const ge201 = interfacesOf(m2).find((i) => i.data.name === 'ge-2/0/1')!;
    expect(ge201.origin).toBe('written');
    expect(ge201.data.description).toMatch(/environmental monitor/);
    const names1 = interfacesOf(m1).map((i) => i.data.name);
    expect(names1).toContain('vcp-255/1/0');
    expect(names1).not.toContain('xe-1/1/0'); // renamed
    expect(names1).not.toContain('ge-1/1/0'); // removed
    expect(names1).toContain('xe-1/1/1');
  });

  it('cables on an unnamed patch panel, by asset tag and by rack place', () => {
    const cable = (label: string) => all('dcim.cable').find((c) => c.data.label === label)!;
    for (const [label, port, position] of [['AMS1-D028', '01', 1], ['AMS1-D029', '02', 2]] as const) {
      const [a] = cable(label).refs.a_terminations as any[];
      const [b] = cable(label).refs.b_terminations as any[];
      expect(a.kind.kind).toBe('dcim.frontport');
      expect(a.data.name).toBe(port);
      expect(a.owner.data.name).toBeUndefined();
      expect(a.owner.data.asset_tag).toBe('EX-000119');
      expect(b.owner).toBe(member(position));
    }
  });
});

describe('inventory-example traces a cable path through two patch panels and a circuit', () => {
  const result = compile(readWorktree(join(import.meta.dirname, '..', 'inventory-example')));
  const interfaceOf = (device: string, name: string) => result.model.byKind.get('dcim.interface')!.find((i) => i.owner?.data.name === device && i.data.name === name)!;

  it('ams1-br1 et-0/0/3: front to rear on ams1-odf1, across AF-DF-000417, rear to front on ams2-odf1, to ams2-br1 et-0/0/3', () => {
    const path = pathFrom(result.model, interfaceOf('ams1-br1', 'et-0/0/3'));
    expect(
      path.hops.map((h) => [
        h.via?.type === 'ports' ? h.via.mappings.map((m) => `${endName(m.from)}#${m.fromPosition}>${endName(m.to)}#${m.toPosition}`) : (h.via?.type ?? null),
        h.near.map(endName),
        h.links.map((l) => l.data.label),
        h.far.map(endName),
      ]),
    ).toEqual([
      [null, ['ams1-br1:et-0/0/3'], ['AMS1-D026'], ['ams1-odf1:2']],
      [['ams1-odf1:2#1>ams1-odf1:Splice#2'], ['ams1-odf1:Splice'], ['AMS1-D030'], ['AF-DF-000417:A']],
      ['circuit', ['AF-DF-000417:Z'], ['AMS2-D013'], ['ams2-odf1:Splice']],
      [['ams2-odf1:Splice#2>ams2-odf1:2#1'], ['ams2-odf1:2'], ['AMS2-D014'], ['ams2-br1:et-0/0/3']],
    ]);
    expect([path.stop, path.complete, path.active, path.split]).toEqual(['endpoint', true, true, false]);
    expect(farEnd(result.model, interfaceOf('ams2-br1', 'et-0/0/3'))).toEqual([interfaceOf('ams1-br1', 'et-0/0/3')]);
  });
});

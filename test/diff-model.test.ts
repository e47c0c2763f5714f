import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { diffModels, type DiffInput } from '../src/diff/model-diff.js';
import { NaturalKeys } from '../src/diff/identity.js';
import { BASE, DEVICE_TYPE } from './helpers/compile.js';

const side = (files: Record<string, string>): DiffInput => {
  const all = { 'sot.yaml': 'format: 1\n', ...files };
  const list = Object.entries(all).map(([file, text]) => ({ file, text }));
  return { result: compile(list), texts: new Map(list.map((f) => [f.file, f.text])) };
};
const diff = (a: Record<string, string>, b: Record<string, string>) => diffModels(side(a), side(b));
const parts = (a: Record<string, string>, b: Record<string, string>) => {
  const d = diff(a, b);
  return { objects: d.objects, derived: d.derived, summary: d.summary };
};

const DT = { 'device-types/Acme/X-4.yaml': DEVICE_TYPE };
const dev = (name: string, extra = '') => `  - name: ${name}\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n${extra}`;
const devices = (...ds: string[]) => `devices:\n${ds.join('')}`;
const counts = (c = 0, u = 0, d = 0, r = 0) => ({ created: c, updated: u, deleted: d, renamed: r });

describe('natural keys', () => {
  it('keys objects by scope and name, components under their owner, lower case where NetBox compares so', () => {
    const s = side({ 'base.yaml': BASE, ...DT, 'd.yaml': devices(dev('Leaf1')) });
    const keys = new NaturalKeys(s.result.model);
    const of = (kind: string) => s.result.model.byKind.get(kind)!.map(keys.key).sort();
    expect(of('dcim.device')).toEqual(['AMS1 / leaf1']);
    expect(of('dcim.interface')).toEqual(['AMS1 / leaf1 / et1', 'AMS1 / leaf1 / et2', 'AMS1 / leaf1 / mgmt']);
    expect(of('dcim.devicetype')).toEqual(['Acme / X-4']);
    expect(of('dcim.site')).toEqual(['AMS1', 'AMS2']);
  });
});

describe('diffModels', () => {
  const base = { 'base.yaml': BASE, ...DT, 'd.yaml': devices(dev('leaf1'), dev('leaf2')) };

  it('finds nothing between a model and itself', () => {
    expect(parts(base, base)).toEqual({ objects: [], derived: [], summary: { objects: counts(), kinds: {}, derived: 0 } });
  });

  it('lists an update with its changed fields only, in the kind\'s field order, with both places', () => {
    const head = { ...base, 'd.yaml': devices(dev('leaf1', '    serial: S1\n    status: planned\n'), dev('leaf2')) };
    expect(parts(base, head)).toEqual({
      objects: [
        {
          action: 'update',
          kind: 'dcim.device',
          key: 'AMS1 / leaf1',
          base: { file: 'd.yaml', line: 2, column: 5 },
          head: { file: 'd.yaml', line: 2, column: 5 },
          changes: [
            { field: 'status', after: 'planned' },
            { field: 'serial', after: 'S1' },
          ],
        },
      ],
      derived: [],
      summary: { objects: counts(0, 1), kinds: { 'dcim.device': counts(0, 1) }, derived: 0 },
    });
  });

  it('lists creates and deletes, and folds the template components a new or deleted device brings', () => {
    // leaf3 differs from leaf1 beyond its name, so it is not leaf1 renamed.
    const head = { ...base, 'd.yaml': devices(dev('leaf2'), dev('leaf3', '    serial: S3\n')) };
    const d = parts(base, head);
    expect(d.objects).toEqual([
      { action: 'delete', kind: 'dcim.device', key: 'AMS1 / leaf1', base: { file: 'd.yaml', line: 2, column: 5 } },
      { action: 'create', kind: 'dcim.device', key: 'AMS1 / leaf3', head: { file: 'd.yaml', line: 6, column: 5 } },
    ]);
    expect(d.derived).toEqual([
      { cause: { kind: 'dcim.device', key: 'AMS1 / leaf1' }, action: 'delete', kind: 'dcim.consoleport', count: 1, objects: ['AMS1 / leaf1 / con'] },
      { cause: { kind: 'dcim.device', key: 'AMS1 / leaf1' }, action: 'delete', kind: 'dcim.interface', count: 3, objects: ['AMS1 / leaf1 / et1', 'AMS1 / leaf1 / et2', 'AMS1 / leaf1 / mgmt'] },
      { cause: { kind: 'dcim.device', key: 'AMS1 / leaf3' }, action: 'create', kind: 'dcim.consoleport', count: 1, objects: ['AMS1 / leaf3 / con'] },
      { cause: { kind: 'dcim.device', key: 'AMS1 / leaf3' }, action: 'create', kind: 'dcim.interface', count: 3, objects: ['AMS1 / leaf3 / et1', 'AMS1 / leaf3 / et2', 'AMS1 / leaf3 / mgmt'] },
    ]);
    expect(d.summary).toEqual({ objects: counts(1, 0, 1), kinds: { 'dcim.device': counts(1, 0, 1) }, derived: 8 });
  });

  it('folds a device type\'s change to its components into one entry for all its devices', () => {
    const head = { ...base, 'device-types/Acme/X-4.yaml': DEVICE_TYPE.replace('  - name: et2\n    type: 10gbase-x-sfpp\n', '  - name: et2\n    type: 25gbase-x-sfp28\n') };
    const d = parts(base, head);
    expect(d.objects).toEqual([
      {
        action: 'update',
        kind: 'dcim.devicetype',
        key: 'Acme / X-4',
        base: { file: 'device-types/Acme/X-4.yaml', line: 1, column: 1 },
        head: { file: 'device-types/Acme/X-4.yaml', line: 1, column: 1 },
        changes: [
          {
            field: 'interfaces',
            before: [{ name: 'et1', type: '10gbase-x-sfpp' }, { name: 'et2', type: '10gbase-x-sfpp' }, { name: 'mgmt', type: '1000base-t', mgmt_only: true }],
            after: [{ name: 'et1', type: '10gbase-x-sfpp' }, { name: 'et2', type: '25gbase-x-sfp28' }, { name: 'mgmt', type: '1000base-t', mgmt_only: true }],
          },
        ],
      },
    ]);
    expect(d.derived).toEqual([
      {
        cause: { kind: 'dcim.devicetype', key: 'Acme / X-4' },
        action: 'update',
        kind: 'dcim.interface',
        changes: [{ field: 'type', before: '10gbase-x-sfpp', after: '25gbase-x-sfp28' }],
        count: 2,
        objects: ['AMS1 / leaf1 / et2', 'AMS1 / leaf2 / et2'],
      },
    ]);
    expect(d.summary.derived).toBe(2);
  });

  it('keeps a component a device writes itself as an object change', () => {
    const head = { ...base, 'd.yaml': devices(dev('leaf1', '    interfaces:\n      - { name: et1, description: uplink }\n      - { name: lo0, type: virtual }\n'), dev('leaf2')) };
    expect(parts(base, head).objects).toEqual([
      {
        action: 'update',
        kind: 'dcim.interface',
        key: 'AMS1 / leaf1 / et1',
        base: { file: 'device-types/Acme/X-4.yaml', line: 7, column: 5 },
        head: { file: 'd.yaml', line: 7, column: 9 },
        changes: [{ field: 'description', after: 'uplink' }],
      },
      { action: 'create', kind: 'dcim.interface', key: 'AMS1 / leaf1 / lo0', head: { file: 'd.yaml', line: 8, column: 9 } },
    ]);
  });

  it('shows a rename as one rename with the former key, and the renamed device\'s components as unchanged', () => {
    const head = { ...base, 'd.yaml': devices(dev('leaf1a'), dev('leaf2')) };
    expect(parts(base, head)).toEqual({
      objects: [
        {
          action: 'rename',
          kind: 'dcim.device',
          key: 'AMS1 / leaf1a',
          from_key: 'AMS1 / leaf1',
          base: { file: 'd.yaml', line: 2, column: 5 },
          head: { file: 'd.yaml', line: 2, column: 5 },
          changes: [{ field: 'name', before: 'leaf1', after: 'leaf1a' }],
        },
      ],
      derived: [],
      summary: { objects: counts(0, 0, 0, 1), kinds: { 'dcim.device': counts(0, 0, 0, 1) }, derived: 0 },
    });
  });

  it('renames a site without touching the keys or fields of its devices', () => {
    const head = { ...base, 'base.yaml': BASE.replace('{ name: AMS1, slug: ams1, region: europe }', '{ name: AMS-1, slug: ams1, region: europe }') };
    const d = parts(base, head);
    expect(d.objects.map((o) => [o.action, o.kind, o.key, o.from_key])).toEqual([['rename', 'dcim.site', 'AMS-1', 'AMS1']]);
    expect(d.derived).toEqual([]);
  });

  it('does not count a reference spelled another way (slug for name, another case) as a change', () => {
    const head = { ...base, 'd.yaml': devices(dev('leaf1').replace('role: leaf', 'role: Leaf').replace('site: ams1', 'site: AMS1'), dev('leaf2')) };
    expect(parts(base, head).objects).toEqual([]);
  });

  it('does not count objects moved between files or reordered as changes; places follow them when they change', () => {
    const head = { 'base.yaml': BASE, ...DT, 'a.yaml': devices(dev('leaf2')), 'b.yaml': devices(dev('leaf1')) };
    expect(parts(base, head).objects).toEqual([]);
    const edited = { ...head, 'b.yaml': devices(dev('leaf1', '    serial: S1\n')) };
    expect(parts(base, edited).objects).toEqual([
      { action: 'update', kind: 'dcim.device', key: 'AMS1 / leaf1', base: { file: 'd.yaml', line: 2, column: 5 }, head: { file: 'b.yaml', line: 2, column: 5 }, changes: [{ field: 'serial', after: 'S1' }] },
    ]);
  });

  it('tells unnamed devices apart deterministically and pairs equal ones', () => {
    const unnamed = (tag: string) => `  - device_type: Acme/X-4\n    role: leaf\n    site: ams1\n    serial: ${tag}\n`;
    const a = { 'base.yaml': BASE, ...DT, 'd.yaml': devices(unnamed('A'), unnamed('B')) };
    const b = { 'base.yaml': BASE, ...DT, 'd.yaml': devices(unnamed('B'), unnamed('A')) };
    expect(parts(a, b).objects).toEqual([]);
    const c = { 'base.yaml': BASE, ...DT, 'd.yaml': devices(unnamed('B'), unnamed('C')) };
    // B pairs with B; A, left over, pairs with C (second by its resolved form in the head).
    const d = parts(a, c);
    expect(d.objects.map((o) => [o.action, o.key, o.changes])).toEqual([['update', 'AMS1 / (unnamed) #2', [{ field: 'serial', before: 'A', after: 'C' }]]]);
  });

  it('returns the changed objects of each side, derived members included', () => {
    const head = { ...base, 'd.yaml': devices(dev('leaf2'), dev('leaf3', '    serial: S3\n')) };
    const d = diff(base, head);
    const names = (s: Set<{ kind: { kind: string }; data: Record<string, any> }>) => [...s].map((o) => `${o.kind.kind} ${o.data.name}`).sort();
    expect(names(d.changed.base)).toEqual(['dcim.consoleport con', 'dcim.device leaf1', 'dcim.interface et1', 'dcim.interface et2', 'dcim.interface mgmt']);
    expect(names(d.changed.head)).toEqual(['dcim.consoleport con', 'dcim.device leaf3', 'dcim.interface et1', 'dcim.interface et2', 'dcim.interface mgmt']);
  });
});

import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { affectedDevices, configDiff, type ConfigSide } from '../../src/diff/config-diff.js';
import { loadSchemas } from '../../src/model/kinds.js';
import { displayName, objectsOf, type Model, type Obj } from '../../src/model/model.js';
import { readWorktree, type SourceFile } from '../../src/sources/worktree.js';

const schemas = loadSchemas();
const example = readWorktree('inventory-example');

/** The example inventory with `edit` applied to the text of one file. */
function edited(file: string, edit: (text: string) => string): SourceFile[] {
  return example.map((f) => (f.file === file ? { file, text: edit(f.text) } : f));
}

function side(files: SourceFile[], readFile?: (file: string) => string | undefined): ConfigSide {
  const result = compile(files, { schemas });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { model: result.model, render: { root: 'inventory-example', texts: new Map(files.map((f) => [f.file, f.text])), readFile } };
}

const keyOf = (o: Obj): string => (o.owner ? `${keyOf(o.owner)} / ${displayName(o)}` : displayName(o));
const keys = { base: keyOf, head: keyOf };

function interfaceOf(model: Model, device: string, name: string): Obj {
  return objectsOf(model, 'dcim.interface').find((i) => i.owner && displayName(i.owner) === device && i.data.name === name)!;
}

describe('configDiff', () => {
  const base = side(example);

  it('renders the devices a changed interface reaches and reports only the config that differs', () => {
    const head = side(edited('sites/ams1.yaml', (t) => t.replace('description: to ams1-leaf1 Ethernet49/1', 'description: to ams1-leaf1 Ethernet49/1 (400G)')));
    const changed = { base: [interfaceOf(base.model, 'ams1-spine1', 'Ethernet1/1')], head: [interfaceOf(head.model, 'ams1-spine1', 'Ethernet1/1')] };
    const out = configDiff(base, head, changed, { keys });
    expect(out.configs.map(({ diff, ...c }) => c)).toEqual([{ action: 'update', kind: 'dcim.device', key: 'ams1-spine1', path: 'configs/ams1-spine1.cfg', added: 1, removed: 1 }]);
    expect(out.configs[0].diff).toContain('\n-   description to ams1-leaf1 Ethernet49/1\n+   description to ams1-leaf1 Ethernet49/1 (400G)\n');
    expect(out.configs[0].diff.startsWith('--- a/configs/ams1-spine1.cfg\n+++ b/configs/ams1-spine1.cfg\n@@ ')).toBe(true);
    // The spine, and the leaf its cable reaches; not every device of the inventory.
    expect(out.rendered.head).toBeGreaterThanOrEqual(2);
    expect(out.rendered.head).toBeLessThan(8);
    expect(out.problems).toEqual({ base: [], head: [] });
  });

  it('renders nothing when nothing changed', () => {
    const out = configDiff(base, side(example), { base: [], head: [] }, { keys });
    expect(out).toEqual({ configs: [], problems: { base: [], head: [] }, rendered: { base: 0, head: 0 } });
  });

  it('with all, renders every device on both sides and still reports only differences', () => {
    const out = configDiff(base, side(example), { base: [], head: [] }, { keys, all: true });
    expect(out.configs).toEqual([]);
    expect(out.rendered.base).toBe(16);
    expect(out.rendered.head).toBe(16);
  });

  it('a config context change reaches every device whose merged context differs', () => {
    const head = side(edited('extras/config-contexts.yaml', (t) => t.replace('servers: [192.0.2.53, 198.51.100.53]', 'servers: [192.0.2.53]')));
    const context = (m: Model) => objectsOf(m, 'extras.configcontext').filter((c) => c.data.name === 'global-management');
    const out = configDiff(base, head, { base: context(base.model), head: context(head.model) }, { keys });
    expect(out.configs.length).toBe(16);
    expect(out.configs.every((c) => c.action === 'update' && c.removed >= 1)).toBe(true);
  });

  it('a template file whose text changed reaches the devices that use it, read through readFile', () => {
    const files = edited('extras/templates.yaml', (t) => t.replace('file: builtin:arista-eos.hbs', 'file: templates/eos.hbs'));
    const template = (text: string) => (file: string) => (file === 'templates/eos.hbs' ? text : undefined);
    const before = side(files, template('hostname {{device.name}}\n'));
    const after = side(files, template('hostname {{device.name}}\nip routing\n'));
    const out = configDiff(before, after, { base: [], head: [] }, { keys });
    expect(out.configs.map((c) => c.path)).toEqual([
      'configs/ams1-leaf1.cfg', 'configs/ams1-leaf2.cfg', 'configs/ams1-spine1.cfg', 'configs/ams1-spine2.cfg',
      'configs/ams2-leaf1.cfg', 'configs/ams2-leaf2.cfg', 'configs/iad1-leaf1.cfg', 'configs/iad1-leaf2.cfg',
    ]);
    expect(out.configs[0].diff).toBe('--- a/configs/ams1-leaf1.cfg\n+++ b/configs/ams1-leaf1.cfg\n@@ -1 +1,2 @@\n hostname ams1-leaf1\n+ip routing\n');
  });

  it('a device new in head is a created config, one gone is a deleted one', () => {
    // Renamed everywhere it is named, so that its cables and IP addresses follow it.
    const head = side(example.map((f) => ({ file: f.file, text: f.text.replaceAll('ams1-spine2', 'ams1-spine3') })));
    const spine = (m: Model, name: string) => objectsOf(m, 'dcim.device').filter((d) => d.data.name === name);
    const out = configDiff(base, head, { base: spine(base.model, 'ams1-spine2'), head: spine(head.model, 'ams1-spine3') }, { keys });
    const summary = out.configs.map((c) => [c.action, c.path]);
    expect(summary).toContainEqual(['delete', 'configs/ams1-spine2.cfg']);
    expect(summary).toContainEqual(['create', 'configs/ams1-spine3.cfg']);
    const created = out.configs.find((c) => c.action === 'create')!;
    expect(created.diff.startsWith('--- /dev/null\n+++ b/configs/ams1-spine3.cfg\n@@ -0,0 +1,')).toBe(true);
    expect(created.removed).toBe(0);
  });
});

describe('affectedDevices', () => {
  const { model } = side(example);

  it('finds the owner of a changed interface and the device at the other end of its cable', () => {
    const found = [...affectedDevices(model, [interfaceOf(model, 'ams1-spine1', 'Ethernet1/1')])].map(displayName).sort();
    expect(found).toContain('ams1-spine1');
    expect(found).toContain('ams1-leaf1');
    expect(found).not.toContain('iad1-leaf1');
  });

  it('finds every device of a site when the site changes', () => {
    const site = objectsOf(model, 'dcim.site').find((s) => s.data.name === 'IAD1' || s.data.slug === 'iad1')!;
    const found = [...affectedDevices(model, [site])].filter((d) => d.kind.kind === 'dcim.device');
    const atSite = objectsOf(model, 'dcim.device').filter((d) => d.refs.site === site);
    expect(atSite.length).toBeGreaterThan(0);
    for (const d of atSite) expect(found).toContain(d);
  });
});

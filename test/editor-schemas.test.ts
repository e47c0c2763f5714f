import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchemas } from '../src/model/kinds.js';
import { schemaBundle } from '../src/outputs/schema-bundle.js';
import { runCli, ROOT } from './helpers/cli.js';
import { BASE, compileFiles, DEVICE_TYPE as ACME_X4 } from './helpers/compile.js';
import { type LspDiagnostic, YamlLanguageServer } from './helpers/yaml-language-server.js';

// The editor's view of an inventory: yaml-language-server (the engine of VS Code's YAML extension)
// run over LSP with the settings `sot init --editor` writes, on an inventory kept in a subfolder of a
// repository that also holds other YAML.

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith('.') ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function gitInit(dir: string): void {
  expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
}

const DEVICE = `devices:
  - name: edge1
    device_type: Arista/DCS-7050SX3-48YC8
    role: leaf
    site: ams1
    status: active
    serial: 12345
    asset_tag:
    tenant: ~
    interfaces:
      - name: Ethernet1
        enabled: yes
        description: ''
`;

const DEVICE_TYPE = `manufacturer: Example
model: '08'
slug: example-08
part_number: 0123
u_height: 1
is_full_depth: no
interfaces:
  - name: 1
    type: 1000base-t
    mgmt_only: off
`;

/** One mistake: the text with a line replaced, and the 0-based line the editor must flag. */
function mistake(text: string, from: string, to: string): { text: string; line: number } {
  const lines = text.split('\n');
  const line = lines.indexOf(from);
  if (line < 0) throw new Error(`no line ${from}`);
  lines[line] = to;
  return { text: lines.filter((l) => l !== '<drop>').join('\n'), line };
}

const brief = (d: LspDiagnostic[]) => d.map((x) => `${x.range.start.line}: ${x.message.split('\n')[0]}`);

describe('editor schemas (yaml-language-server over LSP)', { timeout: 180_000 }, () => {
  let repo: string;
  let inventory: string;
  let server: YamlLanguageServer;

  beforeAll(async () => {
    repo = realpathSync(mkdtempSync(join(tmpdir(), 'sot-editor-')));
    gitInit(repo);
    inventory = join(repo, 'inventory');
    cpSync(join(ROOT, 'inventory-example'), inventory, { recursive: true });
    // Playbooks kept inside the inventory's folder, which sot.yaml says are not inventory.
    writeFileSync(join(inventory, 'sot.yaml'), `${readFileSync(join(inventory, 'sot.yaml'), 'utf8')}exclude: [ansible/]\n`);
    mkdirSync(join(inventory, 'ansible'));
    writeFileSync(join(inventory, 'ansible/hosts.yml'), '- hosts: all\n  tasks: []\n');
    // Other YAML of the repository, which is no inventory data and must keep its own schemas.
    mkdirSync(join(repo, 'ansible'), { recursive: true });
    writeFileSync(join(repo, 'ansible/site.yml'), '- hosts: all\n  roles: [common]\n');
    mkdirSync(join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(join(repo, '.github/workflows/ci.yml'), 'on: push\njobs: {}\n');
    const r = await runCli(['init', '--editor', 'inventory'], repo);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const settings = JSON.parse(readFileSync(join(repo, '.vscode/settings.json'), 'utf8'));
    server = new YamlLanguageServer(repo, settings);
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('maps the schemas to the inventory only (not what sot.yaml excludes), by paths from the repository root', () => {
    const settings = JSON.parse(readFileSync(join(repo, '.vscode/settings.json'), 'utf8'));
    const notInventory = ['!inventory/ansible', '!inventory/ansible/**'];
    expect(settings).toEqual({
      'yaml.schemas': {
        './inventory/.sot/schemas/device-type.schema.json': ['inventory/device-types/**/*.yaml', 'inventory/device-types/**/*.yml', ...notInventory],
        './inventory/.sot/schemas/inventory.schema.json': [
          'inventory/**/*.yaml',
          'inventory/**/*.yml',
          '!inventory/sot.yaml',
          '!inventory/device-types/**',
          '!inventory/module-types/**',
          '!inventory/rack-types/**',
          ...notInventory,
        ],
        './inventory/.sot/schemas/module-type.schema.json': ['inventory/module-types/**/*.yaml', 'inventory/module-types/**/*.yml', ...notInventory],
        './inventory/.sot/schemas/rack-type.schema.json': ['inventory/rack-types/**/*.yaml', 'inventory/rack-types/**/*.yml', ...notInventory],
        './inventory/.sot/schemas/settings.schema.json': ['inventory/sot.yaml'],
      },
    });
  });

  it('shows no problem on any file of the example inventory, nor on the repository’s other YAML', async () => {
    const files = [...yamlFiles(inventory), join(repo, 'ansible/site.yml'), join(repo, '.github/workflows/ci.yml')];
    expect(files).toContain(join(inventory, 'ansible/hosts.yml'));
    expect(files.length).toBeGreaterThan(50);
    const results = await Promise.all(files.map(async (f) => [relative(repo, f), brief(await server.diagnostics(f, readFileSync(f, 'utf8')))] as const));
    expect(results.filter(([, d]) => d.length)).toEqual([]);
  });

  it('flags a typo, a bad choice and a missing required field in a device file and a device-type file', async () => {
    const device = (name: string) => join(inventory, 'sites', `${name}.yaml`);
    const deviceType = (name: string) => join(inventory, 'device-types', 'Example', `${name}.yaml`);
    const cases = {
      device: { file: device('edge'), text: DEVICE, line: -1 },
      'device typo': { file: device('typo'), ...mistake(DEVICE, '    serial: 12345', '    serail: 12345') },
      'device choice': { file: device('choice'), ...mistake(DEVICE, '    status: active', '    status: actve') },
      'device required': { file: device('required'), ...mistake(DEVICE, '    role: leaf', '<drop>') },
      'inline typo': { file: device('inline'), ...mistake(DEVICE, '        enabled: yes', '        enabeld: yes') },
      'inline owner': { file: device('owner'), ...mistake(DEVICE, '        enabled: yes', '        device: edge1') },
      'device type': { file: deviceType('ok'), text: DEVICE_TYPE, line: -1 },
      'device type typo': { file: deviceType('typo'), ...mistake(DEVICE_TYPE, 'u_height: 1', 'u_heigth: 1') },
      'device type choice': { file: deviceType('choice'), ...mistake(DEVICE_TYPE, '    type: 1000base-t', '    type: 1000base-tt') },
      'device type required': { file: deviceType('required'), ...mistake(DEVICE_TYPE, "model: '08'", '<drop>') },
    };
    const seen: Record<string, string[]> = {};
    await Promise.all(Object.entries(cases).map(async ([name, c]) => (seen[name] = brief(await server.diagnostics(c.file, c.text)))));
    expect(seen).toEqual({
      device: [],
      'device typo': ['6: Property serail is not allowed.'],
      'device choice': [expect.stringMatching(/^5: Value is not accepted\. Valid values: "offline", "active", /)],
      'device required': ['1: Missing property "role".'],
      'inline typo': ['11: Property enabeld is not allowed.'],
      'inline owner': ['11: Property device is not allowed.'],
      'device type': [],
      'device type typo': ['4: Property u_heigth is not allowed.'],
      'device type choice': [expect.stringMatching(/^8: Value is not accepted\. Valid values: /)],
      'device type required': ['0: Missing property "model".'],
    });
  });

  it('agrees with sot check on each way of writing a value, except where the editor cannot tell', async () => {
    // [where, field, value]: a device field, or a field of an interface written under the device.
    const cases: [string, string, string][] = [
      ['device', 'name', '08'],
      ['device', 'serial', '12345'],
      ['device', 'serial', '0123'],
      ['device', 'serial', 'yes'],
      ['device', 'serial', 'True'],
      ['device', 'serial', '1.50'],
      ['device', 'serial', '~'],
      ['device', 'serial', "''"],
      ['device', 'serial', '[a, b]'],
      ['device', 'asset_tag', '0123'],
      ['device', 'comments', '12345'],
      ['device', 'status', '~'],
      ['device', 'status', "''"],
      ['device', 'status', 'actve'],
      ['device', 'airflow', "''"],
      ['device', 'airflow', '~'],
      ['device', 'airflow', '1'],
      ['device', 'tenant', '~'],
      ['device', 'tenant', "''"],
      ['device', 'tenant', '{}'],
      ['device', 'vc_priority', '08'],
      ['device', 'vc_priority', "''"],
      ['device', 'vc_priority', 'high'],
      ['interface', 'enabled', 'yes'],
      ['interface', 'enabled', 'Off'],
      ['interface', 'enabled', 'True'],
      ['interface', 'enabled', '~'],
      ['interface', 'enabled', 'maybe'],
      ['interface', 'enabled', '1'],
      ['interface', 'mtu', '1500'],
      ['interface', 'mtu', "'1500'"],
      ['interface', 'mtu', '~'],
      ['interface', 'mtu', 'on'],
      ['interface', 'description', "''"],
      ['interface', 'mgmt_only', "'yes'"],
      ['role', 'color', '795548'],
      ['role', 'color', "'12'"],
      ['role', 'color', '12'],
    ];
    const text = ([where, field, value]: [string, string, string]) =>
      where === 'role' ? `device_roles:\n  - name: Spine\n    slug: spine\n    ${field}: ${value}\n` : `devices:\n  - name: agree1\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n${where === 'device' && field !== 'name' ? `    ${field}: ${value}\n` : ''}${where === 'device' && field === 'name' ? `  - name: ${value}\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n` : ''}${where === 'interface' ? `    interfaces:\n      - name: et1\n        ${field}: ${value}\n` : ''}`;
    const verdicts = await Promise.all(
      cases.map(async (c, i) => {
        const t = text(c);
        const sot = compileFiles({ 'base.yaml': BASE, 'device-types/Acme/X-4.yaml': ACME_X4, 'd.yaml': t }).diagnostics.filter((d) => d.location.file === 'd.yaml' && d.rule.startsWith('schema/'));
        const editor = await server.diagnostics(join(inventory, 'sites', `agree-${i}.yaml`), t);
        return `${c[1]}: ${c[2]} → sot ${sot.length ? 'flags' : 'accepts'}, editor ${editor.length ? 'flags' : 'accepts'}`;
      }),
    );
    const disagree = verdicts.filter((v) => !/sot (\w+), editor \1$/.test(v));
    // A quoted 'yes' is text to sot, which wants true or false; an editor reads the same value
    // whether it was quoted or not, so it cannot tell. A number in a text field is checked against
    // the text's pattern and length by sot only: JSON Schema applies those to strings alone.
    expect(disagree).toEqual(["mgmt_only: 'yes' → sot flags, editor accepts", 'color: 12 → sot flags, editor accepts']);
    expect(verdicts.filter((v) => v.endsWith('flags, editor flags'))).toEqual([
      'serial: [a, b] → sot flags, editor flags',
      "status: '' → sot flags, editor flags",
      'status: actve → sot flags, editor flags',
      'airflow: 1 → sot flags, editor flags',
      "vc_priority: '' → sot flags, editor flags",
      'vc_priority: high → sot flags, editor flags',
      'enabled: maybe → sot flags, editor flags',
      'enabled: 1 → sot flags, editor flags',
      "mtu: '1500' → sot flags, editor flags",
      'mtu: on → sot flags, editor flags',
      "color: '12' → sot flags, editor flags",
    ]);
  });

  it('says in a reference’s hover what it refers to', async () => {
    const file = join(inventory, 'sites', 'hover.yaml');
    expect(await server.diagnostics(file, DEVICE)).toEqual([]);
    expect(await server.hover(file, 2, 6)).toContain('Refers to a device type (`dcim.devicetype`) by its model or slug (unique within its manufacturer), or as `manufacturer/model`; or by a mapping of its key fields.');
  });
});

describe('editor schema bundle', () => {
  const bundle = schemaBundle(loadSchemas());
  const inventory = bundle.files.get('inventory.schema.json') as any;

  it('does not offer the owner in the schema of components written under it', () => {
    const items = inventory.$defs['dcim-device'].properties.interfaces.anyOf[0].items;
    expect(items.$ref).toBe('#/$defs/dcim-interface-inline');
    expect(Object.keys(inventory.$defs['dcim-interface-inline'].properties)).not.toContain('device');
    expect(Object.keys(inventory.$defs['dcim-interface'].properties)).toContain('device');
  });

  it('leaves sot’s own validation schemas strict', () => {
    const schemas = loadSchemas();
    expect(schemas.documents.get('urn:sot:defs:common')!.$defs.color.type).toBe('string');
    expect(inventory.$defs['defs-common'].$defs.color.type).toEqual(['string', 'number', 'boolean']);
  });
});

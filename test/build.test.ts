import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');

const run = runCli;

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function inventory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sot-build-'));
  for (const [file, text] of Object.entries({ 'sot.yaml': 'format: 1\n', ...files })) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const BASE = `sites:
  - {name: AMS1, slug: ams1}
  - {name: AMS2, slug: ams2}
manufacturers:
  - {name: Acme, slug: acme}
device_types:
  - {manufacturer: Acme, model: X, slug: x, interfaces: [{name: eth0, type: 1000base-t}]}
platforms:
  - {name: AcmeOS, slug: acmeos, config_template: base}
device_roles:
  - {name: Leaf, slug: leaf}
config_templates:
  - {name: base, file_extension: conf, template_code: "hostname {{device.name}}\\n{{#each device.interfaces}}interface {{name}}\\n{{/each}}"}
`;

describe('sot render', () => {
  // Regenerate after an intended change with UPDATE_GOLDEN=1 npm test, and review the diff.
  for (const [device, ext] of [['ams1-leaf1', 'cfg'], ['ams1-br1', 'conf'], ['ams1/ams1-spine1', 'cfg']]) {
    it(`renders ${device} of inventory-example as its golden file`, { timeout: 30000 }, async () => {
      const r = await run(['render', device, 'inventory-example']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const golden = join(ROOT, 'test/fixtures/golden', `render.${device.replace('/', '_')}.${ext}`);
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, r.stdout);
      expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('says when a device has no config template, and renders a VM with one', async () => {
    const root = inventory({
      'i.yaml': `${BASE}devices:\n  - {name: leaf1, site: AMS1, device_type: Acme/X, role: leaf}\ncluster_types:\n  - {name: KVM, slug: kvm}\nclusters:\n  - {name: c1, type: KVM}\nvirtual_machines:\n  - {name: vm1, cluster: c1, platform: acmeos, config_template: vmt}\n  - {name: vm2, cluster: c1, local_context_data: {x: 1}}\n`,
      't.yaml': 'config_templates:\n  - {name: vmt, template_code: "vm {{virtualmachine.name}} ntp {{ntp}}\\n"}\nconfig_contexts:\n  - {name: all, data: {ntp: 192.0.2.1}}\n',
    });
    const none = await run(['render', 'leaf1', root]);
    expect([none.code, none.stdout, none.stderr]).toEqual([2, '', 'sot: device "leaf1" in site "AMS1" has no config template: neither its own nor its role\'s (Leaf) names one\n']);
    expect(await run(['render', 'vm1', root])).toEqual({ code: 0, stdout: 'vm vm1 ntp 192.0.2.1\n', stderr: '' });
  });
});

describe('sot build', () => {
  it('renders every device of inventory-example, with a manifest of sizes and hashes, the same bytes every time', { timeout: 60000 }, async () => {
    const base = mkdtempSync(join(tmpdir(), 'sot-build-out-'));
    const [a, b] = [join(base, 'a'), join(base, 'b')];
    const first = await run(['build', 'inventory-example', '--out', a]);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toBe(`✔ built 16 configs, 4 exports and the manifest into ${relative(ROOT, a)}/ (0.00 s)\n`);
    await run(['build', 'inventory-example', '--out', b]);
    const [ta, tb] = [tree(a), tree(b)];
    expect(ta).toEqual(tb);
    const m = JSON.parse(ta['manifest.json']);
    expect(m.sot_build_format).toBe(1);
    expect(m.files.map((f: any) => f.path)).toEqual(Object.keys(ta).filter((p) => p !== 'manifest.json').sort());
    for (const f of m.files) expect(f.sha256).toBe(createHash('sha256').update(ta[f.path]).digest('hex'));
    expect(ta['configs/ams1-leaf1.cfg']).toContain('hostname ams1-leaf1\n');
    expect(ta['configs/ams1-br1.conf']).toContain('host-name ams1-br1;');
    const meta = JSON.parse(ta['exports/netbox/meta.json']);
    expect(meta.sot_export_version).toBe(1);
    expect(JSON.parse(ta['exports/netbox/dcim/devices.json']).map((d: any) => d.name)).toContain('ams1-leaf1');
    expect(Object.keys(ta).filter((p) => p.startsWith('exports/') && !p.startsWith('exports/netbox/'))).toEqual([
      'exports/ansible/inventory.yaml',
      'exports/devices.csv',
      'exports/nornir/defaults.yaml',
      'exports/nornir/groups.yaml',
      'exports/nornir/hosts.yaml',
    ]);
    expect(ta['exports/devices.csv']).toMatch(/^name,site,rack,position,serial,asset_tag\n/);
    expect(ta['exports/devices.csv']).toContain('\nams1-br1,AMS1,R101,42,JN1234567AAA,EX-000104\nams1-br2,AMS1,R101,41,JN1234567AAB,EX-000105\n');
    expect(ta['exports/devices.csv']).toContain('\nams1-radio1,AMS1,,,,\n');
  });

  it('writes nothing for an inventory with errors, and keeps the previous build', async () => {
    const root = inventory({ 'i.yaml': `${BASE}devices:\n  - {name: leaf1, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n` });
    const out = join(mkdtempSync(join(tmpdir(), 'sot-build-out-')), 'out');
    expect((await run(['build', root, '--out', out])).code).toBe(0);
    expect(tree(out)['configs/leaf1.conf']).toBe('hostname leaf1\ninterface eth0\n');
    writeFileSync(join(root, 'i.yaml'), `${BASE}devices:\n  - {name: leaf1, site: AMS9, device_type: Acme/X, role: leaf, platform: acmeos}\n`);
    const broken = await run(['build', root, '--out', out]);
    expect([broken.code, broken.stdout]).toEqual([1, '']);
    expect(broken.stderr).toContain('error  resolve/dangling-reference  no site "AMS9"');
    expect(broken.stderr).toContain('sot: nothing written: the inventory has errors (--force builds anyway)\n');
    expect(tree(out)['configs/leaf1.conf']).toBe('hostname leaf1\ninterface eth0\n');
  });

  it('reports a template reading a variable the device lacks, writes nothing, and --force writes what rendered', async () => {
    const root = inventory({
      'i.yaml': `${BASE}  - {name: strict, template_code: "hostname {{device.name}} {{device.nonesuch}}"}\ndevices:\n  - {name: leaf1, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n  - {name: leaf2, site: AMS1, device_type: Acme/X, role: leaf, config_template: strict}\n`,
    });
    const out = join(mkdtempSync(join(tmpdir(), 'sot-build-out-')), 'out');
    const r = await run(['build', root, '--out', out]);
    expect([r.code, r.stdout, existsSync(out)]).toEqual([1, '', false]);
    expect(r.stderr).toMatch(/i\.yaml:14:\d+ +error +template\/missing-variable .*leaf2/);
    const forced = await run(['build', root, '--out', out, '--force']);
    expect(forced.code).toBe(1);
    expect(Object.keys(tree(out)).filter((p) => !p.startsWith('exports/'))).toEqual(['configs/leaf1.conf', 'manifest.json']);
  });

  it('keeps every file inside the output folder, whatever the names, and folds names used at two sites', async () => {
    const root = inventory({
      'i.yaml': `${BASE}devices:\n  - {name: ../../escape, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n  - {name: .hidden, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n  - {name: edge, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n  - {name: edge, site: AMS2, device_type: Acme/X, role: leaf, platform: acmeos}\n`,
      'e.yaml': 'export_templates:\n  - {name: ../../up, object_types: [dcim.site], template_code: x}\n  - {name: x, file_name: ../../up, object_types: [dcim.site], template_code: y}\n  - {name: z, file_extension: ../sh, object_types: [dcim.site], template_code: z}\n',
    });
    const out = join(mkdtempSync(join(tmpdir(), 'sot-build-out-')), 'out');
    expect((await run(['build', root, '--out', out])).code).toBe(0);
    expect(Object.keys(tree(out)).filter((p) => !p.startsWith('exports/netbox/')).sort()).toEqual([
      'configs/_._.._escape.conf',
      'configs/_hidden.conf',
      'configs/ams1/edge.conf',
      'configs/ams2/edge.conf',
      'exports/_._.._up-2.txt',
      'exports/_._.._up.txt',
      'exports/ansible/inventory.yaml',
      'exports/nornir/defaults.yaml',
      'exports/nornir/groups.yaml',
      'exports/nornir/hosts.yaml',
      'exports/z._sh',
      'manifest.json',
    ]);
  });

  it('refuses a folder that is not a sot build, or that holds the inventory; ignores a build inside the inventory', async () => {
    const root = inventory({ 'i.yaml': `${BASE}devices:\n  - {name: leaf1, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n` });
    const other = mkdtempSync(join(tmpdir(), 'sot-build-other-'));
    writeFileSync(join(other, 'notes.txt'), 'mine');
    const refused = await run(['build', root, '--out', other]);
    expect([refused.code, refused.stderr]).toEqual([2, `sot: ${other} is not empty and holds no sot build (no manifest.json of sot's); refusing to replace it\nRun "sot help" for usage.\n`]);
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await run(['build', root, '--out', dirname(root)])).code).toBe(2);
    expect((await run(['build', '.', '--out', 'build'], root)).code).toBe(0);
    writeFileSync(join(root, 'build', 'configs', 'stray.yaml'), 'not: inventory\n');
    const check = await run(['check', '.'], root);
    expect([check.code, check.stdout]).toEqual([0, '✔ no problems in 2 files (0.00 s)\n']);
  });
});

describe('sot test', () => {
  it('passes when the kept renders of inventory-example match', { timeout: 30000 }, async () => {
    expect(await run(['test', 'inventory-example'])).toEqual({ code: 0, stdout: '✔ 2 expected outputs match\n', stderr: '' });
  });

  it('shows how a render differs from what is kept, and --update keeps the new one', async () => {
    const root = inventory({ 'i.yaml': `${BASE}devices:\n  - {name: leaf1, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n  - {name: leaf2, site: AMS1, device_type: Acme/X, role: leaf, platform: acmeos}\n` });
    expect(await run(['test', root])).toEqual({ code: 0, stdout: 'no expected outputs in .sot/expected/ (sot test --add <device> keeps a device\'s current render there)\n', stderr: '' });
    expect((await run(['test', root, '--add', 'leaf1', '--add', 'AMS1/leaf2'])).stdout).toBe('added .sot/expected/configs/leaf1.conf\nadded .sot/expected/configs/leaf2.conf\n✔ 2 expected outputs match\n');
    writeFileSync(join(root, '.sot/expected/configs/leaf1.conf'), 'hostname leaf1\ninterface eth1\n');
    writeFileSync(join(root, '.sot/expected/configs/gone.conf'), 'x\n');
    const r = await run(['test', root]);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toBe(
      [
        '✖ .sot/expected/configs/gone.conf: sot renders nothing at configs/gone.conf (renamed or removed device, or no config template)',
        '✖ configs/leaf1.conf differs from .sot/expected/configs/leaf1.conf:',
        '--- .sot/expected/configs/leaf1.conf',
        '+++ configs/leaf1.conf as rendered',
        '@@ -1,2 +1,2 @@',
        ' hostname leaf1',
        '-interface eth1',
        '+interface eth0',
        '✖ 2 of 3 expected outputs differ',
        '',
      ].join('\n'),
    );
    const updated = await run(['test', root, '--update']);
    expect([updated.code, updated.stdout.split('\n')[1]]).toEqual([1, 'updated .sot/expected/configs/leaf1.conf']);
    expect(readFileSync(join(root, '.sot/expected/configs/leaf1.conf'), 'utf8')).toBe('hostname leaf1\ninterface eth0\n');
  });
});

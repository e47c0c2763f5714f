import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
// Files this big are parsed on other threads, which load built JavaScript: these runs use dist/, which `npm test` builds first.
import { main as builtMain } from '../dist/src/cli/main.js';

/** An inventory folder holding sot.yaml and `files`. */
function inventory(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sot-diag-'));
  writeFileSync(join(dir, 'sot.yaml'), 'format: 1\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** runCli's output for the main() built in dist/. */
async function runBuilt(args: string[], cwd: string) {
  let stdout = '';
  const code = await builtMain(args, { stdout: (t: string) => void (stdout += t), stderr: () => {}, cwd, env: {}, isTTY: false });
  return { code, stdout: stdout.replace(/\(\d+\.\d\d s\)/, '(0.00 s)'), stderr: '' };
}

const check = async (dir: string, format = 'json', built = false) => {
  const r = await (built ? runBuilt : runCli)(['check', dir, '--format', format], dir);
  return { ...r, json: format === 'json' ? JSON.parse(r.stdout) : undefined };
};

describe('output stays small per diagnostic', () => {
  it('lists the allowed fields once per object, however many unknown fields it has', async () => {
    const dir = inventory({ 'sites.yaml': `sites:\n  - name: s1\n    slug: s1\n${Array.from({ length: 2000 }, (_, i) => `    field${i}: x\n`).join('')}` });
    const r = await check(dir);
    expect(r.code).toBe(1);
    const ds = r.json.diagnostics;
    // The first 1,000 are listed, the other 1,000 counted at the first left out.
    expect(ds.length).toBe(1001);
    expect(ds.filter((d: any) => d.help !== undefined && d.rule === 'schema/unknown-field').map((d: any) => d.data.field)).toEqual(['field0']);
    expect(ds[1000]).toEqual({
      rule: 'report/too-many-problems', severity: 'error',
      message: '1,000 more schema/unknown-field problems are in this file, not listed: a file lists the first 1,000 of a rule',
      file: 'sites.yaml', line: 1004, column: 5, endLine: 1004, endColumn: 14, modelPath: 'sites[name=s1]', related: [],
      help: 'fix the problems listed and check again; a file with this many of one problem is usually the wrong file, or written by a generator that went wrong',
      docs: 'docs/rules/report/too-many-problems.md', data: { rule: 'schema/unknown-field', listed: 1000, omitted: 1000 },
    });
    expect(ds[1]).toEqual({
      rule: 'schema/unknown-field', severity: 'error', message: 'unknown field "field1" in site', file: 'sites.yaml',
      line: 5, column: 5, endLine: 5, endColumn: 11, modelPath: 'sites[name=s1]', related: [], docs: 'docs/rules/schema/unknown-field.md', data: { field: 'field1' },
    });
    // The indented report adds layout; the diagnostics themselves stay under 300 bytes each.
    expect(JSON.stringify(ds).length / ds.length).toBeLessThan(300);
  });

  it('cuts a long name a dangling reference quotes, in the message and the data', async () => {
    const long = 'n'.repeat(5000);
    const dir = inventory({ 'devices.yaml': `devices:\n  - name: d1\n    site: ${long}x\n    role: r\n    device_type: t\n` });
    const d = (await check(dir)).json.diagnostics.find((x: any) => x.line === 3);
    expect([d.rule, d.message, d.data]).toEqual([
      'resolve/dangling-reference', `no site "${'n'.repeat(200)}… (5001 characters)"`, { kind: 'dcim.site', value: `${'n'.repeat(200)}… (5001 characters)`, candidates: [] },
    ]);
  });
});

describe('hostile values through the CLI', () => {
  it('quotes a 50 MB value by its first 200 characters and its length, in the message and the data', async () => {
    // Locating it once parsed the entry's double-quoted text character by character: 20 s.
    const dir = inventory({ 'sites.yaml': `sites:\n  - name: s1\n    slug: s1\n    status: "${'a'.repeat(50_000_000)}"\n` });
    const r = await check(dir, 'json', true);
    expect(r.code).toBe(1);
    const cut = `${'a'.repeat(200)}… (50000000 characters)`;
    expect(r.json.diagnostics).toEqual([
      {
        rule: 'schema/invalid-choice', severity: 'error', message: `"${cut}" is not a valid status`, file: 'sites.yaml',
        line: 4, column: 13, endLine: 4, endColumn: 50_000_015, modelPath: 'sites[name=s1]', related: [],
        help: 'allowed values: planned, staging, active, decommissioning, retired', docs: 'docs/rules/schema/invalid-choice.md',
        data: { field: 'status', value: cut },
      },
    ]);
    expect(r.stdout.length).toBeLessThan(2000);
  });

  it('shows a 20 MB key in a code frame 160 characters wide', async () => {
    const dir = inventory({ 'sites.yaml': `sites:\n  - name: s1\n    slug: s1\n    status: active\n    ${'n'.repeat(20_000_000)}: 1\n` });
    const r = await check(dir, 'pretty', true);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `sites.yaml:5:5  error  schema/unknown-field  unknown field "${'n'.repeat(200)}… (20000000 characters)" in site`,
      '   4 |     status: active',
      ` > 5 |     ${'n'.repeat(156)}…`,
      `     |     ${'^'.repeat(156)}`,
      '  at: sites[name=s1]',
      '  help: allowed fields: name, slug, status, region, group, tenant, asns, facility, time_zone, physical_address, shipping_address, latitude, longitude, description, comments, tags, custom_fields',
      '  docs: docs/rules/schema/unknown-field.md',
      '',
      '✖ 1 error, 0 warnings in 2 files (0.00 s)',
      '',
    ]);
  });

  it('never prints a control character of a value raw in pretty output', async () => {
    // The YAML escapes \e and \r make an ESC and a carriage return in the value, which the message quotes.
    const dir = inventory({ 'sites.yaml': 'sites:\n  - name: s1\n    slug: s1\n    status: "act\\e[31mive\\r"\n' });
    const r = await check(dir, 'pretty');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'sites.yaml:4:13  error  schema/invalid-choice  "act\uFFFD[31mive\uFFFD" is not a valid status',
        '   3 |     slug: s1',
        ' > 4 |     status: "act\\e[31mive\\r"',
        '     |             ^^^^^^^^^^^^^^^^',
        '  at: sites[name=s1]',
        '  help: allowed values: planned, staging, active, decommissioning, retired',
        '  docs: docs/rules/schema/invalid-choice.md',
        '',
        '✖ 1 error, 0 warnings in 2 files (0.00 s)',
        '',
      ].join('\n'),
    );
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\x1b\r]/);
  });

  it('shows a raw ESC and a lone CR of a file replaced in the code frame', async () => {
    // js-yaml reports the character at the end of the line, past the ESC.
    const dir = inventory({ 'sites.yaml': 'sites:\n  - name: s1\n    slug: s1\n    status: act\x1b[31mive\r    tenant: t\n' });
    const r = await check(dir, 'pretty');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'sites.yaml:4:24  error  yaml/syntax  the stream contains non-printable characters',
      '   3 |     slug: s1',
      ' > 4 |     status: act\uFFFD[31mive',
      '     |                        ^',
    ]);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\x1b\r]/);
  });
});

describe('suggestions through the CLI', () => {
  const aliases: [string, string][] = [
    ['ips', 'ip_addresses'],
    ['ipam_roles', 'roles'],
    ['prefix_roles', 'roles'],
    ['vlan_roles', 'roles'],
    ['rack_groups', 'locations'],
    ['vms', 'virtual_machines'],
  ];
  for (const [written, meant] of aliases) {
    it(`suggests ${meant} for the collection ${written}`, async () => {
      const r = await check(inventory({ 'a.yaml': `${written}: []\n` }), 'pretty');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(
        [
          `a.yaml:1:1  error  schema/unknown-collection  unknown collection "${written}"; did you mean "${meant}"?`,
          ` > 1 | ${written}: []`,
          `     | ${'^'.repeat(written.length)}`,
          '  help: collections are named like NetBox REST endpoints in snake_case: see docs/kinds.md',
          '  docs: docs/rules/schema/unknown-collection.md',
          '',
          '✖ 1 error, 0 warnings in 2 files (0.00 s)',
          '',
        ].join('\n'),
      );
    });
  }

  it('suggests Ethernet49/1 for a cable to Ethernet49 of a type broken out into Ethernet49/1..4', async () => {
    const type = `manufacturer: Acme\nmodel: X-52\nslug: acme-x-52\nu_height: 1\ninterfaces:\n${[1, 2, 3, 4].map((i) => `  - {name: Ethernet49/${i}, type: 100gbase-x-qsfp28}\n`).join('')}  - {name: Ethernet48, type: 25gbase-x-sfp28}\n`;
    const dir = inventory({
      'base.yaml': 'sites:\n  - {name: AMS1, slug: ams1}\nmanufacturers:\n  - {name: Acme, slug: acme}\ndevice_roles:\n  - {name: Leaf, slug: leaf}\ndevices:\n  - {name: leaf1, device_type: Acme/X-52, role: leaf, site: ams1}\n  - {name: leaf2, device_type: Acme/X-52, role: leaf, site: ams1}\n',
      'device-types/Acme/X-52.yaml': type,
      'c.yaml': 'cables:\n  - a_terminations: [{device: leaf1, interface: Ethernet49}]\n    b_terminations: [{device: leaf2, interface: Ethernet49/1}]\n',
    });
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.json.diagnostics).toEqual([
      {
        rule: 'resolve/dangling-reference', severity: 'error', message: 'no interface "Ethernet49" in device "leaf1" in site "AMS1"; did you mean "Ethernet49/1"?',
        file: 'c.yaml', line: 2, column: 49, endLine: 2, endColumn: 59, modelPath: 'cables[label=#5]', related: [],
        help: 'close names: Ethernet49/1, Ethernet49/2, Ethernet49/3', docs: 'docs/rules/resolve/dangling-reference.md',
        data: { kind: 'dcim.interface', value: 'Ethernet49', candidates: ['Ethernet49/1', 'Ethernet49/2', 'Ethernet49/3'] },
      },
    ]);
  });
});

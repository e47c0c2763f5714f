// `sot diff` and `sot log` on real git repositories made with git commands.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';
import type { DiffResult } from '../src/diff/types.js';
import type { History } from '../src/diff/history.js';

const ORG = `manufacturers:
  - {name: Acme, slug: acme}
device_roles:
  - {name: Leaf, slug: leaf, color: 2196f3}
platforms:
  - {name: AcmeOS, slug: acmeos, manufacturer: acme, config_template: base}
config_templates:
  - name: base
    file_extension: cfg
    template_code: |
      hostname {{device.name}}
      {{#each device.interfaces}}
      interface {{name}}
      {{#if description}} description {{description}}
      {{/if}} mtu {{default mtu 1500}}
      {{/each}}
`;

const TYPE = `manufacturer: Acme
model: SW-4
slug: acme-sw-4
u_height: 1
interfaces:
  - {name: eth1, type: 10gbase-x-sfpp}
  - {name: eth2, type: 10gbase-x-sfpp}
`;

const device = (name: string, extra = '') => `  - name: ${name}
    site: dc1
    role: leaf
    device_type: acme-sw-4
    platform: acmeos
    status: active
${extra}`;

const cable = (label: string, a: string, b: string, port: string) => `  - a_terminations: [{device: ${a}, interface: ${port}}]
    b_terminations: [{device: ${b}, interface: ${port}}]
    label: ${label}
`;

const SITE_BASE = `sites:
  - {name: DC1, slug: dc1, status: active}
devices:
${device('leaf1', '    serial: A1\n    interfaces:\n      - {name: eth1, description: to leaf2 eth1}\n')}${device('leaf2', '    tags: [prod]\n')}cables:
${cable('C1', 'leaf1', 'leaf2', 'eth1')}`;

const SITE_HEAD = `sites:
  - {name: DC1, slug: dc1, status: active}
devices:
${device('leaf1', '    serial: A2\n    interfaces:\n      - {name: eth1, description: to leaf2 eth1}\n')}${device('leaf2', '    tags: [prod]\n')}${device('leaf3')}cables:
${cable('C2', 'leaf1', 'leaf3', 'eth2')}${cable('C3', 'leaf1', 'leaf2', 'eth2')}`;

/**
 * base: two leaves, a cable, and a tag nobody defines (an error). head: one leaf's serial changed, a
 * third leaf, the cable replaced by two on one port (an error), the role renamed, the tag defined, and
 * the device type gives eth2 a description (a change to every leaf's eth2).
 */
function repository(): { root: string; base: string; head: string } {
  const root = newRepo();
  const base = commitFiles(root, { 'net/sot.yaml': 'format: 1\n', 'net/org.yaml': ORG, 'net/device-types/sw.yaml': TYPE, 'net/sites/dc1.yaml': SITE_BASE }, 'two leaves');
  const head = commitFiles(
    root,
    {
      'net/org.yaml': ORG.replace('{name: Leaf, slug: leaf', '{name: Leaf switch, slug: leaf') + 'tags:\n  - {name: prod, slug: prod}\n',
      'net/device-types/sw.yaml': TYPE.replace('{name: eth2, type: 10gbase-x-sfpp}', '{name: eth2, type: 10gbase-x-sfpp, description: spare}'),
      'net/sites/dc1.yaml': SITE_HEAD,
    },
    'a third leaf',
  );
  return { root, base, head };
}

const status = (root: string) => execFileSync('git', ['status', '--porcelain'], { cwd: root, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).toString();

describe('sot diff', () => {
  const { root, base, head } = repository();

  it('the JSON diff of two commits: creates, updates, deletes, a rename, folded derived changes, configs and problems', async () => {
    const index = join(root, '.git', 'index');
    const before = [status(root), readFileSync(index), statSync(index).mtimeMs];
    const out = await runCli(['diff', base, head, '--dir', 'net', '--format', 'json'], root);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect([status(root), readFileSync(index), statSync(index).mtimeMs]).toEqual(before);

    const diff = JSON.parse(out.stdout) as DiffResult;
    expect(diff.base).toEqual({ rev: base, commit: base });
    expect(diff.head).toEqual({ rev: head, commit: head });
    expect(diff.objects.map((o) => [o.action, o.kind, o.key, o.from_key ?? null, (o.changes ?? []).map((c) => c.field).join(',')])).toEqual([
      ['delete', 'dcim.cable', 'C1', null, ''],
      ['create', 'dcim.cable', 'C2', null, ''],
      ['create', 'dcim.cable', 'C3', null, ''],
      ['update', 'dcim.device', 'DC1 / leaf1', null, 'serial'],
      ['update', 'dcim.device', 'DC1 / leaf2', null, 'tags'],
      ['create', 'dcim.device', 'DC1 / leaf3', null, ''],
      ['rename', 'dcim.devicerole', 'Leaf switch', 'Leaf', 'name'],
      ['update', 'dcim.devicetype', 'Acme / SW-4', null, 'interfaces[eth2].description'],
      ['create', 'extras.tag', 'prod', null, ''],
    ]);
    const leaf1 = diff.objects.find((o) => o.key === 'DC1 / leaf1')!;
    expect(leaf1).toEqual({
      action: 'update',
      kind: 'dcim.device',
      key: 'DC1 / leaf1',
      base: { file: 'sites/dc1.yaml', line: 4, column: 5 },
      head: { file: 'sites/dc1.yaml', line: 4, column: 5 },
      changes: [{ field: 'serial', before: 'A1', after: 'A2' }],
    });
    // A tag that did not resolve in the base is shown as written.
    expect(diff.objects.find((o) => o.key === 'DC1 / leaf2')!.changes).toEqual([{ field: 'tags', before: ['prod'], after: ['prod'] }]);
    expect(diff.derived).toEqual([
      { cause: { kind: 'dcim.device', key: 'DC1 / leaf3' }, action: 'create', kind: 'dcim.interface', count: 2, objects: ['DC1 / leaf3 / eth1', 'DC1 / leaf3 / eth2'] },
      {
        cause: { kind: 'dcim.devicetype', key: 'Acme / SW-4' },
        action: 'update',
        kind: 'dcim.interface',
        changes: [{ field: 'description', after: 'spare' }],
        count: 2,
        objects: ['DC1 / leaf1 / eth2', 'DC1 / leaf2 / eth2'],
      },
    ]);
    expect(diff.configs.map((c) => [c.action, c.path, c.added, c.removed])).toEqual([
      ['update', 'configs/leaf1.cfg', 1, 0],
      ['update', 'configs/leaf2.cfg', 1, 0],
      ['create', 'configs/leaf3.cfg', 6, 0],
    ]);
    expect(diff.configs[1].diff).toBe('--- a/configs/leaf2.cfg\n+++ b/configs/leaf2.cfg\n@@ -2,4 +2,5 @@\n interface eth1\n  mtu 1500\n interface eth2\n+ description spare\n  mtu 1500\n');
    expect(diff.diagnostics).toEqual({
      introduced: [
        { rule: 'dcim/cable-termination-occupied', severity: 'error', message: 'interface "eth2" of device "leaf1" already has cable "C2"', at: { file: 'sites/dc1.yaml', line: 30, column: 22 } },
      ],
      fixed: [{ rule: 'resolve/dangling-reference', severity: 'error', message: 'no tag "prod"', at: { file: 'sites/dc1.yaml', line: 19, column: 12 } }],
      preexisting: [],
    });
    expect(diff.summary).toEqual({
      objects: { created: 4, updated: 3, deleted: 1, renamed: 1 },
      kinds: {
        'dcim.cable': { created: 2, updated: 0, deleted: 1, renamed: 0 },
        'dcim.device': { created: 1, updated: 2, deleted: 0, renamed: 0 },
        'dcim.devicerole': { created: 0, updated: 0, deleted: 0, renamed: 1 },
        'dcim.devicetype': { created: 0, updated: 1, deleted: 0, renamed: 0 },
        'extras.tag': { created: 1, updated: 0, deleted: 0, renamed: 0 },
      },
      derived: 4,
      configs: { created: 1, updated: 2, deleted: 0 },
      diagnostics: { introduced: 1, fixed: 1, preexisting: 0 },
    });
    // The JSON format's schema describes it.
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'schema', 'diff.schema.json'), 'utf8'));
    const validate = new Ajv2020.default({ strict: false }).compile(schema);
    expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a commit against itself is empty in every format; --exit-code says whether there is a change', async () => {
    const json = JSON.parse((await runCli(['diff', head, head, '--dir', 'net', '--format', 'json'], root)).stdout) as DiffResult;
    expect([json.objects, json.derived, json.configs, json.diagnostics.introduced, json.diagnostics.fixed]).toEqual([[], [], [], [], []]);
    expect(json.diagnostics.preexisting.map((d) => d.rule)).toEqual(['dcim/cable-termination-occupied']);
    expect(await runCli(['diff', 'HEAD', 'HEAD', '--dir', 'net', '--exit-code'], root)).toMatchObject({ code: 0 });
    expect(await runCli(['diff', 'HEAD~1', 'HEAD', '--dir', 'net', '--exit-code'], root)).toMatchObject({ code: 1 });
  });

  it('compares with the working tree when no head is given, and leaves git status as it was', async () => {
    const file = join(root, 'net', 'sites', 'dc1.yaml');
    const committed = readFileSync(file, 'utf8');
    writeFileSync(file, committed.replace('serial: A2', 'serial: A3'));
    try {
      const before = status(root);
      const out = await runCli(['diff', 'HEAD', '--dir', 'net', '--format', 'json'], root);
      const diff = JSON.parse(out.stdout) as DiffResult;
      expect(diff.head).toEqual({ rev: '', commit: null });
      expect(diff.objects).toEqual([
        {
          action: 'update',
          kind: 'dcim.device',
          key: 'DC1 / leaf1',
          base: { file: 'sites/dc1.yaml', line: 4, column: 5 },
          head: { file: 'sites/dc1.yaml', line: 4, column: 5 },
          changes: [{ field: 'serial', before: 'A2', after: 'A3' }],
        },
      ]);
      // The template does not show the serial: no config changes.
      expect(diff.configs).toEqual([]);
      expect(status(root)).toBe(before);
    } finally {
      writeFileSync(file, committed);
    }
  });

  it('pretty and markdown say the same in their own way', async () => {
    const pretty = await runCli(['diff', 'HEAD~1', 'HEAD', '--dir', 'net'], root);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain('objects: 4 created, 3 updated, 1 deleted, 1 renamed; 4 through derived changes\n');
    expect(pretty.stdout).toContain('serial: A1 → A2');
    // Files as sot check names them: from the current folder (the JSON keeps them from the inventory).
    expect(pretty.stdout).toContain('  ~ DC1 / leaf1  net/sites/dc1.yaml:4\n');
    expect(pretty.stdout).not.toContain('\u001b[');
    const markdown = await runCli(['diff', 'HEAD~1', 'HEAD', '--dir', 'net', '--format', 'markdown'], root);
    expect(markdown.stdout).toContain('| dcim.device | 1 | 2 | 0 | 0 |');
    expect(markdown.stdout).toContain('<details>');
  });

  it('an unknown revision and a shallow clone without the base are usage errors with a fix', async () => {
    expect(await runCli(['diff', 'nope', '--dir', 'net'], root)).toMatchObject({ code: 2, stdout: '' });
    const shallow = newRepo();
    git(shallow, 'fetch', '-q', '--depth', '1', `file://${root}`, 'main');
    git(shallow, 'checkout', '-q', 'FETCH_HEAD');
    const out = await runCli(['diff', base, '--dir', 'net'], shallow);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('fetch-depth: 0');
  });

  it('usage errors: no base, a third revision, an unknown format', async () => {
    expect((await runCli(['diff'], root)).code).toBe(2);
    expect((await runCli(['diff', 'a', 'b', 'c'], root)).stderr).toContain('name the inventory folder with --dir');
    expect((await runCli(['diff', 'HEAD', '--format', 'xml', '--dir', 'net'], root)).stderr).toContain('unknown format "xml" (pretty, markdown, json)');
  });
});

describe('sot log', () => {
  const { root, base, head } = repository();

  it("an object's history: created, then updated, newest first, with author, date and fields", async () => {
    const out = await runCli(['log', 'device', 'leaf1', 'net', '--format', 'json'], root);
    expect(out.stderr).toBe('');
    const history = JSON.parse(out.stdout) as History;
    expect(history).toEqual({
      format: 1,
      kind: 'dcim.device',
      key: 'DC1 / leaf1',
      rev: 'HEAD',
      commits_read: 2,
      more: false,
      entries: [
        {
          commit: head,
          author: { name: 't', email: 't@example.com' },
          date: '2026-01-02T03:04:05+00:00',
          subject: 'a third leaf',
          action: 'update',
          key: 'DC1 / leaf1',
          at: { file: 'sites/dc1.yaml', line: 4, column: 5 },
          changes: [{ field: 'serial', before: 'A1', after: 'A2' }],
        },
        {
          commit: base,
          author: { name: 't', email: 't@example.com' },
          date: '2026-01-02T03:04:05+00:00',
          subject: 'two leaves',
          action: 'create',
          key: 'DC1 / leaf1',
          at: { file: 'sites/dc1.yaml', line: 4, column: 5 },
        },
      ],
    });
  });

  it('follows a rename, and finds a deleted object', async () => {
    const role = JSON.parse((await runCli(['log', 'dcim.devicerole', 'Leaf switch', 'net', '--format', 'json'], root)).stdout) as History;
    expect(role.entries.map((e) => [e.action, e.key, e.from_key ?? null])).toEqual([
      ['rename', 'Leaf switch', 'Leaf'],
      ['create', 'Leaf', null],
    ]);
    const c1 = JSON.parse((await runCli(['log', 'cable', 'C1', 'net', '--format', 'json'], root)).stdout) as History;
    expect(c1.entries.map((e) => [e.action, e.commit])).toEqual([
      ['delete', head],
      ['create', base],
    ]);
  });

  it('pretty output reads like git log', async () => {
    const out = await runCli(['log', 'interface', 'leaf1 / eth1', 'net'], root);
    expect(out.stdout).toBe(
      `dcim.interface DC1 / leaf1 / eth1: 1 change in the 2 inventory commits read from HEAD\n\ncommit ${base}\nAuthor: t <t@example.com>\nDate:   2026-01-02T03:04:05+00:00\n\n    two leaves\n\n    + created DC1 / leaf1 / eth1 (sites/dc1.yaml:12)\n`,
    );
  });

  it('an unknown kind or object, or an ambiguous key, is a usage error', async () => {
    expect((await runCli(['log', 'gadget', 'x', 'net'], root)).stderr).toContain('no kind "gadget"');
    expect((await runCli(['log', 'device', 'leaf9', 'net'], root)).stderr).toContain('no dcim.device "leaf9" in the 2 commits read from HEAD');
    const ambiguous = await runCli(['log', 'interface', 'eth2', 'net'], root);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('"eth2" names 3 dcim.interface objects');
  });
});

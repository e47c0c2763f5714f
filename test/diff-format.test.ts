import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedSubject, formatValue, sideLabel } from '../src/diff/format-common.js';
import { formatJson } from '../src/diff/format-json.js';
import { DEFAULT_MAX_BYTES, fenceFor, formatMarkdown, markdownText } from '../src/diff/format-markdown.js';
import { formatPretty } from '../src/diff/format-pretty.js';
import type { ConfigChange, DiffResult, ObjectChange } from '../src/diff/types.js';

/** A diff with nothing in it, between two commits. */
function emptyDiff(): DiffResult {
  return {
    format: 1,
    base: { rev: 'main', commit: '1111111111111111111111111111111111111111' },
    head: { rev: 'feature', commit: '2222222222222222222222222222222222222222' },
    summary: {
      objects: { created: 0, updated: 0, deleted: 0, renamed: 0 },
      kinds: {},
      derived: 0,
      configs: { created: 0, updated: 0, deleted: 0 },
      diagnostics: { introduced: 0, fixed: 0, preexisting: 0 },
    },
    objects: [],
    derived: [],
    configs: [],
    diagnostics: { introduced: [], fixed: [], preexisting: [] },
  };
}

/** One of everything: a create, an update, a delete and a rename, a folded derived change, a config and diagnostics. */
function fullDiff(): DiffResult {
  return {
    format: 1,
    base: { rev: 'main', commit: '1111111111111111111111111111111111111111' },
    head: { rev: '', commit: null },
    summary: {
      objects: { created: 1, updated: 1, deleted: 1, renamed: 1 },
      kinds: {
        'ipam.vlan': { created: 0, updated: 0, deleted: 1, renamed: 1 },
        'dcim.device': { created: 1, updated: 1, deleted: 0, renamed: 0 },
      },
      derived: 7,
      configs: { created: 0, updated: 1, deleted: 0 },
      diagnostics: { introduced: 1, fixed: 1, preexisting: 2 },
    },
    objects: [
      { action: 'create', kind: 'dcim.device', key: 'dc1 / leaf3', head: { file: 'devices/leaf3.yaml', line: 1, column: 3 } },
      {
        action: 'update',
        kind: 'dcim.device',
        key: 'dc1 / leaf1',
        base: { file: 'devices/leaf1.yaml', line: 2, column: 3 },
        head: { file: 'devices/leaf1.yaml', line: 2, column: 3 },
        changes: [
          { field: 'status', before: 'active', after: 'planned' },
          { field: 'description', after: ' edge ' },
          { field: 'tags', before: ['a'], after: ['a', 'b'] },
        ],
      },
      { action: 'delete', kind: 'ipam.vlan', key: 'dc1 / 10', base: { file: 'vlans.yaml', line: 4, column: 3 } },
      {
        action: 'rename',
        kind: 'ipam.vlan',
        key: 'dc1 / 21',
        from_key: 'dc1 / 20',
        base: { file: 'vlans.yaml', line: 8, column: 3 },
        head: { file: 'vlans.yaml', line: 6, column: 3 },
        changes: [{ field: 'vid', before: 20, after: 21 }],
      },
    ],
    derived: [
      {
        cause: { kind: 'dcim.devicetype', key: 'Arista / 7050' },
        action: 'update',
        kind: 'dcim.interface',
        changes: [{ field: 'mtu', before: 1500, after: 9000 }],
        count: 7,
        objects: ['dc1 / leaf1 / Ethernet1', 'dc1 / leaf1 / Ethernet2', 'dc1 / leaf2 / Ethernet1', 'dc1 / leaf2 / Ethernet2', 'dc1 / leaf3 / Ethernet1', 'dc1 / leaf3 / Ethernet2', 'dc1 / leaf4 / Ethernet1'],
      },
    ],
    configs: [
      {
        action: 'update',
        kind: 'dcim.device',
        key: 'dc1 / leaf1',
        path: 'configs/leaf1.cfg',
        added: 1,
        removed: 1,
        diff: '--- configs/leaf1.cfg\n+++ configs/leaf1.cfg\n@@ -1,2 +1,2 @@\n hostname leaf1\n-mtu 1500\n+mtu 9000\n',
      },
    ],
    diagnostics: {
      introduced: [{ rule: 'dcim/rack-position', severity: 'error', message: 'position 43 is above the rack', at: { file: 'devices/leaf3.yaml', line: 5, column: 15 } }],
      fixed: [{ rule: 'ipam/vlan-unique', severity: 'warning', message: 'VLAN 20 is defined twice', at: { file: 'vlans.yaml', line: 8, column: 5 } }],
      preexisting: [
        { rule: 'lint/description', severity: 'warning', message: 'no description', at: { file: 'sites.yaml', line: 1, column: 3 } },
        { rule: 'lint/description', severity: 'warning', message: 'no description', at: { file: 'sites.yaml', line: 9, column: 3 } },
      ],
    },
  };
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const PRETTY = lines(
  'main (1111111) → working tree',
  'objects: 1 created, 1 updated, 1 deleted, 1 renamed; 7 through derived changes',
  '  dcim.device  1 created, 1 updated',
  '  ipam.vlan    1 deleted, 1 renamed',
  'configs: 1 changed (0 created, 1 updated, 0 deleted)',
  'diagnostics: 1 introduced, 1 fixed, 2 pre-existing',
  '',
  'dcim.device',
  '  + dc1 / leaf3  devices/leaf3.yaml:1',
  '  ~ dc1 / leaf1  devices/leaf1.yaml:2',
  '      status: active → planned',
  '      description: (unset) → " edge "',
  '      tags: ["a"] → ["a","b"]',
  '',
  'ipam.vlan',
  '  - dc1 / 10  vlans.yaml:4',
  '  → dc1 / 20 → dc1 / 21  vlans.yaml:8 → vlans.yaml:6',
  '      vid: 20 → 21',
  '',
  'derived changes',
  '  ~ 7 interfaces of 4 devices (device type Arista / 7050 changed): mtu: 1500 → 9000',
  '      dc1 / leaf1 / Ethernet1, dc1 / leaf1 / Ethernet2, dc1 / leaf2 / Ethernet1, dc1 / leaf2 / Ethernet2, dc1 / leaf3 / Ethernet1 and 2 more',
  '',
  'configs',
  '  ~ configs/leaf1.cfg  dc1 / leaf1  +1 -1',
  '    --- configs/leaf1.cfg',
  '    +++ configs/leaf1.cfg',
  '    @@ -1,2 +1,2 @@',
  '     hostname leaf1',
  '    -mtu 1500',
  '    +mtu 9000',
  '',
  'diagnostics introduced',
  '  devices/leaf3.yaml:5:15  error  dcim/rack-position  position 43 is above the rack',
  'diagnostics fixed',
  '  vlans.yaml:8:5  warning  ipam/vlan-unique  VLAN 20 is defined twice',
);

const MD_HEADER = lines(
  '### sot diff main (1111111) → working tree',
  '',
  '| kind | created | updated | deleted | renamed |',
  '| --- | ---: | ---: | ---: | ---: |',
  '| dcim.device | 1 | 1 | 0 | 0 |',
  '| ipam.vlan | 0 | 0 | 1 | 1 |',
  '| **total** | **1** | **1** | **1** | **1** |',
  '',
  'Configs changed: **1** (0 created, 1 updated, 0 deleted) · derived changes: **7** objects · diagnostics: **1** introduced, **1** fixed, 2 pre-existing',
  '',
  '**1 diagnostic introduced**',
  '',
  '- **error** dcim/rack-position at devices/leaf3.yaml:5:15: position 43 is above the rack',
  '',
);

const MD_OBJECTS_SHORT = lines(
  '<details><summary>Objects (4)</summary>',
  '',
  '**dcim.device**',
  '',
  '- created **dc1 / leaf3** (devices/leaf3.yaml:1)',
  '- updated **dc1 / leaf1** (devices/leaf1.yaml:2)',
  '',
  '**ipam.vlan**',
  '',
  '- deleted **dc1 / 10** (vlans.yaml:4)',
  '- renamed **dc1 / 20** → **dc1 / 21** (vlans.yaml:8 → vlans.yaml:6)',
  '',
  '</details>',
);

const MARKDOWN =
  MD_HEADER +
  lines(
    '<details><summary>Objects (4)</summary>',
    '',
    '**dcim.device**',
    '',
    '- created **dc1 / leaf3** (devices/leaf3.yaml:1)',
    '- updated **dc1 / leaf1** (devices/leaf1.yaml:2)',
    '  - status: active → planned',
    '  - description: (unset) → " edge "',
    '  - tags: \\["a"\\] → \\["a","b"\\]',
    '',
    '**ipam.vlan**',
    '',
    '- deleted **dc1 / 10** (vlans.yaml:4)',
    '- renamed **dc1 / 20** → **dc1 / 21** (vlans.yaml:8 → vlans.yaml:6)',
    '  - vid: 20 → 21',
    '',
    '</details>',
    '',
    '<details><summary>Derived changes (1)</summary>',
    '',
    '- updated 7 interfaces of 4 devices (device type **Arista / 7050** changed): mtu: 1500 → 9000',
    '  - dc1 / leaf1 / Ethernet1, dc1 / leaf1 / Ethernet2, dc1 / leaf2 / Ethernet1, dc1 / leaf2 / Ethernet2, dc1 / leaf3 / Ethernet1 and 2 more',
    '',
    '</details>',
    '',
    '<details><summary>Configs (1)</summary>',
    '',
    '**configs/leaf1.cfg** (dc1 / leaf1): updated, +1 −1',
    '',
    '```diff',
    '--- configs/leaf1.cfg',
    '+++ configs/leaf1.cfg',
    '@@ -1,2 +1,2 @@',
    ' hostname leaf1',
    '-mtu 1500',
    '+mtu 9000',
    '```',
    '',
    '</details>',
    '',
    '<details><summary>Diagnostics fixed (1)</summary>',
    '',
    '- **warning** ipam/vlan-unique at vlans.yaml:8:5: VLAN 20 is defined twice',
    '',
    '</details>',
  );

describe('formatPretty', () => {
  it('prints the summary, the objects per kind, derived changes, configs and diagnostics, without colour codes', () => {
    expect(formatPretty(fullDiff())).toBe(PRETTY);
  });

  it('paints marks, diff lines and severities when asked, and the text is the same without the codes', () => {
    const out = formatPretty(fullDiff(), { color: true });
    expect(out.replace(/\x1b\[\d+m/g, '')).toBe(PRETTY);
    expect(out).toContain('  \x1b[32m+\x1b[0m dc1 / leaf3');
    expect(out).toContain('  \x1b[33m~\x1b[0m dc1 / leaf1');
    expect(out).toContain('  \x1b[31m-\x1b[0m dc1 / 10');
    expect(out).toContain('    \x1b[31m-mtu 1500\x1b[0m\n    \x1b[32m+mtu 9000\x1b[0m\n');
    expect(out).toContain('    --- configs/leaf1.cfg\n');
    expect(out).toContain('  devices/leaf3.yaml:5:15  \x1b[31merror\x1b[0m  dcim/rack-position');
    expect(out).toContain('  vlans.yaml:8:5  \x1b[32mwarning\x1b[0m  ipam/vlan-unique');
  });

  it('says "no changes" in one line, with the pre-existing diagnostics counted', () => {
    expect(formatPretty(emptyDiff())).toBe('main (1111111) → feature (2222222): no changes\n');
    const r = emptyDiff();
    r.diagnostics.preexisting = fullDiff().diagnostics.preexisting;
    expect(formatPretty(r, { color: true })).toBe('main (1111111) → feature (2222222): no changes (2 pre-existing diagnostics)\n');
  });

  it('keeps terminal control characters in user data off the screen', () => {
    const r = fullDiff();
    r.objects[0].key = 'dc1 / \x1b[2Jleaf3';
    expect(formatPretty(r)).toContain('  + dc1 / \uFFFD[2Jleaf3  devices/leaf3.yaml:1\n');
  });

  it('lists all members when there are five or fewer', () => {
    const r = fullDiff();
    r.derived[0].count = 2;
    r.derived[0].objects = r.derived[0].objects.slice(0, 2);
    expect(formatPretty(r)).toContain('\n      dc1 / leaf1 / Ethernet1, dc1 / leaf1 / Ethernet2\n');
  });
});

describe('derivedSubject', () => {
  it('names the members by their kind and counts the devices they belong to', () => {
    const d = fullDiff().derived[0];
    expect(derivedSubject(d)).toBe('7 interfaces of 4 devices');
    expect(derivedSubject({ ...d, count: 1, objects: ['dc1 / leaf1 / Ethernet1'] })).toBe('1 interface of 1 device');
    // Members not all listed: the devices cannot be counted.
    expect(derivedSubject({ ...d, count: 9 })).toBe('9 interfaces');
    expect(derivedSubject({ ...d, cause: { kind: 'dcim.site', key: 'dc1' } })).toBe('7 interfaces');
    expect(derivedSubject({ ...d, kind: 'x.unknown' })).toBe('7 x.unknown of 4 devices');
  });
});

describe('formatValue', () => {
  it('quotes a string only when it could be read as something else', () => {
    expect(['active', 'dc1 / leaf1', '', ' x', 'x ', '1500', 'true', 'null', '(unset)', '[1]', 'a → b', 'a\nb', 'v1.2'].map(formatValue)).toEqual([
      'active',
      'dc1 / leaf1',
      '""',
      '" x"',
      '"x "',
      '"1500"',
      '"true"',
      '"null"',
      '"(unset)"',
      '"[1]"',
      '"a → b"',
      '"a\\nb"',
      'v1.2',
    ]);
    expect([undefined, null, 1500, false, ['a', 1], { b: 1, a: { d: 2, c: 3 } }].map(formatValue)).toEqual([
      '(unset)',
      'null',
      '1500',
      'false',
      '["a",1]',
      '{"a":{"c":3,"d":2},"b":1}',
    ]);
  });

  it('names a side by its revision and short commit, or the working tree', () => {
    expect(sideLabel({ rev: 'main', commit: 'abcdef0123456789abcdef0123456789abcdef01' })).toBe('main (abcdef0)');
    expect(sideLabel({ rev: 'abcdef01', commit: 'abcdef0123456789abcdef0123456789abcdef01' })).toBe('abcdef0');
    expect(sideLabel({ rev: '', commit: null })).toBe('working tree');
  });
});

describe('formatMarkdown', () => {
  it('writes the title, the summary table, the summary line, introduced diagnostics, then collapsible sections', () => {
    expect(formatMarkdown(fullDiff())).toBe(MARKDOWN);
  });

  it('says "no changes" under the title when nothing differs', () => {
    expect(formatMarkdown(emptyDiff())).toBe('### sot diff main (1111111) → feature (2222222)\n\nNo changes.\n');
  });

  it('escapes markdown and HTML in names and values, so a table cell or a list item never breaks', () => {
    expect(markdownText('a|b <script>`x` *y* [l](u) & _z_ #1\nnext')).toBe(
      'a\\|b &lt;script&gt;\\`x\\` \\*y\\* \\[l\\](u) &amp; \\_z\\_ \\#1 next',
    );
    // A mention in a description notifies nobody.
    expect(markdownText('page @noc-team')).toBe('page @&#8203;noc-team');
    const r = fullDiff();
    r.summary.kinds = { 'dcim.device|x<b>': { created: 1, updated: 0, deleted: 0, renamed: 0 } };
    r.objects = [{ action: 'update', kind: 'dcim.device', key: 'dc1 / `le|af`', changes: [{ field: 'description', before: '<b>', after: 'a|b' }] }];
    const out = formatMarkdown(r);
    expect(out).toContain('\n| dcim.device\\|x&lt;b&gt; | 1 | 0 | 0 | 0 |\n');
    expect(out).toContain('\n- updated **dc1 / \\`le\\|af\\`**\n  - description: &lt;b&gt; → a\\|b\n');
  });

  it('fences a config diff with more backticks than its text holds', () => {
    expect(fenceFor('a\n```\nb')).toBe('````');
    expect(fenceFor('no ticks')).toBe('```');
    expect(fenceFor('`x` '.repeat(200000))).toBe('```');
    const r = fullDiff();
    r.configs[0].diff = '@@ -1 +1 @@\n-banner ```\n+banner ````\n';
    expect(formatMarkdown(r)).toContain('\n`````diff\n@@ -1 +1 @@\n-banner ```\n+banner ````\n`````\n');
  });

  it('drops config diffs first when over the cap, and says what was cut', () => {
    const full = formatMarkdown(fullDiff());
    const diffBlock = '```diff\n--- configs/leaf1.cfg\n+++ configs/leaf1.cfg\n@@ -1,2 +1,2 @@\n hostname leaf1\n-mtu 1500\n+mtu 9000\n```\n\n';
    const max = Buffer.byteLength(full) - 10;
    const out = formatMarkdown(fullDiff(), { maxBytes: max });
    expect(out).toBe(
      full.replace(diffBlock, '') + '\n_1 config diff not shown; run `sot diff main` for all._\n',
    );
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(max);
  });

  it('then field details, fixed diagnostics, configs and derived changes; the summary and introduced diagnostics stay', () => {
    const out = formatMarkdown(fullDiff(), { maxBytes: 1200 });
    expect(out).toBe(
      MD_HEADER + MD_OBJECTS_SHORT + '\n_2 objects’ field changes, 1 fixed diagnostic, 1 changed config and 1 derived change not shown; run `sot diff main` for all._\n',
    );
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(1200);
  });

  it('cuts object lists last but introduced diagnostics, and names a committed head in the command', () => {
    const r = fullDiff();
    r.head = { rev: 'feature', commit: '2222222222222222222222222222222222222222' };
    const out = formatMarkdown(r, { maxBytes: 900 });
    expect(out).toBe(
      MD_HEADER.replace('working tree', 'feature (2222222)') +
        MD_OBJECTS_SHORT.replace('- renamed **dc1 / 20** → **dc1 / 21** (vlans.yaml:8 → vlans.yaml:6)\n', '') +
        '\n_1 object’s field changes, 1 fixed diagnostic, 1 changed config, 1 derived change and 1 object change not shown; run `sot diff main feature` for all._\n',
    );
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(900);
    expect(formatMarkdown(r, { maxBytes: 700 })).toBe(
      MD_HEADER.replace('working tree', 'feature (2222222)') +
        '_1 fixed diagnostic, 1 changed config, 1 derived change and 4 object changes not shown; run `sot diff main feature` for all._\n',
    );
    // Below what the title, the table, the summary line and the note need, those alone are written.
    const floor = formatMarkdown(r, { maxBytes: 100 });
    expect(floor).toBe(
      MD_HEADER.replace('working tree', 'feature (2222222)').split('**1 diagnostic introduced**')[0] +
        '_1 fixed diagnostic, 1 changed config, 1 derived change, 4 object changes and 1 introduced diagnostic not shown; run `sot diff main feature` for all._\n',
    );
  });

  it('stays within the default cap for a diff far larger than a comment', () => {
    const r = fullDiff();
    const config = r.configs[0];
    r.configs = Array.from({ length: 500 }, (_, i): ConfigChange => ({ ...config, path: `configs/leaf${i}.cfg`, diff: config.diff.repeat(20) }));
    r.objects = Array.from({ length: 3000 }, (_, i): ObjectChange => ({ ...fullDiff().objects[1], key: `dc1 / leaf${i}` }));
    const out = formatMarkdown(r);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    expect(Buffer.byteLength(out)).toBeGreaterThan(DEFAULT_MAX_BYTES - 2000);
    expect(out).toMatch(/\n- updated \*\*dc1 \/ leaf1159\*\* \(devices\/leaf1\.yaml:2\)\n\n<\/details>\n\n_1160 objects’ field changes, 1 fixed diagnostic, 500 changed configs, 1 derived change and 1840 object changes not shown; run `sot diff main` for all\._\n$/);
  });

  it('never exceeds maxBytes and always keeps the summary table, whatever the diff', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '|', '<', '`', '*', '\n', 'é', '→', ' ', '\u{1F600}'), maxLength: 40 });
    const place = fc.record({ file: text, line: fc.nat(), column: fc.nat() });
    const kind = fc.constantFrom('dcim.device', 'dcim.interface', 'ipam.vlan', 'ipam.prefix', 'tenancy.tenant');
    const change = fc.record({ field: text, before: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), after: fc.option(text, { nil: undefined }) });
    const object = fc.record(
      {
        action: fc.constantFrom('create', 'update', 'delete', 'rename' as const),
        kind,
        key: text,
        from_key: text,
        head: place,
        changes: fc.array(change, { maxLength: 20 }),
      },
      { requiredKeys: ['action', 'kind', 'key'] },
    );
    const diag = fc.record({ rule: text, severity: fc.constantFrom('error', 'warning' as const), message: text, at: place });
    const config = fc.record({
      action: fc.constantFrom('create', 'update', 'delete' as const),
      kind: fc.constant('dcim.device' as const),
      key: text,
      path: text,
      added: fc.nat(),
      removed: fc.nat(),
      diff: fc.array(text, { maxLength: 60 }).map((l) => l.join('\n')),
    });
    const counts = fc.record({ created: fc.nat(), updated: fc.nat(), deleted: fc.nat(), renamed: fc.nat() });
    const result = fc.record({
      kinds: fc.dictionary(kind, counts),
      objects: fc.array(object, { maxLength: 200 }),
      configs: fc.array(config, { maxLength: 30 }),
      introduced: fc.array(diag, { maxLength: 30 }),
      fixed: fc.array(diag, { maxLength: 30 }),
      members: fc.array(text, { maxLength: 30 }),
      base: text,
      head: text,
    });
    fc.assert(
      fc.property(result, fc.integer({ min: 2000, max: 30000 }), (g, maxBytes) => {
        const r = fullDiff();
        r.base.rev = g.base;
        r.head = { rev: g.head, commit: null };
        r.summary.kinds = g.kinds;
        r.objects = g.objects as ObjectChange[];
        r.configs = g.configs;
        r.diagnostics.introduced = g.introduced;
        r.diagnostics.fixed = g.fixed;
        r.derived[0].objects = g.members;
        const out = formatMarkdown(r, { maxBytes });
        expect(Buffer.byteLength(out)).toBeLessThanOrEqual(maxBytes);
        const table = out.slice(out.indexOf('\n\n') + 2).split('\n\n')[0];
        expect(table.split('\n')).toHaveLength(3 + Object.keys(g.kinds).length);
        expect(table).toMatch(/^\| kind \| created \| updated \| deleted \| renamed \|\n\| --- \| ---: \| ---: \| ---: \| ---: \|\n/);
        expect(table.endsWith('| **total** | **1** | **1** | **1** | **1** |')).toBe(true);
        expect(formatMarkdown(r, { maxBytes })).toBe(out);
      }),
      { numRuns: 150 },
    );
  });
});

describe('formatJson', () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'schema', 'diff.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);

  it('writes the keys in declared order, 2-space indented, with a trailing newline', () => {
    const r = fullDiff();
    // Built in another order: the bytes must not follow it.
    r.objects[1] = { changes: [{ after: { b: 1, a: 2 }, field: 'custom_fields' }], head: r.objects[1].head, key: 'dc1 / leaf1', kind: 'dcim.device', action: 'update' };
    const out = formatJson(r);
    expect(out.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed)).toEqual(['format', 'base', 'head', 'summary', 'objects', 'derived', 'configs', 'diagnostics']);
    expect(Object.keys(parsed.summary.kinds)).toEqual(['dcim.device', 'ipam.vlan']);
    expect(out).toContain(
      '    {\n      "action": "update",\n      "kind": "dcim.device",\n      "key": "dc1 / leaf1",\n      "head": {\n        "file": "devices/leaf1.yaml",\n        "line": 2,\n        "column": 3\n      },\n      "changes": [\n        {\n          "field": "custom_fields",\n          "after": {\n            "a": 2,\n            "b": 1\n          }\n        }\n      ]\n    },\n',
    );
    expect(out).toContain('"cause": {\n        "kind": "dcim.devicetype",\n        "key": "Arista / 7050"\n      },\n      "action": "update",\n      "kind": "dcim.interface",\n      "changes"');
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it('the empty diff has empty lists and zero counts', () => {
    expect(JSON.parse(formatJson(emptyDiff()))).toEqual(emptyDiff());
    expect(formatJson(emptyDiff())).toContain('\n  "objects": [],\n  "derived": [],\n  "configs": [],\n');
  });

  it('is valid against schema/diff.schema.json, and the schema holds every field exactly', () => {
    for (const r of [fullDiff(), emptyDiff()]) expect(validate(JSON.parse(formatJson(r))), JSON.stringify(validate.errors)).toBe(true);
    const extra = JSON.parse(formatJson(fullDiff()));
    extra.objects[0].note = 'x';
    expect(validate(extra)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/objects/0', keyword: 'additionalProperties', params: { additionalProperty: 'note' } });
    const missing = JSON.parse(formatJson(fullDiff()));
    delete missing.derived[0].count;
    expect(validate(missing)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/derived/0', keyword: 'required', params: { missingProperty: 'count' } });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { github, overflowNotice } from '../src/reporters/github.js';
import { gitlab } from '../src/reporters/gitlab.js';
import { reporterFor, reporters } from '../src/reporters/index.js';
import { junit } from '../src/reporters/junit.js';
import { json } from '../src/reporters/json.js';
import { pretty } from '../src/reporters/pretty.js';
import { fingerprint, messageText, sarif } from '../src/reporters/sarif.js';
import { docsBase, whySection } from '../src/reporters/rule-docs.js';
import { allRules } from '../src/diagnostics/catalog.js';
import { sarifValidator } from './helpers/sarif-schema.js';
import type { Report, ReporterContext } from '../src/reporters/types.js';

const ROOT = join(import.meta.dirname, '..');

const AMS1 = [
  'devices:',
  '  - name: ams1-leaf1',
  '    interfaces:',
  '      - name: Ethernet1',
  '        ip_addresses: [10.0.10.1/24]',
  '  - name: ams1-leaf2',
  '    interfaces:',
  '      - name: Ethernet3',
  '        ip_addresses: [10.0.10.1/24]',
  '',
].join('\n');

// Twelve lines so that a range starting on line 9 crosses into two-digit line numbers.
const LONG = [
  'a: 1',
  'b: 2',
  'c: 3',
  'd: 4',
  'e: 5',
  'f: 6',
  'g: 7',
  'notes: |',
  '  first',
  '  second',
  '  third',
  '  fourth',
  'tail: x',
  '',
].join('\n');

const TABS = 'root:\n\tkey:\tvalue\n';

const sources: Record<string, string> = {
  'sites/ams1.yaml': AMS1,
  'long.yaml': LONG,
  'tabs.yaml': TABS,
};

function ctx(color = false): ReporterContext {
  return {
    displayPath: (file) => `inventory/${file}`,
    source: (file) => sources[file],
    color,
    // Run from the inventory's parent folder, which is a subfolder `net/` of the repository.
    repository: { rootUri: () => 'file:///work/repo/', path: (file) => `net/inventory/${file}` },
  };
}

function report(diagnostics: Diagnostic[], over: Partial<Report> = {}): Report {
  return { diagnostics, filesRead: 12, elapsedMs: 412.6, version: '0.1.0', ...over };
}

const duplicateIp: Diagnostic = {
  rule: 'ipam/duplicate-ip',
  severity: 'error',
  message: '10.0.10.1/24 is already assigned to ams1-leaf2:Ethernet3',
  location: {
    file: 'sites/ams1.yaml',
    path: ['devices', 0, 'interfaces', 0, 'ip_addresses', 0],
    range: { start: { line: 4, column: 23 }, end: { line: 4, column: 35 } },
  },
  modelPath: 'devices[name=ams1-leaf1].interfaces[name=Ethernet1]',
  related: [
    {
      location: {
        file: 'sites/ams1.yaml',
        range: { start: { line: 8, column: 23 }, end: { line: 8, column: 35 } },
      },
      message: 'first assignment (ams1-leaf2:Ethernet3)',
    },
  ],
  help: 'an address may appear once per VRF where uniqueness is enforced',
  data: { address: '10.0.10.1/24', other: 'ams1-leaf2:Ethernet3' },
};

const multiLine: Diagnostic = {
  rule: 'schema/invalid-type',
  severity: 'error',
  message: 'notes must be a list',
  location: {
    file: 'long.yaml',
    range: { start: { line: 7, column: 7 }, end: { line: 12, column: 0 } },
  },
};

const warningNoSource: Diagnostic = {
  rule: 'dcim/unused-site',
  severity: 'warning',
  message: 'site fra1 has no devices',
  location: {
    file: 'sites/fra1.yaml',
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 4 } },
  },
  modelPath: 'sites[name=fra1]',
};

const noRange: Diagnostic = {
  rule: 'parse/empty-file',
  severity: 'warning',
  message: 'file is empty',
  location: { file: 'sites/empty.yaml' },
};

describe('pretty', () => {
  it('prints a code frame with carets under the range', () => {
    expect(pretty(report([duplicateIp]), ctx())).toBe(
      [
        'inventory/sites/ams1.yaml:5:24  error  ipam/duplicate-ip  10.0.10.1/24 is already assigned to ams1-leaf2:Ethernet3',
        '   4 |       - name: Ethernet1',
        ' > 5 |         ip_addresses: [10.0.10.1/24]',
        '     |                        ^^^^^^^^^^^^',
        '  at: devices[name=ams1-leaf1].interfaces[name=Ethernet1]',
        '  related: inventory/sites/ams1.yaml:9:24  first assignment (ams1-leaf2:Ethernet3)',
        '  help: an address may appear once per VRF where uniqueness is enforced',
        '  docs: docs/rules/ipam/duplicate-ip.md',
        '',
        '✖ 1 error, 0 warnings in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('shows at most three lines of a multi-line range, gutter as wide as the largest number shown', () => {
    expect(pretty(report([multiLine], { filesRead: 1 }), ctx())).toBe(
      [
        'inventory/long.yaml:8:8  error  schema/invalid-type  notes must be a list',
        '    7 | g: 7',
        ' >  8 | notes: |',
        '      |        ^',
        ' >  9 |   first',
        ' > 10 |   second',
        '      | ...',
        '  docs: docs/rules/schema/invalid-type.md',
        '',
        '✖ 1 error, 0 warnings in 1 file (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('underlines to the end of the first line of a multi-line range and stops at an end on column 0', () => {
    const d: Diagnostic = {
      rule: 'schema/invalid-type',
      severity: 'error',
      message: 'bad',
      location: { file: 'long.yaml', range: { start: { line: 8, column: 2 }, end: { line: 10, column: 0 } } },
    };
    expect(pretty(report([d]), ctx())).toBe(
      [
        'inventory/long.yaml:9:3  error  schema/invalid-type  bad',
        '    8 | notes: |',
        ' >  9 |   first',
        '      |   ^^^^^',
        ' > 10 |   second',
        '  docs: docs/rules/schema/invalid-type.md',
        '',
        '✖ 1 error, 0 warnings in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('keeps tabs in the caret line and clamps the range to the line', () => {
    const d: Diagnostic = {
      rule: 'schema/invalid-value',
      severity: 'error',
      message: 'bad value',
      location: { file: 'tabs.yaml', range: { start: { line: 1, column: 6 }, end: { line: 1, column: 40 } } },
    };
    expect(pretty(report([d]), ctx())).toBe(
      [
        'inventory/tabs.yaml:2:7  error  schema/invalid-value  bad value',
        '   1 | root:',
        ' > 2 | \tkey:\tvalue',
        '     | \t    \t^^^^^',
        '  docs: docs/rules/schema/invalid-value.md',
        '',
        '✖ 1 error, 0 warnings in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('prints at least one caret for an empty range and for a range past the end of the line', () => {
    const empty: Diagnostic = {
      rule: 'parse/syntax',
      severity: 'error',
      message: 'x',
      location: { file: 'tabs.yaml', range: { start: { line: 0, column: 2 }, end: { line: 0, column: 2 } } },
    };
    const past: Diagnostic = {
      rule: 'parse/syntax',
      severity: 'error',
      message: 'y',
      location: { file: 'tabs.yaml', range: { start: { line: 0, column: 9 }, end: { line: 0, column: 12 } } },
    };
    expect(pretty(report([empty, past]), ctx())).toBe(
      [
        'inventory/tabs.yaml:1:3  error  parse/syntax  x',
        ' > 1 | root:',
        '     |   ^',
        '  docs: docs/rules/parse/syntax.md',
        '',
        'inventory/tabs.yaml:1:10  error  parse/syntax  y',
        ' > 1 | root:',
        '     |      ^',
        '  docs: docs/rules/parse/syntax.md',
        '',
        '✖ 2 errors, 0 warnings in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('prints a warning without a code frame when the source is unknown', () => {
    expect(pretty(report([warningNoSource]), ctx())).toBe(
      [
        'inventory/sites/fra1.yaml:1:1  warning  dcim/unused-site  site fra1 has no devices',
        '  at: sites[name=fra1]',
        '  docs: docs/rules/dcim/unused-site.md',
        '',
        '⚠ 0 errors, 1 warning in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('prints just the path for a diagnostic without a range', () => {
    expect(pretty(report([noRange, noRange]), ctx())).toBe(
      [
        'inventory/sites/empty.yaml  warning  parse/empty-file  file is empty',
        '  docs: docs/rules/parse/empty-file.md',
        '',
        'inventory/sites/empty.yaml  warning  parse/empty-file  file is empty',
        '  docs: docs/rules/parse/empty-file.md',
        '',
        '⚠ 0 errors, 2 warnings in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('prints only the clean summary when there are no diagnostics', () => {
    expect(pretty(report([], { filesRead: 1, elapsedMs: 5 }), ctx())).toBe('✔ no problems in 1 file (0.01 s)\n');
    expect(pretty(report([], { filesRead: 0, elapsedMs: 0 }), ctx())).toBe('✔ no problems in 0 files (0.00 s)\n');
  });

  it('colours only when asked', () => {
    const colored = pretty(report([duplicateIp, warningNoSource]), ctx(true));
    expect(colored).toContain('\x1b[');
    expect(colored).toBe(
      [
        'inventory/sites/ams1.yaml:5:24  \x1b[31merror\x1b[0m  ipam/duplicate-ip  \x1b[1m10.0.10.1/24 is already assigned to ams1-leaf2:Ethernet3\x1b[0m',
        '\x1b[2m   4 |\x1b[0m       - name: Ethernet1',
        '\x1b[2m > 5 |\x1b[0m         ip_addresses: [10.0.10.1/24]',
        '\x1b[2m     |\x1b[0m                        \x1b[31m^^^^^^^^^^^^\x1b[0m',
        '  at: devices[name=ams1-leaf1].interfaces[name=Ethernet1]',
        '  related: inventory/sites/ams1.yaml:9:24  first assignment (ams1-leaf2:Ethernet3)',
        '  help: an address may appear once per VRF where uniqueness is enforced',
        '  docs: docs/rules/ipam/duplicate-ip.md',
        '',
        'inventory/sites/fra1.yaml:1:1  \x1b[33mwarning\x1b[0m  dcim/unused-site  \x1b[1msite fra1 has no devices\x1b[0m',
        '  at: sites[name=fra1]',
        '  docs: docs/rules/dcim/unused-site.md',
        '',
        '\x1b[31m✖\x1b[0m 1 error, 1 warning in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
    expect(pretty(report([]), ctx(true))).toBe('\x1b[32m✔\x1b[0m no problems in 12 files (0.41 s)\n');
    expect(pretty(report([warningNoSource]), ctx(true))).toContain('\x1b[33m⚠\x1b[0m 0 errors, 1 warning');

    const plain = pretty(report([duplicateIp, warningNoSource, multiLine]), ctx(false));
    expect(plain).not.toContain('\x1b');
  });

  it('does not pass terminal escapes from user data through', () => {
    const d: Diagnostic = { ...noRange, message: 'name \x1b[2Jevil\x07' };
    expect(pretty(report([d]), ctx(false))).toBe(
      [
        'inventory/sites/empty.yaml  warning  parse/empty-file  name \uFFFD[2Jevil\uFFFD',
        '  docs: docs/rules/parse/empty-file.md',
        '',
        '⚠ 0 errors, 1 warning in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });
});

describe('github', () => {
  it('emits one workflow command per diagnostic, errors first, paths from the repository root, then the summary', () => {
    expect(github(report([noRange, duplicateIp]), ctx())).toBe(
      [
        '::error file=net/inventory/sites/ams1.yaml,line=5,col=24,endLine=5,endColumn=36,title=ipam/duplicate-ip::' +
          '10.0.10.1/24 is already assigned to ams1-leaf2:Ethernet3' +
          '%0Aat: devices[name=ams1-leaf1].interfaces[name=Ethernet1]' +
          '%0Arelated: net/inventory/sites/ams1.yaml:9:24 first assignment (ams1-leaf2:Ethernet3)' +
          '%0Ahelp: an address may appear once per VRF where uniqueness is enforced',
        '::warning file=net/inventory/sites/empty.yaml,title=parse/empty-file::file is empty',
        '✖ 1 error, 1 warning in 12 files (0.41 s)',
        '',
      ].join('\n'),
    );
  });

  it('falls back to the displayed path when there is no repository', () => {
    const { repository: _, ...plain } = ctx();
    expect(github(report([noRange]), plain)).toBe(
      '::warning file=inventory/sites/empty.yaml,title=parse/empty-file::file is empty\n' +
        '⚠ 0 errors, 1 warning in 12 files (0.41 s)\n',
    );
  });

  it('escapes %, CR, LF in data and additionally : and , in properties', () => {
    const d: Diagnostic = {
      rule: 'odd:rule,id%',
      severity: 'warning',
      message: '100% sure, a:b\r\nnext line',
      location: { file: 'odd,dir:x/50%.yaml' },
      related: [{ location: { file: 'a,b:c.yaml' }, message: 'other 5%\nline' }],
      help: 'one\ntwo',
    };
    expect(github(report([d]), { ...ctx(), color: true })).toBe(
      '::warning file=net/inventory/odd%2Cdir%3Ax/50%25.yaml,title=odd%3Arule%2Cid%25::' +
        '100%25 sure, a:b%0D%0Anext line%0Arelated: net/inventory/a,b:c.yaml other 5%25%0Aline%0Ahelp: one%0Atwo\n' +
        '⚠ 0 errors, 1 warning in 12 files (0.41 s)\n',
    );
  });

  it('prints only the summary when clean', () => {
    expect(github(report([]), ctx(true))).toBe('✔ no problems in 12 files (0.41 s)\n');
  });

  it('ends with a notice of how many problems GitHub did not annotate when there are more than 10 errors or warnings', () => {
    const problem = (severity: 'error' | 'warning', i: number): Diagnostic => ({
      rule: 'dcim/unused-site',
      severity,
      message: `${severity} ${i}`,
      location: { file: 'a.yaml', range: { start: { line: i, column: 0 }, end: { line: i, column: 1 } } },
    });
    const errors = Array.from({ length: 13 }, (_, i) => problem('error', i));
    const warnings = Array.from({ length: 11 }, (_, i) => problem('warning', 20 + i));
    const lines = github(report([...warnings, ...errors]), ctx()).split('\n');
    expect(lines).toHaveLength(24 + 3);
    expect(lines.slice(0, 13).every((l) => l.startsWith('::error '))).toBe(true);
    expect(lines.slice(13, 24).every((l) => l.startsWith('::warning '))).toBe(true);
    expect(lines[0]).toBe('::error file=net/inventory/a.yaml,line=1,col=1,endLine=1,endColumn=2,title=dcim/unused-site::error 0');
    expect(lines.slice(24)).toEqual([
      '✖ 13 errors, 11 warnings in 12 files (0.41 s)',
      '::notice title=sot%3A problems not annotated::4 more problems not annotated (GitHub shows 10 errors and 10 warnings per step): ' +
        'all 24 are in the job summary, or run sot check on the inventory.',
      '',
    ]);
    expect(overflowNotice(10, 10)).toBeUndefined();
    expect(overflowNotice(11, 0)).toBe(
      '::notice title=sot%3A problems not annotated::1 more problem not annotated (GitHub shows 10 errors and 10 warnings per step): ' +
        'all 11 are in the job summary, or run sot check on the inventory.',
    );
    expect(overflowNotice(300, 4)).toContain('::290 more problems not annotated');
  });
});

describe('json', () => {
  it('has a fixed shape with 1-based positions', () => {
    expect(json(report([duplicateIp, noRange]), ctx())).toBe(
      `{
  "version": "0.1.0",
  "summary": {
    "errors": 1,
    "warnings": 1,
    "files": 12,
    "elapsedMs": 413
  },
  "diagnostics": [
    {
      "rule": "ipam/duplicate-ip",
      "severity": "error",
      "message": "10.0.10.1/24 is already assigned to ams1-leaf2:Ethernet3",
      "file": "inventory/sites/ams1.yaml",
      "line": 5,
      "column": 24,
      "endLine": 5,
      "endColumn": 36,
      "modelPath": "devices[name=ams1-leaf1].interfaces[name=Ethernet1]",
      "related": [
        {
          "file": "inventory/sites/ams1.yaml",
          "line": 9,
          "column": 24,
          "endLine": 9,
          "endColumn": 36,
          "message": "first assignment (ams1-leaf2:Ethernet3)"
        }
      ],
      "help": "an address may appear once per VRF where uniqueness is enforced",
      "docs": "docs/rules/ipam/duplicate-ip.md",
      "data": {
        "address": "10.0.10.1/24",
        "other": "ams1-leaf2:Ethernet3"
      }
    },
    {
      "rule": "parse/empty-file",
      "severity": "warning",
      "message": "file is empty",
      "file": "inventory/sites/empty.yaml",
      "related": [],
      "docs": "docs/rules/parse/empty-file.md"
    }
  ]
}
`,
    );
  });

  it('prints an empty list when clean', () => {
    expect(json(report([], { elapsedMs: 0.4 }), ctx())).toBe(
      `{
  "version": "0.1.0",
  "summary": {
    "errors": 0,
    "warnings": 0,
    "files": 12,
    "elapsedMs": 0
  },
  "diagnostics": []
}
`,
    );
  });
});

describe('sarif', () => {
  const BASE = docsBase();
  const validate = sarifValidator();

  it('writes rules with help, results with related locations, help and fingerprints, paths from the repository root', () => {
    const text = sarif(report([noRange, duplicateIp]), ctx());
    const doc = JSON.parse(text);
    expect(validate(doc)).toEqual([]);
    expect(doc).toEqual({
      $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'sot',
              version: '0.1.0',
              semanticVersion: '0.1.0',
              informationUri: `${BASE}README.md`,
              rules: [
                {
                  id: 'ipam/duplicate-ip',
                  name: 'IpamDuplicateIp',
                  shortDescription: { text: 'Rule ipam/duplicate-ip.' },
                  fullDescription: { text: 'Rule ipam/duplicate-ip.' },
                  defaultConfiguration: { level: 'error' },
                  helpUri: `${BASE}docs/rules/ipam/duplicate-ip.md`,
                  help: {
                    text: `Rule ipam/duplicate-ip.\n\nSee ${BASE}docs/rules/ipam/duplicate-ip.md`,
                    markdown: `Rule ipam/duplicate-ip.\n\nSee ${BASE}docs/rules/ipam/duplicate-ip.md`,
                  },
                  properties: { tags: ['sot', 'ipam'] },
                },
                {
                  id: 'parse/empty-file',
                  name: 'ParseEmptyFile',
                  shortDescription: { text: 'Rule parse/empty-file.' },
                  fullDescription: { text: 'Rule parse/empty-file.' },
                  defaultConfiguration: { level: 'error' },
                  helpUri: `${BASE}docs/rules/parse/empty-file.md`,
                  help: {
                    text: `Rule parse/empty-file.\n\nSee ${BASE}docs/rules/parse/empty-file.md`,
                    markdown: `Rule parse/empty-file.\n\nSee ${BASE}docs/rules/parse/empty-file.md`,
                  },
                  properties: { tags: ['sot', 'parse'] },
                },
              ],
            },
          },
          automationDetails: { id: 'sot/check/' },
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///work/repo/' } },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'parse/empty-file',
              ruleIndex: 1,
              level: 'warning',
              message: { text: 'file is empty' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'net/inventory/sites/empty.yaml', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 1 },
                  },
                },
              ],
              partialFingerprints: { 'sotProblem/v1': fingerprint(noRange, ctx()) },
            },
            {
              ruleId: 'ipam/duplicate-ip',
              ruleIndex: 0,
              level: 'error',
              message: {
                text:
                  '10.0.10.1/24 is already assigned to ams1-leaf2:Ethernet3\n' +
                  'related: [first assignment (ams1-leaf2:Ethernet3)](1)\n' +
                  'help: an address may appear once per VRF where uniqueness is enforced',
              },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'net/inventory/sites/ams1.yaml', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 5, startColumn: 24, endLine: 5, endColumn: 36 },
                  },
                  logicalLocations: [{ fullyQualifiedName: 'devices[name=ams1-leaf1].interfaces[name=Ethernet1]' }],
                },
              ],
              relatedLocations: [
                {
                  id: 1,
                  physicalLocation: {
                    artifactLocation: { uri: 'net/inventory/sites/ams1.yaml', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 9, startColumn: 24, endLine: 9, endColumn: 36 },
                  },
                  message: { text: 'first assignment (ams1-leaf2:Ethernet3)' },
                },
              ],
              partialFingerprints: { 'sotProblem/v1': fingerprint(duplicateIp, ctx()) },
              properties: {
                help: 'an address may appear once per VRF where uniqueness is enforced',
                data: { address: '10.0.10.1/24', other: 'ams1-leaf2:Ethernet3' },
              },
            },
          ],
        },
      ],
    });
    // Two-space JSON with a final newline, keys in the order above.
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    const run = doc.runs[0];
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('describes a rule from its docs page: friendly name, why, help markdown with absolute links, default level, tags', () => {
    const d: Diagnostic = { rule: 'resolve/duplicate-key', severity: 'error', message: 'duplicate site name "AMS1"', location: { file: 'a.yaml' } };
    const lint: Diagnostic = { rule: 'lint/prefix-overlap', severity: 'warning', message: 'overlap', location: { file: 'a.yaml' } };
    const deprecated: Diagnostic = { rule: 'schema/deprecated', severity: 'warning', message: 'old', location: { file: 'a.yaml' } };
    const doc = JSON.parse(sarif(report([d, lint, deprecated]), ctx()));
    expect(validate(doc)).toEqual([]);
    const [lintRule, duplicateKey, deprecatedRule] = doc.runs[0].tool.driver.rules;
    const page = readFileSync(join(ROOT, 'docs/rules/resolve/duplicate-key.md'), 'utf8');
    const pageUrl = `${BASE}docs/rules/resolve/duplicate-key.md`;
    expect(duplicateKey.id).toBe('resolve/duplicate-key');
    expect(duplicateKey.name).toBe('ResolveDuplicateKey');
    expect(duplicateKey.shortDescription.text).toBe(allRules()['resolve/duplicate-key']);
    const why = whySection(page) as string;
    expect(why.length).toBeGreaterThan(40);
    expect(why).not.toContain('\n');
    expect(duplicateKey.fullDescription.text).toBe(`${allRules()['resolve/duplicate-key']} ${why}`);
    expect(duplicateKey.help.text).toBe(`${allRules()['resolve/duplicate-key']}\n\n${why}\n\nSee ${pageUrl}`);
    // The page itself, every relative link made absolute against the page's own URL.
    expect(duplicateKey.help.markdown.startsWith('# resolve/duplicate-key\n')).toBe(true);
    expect(duplicateKey.help.markdown).not.toMatch(/\]\((?![a-z]+:|#)/);
    expect(duplicateKey.help.markdown.replace(/\]\([^)]*\)/g, '](x)')).toBe(page.replace(/\]\([^)]*\)/g, '](x)'));
    expect(duplicateKey.helpUri).toBe(pageUrl);
    expect(duplicateKey.defaultConfiguration).toEqual({ level: 'error' });
    expect(duplicateKey.properties).toEqual({ tags: ['sot', 'resolve'] });
    // A lint rule is off unless sot.yaml turns it on; schema/deprecated is a warning by default.
    expect(lintRule.id).toBe('lint/prefix-overlap');
    expect(lintRule.defaultConfiguration).toEqual({ enabled: false, level: 'warning' });
    expect(deprecatedRule.defaultConfiguration).toEqual({ level: 'warning' });
  });

  it('takes the first paragraph under "## Why", without a sentence that introduces a list', () => {
    expect(whySection('# a/b\n\nShort.\n\n## Why\n\nFirst line\nsecond line.\n\nMore.\n\n## Example\n')).toBe('First line second line.');
    expect(whySection('# a/b\n\n## Why\n\nOne. Two follow:\n\n- x\n')).toBe('One.');
    expect(whySection('# a/b\n\n## Why\n\nOnly a list:\n\n- x\n')).toBeUndefined();
    expect(whySection('# a/b\n\n## Example\n\nx\n')).toBeUndefined();
    expect(whySection(undefined)).toBeUndefined();
  });

  it('keeps every related location, linked from the message by id, and escapes brackets only where they could read as a link', () => {
    const d: Diagnostic = {
      ...duplicateIp,
      message: 'see [this](there) and devices[name=a]',
      related: [
        { location: { file: 'b.yaml', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 3 } } }, message: 'first [x]' },
        { location: { file: 'c.yaml' }, message: 'second' },
      ],
      help: undefined,
    };
    const doc = JSON.parse(sarif(report([d]), ctx()));
    expect(validate(doc)).toEqual([]);
    const result = doc.runs[0].results[0];
    expect(result.message.text).toBe('see \\[this\\](there) and devices\\[name=a\\]\nrelated: [first \\[x\\]](1), [second](2)');
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'net/inventory/b.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 4 } },
        message: { text: 'first [x]' },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: 'net/inventory/c.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } },
        message: { text: 'second' },
      },
    ]);
    expect(messageText(duplicateIp)).toBe(
      '10.0.10.1/24 is already assigned to ams1-leaf2:Ethernet3\nrelated: [first assignment (ams1-leaf2:Ethernet3)](1)\nhelp: an address may appear once per VRF where uniqueness is enforced',
    );
  });

  it('gives each problem a fingerprint that survives line moves but not a change of file, place, rule or message', () => {
    const moved: Diagnostic = {
      ...duplicateIp,
      location: { ...duplicateIp.location, range: { start: { line: 40, column: 23 }, end: { line: 40, column: 35 } } },
    };
    const base = fingerprint(duplicateIp, ctx());
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(moved, ctx())).toBe(base);
    expect(fingerprint({ ...duplicateIp, message: 'other' }, ctx())).not.toBe(base);
    expect(fingerprint({ ...duplicateIp, rule: 'ipam/other' }, ctx())).not.toBe(base);
    expect(fingerprint({ ...duplicateIp, location: { ...duplicateIp.location, file: 'sites/ams2.yaml' } }, ctx())).not.toBe(base);
    expect(fingerprint({ ...duplicateIp, location: { ...duplicateIp.location, path: ['devices', 1] } }, ctx())).not.toBe(base);
  });

  it('percent-encodes path segments that are not valid in a URI', () => {
    const d: Diagnostic = { ...noRange, location: { file: 'my sites/a#1.yaml' } };
    const doc = JSON.parse(sarif(report([d]), ctx()));
    expect(validate(doc)).toEqual([]);
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('net/inventory/my%20sites/a%231.yaml');
  });

  it('is valid with no problems at all, and the validator rejects what the schema forbids', () => {
    const doc = JSON.parse(sarif(report([]), ctx()));
    expect(validate(doc)).toEqual([]);
    expect(doc.runs[0].results).toEqual([]);
    expect(doc.runs[0].tool.driver.rules).toEqual([]);
    expect(validate({ ...doc, version: '2.0.0' })).not.toEqual([]);
    const bad = JSON.parse(sarif(report([noRange]), ctx()));
    bad.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(bad)).toEqual(['/runs/0/results/0/locations/0/physicalLocation/region/startLine must be >= 1']);
    bad.runs[0].results[0].locations[0].physicalLocation.region.startLine = 1;
    bad.runs[0].tool.driver.rules.push({ id: 'x', helpUri: 'not a uri' });
    expect(validate(bad)).toEqual(['/runs/0/tool/driver/rules/1/helpUri must match format "uri"']);
  });
});

describe('index', () => {
  it('maps every format name to its reporter', () => {
    expect(reporters).toEqual({ pretty, json, github, sarif, junit, gitlab });
    expect(reporterFor('junit')).toBe(junit);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', '']) expect(reporterFor(name), name).toBeUndefined();
  });
});

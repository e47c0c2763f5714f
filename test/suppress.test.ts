import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { findSuppressions, scanLines } from '../src/diagnostics/suppress.js';
import { runCli } from './helpers/cli.js';

function run(sites: string, settings = 'format: 1\n') {
  return compile([
    { file: 'sot.yaml', text: settings },
    { file: 'sites.yaml', text: `regions:\n  - { name: Europe, slug: europe }\nsites:\n${sites}` },
  ]);
}

/** `line:col severity rule message` (1-based) and data: everything a user sees. */
function shown(d: Diagnostic): string {
  const s = d.location.range!.start;
  return `${d.location.file}:${s.line + 1}:${s.column + 1} ${d.severity} ${d.rule} ${d.message}${d.data ? ` ${JSON.stringify(d.data)}` : ''}`;
}

const DANGLING = 'sites.yaml:6:13 error resolve/dangling-reference no region "nowhere" {"kind":"dcim.region","value":"nowhere","candidates":[]}';

describe('sot-ignore comments', () => {
  it('without one, the dangling region is reported (the baseline the other cases silence)', () => {
    const r = run('  - name: AMS1\n    slug: ams1\n    region: nowhere\n');
    expect(r.diagnostics.map(shown)).toEqual([DANGLING]);
    expect(r.suppressed).toEqual([]);
  });

  it('silences the rule it names on its own line, and keeps the problem with its reason', () => {
    const r = run('  - name: AMS1\n    slug: ams1\n    region: nowhere  # sot-ignore resolve/dangling-reference: defined in the core inventory\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.suppressed.map(shown)).toEqual([DANGLING]);
    expect(r.suppressed[0].suppression).toEqual({ reason: 'defined in the core inventory' });
  });

  it('on a line of its own, silences the next line with content, past blank lines and other comments', () => {
    const r = run('  - name: AMS1\n    slug: ams1\n    # sot-ignore resolve/dangling-reference: defined in the core inventory\n\n    # another comment\n    region: nowhere\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.suppressed.map((d) => d.location.range!.start.line + 1)).toEqual([9]);
  });

  it('silences only the rule it names', () => {
    const r = run('  - name: AMS1\n    slug: ams1\n    region: nowhere  # sot-ignore schema/invalid-value: wrong rule\n');
    expect(r.diagnostics.map(shown)).toEqual([
      DANGLING,
      'sites.yaml:6:35 warning suppress/unused sot-ignore schema/invalid-value silences nothing on line 6 {"rule":"schema/invalid-value"}',
    ]);
    expect(r.suppressed).toEqual([]);
  });

  it('without a reason is an error (the problem it names is still silenced: one mistake, one error)', () => {
    for (const comment of ['# sot-ignore resolve/dangling-reference', '# sot-ignore resolve/dangling-reference:   ']) {
      const r = run(`  - name: AMS1\n    slug: ams1\n    region: nowhere  ${comment}\n`);
      expect(r.diagnostics.map(shown)).toEqual(['sites.yaml:6:22 error suppress/missing-reason sot-ignore gives no reason']);
      expect(r.suppressed.length).toBe(1);
    }
  });

  it('naming an unknown rule is an error with a did-you-mean, and silences nothing', () => {
    const r = run('  - name: AMS1\n    slug: ams1\n    region: nowhere  # sot-ignore resolve/dangling-referense: typo\n');
    expect(r.diagnostics.map(shown)).toEqual([
      DANGLING,
      'sites.yaml:6:35 error suppress/invalid-rule "resolve/dangling-referense" is not a rule sot reports; did you mean "resolve/dangling-reference"? {"rule":"resolve/dangling-referense"}',
    ]);
  });

  it('naming no rule is an error', () => {
    const r = run('  - name: AMS1\n    slug: ams1\n    region: nowhere  # sot-ignore: because\n');
    expect(r.diagnostics.map(shown)).toEqual([DANGLING, 'sites.yaml:6:22 error suppress/invalid-rule sot-ignore names no rule id {"rule":""}']);
  });

  it('cannot silence a rule that means the file was not read whole', () => {
    const r = run('  - name: AMS1\n    name: AMS1  # sot-ignore yaml/duplicate-key: on purpose\n    slug: ams1\n');
    expect(r.diagnostics.map(shown)).toEqual([
      'sites.yaml:5:5 error yaml/duplicate-key duplicate key "name" in the same mapping',
      'sites.yaml:5:30 error suppress/invalid-rule "yaml/duplicate-key" cannot be silenced {"rule":"yaml/duplicate-key"}',
    ]);
    expect(r.suppressed).toEqual([]);
  });

  it('that silences nothing is a warning at the rule id, also when no line follows it', () => {
    const r = run('  - name: AMS1\n    slug: ams1  # sot-ignore resolve/dangling-reference, schema/invalid-value: stale\n# sot-ignore resolve/cycle: last line\n');
    expect(r.diagnostics.map(shown)).toEqual([
      'sites.yaml:5:30 warning suppress/unused sot-ignore resolve/dangling-reference silences nothing on line 5 {"rule":"resolve/dangling-reference"}',
      'sites.yaml:5:58 warning suppress/unused sot-ignore schema/invalid-value silences nothing on line 5 {"rule":"schema/invalid-value"}',
      'sites.yaml:6:14 warning suppress/unused sot-ignore resolve/cycle silences no line follows it {"rule":"resolve/cycle"}',
    ]);
  });

  it('sot.yaml can turn suppress/unused off or into an error', () => {
    const text = '  - name: AMS1\n    slug: ams1  # sot-ignore resolve/dangling-reference: stale\n';
    expect(run(text, 'format: 1\nrules:\n  suppress/unused: off\n').diagnostics).toEqual([]);
    expect(run(text, 'format: 1\nrules:\n  suppress/unused: error\n').diagnostics.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error suppress/unused']);
  });

  it('a # inside quotes, a plain scalar or a block scalar is no comment', () => {
    const r = run(
      [
        '  - name: AMS1',
        '    slug: ams1',
        '    description: "a # sot-ignore resolve/dangling-reference: in quotes"',
        "    comments: 'it''s # sot-ignore resolve/dangling-reference: in quotes'",
        '    facility: a#sot-ignore',
        '    region: nowhere',
        '  - name: AMS2',
        '    slug: ams2',
        '    comments: |',
        '      # sot-ignore resolve/dangling-reference: block text',
        '',
        '      more text',
        '    region: nowhere  # sot-ignore resolve/dangling-reference: after the block',
        '',
      ].join('\n'),
    );
    expect(r.diagnostics.map(shown)).toEqual([DANGLING.replace(':6:13', ':9:13')]);
    expect(r.suppressed.map((d) => d.location.range!.start.line + 1)).toEqual([16]);
  });
});

describe('scanLines', () => {
  const kinds = (text: string) => scanLines(text).map((l) => (l.comment === undefined ? l.kind : `${l.kind}@${l.comment}`));

  it('follows quoted scalars over several lines', () => {
    expect(kinds('a: "one # no\n  two # no\n  three" # yes\nb: \'x\n  # no\n  \' # yes\n')).toEqual([
      'content',
      'content',
      'content@9',
      'content',
      'content',
      'content@4',
      'blank',
    ]);
  });

  it('ends a block scalar at the first line indented no deeper than its key, in sequences too', () => {
    expect(kinds('- key: >-\n    # text\n\n  # comment\n- |\n  # text\n# comment\n')).toEqual(['content', 'content', 'blank', 'comment@2', 'content', 'content', 'comment@0', 'blank']);
  });

  it('takes a quote inside a plain scalar as text, and escaped quotes as text', () => {
    expect(kinds(`a: it's # yes\nb: "x\\" # no" # yes\nc: [a, 'b # no'] # yes\n`)).toEqual(['content@8', 'content@14', 'content@17', 'blank']);
  });

  it('reads the comment on a block scalar header', () => {
    expect(findSuppressions('f.yaml', 'a: |  # sot-ignore schema/wrong-type: text\n  x\n')).toEqual([
      {
        file: 'f.yaml',
        target: 0,
        rules: [{ id: 'schema/wrong-type', range: { start: { line: 0, column: 19 }, end: { line: 0, column: 36 } } }],
        reason: 'text',
        range: { start: { line: 0, column: 6 }, end: { line: 0, column: 42 } },
      },
    ]);
  });
});

describe('rules: in sot.yaml', () => {
  const dangling = '  - name: AMS1\n    slug: ams1\n    region: nowhere\n';

  it('sets the severity of a resolve rule, or turns it off', () => {
    expect(run(dangling, 'format: 1\nrules:\n  resolve/dangling-reference: warning\n').diagnostics.map(shown)).toEqual([DANGLING.replace(' error ', ' warning ')]);
    const off = run(dangling, 'format: 1\nrules:\n  resolve/dangling-reference: off\n');
    expect(off.diagnostics).toEqual([]);
    expect(off.suppressed).toEqual([]);
  });

  it('rejects a rule that cannot be set, and an unknown one with a did-you-mean', () => {
    const r = run(dangling, 'format: 1\nrules:\n  yaml/syntax: off\n  resolve/dangling-referense: off\n');
    expect(r.configError).toBe(true);
    expect(r.diagnostics.filter((d) => d.location.file === 'sot.yaml').map(shown)).toEqual([
      'sot.yaml:3:3 error settings/invalid "yaml/syntax" is not a rule sot.yaml can set: it means a file, collection or template could not be read, so it is always an error {"key":"yaml/syntax"}',
      'sot.yaml:4:3 error settings/invalid "resolve/dangling-referense" is not a rule sot.yaml can set; did you mean "resolve/dangling-reference"? {"key":"resolve/dangling-referense"}',
    ]);
  });

  it('does not lower the problems of sot.yaml itself', () => {
    const r = run(dangling, 'format: 1\nnam: x\nrules:\n  schema/unknown-field: off\n');
    expect(r.configError).toBe(true);
    expect(r.diagnostics.filter((d) => d.location.file === 'sot.yaml').map((d) => `${d.severity} ${d.rule}`)).toEqual(['error schema/unknown-field']);
  });
});

describe('sot check with rules and suppressions', () => {
  function inventory(settings: string, sites: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'sot-suppress-'));
    writeFileSync(join(dir, 'sot.yaml'), settings);
    writeFileSync(join(dir, 'sites.yaml'), `regions:\n  - { name: Europe, slug: europe }\nsites:\n${sites}`);
    return dir;
  }

  it('a run with only warnings exits 0, and 1 with --fail-on warning', async () => {
    const dir = inventory('format: 1\nrules:\n  resolve/dangling-reference: warning\n', '  - name: AMS1\n    slug: ams1\n    region: nowhere\n');
    const plain = await runCli(['check', dir, '--format', 'json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).summary).toEqual({ errors: 0, warnings: 1, files: 2, elapsedMs: JSON.parse(plain.stdout).summary.elapsedMs });
    expect((await runCli(['check', dir, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('counts suppressed problems in the summary and keeps them in SARIF with their reason', async () => {
    const dir = inventory('format: 1\n', '  - name: AMS1\n    slug: ams1\n    region: nowhere  # sot-ignore resolve/dangling-reference: defined in the core inventory\n');
    const pretty = await runCli(['check', dir]);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toBe('✔ no problems in 2 files, 1 suppressed (0.00 s)\n');
    const json = JSON.parse((await runCli(['check', dir, '--format', 'json'])).stdout);
    expect([json.summary.errors, json.summary.warnings, json.summary.suppressed, json.diagnostics]).toEqual([0, 0, 1, []]);
    const sarif = JSON.parse((await runCli(['check', dir, '--format', 'sarif'])).stdout);
    const results = sarif.runs[0].results;
    expect(results.map((r: Record<string, unknown>) => [r.ruleId, r.level, r.suppressions])).toEqual([
      ['resolve/dangling-reference', 'error', [{ kind: 'inSource', justification: 'defined in the core inventory' }]],
    ]);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['resolve/dangling-reference']);
  });

  it('a suppression without a reason fails the run', async () => {
    const dir = inventory('format: 1\n', '  - name: AMS1\n    slug: ams1\n    region: nowhere  # sot-ignore resolve/dangling-reference\n');
    const out = await runCli(['check', dir]);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('error  suppress/missing-reason  sot-ignore gives no reason');
    expect(out.stdout.split('\n').at(-2)).toBe('✖ 1 error, 0 warnings in 2 files, 1 suppressed (0.00 s)');
  });
});

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ACTION_PLACEHOLDER, WORKFLOW_PATH, actionUses, isPlaceholder } from '../src/cli/workflow-file.js';
import { describe, expect, it } from 'vitest';
import { jsoncToJson, mergeEditorSettings, yamlSchemasSetting } from '../src/cli/editor-settings.js';
import { runCli, ROOT } from './helpers/cli.js';

const OURS = { './inv/.sot/schemas/inventory.schema.json': ['inv/**/*.yaml'] };
const OWNED = './inv/.sot/schemas/';

function merged(existing: string | undefined): string {
  const r = mergeEditorSettings(existing, OURS, OWNED);
  if ('error' in r) throw new Error(r.error);
  return r.text;
}

describe('merging yaml.schemas into .vscode/settings.json', () => {
  it('writes a new file with the one key', () => {
    expect(merged(undefined)).toBe('{\n  "yaml.schemas": {\n    "./inv/.sot/schemas/inventory.schema.json": [\n      "inv/**/*.yaml"\n    ]\n  }\n}\n');
    expect(merged('{}\n')).toBe('{\n  "yaml.schemas": {\n    "./inv/.sot/schemas/inventory.schema.json": [\n      "inv/**/*.yaml"\n    ]\n  }\n}\n');
  });

  it('adds the key to a file with other settings, keeping every comment and byte of theirs', () => {
    const existing = '// workspace settings\n{\n  "editor.tabSize": 2, // two\n  /* block */ "files.eol": "\\n",\n}\n';
    expect(merged(existing)).toBe(
      '// workspace settings\n{\n  "yaml.schemas": {\n    "./inv/.sot/schemas/inventory.schema.json": [\n      "inv/**/*.yaml"\n    ]\n  },\n  "editor.tabSize": 2, // two\n  /* block */ "files.eol": "\\n",\n}\n',
    );
  });

  it('replaces its own entries and keeps other schema mappings', () => {
    const existing = [
      '{',
      '  "files.eol": "\\n",',
      '  "yaml.schemas": {',
      '    // Kubernetes',
      '    "kubernetes": ["k8s/*.yaml"],',
      '    "./inv/.sot/schemas/old.schema.json": ["inv/old/*.yaml"]',
      '  },',
      '  "yaml.format.enable": true',
      '}',
      '',
    ].join('\n');
    expect(JSON.parse(jsoncToJson(merged(existing)))).toEqual({
      'files.eol': '\n',
      'yaml.schemas': { kubernetes: ['k8s/*.yaml'], './inv/.sot/schemas/inventory.schema.json': ['inv/**/*.yaml'] },
      'yaml.format.enable': true,
    });
    expect(merged(existing)).toMatch(/^\{\n {2}"files\.eol": "\\n",\n {2}"yaml\.schemas": \{\n {4}"kubernetes": \[\n/);
    expect(merged(existing).endsWith('  },\n  "yaml.format.enable": true\n}\n')).toBe(true);
    // Merging again changes nothing.
    expect(merged(merged(existing))).toBe(merged(existing));
  });

  it('refuses a file it cannot read, and a yaml.schemas that is not a mapping', () => {
    expect(mergeEditorSettings('{ "a": 1 "b": 2 }', OURS, OWNED)).toEqual({ error: expect.stringMatching(/^it is not valid JSON \(comments and trailing commas are fine\): /) });
    expect(mergeEditorSettings('[1]', OURS, OWNED)).toEqual({ error: 'it does not hold a JSON object' });
    expect(mergeEditorSettings('{"yaml.schemas": ["x"]}', OURS, OWNED)).toEqual({ error: 'its "yaml.schemas" is not a mapping of schema to files' });
  });

  it('keeps every other setting and is idempotent, however the file is laid out (property)', () => {
    const key = fc.string({ maxLength: 8 }).filter((k) => k !== 'yaml.schemas');
    const value = fc.jsonValue({ maxDepth: 2 });
    const theirs = fc.dictionary(fc.oneof(key, fc.constantFrom('./inv/.sot/schemas/x.json', 'kubernetes')), fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }));
    const layout = fc.record({ indent: fc.constantFrom(0, 2, 4, '\t'), comment: fc.boolean(), trailingComma: fc.boolean() });
    fc.assert(
      fc.property(fc.dictionary(key, value), fc.option(theirs, { nil: undefined }), layout, (settings, schemas, l) => {
        const all = schemas === undefined ? settings : { ...settings, 'yaml.schemas': schemas };
        let text = JSON.stringify(all, null, l.indent);
        if (l.comment) text = `// settings\n${text.replace(/^\{/, '{ /* sot */')}`;
        if (l.trailingComma && Object.keys(all).length) text = text.replace(/\n?\}$/, ',\n}');
        const out = merged(text);
        const expected = { ...settings, 'yaml.schemas': { ...Object.fromEntries(Object.entries(schemas ?? {}).filter(([k]) => !k.startsWith(OWNED))), ...OURS } };
        expect(JSON.parse(jsoncToJson(out))).toEqual(JSON.parse(JSON.stringify(expected))); // -0 is written 0
        expect(merged(out)).toBe(out);
        if (l.comment) expect([out.startsWith('// settings\n{'), out.includes('/* sot */')]).toEqual([true, true]);
      }),
      { numRuns: 500 },
    );
  });

  it('reads comments and trailing commas as VS Code does, strings left alone', () => {
    expect(JSON.parse(jsoncToJson('{"a": "// not a comment", /* c */ "b": [1, 2,], // end\n}'))).toEqual({ a: '// not a comment', b: [1, 2] });
  });
});

describe('sot init and sot init --editor', { timeout: 60_000 }, () => {
  function repository(): string {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), 'sot-wiring-')));
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    return repo;
  }

  it('sot init in a repository writes the settings at its root, with paths from there', async () => {
    const repo = repository();
    mkdirSync(join(repo, 'infra'));
    const r = await runCli(['init', 'infra/net'], repo);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('\n  .sot/schemas/settings.schema.json\nEditor settings: .vscode/settings.json\n');
    expect(r.stdout.endsWith('Next: sot check infra/net\n')).toBe(true);
    // Where sot cannot tell the Action's repository, it says so (see workflow-file.ts).
    expect(r.stdout.includes(`Note: ${WORKFLOW_PATH}: replace ${ACTION_PLACEHOLDER}`)).toBe(isPlaceholder(actionUses()));
    expect(existsSync(join(repo, 'infra/net/.vscode'))).toBe(false);
    const settings = JSON.parse(readFileSync(join(repo, '.vscode/settings.json'), 'utf8'));
    expect(settings['yaml.schemas']['./infra/net/.sot/schemas/settings.schema.json']).toEqual(['infra/net/sot.yaml']);
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(join(repo, schema))).toBe(true);
  });

  it('sot init --editor wires an existing inventory; the user’s settings stay; --force does not replace them', async () => {
    const repo = repository();
    cpSync(join(ROOT, 'test/fixtures/valid/minimal'), join(repo, 'net'), { recursive: true });
    mkdirSync(join(repo, '.vscode'));
    const before = '{\n  // mine\n  "editor.rulers": [100]\n}\n';
    writeFileSync(join(repo, '.vscode/settings.json'), before);
    const r = await runCli(['init', '--editor', 'net'], repo);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'Wired editors to the inventory in net:',
        ...['inventory', 'device-type', 'module-type', 'rack-type', 'settings'].map((s) => `  .sot/schemas/${s}.schema.json`),
        'Editor settings: .vscode/settings.json',
        '',
      ].join('\n'),
    );
    const after = readFileSync(join(repo, '.vscode/settings.json'), 'utf8');
    expect(after).toContain('  // mine\n  "editor.rulers": [100]\n}\n');
    expect(Object.keys(JSON.parse(jsoncToJson(after))).sort()).toEqual(['editor.rulers', 'yaml.schemas']);
    // Sample files over the inventory with --force: the settings are merged again, not replaced.
    const forced = await runCli(['init', '--force', 'net'], repo);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(repo, '.vscode/settings.json'), 'utf8')).toBe(after);
  });

  it('refuses a settings file that is not JSON and leaves it and the inventory untouched', async () => {
    const repo = repository();
    mkdirSync(join(repo, '.vscode'));
    writeFileSync(join(repo, '.vscode/settings.json'), '{ "a": }');
    const r = await runCli(['init', 'net'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sot: not changing \.vscode\/settings\.json: it is not valid JSON \(comments and trailing commas are fine\): /);
    expect(existsSync(join(repo, 'net'))).toBe(false);
    const editor = await runCli(['init', '--editor', '.'], repo);
    expect([editor.code, editor.stderr]).toEqual([2, 'sot: . holds no sot.yaml: run sot init --editor in an inventory\'s folder\n']);
    expect(readFileSync(join(repo, '.vscode/settings.json'), 'utf8')).toBe('{ "a": }');
  });

  it('maps an inventory at the repository root by its own folders and files, not every YAML file', async () => {
    const repo = repository();
    const r = await runCli(['init', '.'], repo);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const settings = JSON.parse(readFileSync(join(repo, '.vscode/settings.json'), 'utf8'));
    expect(settings['yaml.schemas']['./.sot/schemas/inventory.schema.json']).toEqual(['organization.yaml', 'sites/**/*.yaml', 'sites/**/*.yml']);
    expect(settings['yaml.schemas']['./.sot/schemas/device-type.schema.json']).toEqual(['device-types/**/*.yaml', 'device-types/**/*.yml']);
  });

  it('maps what sot.yaml includes, less what it excludes', () => {
    const repo = repository();
    mkdirSync(join(repo, 'net'));
    writeFileSync(join(repo, 'net/sot.yaml'), 'format: 1\ninclude: [dcim/, sites.yaml]\nexclude: ["**/draft-*.yaml"]\n');
    const globs = new Map([
      ['inventory.schema.json', ['**/*.yaml', '**/*.yml', '!sot.yaml', '!device-types/**']],
      ['settings.schema.json', ['sot.yaml']],
    ]);
    expect(yamlSchemasSetting(join(repo, 'net'), repo, globs)).toEqual({
      './net/.sot/schemas/inventory.schema.json': ['net/dcim', 'net/dcim/**', 'net/sites.yaml', 'net/sites.yaml/**', '!net/sot.yaml', '!net/device-types/**', '!net/**/draft-*.yaml', '!net/**/draft-*.yaml/**'],
      './net/.sot/schemas/settings.schema.json': ['net/sot.yaml'],
    });
  });
});

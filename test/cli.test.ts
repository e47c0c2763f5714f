import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// End-to-end: the built CLI (npm test builds first), run as a user would, from the repository root.
const ROOT = join(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures';

function sot(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/sot.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', SOT_TIMINGS: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The elapsed time is the only part of a report that changes from run to run. */
function normalise(text: string): string {
  return text.replace(/\(\d+\.\d\d s\)/g, '(0.00 s)').replace(/"elapsedMs": \d+/g, '"elapsedMs": 0');
}

function lines(dir: string): string[] {
  const r = sot(['check', `${FIXTURES}/invalid/${dir}`, '--format', 'json']);
  return JSON.parse(r.stdout).diagnostics.map((d: any) => `${d.file.slice(`${FIXTURES}/invalid/${dir}/`.length)}:${d.line}:${d.column} ${d.severity} ${d.rule}`);
}

describe('sot check on broken inventories', () => {
  const scenarios: [string, number, string[]][] = [
    ['yaml-syntax-error', 1, ['sites.yaml:5:1 error yaml/syntax']],
    ['duplicate-key', 1, ['sites.yaml:4:5 error yaml/duplicate-key']],
    ['custom-tag', 1, ['sites.yaml:3:11 error yaml/custom-tag']],
    ['unknown-collection', 1, ['sites.yaml:4:1 error schema/unknown-collection']],
    ['unknown-field', 1, ['sites.yaml:4:5 error schema/unknown-field']],
    ['wrong-type', 1, ['dc.yaml:4:15 error schema/wrong-type']],
    ['dangling-reference', 1, ['dc.yaml:6:11 error resolve/dangling-reference']],
    ['duplicate-site-name', 1, ['sites/ams1.yaml:2:11 error resolve/duplicate-key']],
    ['region-cycle', 1, ['regions.yaml:4:13 error resolve/cycle']],
    ['wrong-scope', 1, ['dc.yaml:9:15 error resolve/wrong-scope']],
    ['invalid-settings', 2, ['sot.yaml:3:26 error schema/wrong-type']],
    ['missing-settings', 2, ['sot.yaml:1:1 error settings/missing']],
  ];
  for (const [dir, code, expected] of scenarios) {
    it(`${dir}: exit ${code}, ${expected.join('; ')}`, () => {
      expect(sot(['check', `${FIXTURES}/invalid/${dir}`]).code).toBe(code);
      expect(lines(dir)).toEqual(expected);
    });
  }

  // Golden files: the exact bytes of each format for one inventory with a problem of every kind.
  // Regenerate after an intended change with UPDATE_GOLDEN=1 npm test, and review the diff.
  for (const format of ['pretty', 'json', 'github', 'sarif']) {
    it(`broken-inventory in ${format} format matches its golden file`, () => {
      const r = sot(['check', `${FIXTURES}/invalid/broken-inventory`, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      const golden = join(ROOT, FIXTURES, 'golden', `broken-inventory.${format}.txt`);
      const actual = normalise(r.stdout);
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, actual);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('--quiet reports errors only; --fail-on warning fails on warnings', () => {
    const quiet = JSON.parse(sot(['check', `${FIXTURES}/invalid/broken-inventory`, '-q', '--format', 'json']).stdout);
    expect(quiet.diagnostics.every((d: any) => d.severity === 'error')).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'sot-warn-'));
    writeFileSync(join(dir, 'sot.yaml'), 'format: 1\n');
    cpSync(join(ROOT, FIXTURES, 'invalid/broken-inventory/device-types'), join(dir, 'device-types'), { recursive: true });
    expect(sot(['check', dir]).code).toBe(0);
    expect(sot(['check', dir, '--fail-on', 'warning']).code).toBe(1);
  });

  it('colours only on a terminal, never with NO_COLOR', () => {
    const r = sot(['check', `${FIXTURES}/invalid/unknown-field`]);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('prints phase timings to stderr with SOT_TIMINGS=1', () => {
    const r = sot(['check', `${FIXTURES}/valid/minimal`], { SOT_TIMINGS: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^timings: read \d+ ms, parse \d+ ms, validate \d+ ms, resolve \d+ ms, checks \d+ ms, locate \d+ ms; total \d+ ms for 1 files/);
  });
});

describe('sot usage', () => {
  it('--version prints the package version', () => {
    const r = sot(['--version']);
    expect([r.code, r.stdout]).toEqual([0, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`]);
  });

  it('help lists commands; help <cmd> shows the command', () => {
    expect(sot(['--help']).stdout).toContain('check [dir]');
    const r = sot(['help', 'check']);
    expect([r.code, r.stdout.split('\n')[0]]).toEqual([0, 'Usage: sot check [dir] [options]']);
    expect(sot(['check', '--help']).stdout.split('\n')[0]).toBe('Usage: sot check [dir] [options]');
  });

  it('usage errors exit 2 with a message, never a stack trace', () => {
    for (const args of [['frobnicate'], ['check', '--format', 'xml'], ['check', '--fail-on', 'info'], ['check', '--bogus'], ['check', 'no/such/dir'], ['help', 'nope']]) {
      const r = sot(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^sot: .+\nRun "sot help" for usage\.\n$/);
      expect(r.stdout).toBe('');
    }
  });

  it('a clean inventory exits 0 with a summary line', () => {
    const r = sot(['check', `${FIXTURES}/valid/minimal`]);
    expect([r.code, normalise(r.stdout)]).toEqual([0, '✔ no problems in 1 file (0.00 s)\n']);
  });
});

describe('sot init', () => {
  it('creates an inventory that checks clean, with editor schemas wired', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sot-init-')), 'net');
    const r = sot(['init', dir]);
    expect(r.code).toBe(0);
    expect(sot(['check', dir]).code).toBe(0);
    const settings = JSON.parse(readFileSync(join(dir, '.vscode/settings.json'), 'utf8'));
    expect(Object.keys(settings['yaml.schemas']).sort()).toEqual([
      './.sot/schemas/device-type.schema.json',
      './.sot/schemas/inventory.schema.json',
      './.sot/schemas/module-type.schema.json',
      './.sot/schemas/rack-type.schema.json',
      './.sot/schemas/settings.schema.json',
    ]);
    for (const file of Object.keys(settings['yaml.schemas'])) expect(existsSync(join(dir, file))).toBe(true);
    // A second init refuses to overwrite the user's files.
    const again = sot(['init', dir]);
    expect([again.code, again.stderr.startsWith('sot: not overwriting sot.yaml')]).toEqual([2, true]);
  });
});

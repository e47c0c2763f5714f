import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, realpathSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heapNeeded, relaunchFlags } from '../src/cli/heap.js';
import { main } from '../src/cli/main.js';
import { ACTION_PLACEHOLDER, WORKFLOW_PATH, actionRepository, actionUses, workflowFile } from '../src/cli/workflow-file.js';
import { parse as parseYaml } from 'yaml';
import { runCli } from './helpers/cli.js';
import { sarifValidator } from './helpers/sarif-schema.js';

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

/**
 * SARIF names the folders it ran in (the repository root, the installed docs) and quotes the rule
 * pages; the golden file keeps placeholders for those so that it changes with the output's shape, not
 * with the machine or an edit of a docs page (reporters.test.ts checks what the texts are).
 */
function sarifGolden(text: string): string {
  const doc = JSON.parse(text.split(pathToFileURL(ROOT).href).join('file:///ROOT'));
  for (const rule of doc.runs[0].tool.driver.rules) {
    rule.fullDescription.text = `(${rule.shortDescription.text} and the first paragraph of docs/rules/${rule.id}.md)`;
    rule.help = { text: '(the same and the URL)', markdown: `(docs/rules/${rule.id}.md)` };
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
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
      if (format === 'sarif') expect(sarifValidator()(JSON.parse(r.stdout))).toEqual([]);
      const actual = format === 'sarif' ? sarifGolden(r.stdout) : normalise(r.stdout);
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
    expect(r.stderr).toMatch(/^timings: read \d+ ms, parse \d+ ms, validate \d+ ms, resolve \d+ ms, checks \d+ ms, locate \d+ ms; total \d+ ms for 1 files, [\d.]+ MB \([\d.]+ MB\/s\); heap limit \d+ MB\n$/);
  });

  it('gives itself the heap an inventory needs, whatever NODE_OPTIONS says', () => {
    const heapOf = (r: { stderr: string }) => Number(/heap limit (\d+) MB/.exec(r.stderr)?.[1]);
    const small = { SOT_TIMINGS: '1', NODE_OPTIONS: '--max-old-space-size=48' };
    const relaunched = sot(['check', `${FIXTURES}/valid/minimal`], small);
    expect([relaunched.code, normalise(relaunched.stdout)]).toEqual([0, '✔ no problems in 1 file (0.00 s)\n']);
    expect(heapOf(relaunched)).toBeGreaterThanOrEqual(512);
    // Once only: a process that was already relaunched runs with what it has.
    expect(heapOf(sot(['check', `${FIXTURES}/valid/minimal`], { ...small, SOT_HEAP_RELAUNCHED: '1' }))).toBeLessThan(512);
  });
});

describe('sot check --format github|sarif: paths from the repository root', () => {
  function sotIn(cwd: string, args: string[], env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/sot.js'), ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', SOT_TIMINGS: '', GITHUB_WORKSPACE: '', ...env },
    });
    return { code: r.status, stdout: normalise(r.stdout), stderr: r.stderr };
  }

  /** A repository with the inventory in net/inventory (a site name used twice) and an empty tools/ folder. */
  function repository(git: boolean): string {
    const top = realpathSync(mkdtempSync(join(tmpdir(), 'sot-repo-')));
    mkdirSync(join(top, 'net'));
    mkdirSync(join(top, 'tools'));
    cpSync(join(ROOT, FIXTURES, 'invalid/duplicate-site-name'), join(top, 'net/inventory'), { recursive: true });
    if (git) expect(spawnSync('git', ['init', '-q'], { cwd: top }).status).toBe(0);
    return top;
  }

  const annotation = (prefix: string) =>
    `::error file=${prefix}sites/ams1.yaml,line=2,col=11,endLine=2,endColumn=15,title=resolve/duplicate-key::duplicate site name "AMS1"` +
    `%0Aat: sites[name=AMS1]%0Arelated: ${prefix}sites/ams1-new.yaml:2:11 the other site "AMS1"` +
    "%0Ahelp: a site's name must be unique; change one of them, or merge them if they are one site\n" +
    '✖ 1 error, 0 warnings in 3 files (0.00 s)\n';

  it('annotates net/inventory/… from a sibling folder, from the inventory itself and from outside the repository', () => {
    const top = repository(true);
    const outside = mkdtempSync(join(tmpdir(), 'sot-elsewhere-'));
    for (const [cwd, path] of [[join(top, 'tools'), '../net/inventory'], [join(top, 'net/inventory'), '.'], [outside, join(top, 'net/inventory')]]) {
      const r = sotIn(cwd, ['check', path, '--format', 'github']);
      expect([r.code, r.stdout, r.stderr], cwd).toEqual([1, annotation('net/inventory/'), '']);
    }
  });

  it('writes SARIF with the same paths, %SRCROOT% spelled out as the repository root, valid against the SARIF 2.1.0 schema', () => {
    const top = repository(true);
    const r = sotIn(join(top, 'tools'), ['check', '../net/inventory', '--format', 'sarif']);
    expect([r.code, r.stderr]).toEqual([1, '']);
    const doc = JSON.parse(r.stdout);
    expect(sarifValidator()(doc)).toEqual([]);
    const run = doc.runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(top).href}/` } });
    expect(run.results.map((x: any) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation, x.relatedLocations[0].physicalLocation.artifactLocation])).toEqual([
      ['resolve/duplicate-key', { uri: 'net/inventory/sites/ams1.yaml', uriBaseId: '%SRCROOT%' }, { uri: 'net/inventory/sites/ams1-new.yaml', uriBaseId: '%SRCROOT%' }],
    ]);
    expect(run.results[0].message.text).toBe(
      'duplicate site name "AMS1"\nrelated: [the other site "AMS1"](1)\nhelp: a site\'s name must be unique; change one of them, or merge them if they are one site',
    );
  });

  it('outside git: from GITHUB_WORKSPACE when it holds the inventory, otherwise from the current folder as before', () => {
    const top = repository(false);
    const tools = join(top, 'tools');
    // However the temporary folder's parents look, git must find no repository above it.
    const env = { GIT_CEILING_DIRECTORIES: dirname(top) };
    const check = (format: string, extra: Record<string, string> = {}) => sotIn(tools, ['check', '../net/inventory', '--format', format], { ...env, ...extra });
    expect(check('github', { GITHUB_WORKSPACE: top }).stdout).toBe(annotation('net/inventory/'));
    expect(check('github', { GITHUB_WORKSPACE: tools }).stdout).toBe(annotation('../net/inventory/'));
    expect(check('github').stdout).toBe(annotation('../net/inventory/'));
    const sarif = JSON.parse(check('sarif').stdout);
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(tools).href}/`);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('../net/inventory/sites/ams1.yaml');
  });
});

describe('heap sizing', () => {
  it('asks for 10 bytes of heap per byte of YAML plus 512 MB, within three quarters of the memory', () => {
    const MB = 2 ** 20;
    expect(heapNeeded(100 * MB, 4096 * MB, 24 * 1024 * MB)).toBeUndefined();
    expect(heapNeeded(750 * MB, 4096 * MB, 24 * 1024 * MB)).toBe(8012);
    expect(heapNeeded(750 * MB, 4096 * MB, 8 * 1024 * MB)).toBe(6144);
    expect(heapNeeded(750 * MB, 8192 * MB, 8 * 1024 * MB)).toBeUndefined();
  });

  it('gives a big inventory a larger young generation too, unless node already has one', () => {
    const MB = 2 ** 20;
    const GB = 1024 * MB;
    expect(relaunchFlags(2 * MB, [], 4 * GB, 24 * GB)).toEqual([]);
    expect(relaunchFlags(78 * MB, [], 4 * GB, 24 * GB)).toEqual(['--max-semi-space-size=64']);
    expect(relaunchFlags(78 * MB, ['--max-semi-space-size=16'], 4 * GB, 24 * GB)).toEqual([]);
    expect(relaunchFlags(750 * MB, [], 4 * GB, 24 * GB)).toEqual(['--max-old-space-size=8012', '--max-semi-space-size=64']);
  });
});

describe('sot usage', () => {
  it('--version prints the package version', () => {
    const r = sot(['--version']);
    expect([r.code, r.stdout]).toEqual([0, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`]);
  });

  it('help lists commands; help <cmd> shows the command', () => {
    expect(sot(['--help']).stdout).toContain('check [dir | files…]');
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

  it('writes the workflow the README shows: the Action on pull requests and pushes, least permissions, the whole history', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sot-init-')), 'net');
    expect(sot(['init', dir]).stdout).toContain(`  ${WORKFLOW_PATH}\n`);
    const text = readFileSync(join(dir, WORKFLOW_PATH), 'utf8');
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(text).toBe(workflowFile(`${ACTION_PLACEHOLDER}@v${version}`));
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`yaml\n# ${WORKFLOW_PATH}\n${text}\`\`\``);
    const workflow = parseYaml(text);
    expect(workflow.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const steps = workflow.jobs.sot.steps;
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1]).toMatchObject({ uses: actionUses(), id: 'sot', with: { path: '.' } });
    expect(steps[2]).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: '${{ steps.sot.outputs.build-dir }}' } });
    // The inventory still checks clean: .github is never part of it.
    expect(sot(['check', dir]).code).toBe(0);
  });

  it('names the Action by the repository package.json gives, or a placeholder', () => {
    expect(actionRepository({})).toBe('OWNER/sot');
    expect(actionRepository({ repository: 'github:acme/sot' })).toBe('acme/sot');
    expect(actionRepository({ repository: 'acme/sot' })).toBe('acme/sot');
    expect(actionRepository({ repository: { url: 'git+https://github.com/acme/sot.git' } })).toBe('acme/sot');
    expect(actionRepository({ repository: { url: 'https://gitlab.com/acme/sot.git' } })).toBe('OWNER/sot');
  });
});

// Each case spawns sot several times: a generous timeout for a loaded machine.
describe('sot rack', { timeout: 60_000 }, () => {
  const INV = `${FIXTURES}/valid/rack-elevation`;
  const usage = (message: string) => `sot: ${message}\nRun "sot help" for usage.\n`;

  it('prints the elevation as text by default, exit 0', () => {
    const r = sot(['rack', 'ams1/R2', INV]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('Rack AMS1 / R2: 4U, U3–U6 numbered from the top\n\nUnit  Front  Rear\n  U3  free   free\n  U4  d2     d2\n  U5  free   free\n  U6  free   free\n');
  });

  it('gives the same bytes on every run, in every format; --out writes the file instead of stdout', () => {
    for (const format of ['text', 'svg', 'json']) {
      const a = sot(['rack', 'ams1/R1', INV, '--format', format]);
      const b = sot(['rack', 'ams1/R1', INV, '-f', format]);
      expect([a.code, a.stdout.length > 0, a.stdout]).toEqual([0, true, b.stdout]);
      if (format !== 'svg') continue;
      const out = join(mkdtempSync(join(tmpdir(), 'sot-rack-')), `r1.${format}`);
      const w = sot(['rack', 'ams1/R1', INV, '--format', format, '--out', out]);
      expect([w.code, w.stdout, readFileSync(out, 'utf8')]).toEqual([0, '', a.stdout]);
    }
    expect(sot(['rack', 'ams1/R1', INV, '--format', 'svg']).stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(JSON.parse(sot(['rack', 'ams1/R1', INV, '--format', 'json']).stdout).rack).toBe('R1');
  });

  it('takes the site by name or slug and a location by name or slug', () => {
    expect(sot(['rack', 'AMS1/R2', INV]).code).toBe(0);
    expect(sot(['rack', 'ams1/hall-a/R3', INV]).stdout.split('\n')[0]).toBe('Rack AMS1 / Hall A / R3: 2U, U1–U2 numbered from the bottom');
    expect(sot(['rack', 'AMS1/Hall B/R3', INV]).stdout.split('\n')[0]).toBe('Rack AMS1 / Hall B / R3: 2U, U1–U2 numbered from the bottom');
  });

  it('a rack name in several locations of the site, an unknown site or rack: a usage error, exit 2', () => {
    const cases: [string[], string][] = [
      [['rack', 'ams1/R3', INV], 'rack "R3" is in 2 locations of site AMS1; name one as <site>/<location>/<rack>: ams1/hall-a/R3, ams1/hall-b/R3'],
      [['rack', 'ams9/R1', INV], 'no site "ams9" (did you mean "AMS1"?)'],
      [['rack', 'ams1/R9', INV], 'no rack "ams1/R9"; the site\'s racks: ams1/R1, ams1/R2, ams1/hall-a/R3, ams1/hall-b/R3'],
      [['rack', 'ams1/hall-c/R3', INV], 'no rack "ams1/hall-c/R3"; the site\'s racks: ams1/R1, ams1/R2, ams1/hall-a/R3, ams1/hall-b/R3'],
      [['rack', 'ams1', INV], 'name a rack as <site>/<rack> or <site>/<location>/<rack>, not "ams1"'],
      [['rack'], 'rack needs a rack: sot rack <site>/<rack> [dir]'],
      [['rack', 'ams1/R1', INV, '--format', 'png'], 'unknown format "png" (text, svg, json)'],
      [['rack', 'ams1/R1', 'no/such/dir'], 'no inventory folder at no/such/dir'],
      [['rack', 'ams1/R1', INV, 'extra'], 'rack takes a rack and one inventory folder'],
    ];
    for (const [args, message] of cases) {
      const r = sot(args);
      expect([r.code, r.stdout, r.stderr], args.join(' ')).toEqual([2, '', usage(message)]);
    }
    const unwritable = sot(['rack', 'ams1/R1', INV, '--out', 'no/such/dir/r1.txt']);
    expect([unwritable.code, unwritable.stdout]).toEqual([2, '']);
    expect(unwritable.stderr).toMatch(/^sot: cannot write no\/such\/dir\/r1\.txt: ENOENT.*\nRun "sot help" for usage\.\n$/);
  });

  it('an inventory with errors: its diagnostics as check reports them on stderr, nothing on stdout, exit 1', () => {
    const r = sot(['rack', 'ams1/R1', `${FIXTURES}/invalid/broken-inventory`, '--format', 'svg']);
    const check = sot(['check', `${FIXTURES}/invalid/broken-inventory`]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(normalise(r.stderr)).toBe(normalise(check.stdout));
    expect(sot(['rack', 'ams1/R1', `${FIXTURES}/invalid/missing-settings`]).code).toBe(2);
  });

  it('has its help', () => {
    expect(sot(['help', 'rack']).stdout.split('\n')[0]).toBe('Usage: sot rack <site>/<rack> [dir] [options]');
    expect(sot(['rack', '--help']).stdout).toContain('--format <name>');
    expect(sot(['--help']).stdout).toContain('rack <site>/<rack> [dir]');
  });
});

describe('sot trace', () => {
  const T = `${FIXTURES}/valid/trace`;
  // In process (the same main() the binary runs) to keep the many runs quick; the example runs the binary.
  async function run(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT, env: {}, isTTY: false });
    return { code, stdout, stderr };
  }

  it('prints each hop, the port mappings with positions and the far end', async () => {
    const r = await run(['trace', 'leaf1:et1', T]);
    expect([r.code, r.stderr, r.stdout]).toEqual([
      0,
      '',
      'leaf1:et1 (interface) → cable "A" → tp1:3 (front port)\n' +
        '  tp1: front port 3 → rear port R position 3\n' +
        'tp1:R (rear port, position 3) → cable "T" → tp2:R (rear port)\n' +
        '  tp2: rear port R position 3 → front port 3\n' +
        'tp2:3 (front port) → cable "B" → leaf2:et1 (interface)\n' +
        'far end: leaf2:et1 (interface)\n',
    ]);
  });

  it('crosses a circuit, says when a cable is not connected, and ends at a provider network', async () => {
    expect((await run(['trace', 'leaf2:et2', T])).stdout).toBe(
      'leaf2:et2 (interface) → cable "Y" → C-1:Z (circuit termination)\n' +
        '  circuit C-1: Z → A\n' +
        'C-1:A (circuit termination) → cable "X" (planned) → pp1:1 (rear port)\n' +
        '  pp1: rear port 1 → front port 1\n' +
        'pp1:1 (front port) → cable "P" → leaf1:et2 (interface)\n' +
        'far end: leaf1:et2 (interface)\n' +
        'not active: cable "X" is planned\n',
    );
    expect((await run(['trace', 'leaf1:mgmt', T])).stdout).toBe(
      'leaf1:mgmt (interface) → cable "N" → C-2:A (circuit termination)\n' +
        '  circuit C-2: A → Z\n' +
        'C-2:Z (circuit termination) → provider network "Backbone"\n' +
        'far end: provider network "Backbone"\n',
    );
  });

  it('names circuit terminations and power feeds as cable ends do, compact forms included', async () => {
    for (const name of ['C-1:A', 'p/C-1:A', 'P/C-1:A']) {
      expect((await run(['trace', name, T])).stdout.split('\n')[0], name).toBe('C-1:A (circuit termination) → cable "X" (planned) → pp1:1 (rear port)');
    }
    for (const name of ['PP-A:F1', 'ams1/PP-A:F1', 'AMS1/PP-A:F1']) {
      expect((await run(['trace', name, T])).stdout, name).toBe('PP-A:F1 (power feed) → cable "F" → leaf2:PSU1 (power port)\nfar end: leaf2:PSU1 (power port)\n');
    }
  });

  it('shows where a path stops: not connected, split', async () => {
    expect((await run(['trace', 'tp3:1', T])).stdout).toBe('tp3:1 (front port) is not connected\n');
    const r = await run(['trace', 'leaf2:mgmt', T]);
    expect([r.code, r.stdout]).toEqual([0, 'leaf2:mgmt (interface) → cable "S" → tp3:R (rear port)\nsplit: tp3:R (rear port) has 4 positions and the path brings none to choose from\n']);
  });

  it('gives the structured path with --format json', async () => {
    const r = await run(['trace', 'leaf1:et1', T, '--format', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.hops[1]).toEqual({
      via: { type: 'ports', mappings: [{ from: { kind: 'dcim.frontport', name: 'tp1:3' }, fromPosition: 1, to: { kind: 'dcim.rearport', name: 'tp1:R' }, toPosition: 3 }] },
      near: [{ kind: 'dcim.rearport', name: 'tp1:R' }],
      links: [{ kind: 'dcim.cable', name: 'T', label: 'T', status: 'connected' }],
      far: [{ kind: 'dcim.rearport', name: 'tp2:R' }],
    });
    expect([data.origin, data.hops.length, data.stop, data.complete, data.active, data.split, data.farEnd]).toEqual([
      [{ kind: 'dcim.interface', name: 'leaf1:et1' }],
      3,
      'endpoint',
      true,
      true,
      false,
      [{ kind: 'dcim.interface', name: 'leaf2:et1' }],
    ]);
    expect((await run(['trace', 'leaf1:et1', T, '--format', 'json'])).stdout).toBe(r.stdout);
  });

  it('asks which termination an ambiguous name means, and takes --kind', async () => {
    const r = await run(['trace', 'leaf1:1', T]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'sot: "leaf1:1" names an interface and a console port: say which with --kind interface or --kind console-port\nRun "sot help" for usage.\n',
    ]);
    expect((await run(['trace', 'leaf1:1', T, '--kind', 'console-port'])).stdout).toBe('leaf1:1 (console port) is not connected\n');
  });

  it('refuses an unknown termination or kind with exit 2', async () => {
    const r = await run(['trace', 'leaf9:et1', T]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'sot: no interface, port, outlet, circuit termination or power feed "leaf9:et1" in the inventory (write <device>:<port>, <circuit>:<A|Z> or <power panel>:<feed>)\nRun "sot help" for usage.\n',
    ]);
    for (const args of [['trace'], ['trace', 'leaf1:et1', T, '--kind', 'port'], ['trace', 'leaf1:et1', T, '--format', 'xml'], ['trace', 'leaf1:et1', 'no/such/dir']]) {
      const u = await run(args);
      expect([u.code, u.stdout], args.join(' ')).toEqual([2, '']);
      expect(u.stderr).toMatch(/^sot: .+\nRun "sot help" for usage\.\n$/);
    }
  });

  it('prints an inventory\'s errors and no trace, with exit 1', async () => {
    const r = await run(['trace', 'leaf1:et1', `${FIXTURES}/invalid/dangling-reference`]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain('test/fixtures/invalid/dangling-reference/dc.yaml:6:11  error  resolve/dangling-reference  no site "ams-1"; did you mean "ams1"?');
  });

  it('traces the example inventory from a router through two patch panels and a circuit', { timeout: 30000 }, () => {
    const r = sot(['trace', 'ams1-br1:et-0/0/3', 'inventory-example']);
    expect([r.code, r.stdout]).toEqual([
      0,
      'ams1-br1:et-0/0/3 (interface) → cable "AMS1-D026" → ams1-odf1:2 (front port)\n' +
        '  ams1-odf1: front port 2 → rear port Splice position 2\n' +
        'ams1-odf1:Splice (rear port, position 2) → cable "AMS1-D030" → AF-DF-000417:A (circuit termination)\n' +
        '  circuit AF-DF-000417: A → Z\n' +
        'AF-DF-000417:Z (circuit termination) → cable "AMS2-D013" → ams2-odf1:Splice (rear port)\n' +
        '  ams2-odf1: rear port Splice position 2 → front port 2\n' +
        'ams2-odf1:2 (front port) → cable "AMS2-D014" → ams2-br1:et-0/0/3 (interface)\n' +
        'far end: ams2-br1:et-0/0/3 (interface)\n',
    ]);
  });

  it('help shows the command', async () => {
    expect((await run(['help', 'trace'])).stdout.split('\n')[0]).toBe('Usage: sot trace <termination> [dir] [options]');
    expect((await run(['trace', '--help'])).stdout.split('\n')[0]).toBe('Usage: sot trace <termination> [dir] [options]');
    expect((await run(['--help'])).stdout).toContain('trace <port> [dir]');
  });
});

describe('sot ipam', { timeout: 180_000 }, () => {
  const INV = `${FIXTURES}/valid/ip-space`;
  const usage = (message: string) => `sot: ${message}\nRun "sot help" for usage.\n`;

  it('tree: every table, global first, with NetBox\'s utilization', () => {
    const r = sot(['ipam', 'tree', INV]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`Global table
  10.0.0.0/8               aggregate (RFC 1918)              0.4%
    10.0.0.0/16            container                         0.8%
      10.0.0.1/16          active
      10.0.1.0/24          active                           20.1%
        10.0.1.1/24        active, vip
        10.0.1.100-149/24  range, active, marked utilized  100.0%
          10.0.1.120/24    dhcp
        10.0.1.200-209/24  range, active, populated          0.0%
      10.0.2.0/31          active                           50.0%
        10.0.2.0/31        active
      10.0.3.0/29          active, pool                     12.5%
        10.0.3.0/29        active
      10.0.4.0/24          reserved, marked utilized       100.0%
    10.20.0.1/8            active
  172.16.0.0/12            aggregate (RFC 1918)              0.0%
  2001:db8::/126           active                           25.0%
    2001:db8::/127         active                           50.0%
      2001:db8::1/127      active

VRF BLUE (RD 65000:1)
  10.0.0.0/8           aggregate (RFC 1918)    0.4%
    10.0.0.2/16        active
    10.0.1.0/24        active                  0.4%
      10.0.1.10-19/24  range, reserved        10.0%
        10.0.1.12/24   active

VRF RED (RD 65000:2)
  192.168.0.0/24    active    0.4%
    192.168.0.1/24  active
`);
    expect(sot(['ipam', 'tree', INV, '--format', 'json']).stdout).toBe(sot(['ipam', 'tree', INV, '-f', 'json']).stdout);
  });

  it('tree --vrf: one VRF; json gives the utilization unrounded', () => {
    expect(sot(['ipam', 'tree', INV, '--vrf', 'RED']).stdout).toBe('VRF RED (RD 65000:2)\n  192.168.0.0/24    active    0.4%\n    192.168.0.1/24  active\n');
    const r = sot(['ipam', 'tree', INV, '--vrf', 'BLUE', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual({
      tables: [
        {
          vrf: { name: 'BLUE', rd: '65000:1' },
          children: [
            {
              type: 'aggregate',
              prefix: '10.0.0.0/8',
              rir: 'RFC 1918',
              utilization: (65536 / 16777216) * 100,
              children: [
                { type: 'ip-address', address: '10.0.0.2/16', status: 'active', role: null },
                {
                  type: 'prefix',
                  prefix: '10.0.1.0/24',
                  status: 'active',
                  is_pool: false,
                  mark_utilized: false,
                  utilization: (1 / 254) * 100,
                  children: [
                    {
                      type: 'ip-range',
                      start_address: '10.0.1.10/24',
                      end_address: '10.0.1.19/24',
                      status: 'reserved',
                      mark_populated: false,
                      mark_utilized: false,
                      utilization: 10,
                      children: [{ type: 'ip-address', address: '10.0.1.12/24', status: 'active', role: null }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('available: the next free addresses, around pools, /31s, /127s, populated ranges and every VRF under a global container', () => {
    const free = (...args: string[]) => {
      const r = sot(['ipam', 'available', ...args.slice(0, 1), INV, ...args.slice(1)]);
      return [r.code, r.stdout, r.stderr];
    };
    expect(free('10.0.0.0/16', '--ips', '3')).toEqual([0, '10.0.0.3/16\n10.0.0.4/16\n10.0.0.5/16\n', '']);
    expect(free('10.0.1.0/24')).toEqual([0, '10.0.1.2/24\n', '']);
    expect(free('10.0.1.0/24', '--vrf', 'BLUE', '--ips', '2')).toEqual([0, '10.0.1.1/24\n10.0.1.2/24\n', '']);
    expect(free('10.0.2.0/31', '--ips', '5')).toEqual([0, '10.0.2.1/31\n', 'sot: only 1 free address in 10.0.2.0/31\n']);
    expect(free('10.0.3.0/29', '--ips', '2')).toEqual([0, '10.0.3.1/29\n10.0.3.2/29\n', '']);
    expect(free('2001:db8::/127', '--ips', '2')).toEqual([0, '2001:db8::/127\n', 'sot: only 1 free address in 2001:db8::/127\n']);
    expect(free('2001:db8::/126', '--ips', '5')).toEqual([0, '2001:db8::2/126\n2001:db8::3/126\n', 'sot: only 2 free addresses in 2001:db8::/126\n']);
    const all = sot(['ipam', 'available', '10.0.1.0/24', INV, '--ips', '300']).stdout.split('\n');
    expect(all.slice(195, 199)).toEqual(['10.0.1.198/24', '10.0.1.199/24', '10.0.1.210/24', '10.0.1.211/24']);
    expect(all).toHaveLength(254 - 2 - 10 + 1); // less .1, .120 and the populated range; a final newline
    expect(JSON.parse(sot(['ipam', 'available', '10.0.1.0/24', INV, '--vrf', 'BLUE', '--format', 'json']).stdout)).toEqual([
      { family: 4, address: '10.0.1.1/24', vrf: { name: 'BLUE', rd: '65000:1' } },
    ]);
  });

  it('available --prefix-length: the free child prefixes of the same VRF, lowest first', () => {
    const r = sot(['ipam', 'available', '10.0.0.0/16', INV, '--prefix-length', '24', '--count', '4']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '10.0.0.0/24\n10.0.5.0/24\n10.0.6.0/24\n10.0.7.0/24\n', 'sot: the first 4 of 252 free /24 prefixes in 10.0.0.0/16; --count N lists more\n']);
    const six = sot(['ipam', 'available', '2001:db8::/126', INV, '--prefix-length', '127', '--format', 'json']);
    expect([six.code, JSON.parse(six.stdout), six.stderr]).toEqual([0, [{ family: 6, prefix: '2001:db8::2/127', vrf: null }], '']);
    const none = sot(['ipam', 'available', '10.0.2.0/31', INV, '--prefix-length', '31']);
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '10.0.2.0/31\n', '']);
    const full = sot(['ipam', 'available', '2001:db8::/126', INV, '--prefix-length', '126']);
    expect([full.code, full.stdout, full.stderr]).toEqual([0, '', 'sot: no free /126 in 2001:db8::/126\n']);
  });

  it('an unknown prefix or VRF, or a bad option: a usage error, exit 2, nothing on stdout', () => {
    const cases: [string[], string][] = [
      [['ipam', 'available', '10.9.0.0/16', INV], 'no prefix 10.9.0.0/16 in the inventory'],
      [['ipam', 'available', '10.0.1.5/24', INV], '10.0.1.5/24 is not a prefix: it has host bits set (did you mean 10.0.1.0/24?)'],
      [['ipam', 'available', 'nonsense', INV], '"nonsense" is not a prefix (address/length, e.g. 10.1.0.0/16)'],
      [['ipam', 'available', '10.0.1.0/24', INV, '--vrf', 'RED'], 'no prefix 10.0.1.0/24 in VRF RED; it is in the global table, VRF BLUE'],
      [['ipam', 'available', '192.168.0.0/24', INV, '--vrf', 'REDD'], 'no VRF "REDD" (did you mean "RED"?)'],
      [['ipam', 'available', '10.0.1.0/24', INV, '--prefix-length', '23'], "--prefix-length 23 is shorter than the prefix's own /24"],
      [['ipam', 'available', '10.0.1.0/24', INV, '--prefix-length', '33'], '--prefix-length takes a length from 0 to 32, not "33"'],
      [['ipam', 'available', '10.0.1.0/24', INV, '--ips', '0'], '--ips takes a whole number from 1, not "0"'],
      [['ipam', 'available', '10.0.1.0/24', INV, '--ips', '2', '--prefix-length', '25'], 'give --ips or --prefix-length, not both'],
      [['ipam', 'available', '10.0.1.0/24', INV, '--count', '2'], '--count goes with --prefix-length (for addresses, --ips N)'],
      [['ipam', 'available'], 'ipam available needs a prefix: sot ipam available <prefix> [dir]'],
      [['ipam', 'tree', INV, 'extra'], 'ipam tree takes one inventory folder'],
      [['ipam', 'tree', INV, '--format', 'svg'], 'unknown format "svg" (text, json)'],
      [['ipam', 'tree', 'no/such/dir'], 'no inventory folder at no/such/dir'],
      [['ipam', 'list'], 'unknown ipam command "list" (tree, available)'],
      [['ipam'], 'ipam needs a command: sot ipam tree [dir] or sot ipam available <prefix> [dir]'],
    ];
    for (const [args, message] of cases) {
      const r = sot(args);
      expect([r.code, r.stdout, r.stderr], args.join(' ')).toEqual([2, '', usage(message)]);
    }
  });

  it('an inventory with errors: its diagnostics as check reports them on stderr, nothing on stdout, exit 1', () => {
    const check = sot(['check', `${FIXTURES}/invalid/broken-inventory`]);
    for (const args of [['tree'], ['available', '10.0.0.0/8']]) {
      const r = sot(['ipam', ...args, `${FIXTURES}/invalid/broken-inventory`]);
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(normalise(r.stderr)).toBe(normalise(check.stdout));
    }
    expect(sot(['ipam', 'tree', `${FIXTURES}/invalid/missing-settings`]).code).toBe(2);
  });

  // inventory-example is read as it is: its tree and a few free-space answers, byte for byte.
  for (const format of ['text', 'json']) {
    it(`tree of inventory-example in ${format} matches its golden file`, () => {
      const r = sot(['ipam', 'tree', 'inventory-example', '--format', format]);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const golden = join(ROOT, FIXTURES, 'golden', `ipam-tree.inventory-example.${format}.txt`);
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, r.stdout);
      expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('available on inventory-example', () => {
    const run = (...args: string[]) => {
      const r = sot(['ipam', 'available', args[0], 'inventory-example', ...args.slice(1)]);
      return [r.code, r.stdout, r.stderr];
    };
    expect(run('10.1.254.0/24', '--ips', '2')).toEqual([0, '10.1.254.2/24\n10.1.254.3/24\n', '']);
    // Only VRF MGMT has it; its DHCP range (populated) is skipped.
    expect(run('192.168.101.0/24', '--ips', '200')).toEqual([0, expect.stringMatching(/^192\.168\.101\.1\/24\n[^]*\n192\.168\.101\.199\/24\n192\.168\.101\.251\/24\n[^]*192\.168\.101\.254\/24\n$/), 'sot: only 197 free addresses in 192.168.101.0/24\n']);
    expect(run('198.51.100.0/26', '--ips', '2')).toEqual([0, '198.51.100.0/26\n198.51.100.1/26\n', '']);
    expect(run('192.168.0.0/16', '--vrf', 'MGMT', '--prefix-length', '24', '--count', '2')).toEqual([0, '192.168.0.0/24\n192.168.1.0/24\n', 'sot: the first 2 of 254 free /24 prefixes in 192.168.0.0/16; --count N lists more\n']);
  });

  it('has its help', () => {
    expect(sot(['help', 'ipam']).stdout.split('\n')[0]).toBe('Usage: sot ipam tree [dir] [options]');
    expect(sot(['ipam', 'tree', '--help']).stdout).toContain('--prefix-length <l>');
    expect(sot(['ipam', '--help']).code).toBe(0);
    expect(sot(['--help']).stdout).toContain('ipam available <prefix> [dir]');
  });
});

describe('sot context', () => {
  const run = (args: string[]) => runCli(args);

  it('shows a VM\'s contexts in merge order and who set each value', { timeout: 30000 }, async () => {
    const r = await run(['context', 'ams1-dns1', 'inventory-example', '--format', 'text']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'config context of virtual machine "ams1-dns1"',
        '',
        'contexts, in merge order (weight, then name):',
        '    100  global-management',
        '   1000  syslog-europe',
        '  local  local_context_data (merged last)',
        '',
        'values:',
        '  ntp.servers      ["192.0.2.123","198.51.100.123"]  context "global-management"',
        '  dns.domain       "net.example.com"                 context "global-management"',
        '  dns.servers      ["192.0.2.53","198.51.100.53"]    context "global-management"',
        '  dns.listen_on    ["10.10.0.53"]                    local_context_data',
        '  dns.forwarders   ["9.9.9.9","149.112.112.112"]     local_context_data',
        '  syslog.servers   ["192.0.2.14","192.0.2.15"]       context "syslog-europe"',
        '  syslog.severity  "informational"                   context "global-management"',
        '',
      ].join('\n'),
    );
  });

  it('prints the merged data as JSON by default', { timeout: 30000 }, async () => {
    const r = await run(['context', 'ams1-leaf1', 'inventory-example']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(Object.keys(data)).toEqual(['ntp', 'dns', 'syslog', 'bgp']);
    expect(data.syslog).toEqual({ servers: ['192.0.2.14', '192.0.2.15'], severity: 'informational' });
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('names a device by <site>/<name> where the name repeats, and refuses unknown or ambiguous names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sot-context-'));
    writeFileSync(join(dir, 'sot.yaml'), 'format: 1\n');
    writeFileSync(
      join(dir, 'i.yaml'),
      'sites:\n  - {name: AMS1, slug: ams1}\n  - {name: AMS2, slug: ams2}\nmanufacturers:\n  - {name: Acme, slug: acme}\ndevice_types:\n  - {manufacturer: Acme, model: X, slug: x}\ndevice_roles:\n  - {name: Leaf, slug: leaf}\n' +
        'devices:\n  - {name: leaf1, site: AMS1, device_type: Acme/X, role: leaf, local_context_data: {at: ams1}}\n  - {name: leaf1, site: AMS2, device_type: Acme/X, role: leaf, local_context_data: {at: ams2}}\n',
    );
    expect(await run(['context', 'ams2/leaf1', dir])).toEqual({ code: 0, stdout: '{\n  "at": "ams2"\n}\n', stderr: '' });
    const ambiguous = await run(['context', 'leaf1', dir]);
    expect([ambiguous.code, ambiguous.stderr]).toEqual([2, 'sot: "leaf1" names 2 objects (AMS1/leaf1, AMS2/leaf1): write <site>/<name>\nRun "sot help" for usage.\n']);
    const unknown = await run(['context', 'leaf2', dir]);
    expect([unknown.code, unknown.stderr]).toEqual([2, 'sot: no device or virtual machine "leaf2" in the inventory; did you mean "leaf1"?\nRun "sot help" for usage.\n']);
    for (const args of [['context'], ['context', 'leaf1', dir, '--format', 'xml'], ['context', 'a', 'b', 'c']]) {
      const u = await run(args);
      expect([u.code, u.stdout], args.join(' ')).toEqual([2, '']);
    }
  });
});

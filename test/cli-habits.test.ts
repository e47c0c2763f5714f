import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { colorWanted, main, type Io } from '../src/cli/main.js';
import { allRules } from '../src/diagnostics/catalog.js';
import { packageRoot } from '../src/model/kinds.js';
import { escapeXml } from '../src/reporters/junit.js';
import { gitlab } from '../src/reporters/gitlab.js';
import { junit } from '../src/reporters/junit.js';
import { ruleDocs } from '../src/reporters/rule-docs.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { checkXml, unescapeXml } from './helpers/xml.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';

// The command line's habits: what a hostile or unusual argument, environment or pipe does to sot check.
const ROOT = join(import.meta.dirname, '..');
const BROKEN = join(ROOT, 'test/fixtures/invalid/broken-inventory');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], opts: { cwd?: string; env?: Io['env']; isTTY?: boolean; stderrIsTTY?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
  });
  return { code, stdout: stdout.replace(/\(\d+\.\d\d s\)/g, '(0.00 s)'), stderr };
}

const usage = (message: string) => `sot: ${message}\nRun "sot help" for usage.\n`;

/** A copy of the broken inventory (8 errors, 1 warning over five data files) in a folder of its own. */
function brokenCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sot-habits-')), 'inv');
  cpSync(BROKEN, dir, { recursive: true });
  return dir;
}

describe('words of the command line are looked up as own names only', () => {
  const PROTOTYPE_NAMES = ['constructor', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__', 'toString', 'toLocaleString', 'isPrototypeOf'];

  it('a format named like an Object.prototype member is an unknown format (exit 2), not a crash nor a clean exit', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const r = await run(['check', 'test/fixtures/valid/minimal', '--format', name]);
      expect(r, name).toEqual({ code: 2, stdout: '', stderr: usage(`unknown format "${name}" (one of: pretty, json, github, sarif, junit, gitlab)`) });
    }
  });

  it('so is a command help, a trace kind', async () => {
    expect(await run(['help', 'constructor'])).toEqual({ code: 2, stdout: '', stderr: usage('no command "constructor"') });
    const kinds = 'interface, console-port, console-server-port, power-port, power-outlet, front-port, rear-port, circuit-termination, power-feed';
    expect(await run(['trace', 'a:b', 'test/fixtures/valid/minimal', '--kind', 'toString'])).toEqual({ code: 2, stdout: '', stderr: usage(`unknown kind "toString" (${kinds})`) });
  });
});

describe('an empty path argument is a usage error, never the current folder', () => {
  it('sot check "", sot rack x "", sot init "", sot diff --dir ""', async () => {
    const none = { code: 2, stdout: '' };
    expect(await run(['check', ''])).toEqual({ ...none, stderr: usage('an empty path is neither a folder nor a file (for the current folder, give .)') });
    for (const args of [['rack', 'ams1/R1', ''], ['init', ''], ['diff', 'HEAD', '--dir', '']]) {
      expect(await run(args), args.join(' ')).toEqual({ ...none, stderr: usage('an empty path is not a folder (for the current folder, give .)') });
    }
  });
});

describe('stdout or stderr closed early (sot check | head -1)', () => {
  it('stops writing without a stack trace and exits with the check\'s own code', () => {
    // `true` exits at once, so every write of sot meets a pipe without a reader (EPIPE).
    const r = spawnSync('bash', ['-c', `node bin/sot.js check ${BROKEN} --format json --timings 2>&1 | true; echo "exit \${PIPESTATUS[0]}"`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '' },
    });
    expect([r.stdout, r.stderr]).toEqual(['exit 1\n', '']);
  });
});

describe('--quiet with --fail-on warning', () => {
  it('the summary counts the hidden warnings, so a failing run never says "no problems"', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sot-warn-')), 'inv');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sot.yaml'), 'format: 1\n');
    cpSync(join(BROKEN, 'device-types'), join(dir, 'device-types'), { recursive: true });
    expect(await run(['check', dir, '-q', '--fail-on', 'warning'])).toEqual({ code: 1, stdout: '⚠ 0 errors, 1 warning (1 hidden by --quiet) in 2 files (0.00 s)\n', stderr: '' });
    expect(await run(['check', dir, '-q'])).toEqual({ code: 0, stdout: '⚠ 0 errors, 1 warning (1 hidden by --quiet) in 2 files (0.00 s)\n', stderr: '' });
    const json = JSON.parse((await run(['check', dir, '-q', '--format', 'json'])).stdout);
    expect([json.summary.warnings, json.summary.hiddenWarnings, json.diagnostics]).toEqual([0, 1, []]);
    // Without --quiet the JSON summary keeps its keys.
    expect(Object.keys(JSON.parse((await run(['check', dir, '--format', 'json'])).stdout).summary)).toEqual(['errors', 'warnings', 'files', 'elapsedMs']);
  });
});

describe('colour: NO_COLOR > FORCE_COLOR > TERM=dumb > terminal', () => {
  it('decides in that order', () => {
    const cases: [Io['env'], boolean, boolean][] = [
      [{}, true, true],
      [{}, false, false],
      [{ NO_COLOR: '1' }, true, false],
      [{ NO_COLOR: '' }, true, true],
      [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
      [{ FORCE_COLOR: '1' }, false, true],
      [{ FORCE_COLOR: '2' }, false, true],
      [{ FORCE_COLOR: '3' }, false, true],
      [{ FORCE_COLOR: 'true' }, false, true],
      [{ FORCE_COLOR: '0' }, true, false],
      [{ FORCE_COLOR: 'false' }, true, false],
      [{ FORCE_COLOR: '' }, false, false],
      [{ FORCE_COLOR: 'yes' }, false, false],
      [{ FORCE_COLOR: '1', TERM: 'dumb' }, false, true],
      [{ TERM: 'dumb' }, true, false],
      [{ TERM: 'xterm-256color' }, true, true],
    ];
    for (const [env, tty, want] of cases) expect(colorWanted(env, tty), `${JSON.stringify(env)} tty=${tty}`).toBe(want);
  });

  it('reaches sot check: FORCE_COLOR=1 colours a pipe, TERM=dumb keeps a terminal plain', async () => {
    const target = 'test/fixtures/invalid/unknown-field';
    expect((await run(['check', target], { env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[31merror\x1b[0m');
    expect((await run(['check', target], { isTTY: true, env: { TERM: 'dumb' } })).stdout).not.toContain('\x1b[');
    expect((await run(['check', target], { isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await run(['check', target], { isTTY: true })).stdout).toContain('\x1b[31merror\x1b[0m');
  });
});

describe('--output <file>', () => {
  it('writes the report to the file, nothing to stdout, and the same bytes as stdout would get', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sot-out-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'an older report');
    const r = await run(['check', BROKEN, '--format', 'gitlab', '--output', out]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', '']);
    expect(readFileSync(out, 'utf8')).toBe((await run(['check', BROKEN, '--format', 'gitlab'])).stdout);
    // Nothing left beside it.
    expect(readdirSync(dir)).toEqual(['report.json']);
    // Pretty output into a file has no colour, whatever the terminal.
    await run(['check', BROKEN, '-o', out], { isTTY: true });
    expect(readFileSync(out, 'utf8')).not.toContain('\x1b[');
  });

  it('a missing folder, a folder in its place or an empty name is a usage error before any work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sot-out-'));
    expect(await run(['check', BROKEN, '--output', 'no/such/report.json'])).toEqual({ code: 2, stdout: '', stderr: usage('cannot write no/such/report.json: no folder no/such') });
    expect(await run(['check', BROKEN, '--output', dir])).toEqual({ code: 2, stdout: '', stderr: usage(`cannot write ${dir}: it is a folder`) });
    expect(await run(['check', BROKEN, '--output', ''])).toEqual({ code: 2, stdout: '', stderr: usage('--output takes a file name') });
  });
});

/** `file:line rule` of each diagnostic in a JSON report. */
function located(stdout: string): string[] {
  return JSON.parse(stdout).diagnostics.map((d: { file: string; line: number; rule: string }) => `${d.file}:${d.line} ${d.rule}`);
}

describe('sot check <files…>: the whole inventory checked, problems reported in the files given', () => {
  it('reports only the files given, relative to the current folder, and exits by them', async () => {
    const inv = brokenCopy();
    const r = await run(['check', 'sites/ams3.yaml', 'sites/ams2.yaml', '--format', 'json'], { cwd: inv });
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(located(r.stdout)).toEqual(['sites/ams2.yaml:2 resolve/duplicate-key', 'sites/ams2.yaml:4 schema/unknown-collection', 'sites/ams3.yaml:4 yaml/duplicate-key']);
    // A file whose only problem is a warning: clean unless warnings fail.
    const warned = await run(['check', 'inv/device-types/Acme/L-48.yaml'], { cwd: join(inv, '..') });
    expect([warned.code, warned.stdout.split('\n').at(-2)]).toEqual([0, '⚠ 0 errors, 1 warning in 6 files (0.00 s)']);
    expect((await run(['check', 'inv/device-types/Acme/L-48.yaml', '--fail-on', 'warning'], { cwd: join(inv, '..') })).code).toBe(1);
  });

  it('a file outside the inventory, a folder among files or a missing file is a usage error; one the inventory does not read gets a note', async () => {
    const inv = brokenCopy();
    writeFileSync(join(inv, '..', 'elsewhere.yaml'), 'x: 1\n');
    expect(await run(['check', 'sites/ams1.yaml', '../elsewhere.yaml'], { cwd: inv })).toEqual({ code: 2, stdout: '', stderr: usage('../elsewhere.yaml is outside the inventory at .') });
    expect(await run(['check', 'sites/ams1.yaml', 'sites'], { cwd: inv })).toEqual({ code: 2, stdout: '', stderr: usage(`sites is a folder: give the inventory's folder alone, or files`) });
    expect(await run(['check', 'sites/nope.yaml'], { cwd: inv })).toEqual({ code: 2, stdout: '', stderr: usage('no file or folder at sites/nope.yaml') });
    writeFileSync(join(inv, 'notes.txt'), 'not yaml\n');
    const r = await run(['check', 'notes.txt'], { cwd: inv });
    expect(r).toEqual({
      code: 0,
      stdout: '✔ no problems in 6 files (0.00 s)\n',
      stderr: 'sot: note: notes.txt is not a file of the inventory (not YAML, excluded by sot.yaml or ignored by git): nothing is reported for it\n',
    });
  });

  it('--changed <rev>: the files changed since the commit and the untracked ones', async () => {
    const repo = newRepo();
    const inv = join(repo, 'net');
    cpSync(BROKEN, inv, { recursive: true });
    commitFiles(repo, {});
    writeFileSync(join(inv, 'sites/ams3.yaml'), `${readFileSync(join(inv, 'sites/ams3.yaml'), 'utf8')}\n`);
    writeFileSync(join(inv, 'new.yaml'), 'sites:\n  - name: NEW\n    slug: new\n    colour: red\n');
    writeFileSync(join(repo, 'outside.yaml'), 'x: 1\n');
    const r = await run(['check', 'net', '--changed', 'HEAD', '--format', 'json'], { cwd: repo });
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(located(r.stdout)).toEqual(['net/new.yaml:4 schema/unknown-field', 'net/sites/ams3.yaml:4 yaml/duplicate-key']);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'more');
    const clean = await run(['check', 'net', '--changed', 'HEAD'], { cwd: repo });
    expect([clean.code, clean.stdout]).toEqual([0, '✔ no problems in 7 files (0.00 s)\n']);
    expect(await run(['check', 'net', '--changed', 'no-such-rev'], { cwd: repo })).toEqual({
      code: 2,
      stdout: '',
      stderr: usage('cannot list the files changed since "no-such-rev": not in a git repository, or git does not know that revision'),
    });
    expect((await run(['check', 'net', '--changed', '--output=x'], { cwd: repo })).code).toBe(2);
    expect(await run(['check', 'net/sot.yaml', '--changed', 'HEAD'], { cwd: repo })).toEqual({ code: 2, stdout: '', stderr: usage('give files or --changed, not both') });
  });
});

/** A problem whose message and file name hold every character that needs care in XML. */
const HOSTILE: Diagnostic = {
  rule: 'schema/unknown-field',
  severity: 'warning',
  message: 'bad <name> & "quote" \'apos\' ]]> \x00\x01\x08\x0b\x0c\x1b\x7f \ud800 \ufffe tab\there\nline',
  location: { file: 'a&b<c>.yaml', path: ['sites', 0, 'x'], range: { start: { line: 2, column: 4 }, end: { line: 2, column: 9 } } },
};
const ctx = { displayPath: (f: string) => f, source: () => undefined, color: false };

describe('--format junit', () => {
  it('is well-formed XML: a testsuite per file, a testcase with a failure per problem, control characters replaced', async () => {
    const r = await run(['check', BROKEN, '--format', 'junit']);
    expect(r.code).toBe(1);
    const body = r.stdout.replace(/^<\?xml version="1.0" encoding="UTF-8"\?>\n/, '');
    expect(body).not.toBe(r.stdout);
    const { problems, elements } = checkXml(body);
    expect(problems).toEqual([]);
    expect(elements[0]).toMatchObject({ name: 'testsuites', attrs: { name: 'sot check', tests: '9', failures: '9', errors: '0' } });
    const suites = elements.filter((e) => e.name === 'testsuite').map((e) => [e.attrs.name, e.attrs.tests]);
    expect(suites).toEqual([
      ['test/fixtures/invalid/broken-inventory/device-types/Acme/L-48.yaml', '1'],
      ['test/fixtures/invalid/broken-inventory/organization.yaml', '2'],
      ['test/fixtures/invalid/broken-inventory/sites/ams1.yaml', '3'],
      ['test/fixtures/invalid/broken-inventory/sites/ams2.yaml', '2'],
      ['test/fixtures/invalid/broken-inventory/sites/ams3.yaml', '1'],
    ]);
    expect(elements.filter((e) => e.name === 'failure').length).toBe(9);

    const hostile = junit({ diagnostics: [HOSTILE], filesRead: 1, elapsedMs: 0, version: '0' }, ctx);
    // eslint-disable-next-line no-control-regex
    expect(hostile).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\ud800]/);
    const parsed = checkXml(hostile.slice(hostile.indexOf('\n') + 1));
    expect(parsed.problems).toEqual([]);
    const failure = parsed.elements.find((e) => e.name === 'failure')!;
    expect(unescapeXml(failure.attrs.message)).toBe('bad <name> & "quote" \'apos\' ]]> \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\x7f \ufffd \ufffd tab&#9;here&#10;line');
    expect(parsed.elements.find((e) => e.name === 'testsuite')!.attrs.name).toBe('a&amp;b&lt;c&gt;.yaml');
    expect(escapeXml('a\tb\nc\r', true)).toBe('a&#9;b&#10;c&#13;');
  });

  it('a clean check is one passing testcase', async () => {
    const r = await run(['check', 'test/fixtures/valid/minimal', '--format', 'junit']);
    expect([r.code, r.stdout.replace(/time="[\d.]+"/, 'time="0"')]).toEqual([
      0,
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sot check" tests="1" failures="0" errors="0" time="0">\n' +
        '  <testsuite name="sot check" tests="1" failures="0" errors="0">\n    <testcase classname="sot check" name="no problems in 1 file"/>\n  </testsuite>\n</testsuites>\n',
    ]);
    expect(checkXml(r.stdout.slice(r.stdout.indexOf('\n') + 1)).problems).toEqual([]);
  });
});

/** GitLab's Code Quality report format, as its documentation lists the keys (https://docs.gitlab.com/ci/testing/code_quality/). */
const GITLAB_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\./|\\.\\./)' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

describe('--format gitlab', () => {
  it('has the documented shape: major for errors, minor for warnings, paths from the repository root, unique stable fingerprints', async () => {
    const r = await run(['check', BROKEN, '--format', 'gitlab']);
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(GITLAB_SCHEMA);
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues[0]).toEqual({
      description: issues[0].description,
      check_name: 'schema/unknown-field',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: 'minor',
      location: { path: 'test/fixtures/invalid/broken-inventory/device-types/Acme/L-48.yaml', lines: { begin: 9 } },
    });
    expect(issues.filter((i: { severity: string }) => i.severity === 'major').length).toBe(8);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(9);
    // The same problem on another line keeps its fingerprint; the same problem twice gets two.
    const moved = { ...HOSTILE, location: { ...HOSTILE.location, range: { start: { line: 7, column: 0 }, end: { line: 7, column: 1 } } } };
    const one = JSON.parse(gitlab({ diagnostics: [HOSTILE], filesRead: 1, elapsedMs: 0, version: '0' }, ctx));
    const two = JSON.parse(gitlab({ diagnostics: [moved, HOSTILE], filesRead: 1, elapsedMs: 0, version: '0' }, ctx));
    expect(two[0].fingerprint).toBe(one[0].fingerprint);
    expect(two[1].fingerprint).not.toBe(one[0].fingerprint);
    expect((await run(['check', 'test/fixtures/valid/minimal', '--format', 'gitlab'])).stdout).toBe('[]\n');
  });
});

describe('a status line on stderr while a check runs on a terminal', () => {
  const erase = '\r\x1b[K';
  const phases = ['reading', 'parsing', 'resolving', 'checking', 'locating'].map((p) => `${erase}sot check: ${p}…`).join('');

  it('names each phase and is erased before the report', async () => {
    const r = await run(['check', 'test/fixtures/valid/minimal'], { stderrIsTTY: true });
    expect([r.code, r.stderr, r.stdout]).toEqual([0, `${phases}${erase}`, '✔ no problems in 1 file (0.00 s)\n']);
  });

  it('never in a pipe, on a dumb terminal or in CI', async () => {
    for (const opts of [{ stderrIsTTY: false }, { stderrIsTTY: true, env: { TERM: 'dumb' } }, { stderrIsTTY: true, env: { CI: 'true' } }]) {
      expect((await run(['check', 'test/fixtures/valid/minimal'], opts)).stderr, JSON.stringify(opts)).toBe('');
    }
  });
});

describe('docs links lead to pages that ship with sot', () => {
  it('every rule id has its page in the package\'s docs folder, which the package ships', () => {
    const root = packageRoot();
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).files).toContain('docs');
    const missing = Object.keys(allRules()).filter((id) => !existsSync(fileURLToPath(ruleDocs(id).url)) || !existsSync(join(root, 'docs/rules', `${id}.md`)));
    expect(missing).toEqual([]);
  });

  it('so does every docs link pretty, json and sarif print', async () => {
    const links: string[] = [];
    links.push(...Array.from((await run(['check', BROKEN])).stdout.matchAll(/^ {2}docs: (.+)$/gm), (m) => m[1]));
    links.push(...JSON.parse((await run(['check', BROKEN, '--format', 'json'])).stdout).diagnostics.map((d: { docs: string }) => d.docs));
    const sarif = JSON.parse((await run(['check', BROKEN, '--format', 'sarif'])).stdout);
    links.push(...sarif.runs[0].tool.driver.rules.map((r: { helpUri: string }) => fileURLToPath(r.helpUri)));
    expect(links.length).toBe(9 + 9 + 8);
    expect(links.filter((l) => !existsSync(l.startsWith('/') ? l : join(packageRoot(), l)))).toEqual([]);
  });
});

// The Action's entry point against a fake GitHub API on 127.0.0.1, with recorded event payloads and a
// real git repository holding an inventory at a base and a head commit. No network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runAction } from '../src/action/run.js';
import { COMMENT_MARKER } from '../src/action/comment.js';
import { parseEvent } from '../src/action/event.js';
import { readInputs } from '../src/action/inputs.js';
import { jobSummary } from '../src/action/summary.js';
import { markdownText } from '../src/diff/format-markdown.js';
import { fakeGitHub, type FakeGitHub } from './helpers/fake-github.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';
import { sarifValidator } from './helpers/sarif-schema.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'action');
const TOKEN = 'ghs_fakeTOKEN0123456789abcdefSECRET';

const SOT_YAML = 'format: 1\nname: acme\n';
const AMS1 = 'sites:\n  - name: AMS1\n    slug: ams1\n    status: active\n';
const AMS2 = `${AMS1}  - name: AMS2\n    slug: ams2\n    status: active\n`;
/** Two errors: a duplicate slug (with a related location) and an unknown field. */
const BROKEN = `${AMS1}  - name: AMS2\n    slug: ams1\n    status: active\n    colour: red\n`;

/** `n` sites, each with an unknown field: n errors. */
function manyProblems(n: number): string {
  let out = 'sites:\n';
  for (let i = 0; i < n; i++) out += `  - name: S${i}\n    slug: s${i}\n    status: active\n    colour: red\n`;
  return out;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

interface Scenario {
  repo: string;
  base: string;
  head: string;
}

/** A repository with the inventory in net/: the base commit, then the head commit with `sites`. */
function scenario(sites: string, sotYaml = SOT_YAML): Scenario {
  const repo = newRepo();
  const base = commitFiles(repo, { 'net/sot.yaml': SOT_YAML, 'net/sites.yaml': AMS1, 'README.md': 'network\n' }, 'base');
  const head = commitFiles(repo, { 'net/sot.yaml': sotYaml, 'net/sites.yaml': sites }, 'head');
  return { repo, base, head };
}

function eventFile(fixture: string, s: Scenario): string {
  const text = readFileSync(join(FIXTURES, fixture), 'utf8').replaceAll('BASE_SHA', s.base).replaceAll('HEAD_SHA', s.head);
  const path = join(mkdtempSync(join(tmpdir(), 'sot-event-')), 'event.json');
  writeFileSync(path, text);
  return path;
}

function runnerEnv(s: Scenario, event: string, fixture: string, api: FakeGitHub | undefined, inputs: Record<string, string> = {}): Record<string, string> {
  const files = mkdtempSync(join(tmpdir(), 'sot-runner-'));
  const summary = join(files, 'summary.md');
  const output = join(files, 'output');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: s.repo,
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventFile(fixture, s),
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_API_URL: api?.url ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/network',
    GITHUB_RUN_ID: '4242',
    INPUT_PATH: 'net',
    INPUT_BASE: '',
    INPUT_FAIL_ON: 'error',
    INPUT_COMMENT: 'true',
    INPUT_TOKEN: TOKEN,
    INPUT_BUILD: '',
    INPUT_SARIF: '',
    ...inputs,
  };
}

function readOutputs(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    const eq = line.indexOf('=');
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

async function act(env: Record<string, string>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runAction(env, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  const run = { code, stdout, stderr, summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'), outputs: readOutputs(env.GITHUB_OUTPUT) };
  expectNoToken(run);
  return run;
}

/** The token is in no output: only the ::add-mask:: line, which the runner consumes, holds it. */
function expectNoToken(run: Run): void {
  const lines = run.stdout.split('\n').filter((l) => l.includes(TOKEN));
  expect(lines).toEqual(lines.length ? [`::add-mask::${TOKEN}`] : []);
  expect(run.stderr).not.toContain(TOKEN);
  expect(run.summary).not.toContain(TOKEN);
  expect(run.summary).not.toContain(markdownText(TOKEN));
  expect(JSON.stringify(run.outputs)).not.toContain(TOKEN);
}

const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning) /.test(l));

let api: FakeGitHub;
beforeEach(async () => {
  api = await fakeGitHub();
});
afterEach(async () => {
  await api.close();
});

describe('the Action on a pull request from the same repository', () => {
  it('a clean pull request: no annotations, a summary with the diff, one comment created, outputs set, success', async () => {
    const s = scenario(AMS2);
    const run = await act(runnerEnv(s, 'pull_request', 'pull_request.json', api));
    expect(run.code).toBe(0);
    expect(annotations(run.stdout)).toEqual([]);
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`);
    expect(run.stdout).toMatch(/^✔ no problems in 2 files \(\d+\.\d\d s\)$/m);
    expect(run.outputs).toEqual({ errors: '0', warnings: '0', 'changed-objects': '1', 'changed-configs': '0' });

    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/network/issues/7/comments?per_page=100',
      'POST /repos/acme/network/issues/7/comments',
    ]);
    expect(api.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    const body: string = api.requests[1].body.body;
    expect(body.startsWith(`${COMMENT_MARKER}\n### sot diff main (${s.base.slice(0, 7)}) → pull request \\#7\n`)).toBe(true);
    expect(body).toContain('| dcim.site | 1 | 0 | 0 | 0 |');
    expect(body.endsWith('\nHead: 0 errors, 0 warnings · [every problem in the job summary](https://github.com/acme/network/actions/runs/4242)\n')).toBe(true);
    expect(run.stdout).toContain('Pull request comment created (id 9000)\n');

    expect(run.summary.startsWith(`## sot check\n\n✔ no problems in 2 files · inventory net at ${s.head.slice(0, 7)}\n\n## Changes\n\n### sot diff main (${s.base.slice(0, 7)}) → pull request \\#7\n`)).toBe(true);
    expect(run.summary).toContain('| dcim.site | 1 | 0 | 0 | 0 |');
  });

  it('a pull request with errors: annotations on the lines from the repository root, every problem in the summary, a failed step', async () => {
    const s = scenario(BROKEN);
    const run = await act(runnerEnv(s, 'pull_request', 'pull_request.json', api));
    expect(run.code).toBe(1);
    expect(annotations(run.stdout)).toEqual([
      '::error file=net/sites.yaml,line=6,col=11,endLine=6,endColumn=15,title=resolve/duplicate-key::duplicate site slug "ams1"%0Aat: sites[name=AMS2]%0Arelated: net/sites.yaml:3:11 the other site "AMS1"%0Ahelp: a site\'s slug must be unique; change one of them, or merge them if they are one site',
      expect.stringMatching(/^::error file=net\/sites.yaml,line=8,col=5,endLine=8,endColumn=11,title=schema\/unknown-field::unknown field "colour" in site%0A/),
    ]);
    expect(run.stderr).toBe('sot: failing the step (fail-on: error): 2 errors, 0 warnings\n');
    expect(run.outputs).toEqual({ errors: '2', warnings: '0', 'changed-objects': '1', 'changed-configs': '0' });
    expect(run.summary).toContain(
      '✖ **2 errors**, **0 warnings** in 2 files · inventory net at ' +
        `${s.head.slice(0, 7)}\n\n### Problems (2)\n\n#### net/sites.yaml\n\n` +
        '- **error** resolve/duplicate-key at line 6, column 11: duplicate site slug "ams1"\n' +
        '  - related: net/sites.yaml:3:11 the other site "AMS1"\n' +
        "  - help: a site's slug must be unique; change one of them, or merge them if they are one site\n" +
        '- **error** schema/unknown-field at line 8, column 5: unknown field "colour" in site\n',
    );
    // The comment names the problems the pull request brings.
    const body: string = api.requests[1].body.body;
    expect(body).toContain('**2** introduced');
    expect(body).toContain('Head: 2 errors, 0 warnings');
    // Files named from the repository root, as in the annotations.
    expect(body).toContain('resolve/duplicate-key at net/sites.yaml:6:11');
  });

  it('a second run on the same pull request updates the one comment; a run with nothing new leaves it be', async () => {
    const s = scenario(AMS2);
    await act(runnerEnv(s, 'pull_request', 'pull_request.json', api));
    // Someone else's comment, after ours, quoting its marker: never taken for ours.
    api.comments.get(7)!.push({ id: 1, body: `> ${COMMENT_MARKER}\n> quoted`, user: { login: 'alice', type: 'User' } });
    const first = api.comments.get(7)![0].body;

    // A new push to the pull request.
    s.head = commitFiles(s.repo, { 'net/sites.yaml': BROKEN }, 'second push');
    api.requests.length = 0;
    const second = await act(runnerEnv(s, 'pull_request', 'pull_request.json', api));
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/network/issues/7/comments?per_page=100',
      'PATCH /repos/acme/network/issues/comments/9000',
    ]);
    expect(second.stdout).toContain('Pull request comment updated (id 9000)\n');
    const comments = api.comments.get(7)!;
    expect(comments.map((c) => c.id)).toEqual([9000, 1]);
    expect(comments[0].body).not.toBe(first);
    expect(comments[0].body).toContain('Head: 2 errors, 0 warnings');

    api.requests.length = 0;
    const third = await act(runnerEnv(s, 'pull_request', 'pull_request.json', api));
    expect(api.requests.map((r) => r.method)).toEqual(['GET']);
    expect(third.stdout).toContain('Pull request comment unchanged (id 9000)\n');
  });

  it('finds its comment on a later page of a long conversation', async () => {
    const s = scenario(AMS2);
    const others = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, user: { login: 'bob', type: 'User' } }));
    api.comments.set(7, [...others, { id: 777, body: `${COMMENT_MARKER}\nold`, user: { login: 'github-actions[bot]', type: 'Bot' } }]);
    await act(runnerEnv(s, 'pull_request', 'pull_request.json', api));
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/network/issues/7/comments?per_page=100',
      'GET /repos/acme/network/issues/7/comments?per_page=100&page=2',
      'PATCH /repos/acme/network/issues/comments/777',
    ]);
  });

  it('a token the API refuses (403): a notice, no failure from it, the rest as usual', async () => {
    const s = scenario(AMS2);
    api.refuseWith = 403;
    const run = await act(runnerEnv(s, 'pull_request', 'pull_request.json', api));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '::notice title=sot%3A no pull request comment::the token may not comment (HTTP 403: a read-only token, or the workflow lacks `pull-requests: write`); the annotations and the job summary hold everything the comment would\n',
    );
    expect(run.summary).toContain('No pull request comment: the token may not comment (HTTP 403');
    expect(run.outputs.errors).toBe('0');
  });

  it('a pull request with 300 problems: all 300 in the summary, the annotations say how many GitHub will not show', async () => {
    const s = scenario(manyProblems(300));
    const run = await act(runnerEnv(s, 'pull_request', 'pull_request.json', api, { INPUT_FAIL_ON: 'none' }));
    expect(run.code).toBe(0);
    expect(annotations(run.stdout)).toHaveLength(300);
    expect(run.stdout).toContain(
      '::notice title=sot%3A problems not annotated::290 more problems not annotated (GitHub shows 10 errors and 10 warnings per step): all 300 are in the job summary, or run sot check on the inventory.\n',
    );
    expect(run.summary).toContain('### Problems (300)\n\n#### net/sites.yaml\n\n');
    expect(run.summary.match(/^- \*\*error\*\* schema\/unknown-field at line \d+, column 5: unknown field "colour" in site$/gm)).toHaveLength(300);
    expect(run.summary).not.toContain('not listed');
    expect(run.outputs.errors).toBe('300');
    const body: string = api.requests[1].body.body;
    expect(body.length).toBeLessThanOrEqual(65536);
  });

  it('fail-on: warning fails on warnings alone; none never fails', async () => {
    // A duplicate prefix made a warning in sot.yaml: a head with one warning and no error.
    const warningsOnly = scenario(`${AMS1}prefixes:\n  - prefix: 10.0.0.0/24\n  - prefix: 10.0.0.0/24\n`, `${SOT_YAML}rules:\n  ipam/duplicate-prefix: warning\n`);
    const lenient = await act(runnerEnv(warningsOnly, 'pull_request', 'pull_request.json', api, { INPUT_COMMENT: 'false' }));
    expect(lenient.outputs).toMatchObject({ errors: '0', warnings: '1' });
    expect(annotations(lenient.stdout)).toEqual([expect.stringMatching(/^::warning file=net\/sites.yaml,line=7,col=13,endLine=7,endColumn=24,title=ipam\/duplicate-prefix::/)]);
    expect(lenient.code).toBe(0);
    const strict = await act(runnerEnv(warningsOnly, 'pull_request', 'pull_request.json', api, { INPUT_COMMENT: 'false', INPUT_FAIL_ON: 'warning' }));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('sot: failing the step (fail-on: warning): 0 errors, 1 warning\n');
    const never = await act(runnerEnv(scenario(BROKEN), 'pull_request', 'pull_request.json', api, { INPUT_COMMENT: 'false', INPUT_FAIL_ON: 'none' }));
    expect(never.code).toBe(0);
    expect(never.outputs.errors).toBe('2');
    // An invalid sot.yaml fails the step whatever fail-on says: nothing was checked as configured.
    const badConfig = await act(runnerEnv(scenario(AMS2, `${SOT_YAML}rules:\n  no/such-rule: warning\n`), 'pull_request', 'pull_request.json', api, { INPUT_COMMENT: 'false', INPUT_FAIL_ON: 'none' }));
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toBe('sot: failing the step: sot.yaml is invalid (see its errors above)\n');
    // comment: false asks nothing of the API.
    expect(api.requests).toEqual([]);
  });

  it('text that holds the token (here an inventory field named after it) is printed with the token hidden', async () => {
    const s = scenario(`${AMS2}    ${TOKEN}: 1\n`);
    const run = await act(runnerEnv(s, 'pull_request', 'pull_request.json', api, { INPUT_FAIL_ON: 'none' }));
    expect(annotations(run.stdout)[0]).toContain('unknown field "***" in site');
    expect(run.summary).toContain('unknown field "***" in site');
    const body: string = api.requests[1].body.body;
    expect(body).toContain('unknown field "***" in site');
    expect(body).not.toContain(markdownText(TOKEN));
    expect(body).not.toContain(TOKEN);
  });

  it('a wrong input is an error annotation and a failed step', async () => {
    const run = await act(runnerEnv(scenario(AMS2), 'pull_request', 'pull_request.json', api, { INPUT_FAIL_ON: 'sometimes' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('::error title=sot%3A wrong input::input fail-on takes error, warning or none, not "sometimes"\n');
  });
});

describe('the Action on a pull request from a fork', () => {
  it('annotations and summary as usual, no request to the API, a notice, no failure from the token', async () => {
    const s = scenario(BROKEN);
    const run = await act(runnerEnv(s, 'pull_request', 'pull_request_fork.json', api, { INPUT_FAIL_ON: 'none' }));
    expect(api.requests).toEqual([]);
    expect(run.code).toBe(0);
    expect(annotations(run.stdout)).toHaveLength(2);
    expect(run.stdout).toContain(
      '::notice title=sot%3A no pull request comment::the pull request comes from a fork, whose workflow token is read-only; the annotations and the job summary hold everything the comment would\n',
    );
    expect(run.summary).toContain('### Problems (2)');
    expect(run.summary).toContain('## Changes\n\n### sot diff');
    expect(run.summary.endsWith('\nNo pull request comment: the pull request comes from a fork, whose workflow token is read-only.\n')).toBe(true);
    expect(run.outputs).toEqual({ errors: '2', warnings: '0', 'changed-objects': '1', 'changed-configs': '0' });
  });
});

describe('the Action on push', () => {
  it('checks, builds into the folder it names, writes SARIF, comments nowhere', async () => {
    const s = scenario(AMS2);
    const run = await act(runnerEnv(s, 'push', 'push.json', api, { INPUT_BUILD: 'out/build', INPUT_SARIF: 'reports/sot.sarif' }));
    expect(run.code).toBe(0);
    expect(api.requests).toEqual([]);
    expect(run.stdout).toContain('SARIF written to reports/sot.sarif\n');
    expect(run.stdout).toMatch(/✔ built 0 configs, 3 exports and the manifest into out\/build\//);
    expect(existsSync(join(s.repo, 'out', 'build', 'manifest.json'))).toBe(true);
    expect(run.outputs).toEqual({ errors: '0', warnings: '0', sarif: join(s.repo, 'reports', 'sot.sarif'), 'build-dir': join(s.repo, 'out', 'build') });
    expect(run.summary).toBe(`## sot check\n\n✔ no problems in 2 files · inventory net at ${s.head.slice(0, 7)}\n\nBuilt into \`out/build\` (upload it with actions/upload-artifact).\n`);
  });

  it('SARIF from the Action: valid SARIF 2.1.0, paths from the repository root', async () => {
    const s = scenario(BROKEN);
    const run = await act(runnerEnv(s, 'push', 'push.json', api, { INPUT_SARIF: 'sot.sarif', INPUT_BUILD: 'out' }));
    expect(run.code).toBe(1);
    const doc = JSON.parse(readFileSync(join(s.repo, 'sot.sarif'), 'utf8'));
    expect(sarifValidator()(doc)).toEqual([]);
    expect(doc.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['net/sites.yaml', 'net/sites.yaml']);
    // Errors: nothing is built.
    expect(run.stdout).toContain('::notice title=sot%3A not built::the inventory has 2 errors; nothing was built\n');
    expect(existsSync(join(s.repo, 'out'))).toBe(false);
  });
});

describe('the Action in a shallow checkout', () => {
  it('without the base commit: an error that says to fetch the whole history', async () => {
    const s = scenario(AMS2);
    const clone = join(mkdtempSync(join(tmpdir(), 'sot-shallow-')), 'network');
    git(tmpdir(), 'clone', '-q', '--depth', '1', `file://${s.repo}`, clone);
    const run = await act(runnerEnv({ ...s, repo: clone }, 'pull_request', 'pull_request.json', api));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error title=sot%3A cannot read the base commit::unknown revision "${s.base}": this is a shallow clone, which lacks part of the history%0Ahelp: fetch the whole history with \`git fetch --unshallow\` (in GitHub Actions, set \`fetch-depth: 0\` on actions/checkout)`,
    );
    expect(api.requests).toEqual([]);
  });
});

describe('the Action entry point', () => {
  it('node dist/src/action/main.js: the step fails with exit code 1 on errors, annotations on stdout', () => {
    const s = scenario(BROKEN);
    const env = runnerEnv(s, 'pull_request', 'pull_request_fork.json', undefined);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'action', 'main.js')], { cwd: s.repo, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(annotations(r.stdout)).toHaveLength(2);
    expect(r.stdout.split('\n').filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
    expect(r.stderr).toBe('sot: failing the step (fail-on: error): 2 errors, 0 warnings\n');
    expect(readOutputs(env.GITHUB_OUTPUT)).toMatchObject({ errors: '2' });
  });

  it('action.yml: the inputs and outputs of the issue, each input handed to the entry point', () => {
    const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    expect(Object.keys(action.inputs)).toEqual(['path', 'base', 'fail-on', 'comment', 'token', 'build', 'sarif']);
    expect(action.inputs.token.default).toBe('${{ github.token }}');
    expect(action.inputs.comment.default).toBe('true');
    expect(Object.keys(action.outputs)).toEqual(['errors', 'warnings', 'changed-objects', 'changed-configs', 'build-dir', 'sarif']);
    for (const [name, o] of Object.entries<any>(action.outputs)) expect(o.value).toBe(`\${{ steps.sot.outputs.${name} }}`);
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((x: any) => x.id === 'sot');
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/dist/src/action/main.js"');
    const env: Record<string, string> = {};
    for (const name of Object.keys(action.inputs)) {
      const key = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
      expect(step.env[key]).toBe(`\${{ inputs.${name} }}`);
      env[key] = 'x';
    }
    expect(Object.keys(step.env)).toHaveLength(7);
    // Every variable the step sets is one readInputs reads.
    expect(() => readInputs({ ...env, INPUT_FAIL_ON: 'error', INPUT_COMMENT: 'true' })).not.toThrow();
  });
});

describe('the job summary', () => {
  it('stops listing before the 1 MiB GitHub takes and says how many problems it left out', () => {
    const diagnostics = Array.from({ length: 50 }, (_, i) => ({
      rule: 'schema/unknown-field',
      severity: 'error' as const,
      message: `unknown field "f${i}" in site`,
      location: { file: `sites/s${i % 2}.yaml`, range: { start: { line: i, column: 4 }, end: { line: i, column: 6 } } },
    }));
    const full = jobSummary({ inventory: 'net', diagnostics, filesRead: 3, path: (f) => `net/${f}` });
    expect(full.match(/^- \*\*error\*\*/gm)).toHaveLength(50);
    expect(full.indexOf('#### net/sites/s0.yaml')).toBeLessThan(full.indexOf('#### net/sites/s1.yaml'));
    const cut = jobSummary({ inventory: 'net', diagnostics, filesRead: 3, path: (f) => `net/${f}`, notes: ['Built.'] }, 1500);
    const listed = cut.match(/^- \*\*error\*\*/gm)!.length;
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(50);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1500);
    expect(cut).toContain(`\n${50 - listed} more problems not listed: GitHub takes at most 1 MiB of summary per step. Run sot check on the inventory for all of them.\n`);
    expect(cut.endsWith('\nBuilt.\n')).toBe(true);
  });
});

describe('reading the event', () => {
  const payload = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
  it('pull_request from the same repository, from a fork, and a push', () => {
    expect(parseEvent('pull_request', payload('pull_request.json'))).toEqual({
      kind: 'pull_request',
      number: 7,
      baseSha: 'BASE_SHA',
      baseRef: 'main',
      headSha: 'HEAD_SHA',
      repository: { owner: 'acme', repo: 'network' },
      fromFork: false,
    });
    expect(parseEvent('pull_request', payload('pull_request_fork.json'))).toMatchObject({ kind: 'pull_request', number: 8, fromFork: true, repository: { owner: 'acme', repo: 'network' } });
    expect(parseEvent('push', payload('push.json'))).toEqual({ kind: 'other', name: 'push', sha: 'HEAD_SHA' });
  });
  it('pull_request_target is never read as a pull request; a head repository that is gone is a fork', () => {
    expect(parseEvent('pull_request_target', payload('pull_request.json')).kind).toBe('other');
    const gone = payload('pull_request.json');
    gone.pull_request.head.repo = null;
    expect(parseEvent('pull_request', gone)).toMatchObject({ fromFork: true });
  });
});

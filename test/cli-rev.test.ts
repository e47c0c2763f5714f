// `sot check --rev`: an inventory as a commit holds it, in real repositories made with git.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';

const SITES = 'sites:\n  - {name: AMS1, slug: ams1, status: active}\n';
const BROKEN = 'sites:\n  - {name: AMS1, slug: ams1, status: actve}\n';

/** A repository whose inventory (in net/) is broken in the first commit and fixed in the second. */
function history(): { root: string; broken: string; fixed: string } {
  const root = newRepo();
  const broken = commitFiles(root, { 'net/sot.yaml': 'format: 1\n', 'net/sites.yaml': BROKEN }, 'add AMS1');
  const fixed = commitFiles(root, { 'net/sites.yaml': SITES }, 'fix the status of AMS1');
  return { root, broken, fixed };
}

describe('sot check --rev', () => {
  it('checks the inventory as a commit holds it, whatever the working tree holds, and leaves git status alone', async () => {
    const { root, broken } = history();
    // What sot check says of the first commit when it is checked out.
    git(root, 'checkout', '-q', 'HEAD~1');
    const checkedOut = await runCli(['check', 'net', '--format', 'github'], root);
    git(root, 'checkout', '-q', 'main');

    writeFileSync(join(root, 'net', 'sites.yaml'), 'sites: [\n'); // the working tree is broken otherwise
    const status = () => execFileSync('git', ['status', '--porcelain'], { cwd: root, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).toString();
    const index = join(root, '.git', 'index');
    const before = [status(), readFileSync(index), statSync(index).mtimeMs];

    const clean = await runCli(['check', '--rev', 'HEAD', 'net'], root);
    expect(clean).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });

    const old = await runCli(['check', 'net', '--rev', broken.slice(0, 10), '--format', 'github'], root);
    expect(old.code).toBe(1);
    expect(old.stderr).toBe('');
    expect(old.stdout).toContain('::error file=net/sites.yaml,line=2,col=38');
    expect(old.stdout).toContain('title=schema/invalid-choice');
    expect(old).toEqual(checkedOut);

    const json = JSON.parse((await runCli(['check', '--rev', 'HEAD~1', '--format', 'json'], join(root, 'net'))).stdout);
    expect(json.diagnostics.map((d: any) => [d.rule, d.file, d.line, d.column])).toEqual([['schema/invalid-choice', 'sites.yaml', 2, 38]]);

    expect([status(), readFileSync(index), statSync(index).mtimeMs]).toEqual(before);
    expect(before[0]).toBe(' M net/sites.yaml\n');
  });

  it('exits 2 with a message and help for an unknown revision, outside a repository and in a shallow clone', async () => {
    const { root, broken } = history();
    expect(await runCli(['check', '--rev', 'v9', 'net'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: `sot: unknown revision "v9" in ${git(root, 'rev-parse', '--show-toplevel').trim()}\nhelp: name a branch, a tag or a commit id of this repository (git log --oneline lists commits)\n`,
    });
    const outside = join(root, '..');
    const r = await runCli(['check', '--rev', 'HEAD', '.'], outside);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sot: ${outside} is not in a git repository\nhelp: reading a revision needs the inventory inside a git work tree (git init, or a clone of the repository)\n`);

    const clone = `${root}-clone`;
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, clone], { stdio: 'ignore' });
    expect(await runCli(['check', '--rev', 'HEAD', 'net'], clone)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
    expect(await runCli(['check', '--rev', broken, 'net'], clone)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `sot: unknown revision "${broken}": this is a shallow clone, which lacks part of the history\n` +
        'help: fetch the whole history with `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout); a branch may also need fetching (git fetch origin <branch>)\n',
    });
    expect((await runCli(['check', '--rev', '', 'net'], root)).stderr).toBe('sot: --rev takes a revision: a branch, a tag or a commit id\nRun "sot help" for usage.\n');
  });

  it('exits 2 for a commit without sot.yaml, as check does for a folder without one', async () => {
    const { root } = history();
    commitFiles(root, { 'other/a.yaml': 'sites: []\n' });
    const r = await runCli(['check', '--rev', 'HEAD', 'other', '--format', 'json'], root);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => d.rule)).toEqual(['settings/missing']);
  });

  it('is in sot help check', async () => {
    expect((await runCli(['help', 'check'])).stdout).toContain('sot check --rev <rev> [dir] [options]');
  });
});

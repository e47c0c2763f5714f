// Config discovery: a command given a folder inside an inventory works on the whole inventory, found
// upward by its sot.yaml (src/sources/discover.ts); without one, one settings/missing error.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverInventory } from '../src/sources/discover.js';
import { runCli } from './helpers/cli.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

const INVENTORY = {
  'inv/sot.yaml': 'format: 1\n',
  'inv/sites/ams1.yaml': 'sites:\n  - {name: AMS1, slug: ams1, status: active}\n',
  // A reference into another folder: checked alone, sites/ would not have it, nor dcim/ its site.
  'inv/dcim/racks.yaml': 'racks:\n  - {name: R1, site: AMS1, status: active, u_height: 42, width: 19}\n',
};

const HELP = '  help: an inventory is a folder with a sot.yaml (format: 1) at its root, found from the folder given or any folder below it; `sot init <folder>` creates one\n';

describe('inventory discovery', () => {
  it('finds the nearest sot.yaml upward, and stops at the top of a git work tree', () => {
    const outer = realpathSync(mkdtempSync(join(tmpdir(), 'sot-discover-')));
    write(outer, { 'sot.yaml': 'format: 1\n', 'repo/inv/sot.yaml': 'format: 1\n', 'repo/inv/sites/x/.keep': '', 'repo/other/y/.keep': '', 'plain/a/.keep': '' });
    git(join(outer, 'repo'), 'init', '-q');
    expect(discoverInventory(join(outer, 'repo/inv/sites/x'))).toEqual({ found: true, root: join(outer, 'repo/inv') });
    expect(discoverInventory(join(outer, 'repo/inv'))).toEqual({ found: true, root: join(outer, 'repo/inv') });
    // The outer sot.yaml is outside the repository: not this repository's inventory.
    expect(discoverInventory(join(outer, 'repo/other/y'))).toEqual({ found: false, start: join(outer, 'repo/other/y'), stop: join(outer, 'repo'), atRepository: true });
    // Outside git, up to the filesystem root.
    expect(discoverInventory(join(outer, 'plain/a'))).toEqual({ found: true, root: outer });
    // A folder named sot.yaml is no settings file.
    mkdirSync(join(outer, 'repo/other/sot.yaml'));
    expect(discoverInventory(join(outer, 'repo/other/y'))).toMatchObject({ found: false });
  });

  it('sot check from a subfolder checks the whole inventory, with paths relative to the current folder', async () => {
    const root = newRepo();
    write(root, INVENTORY);
    const sites = join(root, 'inv/sites');
    expect(await runCli(['check'], sites)).toEqual({ code: 0, stdout: '✔ no problems in 3 files (0.00 s)\n', stderr: '' });
    expect(await runCli(['check', '.'], sites)).toEqual({ code: 0, stdout: '✔ no problems in 3 files (0.00 s)\n', stderr: '' });
    expect(await runCli(['check', 'inv/dcim'], root)).toEqual({ code: 0, stdout: '✔ no problems in 3 files (0.00 s)\n', stderr: '' });

    write(root, { 'inv/dcim/racks.yaml': 'racks:\n  - {name: R1, site: AMS2, status: active, u_height: 42, width: 19}\n' });
    const r = await runCli(['check', '--format', 'github'], sites);
    expect(r).toEqual({
      code: 1,
      // GitHub's paths are the repository's.
      stdout:
        '::error file=inv/dcim/racks.yaml,line=2,col=22,endLine=2,endColumn=26,title=resolve/dangling-reference::no site "AMS2"; did you mean "AMS1"?%0Aat: racks[name=R1]%0Ahelp: define the site or fix the name\n' +
        '✖ 1 error, 0 warnings in 3 files (0.00 s)\n',
      stderr: '',
    });
    const pretty = await runCli(['check', '--format', 'json'], sites);
    expect(JSON.parse(pretty.stdout).diagnostics.map((d: any) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['../dcim/racks.yaml:2:22 resolve/dangling-reference']);
  });

  it('rack, ipam, context and the other commands find the inventory from a subfolder too', async () => {
    const root = newRepo();
    write(root, INVENTORY);
    const fromRoot = await runCli(['rack', 'AMS1/R1', 'inv'], root);
    expect(fromRoot.code).toBe(0);
    expect(await runCli(['rack', 'AMS1/R1'], join(root, 'inv/sites'))).toEqual(fromRoot);
    expect(await runCli(['ipam', 'tree'], join(root, 'inv/dcim'))).toEqual(await runCli(['ipam', 'tree', 'inv'], root));
    expect(await runCli(['test'], join(root, 'inv/dcim'))).toEqual({ code: 0, stdout: 'no expected outputs in .sot/expected/ (sot test --add <device> keeps a device\'s current render there)\n', stderr: '' });
  });

  it('diff, log and check --rev find the inventory from a subfolder of the working tree', async () => {
    const root = newRepo();
    commitFiles(root, INVENTORY, 'add AMS1 and R1');
    commitFiles(root, { 'inv/dcim/racks.yaml': 'racks:\n  - {name: R1, site: AMS1, status: planned, u_height: 42, width: 19}\n' }, 'plan R1');
    const sites = join(root, 'inv/sites');
    const diff = await runCli(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], sites);
    expect(diff.code).toBe(0);
    expect(diff).toEqual(await runCli(['diff', 'HEAD~1', 'HEAD', '--dir', 'inv', '--format', 'json'], root));
    expect(JSON.parse(diff.stdout).summary).toBeDefined();
    const log = await runCli(['log', 'rack', 'AMS1 / R1', '--format', 'json'], sites);
    expect(log.code).toBe(0);
    expect(JSON.parse(log.stdout).entries.map((e: any) => e.subject)).toEqual(['plan R1', 'add AMS1 and R1']);
    expect(log).toEqual(await runCli(['log', 'rack', 'AMS1 / R1', 'inv', '--format', 'json'], root));
    expect(await runCli(['check', '--rev', 'HEAD~1'], sites)).toEqual({ code: 0, stdout: '✔ no problems in 3 files (0.00 s)\n', stderr: '' });
  });

  it('without a sot.yaml in the folder or above it, one settings/missing error says where it looked', async () => {
    const root = newRepo();
    write(root, { 'a/b/sites.yaml': 'sites:\n  - {name: AMS1, slug: ams1}\n', 'a/b/racks.yaml': 'racks:\n  - {name: R1, site: NOPE}\n' });
    const sub = join(root, 'a/b');
    const expected =
      'sot.yaml:1:1  error  settings/missing  no inventory: no sot.yaml in . nor in any folder above it up to ../.. (the top of its git repository)\n' +
      HELP +
      '  docs: docs/rules/settings/missing.md\n\n' +
      '✖ 1 error, 0 warnings in 0 files (0.00 s)\n';
    expect(await runCli(['check'], sub)).toEqual({ code: 2, stdout: expected, stderr: '' });
    const json = JSON.parse((await runCli(['check', '--format', 'json'], sub)).stdout);
    expect(json.diagnostics.map((d: any) => [d.file, d.line, d.column, d.rule, d.message])).toEqual([
      ['sot.yaml', 1, 1, 'settings/missing', 'no inventory: no sot.yaml in . nor in any folder above it up to ../.. (the top of its git repository)'],
    ]);
    // Named from elsewhere: the paths are the current folder's.
    const fromTop = await runCli(['check', 'a/b'], root);
    expect(fromTop.stdout.split('\n')[0]).toBe('a/b/sot.yaml:1:1  error  settings/missing  no inventory: no sot.yaml in a/b nor in any folder above it up to . (the top of its git repository)');
    expect(await runCli(['check', '.'], root)).toMatchObject({ code: 2, stdout: expect.stringContaining('settings/missing  no inventory: no sot.yaml in .\n') });
    // The commands that show part of an inventory say the same on stderr.
    for (const args of [['rack', 'AMS1/R1'], ['ipam', 'tree'], ['trace', 'x:y'], ['context', 'x'], ['render', 'x'], ['test'], ['build', '--out', join(root, 'out')]]) {
      expect([args[0], await runCli(args, sub)]).toEqual([args[0], { code: 2, stdout: '', stderr: expected }]);
    }
  });

  it('outside git, looks up to the filesystem root', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'sot-nogit-')));
    mkdirSync(join(dir, 'x'));
    const found = discoverInventory(join(dir, 'x'));
    // Only where no folder above the temporary folder has a sot.yaml or a .git.
    if (found.found || found.atRepository) return;
    const r = await runCli(['check'], join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe('sot.yaml:1:1  error  settings/missing  no inventory: no sot.yaml in . nor in any folder above it up to the filesystem root');
  });

  it('init still creates the inventory in the folder given, inside another one', async () => {
    const root = newRepo();
    write(root, INVENTORY);
    const r = await runCli(['init', 'sub'], join(root, 'inv'));
    expect(r.code).toBe(0);
    expect(discoverInventory(join(root, 'inv/sub'))).toEqual({ found: true, root: join(root, 'inv/sub') });
  });
});

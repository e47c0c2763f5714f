// Which files are inventory: what git ignores is not (working tree only: a commit's files are not
// ignored), and sot.yaml's include and exclude select among the YAML files, in the working tree and
// in commits alike.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorktree } from '../src/sources/worktree.js';
import { runCli } from './helpers/cli.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

const SITES = 'sites:\n  - {name: AMS1, slug: ams1, status: active}\n';
/** Not inventory: read as one, an unknown collection. */
const FOREIGN = 'site_name: docs\n';

/** The rule ids and places of what `sot check` reports, from its JSON. */
async function problems(args: string[], cwd: string): Promise<{ code: number; found: string[] }> {
  const r = await runCli([...args, '--format', 'json'], cwd);
  return { code: r.code, found: JSON.parse(r.stdout).diagnostics.map((d: any) => `${d.file}:${d.line}:${d.column} ${d.rule}`) };
}

describe('files git ignores', () => {
  function repository(): string {
    const root = newRepo();
    write(root, {
      '.gitignore': 'generated/\n*.local.yaml\n',
      'inv/.gitignore': 'build-notes.yaml\n',
      'inv/sot.yaml': 'format: 1\n',
      'inv/sites.yaml': SITES,
      'inv/generated/x.yaml': FOREIGN,
      'inv/a.local.yaml': FOREIGN,
      'inv/build-notes.yaml': FOREIGN,
      'inv/scratch.yaml': FOREIGN,
      'inv/forced.local.yaml': 'regions:\n  - {name: Europe, slug: europe}\n',
    });
    writeFileSync(join(root, '.git/info/exclude'), 'scratch.yaml\n');
    // Tracked despite the ignore rule: git does not ignore tracked files, nor does sot.
    git(root, 'add', '-f', 'inv/forced.local.yaml');
    return root;
  }

  it('are not listed in a git work tree (.gitignore, nested .gitignore files, .git/info/exclude), tracked files always are', async () => {
    const root = repository();
    expect(listWorktree(join(root, 'inv'))).toEqual(['forced.local.yaml', 'sites.yaml', 'sot.yaml']);
    expect(await runCli(['check', 'inv'], root)).toEqual({ code: 0, stdout: '✔ no problems in 3 files (0.00 s)\n', stderr: '' });
    // The listing leaves the index and git status alone.
    expect(git(root, 'status', '--porcelain')).toBe('A  inv/forced.local.yaml\n?? .gitignore\n?? inv/.gitignore\n?? inv/sites.yaml\n?? inv/sot.yaml\n');
  });

  it('are listed as any file outside git, and a tracked file deleted from the working tree is not', async () => {
    const root = repository();
    const copy = mkdtempSync(join(tmpdir(), 'sot-nogit-'));
    cpSync(join(root, 'inv'), copy, { recursive: true });
    expect(listWorktree(copy)).toEqual(['a.local.yaml', 'build-notes.yaml', 'forced.local.yaml', 'generated/x.yaml', 'scratch.yaml', 'sites.yaml', 'sot.yaml']);
    git(root, 'add', 'inv/sites.yaml');
    rmSync(join(root, 'inv/sites.yaml'));
    expect(listWorktree(join(root, 'inv'))).toEqual(['forced.local.yaml', 'sot.yaml']);
  });

  it('do not hide an inventory git ignores as a whole (a generated one): it is listed as it is', () => {
    const root = newRepo();
    write(root, { '.gitignore': 'gen/\n', 'gen/inv/sot.yaml': 'format: 1\n', 'gen/inv/sites.yaml': SITES, 'gen/inv/sub/x.yaml': SITES });
    expect(listWorktree(join(root, 'gen/inv'))).toEqual(['sites.yaml', 'sot.yaml', 'sub/x.yaml']);
  });

  it('are read from a commit when it holds them (a commit\'s files are not ignored)', async () => {
    const root = newRepo();
    commitFiles(root, { 'inv/sot.yaml': 'format: 1\n', 'inv/sites.yaml': SITES, 'inv/generated/x.yaml': FOREIGN });
    write(root, { '.gitignore': 'generated/\n' });
    expect(await problems(['check', 'inv'], root)).toEqual({ code: 1, found: ['inv/generated/x.yaml:1:1 schema/unknown-collection'] });
    git(root, 'rm', '-q', '--cached', 'inv/generated/x.yaml');
    expect(await problems(['check', 'inv'], root)).toEqual({ code: 0, found: [] });
    expect(await problems(['check', '--rev', 'HEAD', 'inv'], root)).toEqual({ code: 1, found: ['inv/generated/x.yaml:1:1 schema/unknown-collection'] });
  });
});

describe('another inventory inside this one', () => {
  it('is not read: a folder with a sot.yaml of its own is skipped, in the working tree (with git and without) and in commits', async () => {
    const root = newRepo();
    const files = { 'inv/sot.yaml': 'format: 1\n', 'inv/sites.yaml': SITES, 'inv/lab/sot.yaml': 'format: 1\n', 'inv/lab/sites.yaml': SITES, 'inv/lab/x/y.yaml': FOREIGN };
    commitFiles(root, files);
    expect(listWorktree(join(root, 'inv'))).toEqual(['sites.yaml', 'sot.yaml']);
    expect(listWorktree(join(root, 'inv/lab'))).toEqual(['sites.yaml', 'sot.yaml', 'x/y.yaml']);
    const copy = mkdtempSync(join(tmpdir(), 'sot-nogit-'));
    cpSync(join(root, 'inv'), copy, { recursive: true });
    expect(listWorktree(copy)).toEqual(['sites.yaml', 'sot.yaml']);
    expect(await runCli(['check', '--rev', 'HEAD', 'inv'], root)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
    expect(await runCli(['check', 'inv'], root)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
    // From inside the inner one, the inner one.
    expect(await problems(['check'], join(root, 'inv/lab/x'))).toEqual({ code: 1, found: ['y.yaml:1:1 schema/unknown-collection'] });
  });
});

describe('include and exclude in sot.yaml', () => {
  const REPOSITORY = {
    'mkdocs.yml': FOREIGN,
    'docker-compose.yml': 'services: {}\n',
    'ansible/group_vars/all.yml': 'ntp_servers: []\n',
    'ansible/site.yml': '- hosts: all\n',
    'docs/mkdocs.yml': FOREIGN,
    'dcim/sites.yaml': SITES,
  };

  it('without them, every YAML file is read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sot-include-'));
    write(root, { ...REPOSITORY, 'sot.yaml': 'format: 1\n' });
    expect(await problems(['check'], root)).toEqual({
      code: 1,
      found: ['ansible/group_vars/all.yml:1:1 schema/unknown-collection', 'ansible/site.yml:1:1 schema/wrong-type', 'docker-compose.yml:1:11 schema/wrong-type', 'docs/mkdocs.yml:1:1 schema/unknown-collection', 'mkdocs.yml:1:1 schema/unknown-collection'],
    });
  });

  it('exclude leaves files and folders out, include keeps only what it names; both in the working tree', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sot-include-'));
    write(root, { ...REPOSITORY, 'sot.yaml': 'format: 1\nexclude: [ansible/**, mkdocs.yml, docker-compose.yml, "**/mkdocs.yml"]\n' });
    expect(await runCli(['check'], root)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
    write(root, { 'sot.yaml': 'format: 1\nexclude: [ansible, "*.yml"]\n' });
    expect(await problems(['check'], root)).toEqual({ code: 1, found: ['docs/mkdocs.yml:1:1 schema/unknown-collection'] });
    write(root, { 'sot.yaml': 'format: 1\ninclude: [dcim/**]\n' });
    expect(await runCli(['check'], root)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
    // Exclude wins over include.
    write(root, { 'sot.yaml': 'format: 1\ninclude: [dcim, docs]\nexclude: [docs/]\n' });
    expect(await runCli(['check'], root)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
    // The custom validators file sot.yaml names is read whatever the patterns say.
    write(root, { 'sot.yaml': 'format: 1\ninclude: [dcim]\noptions: {custom_validators: validators.yaml}\n', 'validators.yaml': 'dcim.site: [{name: {max_length: 3}}]\n' });
    expect(await problems(['check'], root)).toEqual({ code: 1, found: ['dcim/sites.yaml:2:12 extras/custom-validator'] });
  });

  it('apply to a commit as to the working tree (sot check --rev), with the commit\'s sot.yaml', async () => {
    const root = newRepo();
    commitFiles(root, { ...REPOSITORY, 'sot.yaml': 'format: 1\nexclude: [ansible/**, "**/mkdocs.yml", docker-compose.yml]\n' });
    write(root, { 'sot.yaml': 'format: 1\n' });
    expect(await runCli(['check', '--rev', 'HEAD'], root)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
    expect((await problems(['check'], root)).found).toHaveLength(5);
    commitFiles(root, { 'sot.yaml': 'format: 1\ninclude: [dcim]\n' });
    write(root, { 'sot.yaml': 'format: 1\n' });
    expect(await runCli(['check', '--rev', 'HEAD'], root)).toEqual({ code: 0, stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: '' });
  });

  it('a pattern that is no glob is a settings error at its line (exit 2)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sot-include-'));
    write(root, { 'dcim/sites.yaml': SITES, 'sot.yaml': 'format: 1\ninclude:\n  - dcim/**\n  - "*.{yml,yaml}"\nexclude: [ok, "/abs", "a[b"]\n' });
    const r = await runCli(['check', '--format', 'json'], root);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => [`${d.file}:${d.line}:${d.column}`, d.rule, d.message])).toEqual([
      ['sot.yaml:4:5', 'settings/invalid', 'include pattern "*.{yml,yaml}" is not a valid glob: braces ({a,b}) are not supported: write one pattern for each alternative'],
      ['sot.yaml:5:15', 'settings/invalid', 'exclude pattern "/abs" is not a valid glob: patterns are relative to the inventory root: leave out the leading "/"'],
      ['sot.yaml:5:23', 'settings/invalid', 'exclude pattern "a[b" is not a valid glob: the character class in "[b" has no closing "]"'],
    ]);
    write(root, { 'sot.yaml': 'format: 1\ninclude: []\nexclude: dcim\n' });
    expect(await problems(['check'], root)).toEqual({ code: 2, found: ['sot.yaml:2:10 schema/invalid-value', 'sot.yaml:3:10 schema/wrong-type'] });
  });
});

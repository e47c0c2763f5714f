// Hostile input to the sources phase: files and folders sot may not read, names that are not UTF-8,
// paths longer than PATH_MAX, FIFOs, symbolic links. Each is a located problem and the rest of the
// inventory is still checked; an unreadable inventory folder or sot.yaml is a configuration error.
// Permissions do not stop root, so as root the built CLI runs as nobody (uid 65534) on files it owns.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCommit, openRepository, resolveCommit } from '../src/sources/git.js';
import { runCli } from './helpers/cli.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';

const ROOT = join(import.meta.dirname, '..');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

const SITES = 'sites:\n  - {name: AMS1, slug: ams1, status: active}\n';
/** One mistake: reported only if the file is checked. */
const TYPO = 'sites:\n  - {name: AMS2, slug: ams2, statu: active}\n';

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

/** A folder the unprivileged user can reach: the run's temporary root is made traversable. */
function tempFolder(): string {
  if (asRoot) chmodSync(tmpdir(), 0o711);
  const dir = mkdtempSync(join(tmpdir(), 'sot-sources-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Gives everything below `dir` to nobody when running as root (whose permissions chmod cannot take away). */
function handOver(dir: string): void {
  if (!asRoot) return;
  chownSync(dir, NOBODY, NOBODY);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) handOver(path);
    else if (!entry.isSymbolicLink()) chownSync(path, NOBODY, NOBODY);
  }
}

/** The built CLI's JSON report, as nobody when running as root: exit code and `file:line:col rule reason`. */
function check(dir: string, cwd: string, extra: string[] = []): { code: number | null; found: string[]; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/sot.js'), 'check', dir, '--format', 'json', ...extra], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', SOT_TIMINGS: '', HOME: cwd },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  const report = r.stdout ? JSON.parse(r.stdout) : { diagnostics: [] };
  return {
    code: r.status,
    found: report.diagnostics.map((d: any) => `${d.file}:${d.line}:${d.column} ${d.rule}${d.data?.reason ? ` ${d.data.reason}` : ''}`),
    stderr: r.stderr,
  };
}

function messages(dir: string, cwd: string): string[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/sot.js'), 'check', dir, '--format', 'json'], { cwd, encoding: 'utf8', ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
  return JSON.parse(r.stdout).diagnostics.map((d: any) => `${d.rule}: ${d.message}`);
}

describe('files and folders sot may not read', () => {
  function inventory(): string {
    const cwd = tempFolder();
    write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/a.yaml': SITES, 'inv/b.yaml': SITES.replace(/AMS1|ams1/g, 'x'), 'inv/sub/c.yaml': TYPO, 'inv/locked/d.yaml': TYPO });
    handOver(cwd);
    return cwd;
  }

  it('an unreadable data file and sub-folder are each reported where they are; the rest is checked, exit 1', () => {
    const cwd = inventory();
    chmodSync(join(cwd, 'inv/b.yaml'), 0);
    chmodSync(join(cwd, 'inv/locked'), 0);
    expect(check('inv', cwd)).toEqual({
      code: 1,
      found: ['inv/b.yaml:1:1 sources/unreadable EACCES', 'inv/locked:1:1 sources/unreadable EACCES', 'inv/sub/c.yaml:2:30 schema/unknown-field'],
      stderr: '',
    });
    expect(messages('inv', cwd).slice(0, 2)).toEqual(['sources/unreadable: cannot read this file: permission denied', 'sources/unreadable: cannot list this folder: permission denied']);
    chmodSync(join(cwd, 'inv/locked'), 0o755);
  });

  it('as git lists them too: a folder git cannot open is reported (git only warns)', () => {
    const cwd = inventory();
    git(cwd, 'init', '-q');
    handOver(cwd);
    chmodSync(join(cwd, 'inv/locked'), 0);
    expect(check('inv', cwd).found).toEqual(['inv/locked:1:1 sources/unreadable EACCES', 'inv/sub/c.yaml:2:30 schema/unknown-field']);
    chmodSync(join(cwd, 'inv/locked'), 0o755);
  });

  it('an unreadable sot.yaml is a configuration error (exit 2), the data files still checked', () => {
    const cwd = inventory();
    chmodSync(join(cwd, 'inv/sot.yaml'), 0);
    chmodSync(join(cwd, 'inv/locked'), 0o755);
    const r = check('inv', cwd);
    expect(r.code).toBe(2);
    expect(r.found).toEqual(['inv/locked/d.yaml:2:30 schema/unknown-field', 'inv/sot.yaml:1:1 sources/unreadable EACCES', 'inv/sub/c.yaml:2:30 schema/unknown-field']);
  });

  it('an inventory folder that cannot be listed, or not even searched, is a configuration error (exit 2), never "no sot.yaml"', () => {
    const cwd = inventory();
    chmodSync(join(cwd, 'inv'), 0o311);
    expect(check('inv', cwd)).toEqual({ code: 2, found: ['inv:1:1 sources/unreadable EACCES'], stderr: '' });
    expect(messages('inv', cwd)).toEqual(['sources/unreadable: cannot list the inventory folder: permission denied']);
    chmodSync(join(cwd, 'inv'), 0);
    expect(check('inv', cwd)).toEqual({ code: 2, found: ['inv/sot.yaml:1:1 sources/unreadable EACCES'], stderr: '' });
    expect(messages('inv', cwd)).toEqual(['sources/unreadable: cannot look for sot.yaml in inv: permission denied']);
    chmodSync(join(cwd, 'inv'), 0o755);
  });
});

describe('paths sot cannot name', () => {
  it('a file whose name is not UTF-8 is reported at its name (U+FFFD for the bytes), walked or listed by git', () => {
    for (const withGit of [false, true]) {
      const cwd = tempFolder();
      write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/sub/c.yaml': TYPO });
      writeFileSync(Buffer.from(`${cwd}/inv/caf\xe9.yaml`, 'latin1'), TYPO);
      mkdirSync(Buffer.from(`${cwd}/inv/d\xe9p`, 'latin1'));
      writeFileSync(Buffer.from(`${cwd}/inv/d\xe9p/x.yaml`, 'latin1'), TYPO);
      if (withGit) git(cwd, 'init', '-q');
      expect(check('inv', cwd)).toEqual({
        code: 1,
        found: ['inv/caf\ufffd.yaml:1:1 sources/unreadable not-utf8', 'inv/d\ufffdp/x.yaml:1:1 sources/unreadable not-utf8', 'inv/sub/c.yaml:2:30 schema/unknown-field'],
        stderr: '',
      });
    }
  });

  it('a folder chain longer than PATH_MAX is reported at the folder the system will not list', () => {
    const cwd = tempFolder();
    write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/sub/c.yaml': TYPO });
    const name = 'd'.repeat(200);
    // The shell goes down one folder at a time, so no single path it uses is too long.
    execFileSync('sh', ['-c', `cd inv && for i in $(seq 1 25); do mkdir ${name} && cd ${name}; done && printf 'x: 1\\n' > deep.yaml`], { cwd });
    const deepest = Array.from({ length: 20 }, () => name).join('/');
    const r = check('inv', cwd);
    expect(r.code).toBe(1);
    expect(r.found).toHaveLength(2);
    expect(r.found[0]).toMatch(new RegExp(`^inv/${deepest}(/${name})*:1:1 sources/unreadable ENAMETOOLONG$`));
    expect(r.found[1]).toBe('inv/sub/c.yaml:2:30 schema/unknown-field');
    execFileSync('rm', ['-rf', join(cwd, 'inv', name)]);
  });
});

describe('FIFOs, sockets and devices', () => {
  it('are never opened: reported at their name, the rest checked (a read of the FIFO would block forever)', () => {
    const cwd = tempFolder();
    write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/sub/c.yaml': TYPO });
    execFileSync('mkfifo', [join(cwd, 'inv/pipe.yaml')]);
    for (const withGit of [false, true]) {
      if (withGit) git(cwd, 'init', '-q');
      expect(check('inv', cwd)).toEqual({ code: 1, found: ['inv/pipe.yaml:1:1 sources/not-a-file', 'inv/sub/c.yaml:2:30 schema/unknown-field'], stderr: '' });
    }
  });
});

describe('symbolic links', () => {
  function linked(withGit: boolean): string {
    const cwd = tempFolder();
    write(cwd, {
      'shared/sot.yaml': 'format: 1\n',
      'shared/typo.yaml': TYPO,
      'inv/sub/c.yaml': SITES,
      'outside-target.yaml': TYPO,
    });
    symlinkSync('../shared/sot.yaml', join(cwd, 'inv/sot.yaml'));
    symlinkSync('../shared/typo.yaml', join(cwd, 'inv/in-repo.yaml'));
    symlinkSync('nothing.yaml', join(cwd, 'inv/dangling.yaml'));
    symlinkSync('loop.yaml', join(cwd, 'inv/loop.yaml'));
    symlinkSync('sub', join(cwd, 'inv/folder.yaml'));
    if (withGit) {
      // Outside the repository: the repository is `cwd/repo`, the target beside it.
      git(cwd, 'init', '-q');
    }
    return cwd;
  }

  it('to a file inside the repository is checked at the link\'s path (sot.yaml too); leaving, dangling, looping or naming a folder is reported', () => {
    for (const withGit of [false, true]) {
      const cwd = linked(withGit);
      symlinkSync(withGit ? '/etc/hostname' : '../outside-target.yaml', join(cwd, 'inv/outside.yaml'));
      const inv = withGit ? 'inv' : '.';
      const at = withGit ? 'inv/' : '';
      // Outside git the boundary is the inventory root: ../shared is outside it, so sot.yaml is refused.
      const r = check(inv, withGit ? cwd : join(cwd, 'inv'));
      if (withGit) {
        expect(r).toEqual({
          code: 1,
          found: [
            `${at}dangling.yaml:1:1 sources/symlink dangling`,
            `${at}folder.yaml:1:1 sources/symlink folder`,
            `${at}in-repo.yaml:2:30 schema/unknown-field`,
            `${at}loop.yaml:1:1 sources/symlink loop`,
            `${at}outside.yaml:1:1 sources/symlink outside`,
          ],
          stderr: '',
        });
      } else {
        expect(r.code).toBe(2);
        expect(r.found).toEqual(['sot.yaml:1:1 sources/symlink outside']);
      }
    }
  });

  it('in a commit: followed inside the commit\'s tree, reported otherwise, never parsed as YAML', async () => {
    const root = newRepo();
    commitFiles(root, { 'shared/sot.yaml': 'format: 1\n', 'shared/typo.yaml': TYPO, 'inv/sub/c.yaml': SITES });
    symlinkSync('../shared/sot.yaml', join(root, 'inv/sot.yaml'));
    symlinkSync('../shared/typo.yaml', join(root, 'inv/in-repo.yaml'));
    symlinkSync('../../outside.yaml', join(root, 'inv/outside.yaml'));
    symlinkSync('nothing.yaml', join(root, 'inv/dangling.yaml'));
    symlinkSync('loop.yaml', join(root, 'inv/loop.yaml'));
    symlinkSync('sub', join(root, 'inv/folder.yaml'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'links');
    const repo = openRepository(join(root, 'inv'));
    expect((await listCommit(repo, resolveCommit(repo, 'HEAD'))).map((f) => f.file)).toEqual(['in-repo.yaml', 'sot.yaml', 'sub/c.yaml']);
    const r = await runCli(['check', '--rev', 'HEAD', 'inv', '--format', 'json'], root);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.data?.reason ?? ''}`.trim())).toEqual([
      'inv/dangling.yaml:1:1 sources/symlink dangling',
      'inv/folder.yaml:1:1 sources/symlink folder',
      'inv/in-repo.yaml:2:30 schema/unknown-field',
      'inv/loop.yaml:1:1 sources/symlink loop',
      'inv/outside.yaml:1:1 sources/symlink outside',
    ]);
  });
});

describe('writing where a file is', () => {
  it('sot init and sot schema --out onto a file, or below one, are a usage error (exit 2) that writes nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sot-write-'));
    writeFileSync(join(cwd, 'file'), 'x');
    expect(await runCli(['init', 'file'], cwd)).toEqual({ code: 2, stdout: '', stderr: `sot: ${join(cwd, 'file')} is a file, not a folder\n` });
    expect(await runCli(['init', 'file/inv'], cwd)).toEqual({ code: 2, stdout: '', stderr: `sot: cannot make ${join(cwd, "file/inv")}: ${join(cwd, 'file')} is a file, not a folder\n` });
    expect(await runCli(['schema', '--out', 'file'], cwd)).toEqual({ code: 2, stdout: '', stderr: `sot: ${join(cwd, 'file')} is a file, not a folder\n` });
    expect(await runCli(['schema', '--out', 'file/s'], cwd)).toEqual({ code: 2, stdout: '', stderr: `sot: cannot make ${join(cwd, "file/s")}: ${join(cwd, 'file')} is a file, not a folder\n` });
    expect(readdirSync(cwd)).toEqual(['file']);
    expect(existsSync(join(cwd, '.vscode'))).toBe(false);
  });
});

describe('an empty device type or module type file', () => {
  it('is reported (it defines nothing), while an empty collection file stays valid', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sot-empty-'));
    write(cwd, { 'sot.yaml': 'format: 1\n', 'empty.yaml': '', 'device-types/Acme/X.yaml': '', 'module-types/Acme/M.yaml': '# nothing yet\n', 'sub/c.yaml': TYPO });
    const r = await runCli(['check', '.', '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => `${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message}`)).toEqual([
      'device-types/Acme/X.yaml:1:1 schema/wrong-type: a device type file must hold one device type as a mapping, not an empty file',
      'module-types/Acme/M.yaml:1:1 schema/wrong-type: a module type file must hold one module type as a mapping, not an empty file',
      'sub/c.yaml:2:30 schema/unknown-field: unknown field "statu" in site; did you mean "status"?',
    ]);
  });
});

// Hostile input to the sources phase: files and folders sot may not read, names that are not UTF-8,
// paths longer than PATH_MAX, FIFOs, symbolic links. Each is a located problem and the rest of the
// inventory is still checked; an unreadable inventory folder or sot.yaml is a configuration error.
// Permissions do not stop root, so as root the cases that need them run as nobody (uid 65534) on files
// it owns: all of them in one process of the built code (dist/), started once. The others run in process.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCommit, openRepository, resolveCommit } from '../src/sources/git.js';
import { scanWorktree } from '../src/sources/worktree.js';
import { runCli } from './helpers/cli.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';

const ROOT = join(import.meta.dirname, '..');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

const SITES = 'sites:\n  - {name: AMS1, slug: ams1, status: active}\n';
/** One mistake: reported only if the file is checked. */
const TYPO = 'sites:\n  - {name: AMS2, slug: ams2, statu: active}\n';
/** The same mistake in another site (two copies of TYPO would also be duplicate keys). */
const TYPO3 = TYPO.replace(/AMS2|ams2/g, 'x3');

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

/** `file:line:col rule reason` of each diagnostic of a JSON report. */
function located(stdout: string): string[] {
  return JSON.parse(stdout).diagnostics.map((d: any) => `${d.file}:${d.line}:${d.column} ${d.rule}${d.data?.reason ? ` ${d.data.reason}` : ''}`);
}

function messages(stdout: string): string[] {
  return JSON.parse(stdout).diagnostics.map((d: any) => `${d.rule}: ${d.message}`);
}

/** `sot check DIR --format json` from `cwd`, in process. */
async function check(dir: string, cwd: string): Promise<{ code: number; found: string[]; stderr: string }> {
  const r = await runCli(['check', dir, '--format', 'json'], cwd);
  return { code: r.code, found: r.stdout ? located(r.stdout) : [], stderr: r.stderr };
}

// One process (as nobody when root) runs every job in turn: `sot check` as the binary's main() runs
// it, or a compile on several threads with every data file read on a worker. Its time limit turns a
// read that blocks (of a FIFO) into a failure instead of a hung run.
type Job = { cwd: string; check: string } | { threads: string };
type Outcome = { code: number; stdout: string; stderr: string } | { workers: boolean; single: string[]; threaded: string[] };
const RUNNER = `
const dist = (file) => import(new URL(file, process.argv[2]).href);
const { main } = await dist('dist/src/cli/main.js');
const { compileWorktree } = await dist('dist/src/compile-worktree.js');
const where = (r) => r.result.diagnostics.map((d) => (d.location.file + ' ' + d.rule + ' ' + (d.data?.reason ?? '')).trim());
const out = [];
for (const job of JSON.parse(process.argv[3])) {
  if (job.check !== undefined) {
    let stdout = '', stderr = '';
    const io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: job.cwd, env: {}, isTTY: false };
    const code = await main(['check', job.check, '--format', 'json'], io);
    out.push({ code, stdout, stderr });
  } else {
    const single = await compileWorktree(job.threads, { threads: 1 });
    const threaded = await compileWorktree(job.threads, { threads: 3, minBytes: 0, mainParses: false });
    out.push({ workers: threaded.result.timings.workers > 0, single: where(single), threaded: where(threaded) });
  }
}
process.stdout.write(JSON.stringify(out));
`;

function runJobs(jobs: Job[], home: string): Outcome[] {
  writeFileSync(join(home, 'runner.mjs'), RUNNER, { mode: 0o644 });
  const r = spawnSync(process.execPath, [join(home, 'runner.mjs'), pathToFileURL(`${ROOT}/`).href, JSON.stringify(jobs)], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', SOT_TIMINGS: '', HOME: home },
    timeout: 50_000,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

/** Whether a user other than the owner may use the file (read it, or run it): every folder above it searchable. */
function othersCan(use: 'read' | 'run', path: string): boolean {
  const bits = use === 'run' ? 0o005 : 0o004;
  if ((statSync(path).mode & bits) !== bits) return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

// As root the cases run as an unprivileged user, who must be able to run this Node and read the built
// code: a Node kept under root's home (CI's second Node), or a checkout in a private folder, is out of
// its reach, and the cases run where it is not.
const unprivilegedCanRun = !asRoot || (othersCan('run', process.execPath) && othersCan('read', join(ROOT, 'dist/src/compile.js')));

describe.skipIf(!unprivilegedCanRun)('files and folders sot may not read (one run of the built code, as nobody when root)', () => {
  /** An inventory with an unreadable data file and an unreadable sub-folder; with git or without. */
  function inventory(withGit: boolean): string {
    const cwd = tempFolder();
    write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/a.yaml': SITES, 'inv/b.yaml': SITES.replace(/AMS1|ams1/g, 'x'), 'inv/sub/c.yaml': TYPO, 'inv/locked/d.yaml': TYPO3 });
    if (withGit) git(cwd, 'init', '-q');
    handOver(cwd);
    return cwd;
  }
  const NOT_READ = ['inv/b.yaml:1:1 sources/unreadable EACCES', 'inv/locked:1:1 sources/unreadable EACCES', 'inv/sub/c.yaml:2:30 schema/unknown-field'];

  const walked = inventory(false);
  const listed = inventory(true);
  const noSettings = inventory(false);
  const noListing = inventory(false);
  const noSearch = inventory(false);
  const fifo = [false, true].map((withGit) => {
    const cwd = tempFolder();
    write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/sub/c.yaml': TYPO });
    if (withGit) {
      // git lists no FIFO it does not track (it cannot track one): a tracked file became one.
      git(cwd, 'init', '-q');
      commitFiles(cwd, { 'inv/pipe.yaml': SITES });
      rmSync(join(cwd, 'inv/pipe.yaml'));
    }
    execFileSync('mkfifo', [join(cwd, 'inv/pipe.yaml')]);
    handOver(cwd);
    return cwd;
  });
  const threads = tempFolder();
  write(threads, { 'sot.yaml': 'format: 1\n', 'a.yaml': SITES, 'b.yaml': SITES.replace(/AMS1|ams1/g, 'x'), 'sub/c.yaml': TYPO });
  handOver(threads);
  const home = tempFolder();
  handOver(home);

  let out: Outcome[] = [];
  beforeAll(() => {
    const modes: [string, number][] = [
      [join(walked, 'inv/b.yaml'), 0],
      [join(walked, 'inv/locked'), 0],
      [join(listed, 'inv/b.yaml'), 0],
      [join(listed, 'inv/locked'), 0],
      [join(noSettings, 'inv/sot.yaml'), 0],
      [join(noListing, 'inv'), 0o311],
      [join(noSearch, 'inv'), 0],
      [join(threads, 'b.yaml'), 0],
    ];
    for (const [path, mode] of modes) chmodSync(path, mode);
    try {
      out = runJobs(
        [
          { cwd: walked, check: 'inv' },
          { cwd: listed, check: 'inv' },
          { cwd: noSettings, check: 'inv' },
          { cwd: noListing, check: 'inv' },
          { cwd: noSearch, check: 'inv' },
          { cwd: fifo[0], check: 'inv' },
          { cwd: fifo[1], check: 'inv' },
          { threads },
        ],
        home,
      );
    } finally {
      // So that the temporary folders can be removed when not running as root.
      for (const [path] of modes) chmodSync(path, 0o755);
    }
  }, 60_000);
  const cli = (i: number) => out[i] as { code: number; stdout: string; stderr: string };

  it('an unreadable data file and sub-folder are each reported where they are; the rest is checked, exit 1', () => {
    expect({ ...cli(0), stdout: located(cli(0).stdout) }).toEqual({ code: 1, stdout: NOT_READ, stderr: '' });
    expect(messages(cli(0).stdout).slice(0, 2)).toEqual(['sources/unreadable: cannot read this file: permission denied', 'sources/unreadable: cannot list this folder: permission denied']);
  });

  it('as git lists them too: a folder git cannot open is reported (git only warns)', () => {
    expect({ ...cli(1), stdout: located(cli(1).stdout) }).toEqual({ code: 1, stdout: NOT_READ, stderr: '' });
  });

  it('an unreadable sot.yaml is a configuration error (exit 2), the data files still checked', () => {
    expect({ ...cli(2), stdout: located(cli(2).stdout) }).toEqual({
      code: 2,
      stdout: ['inv/locked/d.yaml:2:26 schema/unknown-field', 'inv/sot.yaml:1:1 sources/unreadable EACCES', 'inv/sub/c.yaml:2:30 schema/unknown-field'],
      stderr: '',
    });
    expect(messages(cli(2).stdout)[1]).toBe('sources/unreadable: cannot read this file: permission denied');
  });

  it('an inventory folder that cannot be listed, or not even searched, is a configuration error (exit 2), never "no sot.yaml"', () => {
    expect({ ...cli(3), stdout: located(cli(3).stdout) }).toEqual({ code: 2, stdout: ['inv:1:1 sources/unreadable EACCES'], stderr: '' });
    expect(messages(cli(3).stdout)).toEqual(['sources/unreadable: cannot list the inventory folder: permission denied']);
    expect({ ...cli(4), stdout: located(cli(4).stdout) }).toEqual({ code: 2, stdout: ['inv/sot.yaml:1:1 sources/unreadable EACCES'], stderr: '' });
    expect(messages(cli(4).stdout)).toEqual(['sources/unreadable: cannot look for sot.yaml in inv: permission denied']);
  });

  it('FIFOs, sockets and devices are never opened: reported at their name, the rest checked (a read of the FIFO would block forever)', () => {
    for (const i of [5, 6]) {
      expect({ ...cli(i), stdout: located(cli(i).stdout) }).toEqual({ code: 1, stdout: ['inv/pipe.yaml:1:1 sources/not-a-file', 'inv/sub/c.yaml:2:30 schema/unknown-field'], stderr: '' });
    }
  });

  it('a file a worker thread cannot read is the same problem as on one thread', () => {
    expect(out[7]).toEqual({
      workers: true,
      single: ['b.yaml sources/unreadable EACCES', 'sub/c.yaml schema/unknown-field'],
      threaded: ['b.yaml sources/unreadable EACCES', 'sub/c.yaml schema/unknown-field'],
    });
  });
});

describe('a FIFO git does not list', () => {
  it('is reported in a git work tree as where git is not used, unless git ignores it', () => {
    const cwd = tempFolder();
    write(cwd, { 'sot.yaml': 'format: 1\n', 'sub/a.yaml': 'sites: []\n', '.gitignore': 'ignored.yaml\n', 'node_modules/x/keep.yaml': '' });
    git(cwd, 'init', '-q');
    for (const name of ['pipe.yaml', 'sub/pipe.yml', 'ignored.yaml', 'node_modules/x/pipe.yaml', 'sub/not-yaml.txt']) execFileSync('mkfifo', [join(cwd, name)]);
    const listing = scanWorktree(cwd);
    expect(listing.files).toEqual(['sot.yaml', 'sub/a.yaml']);
    expect(listing.problems.map((p) => `${p.location.file} ${p.rule} ${p.data?.type}`)).toEqual(['pipe.yaml sources/not-a-file a FIFO (named pipe)', 'sub/pipe.yml sources/not-a-file a FIFO (named pipe)']);
  });
});

describe('paths sot cannot name', () => {
  it('a file whose name is not UTF-8 is reported at its name (U+FFFD for the bytes), walked or listed by git', async () => {
    for (const withGit of [false, true]) {
      const cwd = tempFolder();
      write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/sub/c.yaml': TYPO });
      writeFileSync(Buffer.from(`${cwd}/inv/caf\xe9.yaml`, 'latin1'), TYPO);
      mkdirSync(Buffer.from(`${cwd}/inv/d\xe9p`, 'latin1'));
      writeFileSync(Buffer.from(`${cwd}/inv/d\xe9p/x.yaml`, 'latin1'), TYPO);
      if (withGit) git(cwd, 'init', '-q');
      expect(await check('inv', cwd)).toEqual({
        code: 1,
        found: ['inv/caf\ufffd.yaml:1:1 sources/unreadable not-utf8', 'inv/d\ufffdp/x.yaml:1:1 sources/unreadable not-utf8', 'inv/sub/c.yaml:2:30 schema/unknown-field'],
        stderr: '',
      });
    }
  });

  it('a folder chain longer than PATH_MAX is reported at the first folder the system will not list', async () => {
    const cwd = tempFolder();
    try {
      write(cwd, { 'inv/sot.yaml': 'format: 1\n', 'inv/sub/c.yaml': TYPO });
      const name = 'd'.repeat(200);
      const chain = (n: number) => Array.from({ length: n }, () => name).join('/');
      // No path used to build it is too long: 15 folders in the inventory, 10 more made apart and
      // moved below them by a path relative to the 15th.
      mkdirSync(join(cwd, 'inv', chain(15)), { recursive: true });
      write(cwd, { [`apart/${chain(10)}/deep.yaml`]: TYPO });
      execFileSync('mv', [join(cwd, 'apart', name), '.'], { cwd: join(cwd, 'inv', chain(15)) });
      // The first folder whose absolute path reaches PATH_MAX (4096 bytes with its final NUL).
      const base = join(cwd, 'inv').length;
      const depth = Math.ceil((4096 - base) / (name.length + 1));
      expect(depth).toBeLessThan(25);
      expect(await check('inv', cwd)).toEqual({ code: 1, found: [`inv/${chain(depth)}:1:1 sources/unreadable ENAMETOOLONG`, 'inv/sub/c.yaml:2:30 schema/unknown-field'], stderr: '' });
    } finally {
      // rm walks folder by folder; a recursive remove by full path fails past PATH_MAX.
      execFileSync('rm', ['-rf', cwd]);
    }
  });
});

describe('symbolic links', () => {
  /** The links every case has, in `inv`: `sot.yaml` and `in-repo.yaml` to the targets given. */
  function links(inv: string, settings: string, typo: string): void {
    symlinkSync(settings, join(inv, 'sot.yaml'));
    symlinkSync(typo, join(inv, 'in-repo.yaml'));
    symlinkSync('nothing.yaml', join(inv, 'dangling.yaml'));
    symlinkSync('loop.yaml', join(inv, 'loop.yaml'));
    symlinkSync('sub', join(inv, 'folder.yaml'));
  }
  const FOUND = (at: string) => [
    `${at}dangling.yaml:1:1 sources/symlink dangling`,
    `${at}folder.yaml:1:1 sources/symlink folder`,
    `${at}in-repo.yaml:2:30 schema/unknown-field`,
    `${at}loop.yaml:1:1 sources/symlink loop`,
    `${at}outside.yaml:1:1 sources/symlink outside`,
  ];

  it('in a git working tree: to a file anywhere in the repository is checked at the link\'s path (sot.yaml too); leaving it, dangling, looping or naming a folder is reported', async () => {
    // The repository is `repo`, the link's target beside it.
    const parent = tempFolder();
    const cwd = join(parent, 'repo');
    write(parent, { 'outside-target.yaml': SITES, 'repo/shared/sot.yaml': 'format: 1\n', 'repo/shared/typo.yaml': TYPO, 'repo/inv/sub/c.yaml': SITES });
    git(cwd, 'init', '-q');
    links(join(cwd, 'inv'), '../shared/sot.yaml', '../shared/typo.yaml');
    symlinkSync('../../outside-target.yaml', join(cwd, 'inv/outside.yaml'));
    expect(await check('inv', cwd)).toEqual({ code: 1, found: FOUND('inv/'), stderr: '' });
  });

  it('outside git the inventory folder is the boundary: a link inside it is followed, one out of it is reported', async () => {
    const cwd = tempFolder();
    // Targets not named .yaml, so that they are read only through the links.
    write(cwd, { 'outside-target.yaml': SITES, 'inv/shared/sot': 'format: 1\n', 'inv/shared/typo': TYPO, 'inv/sub/c.yaml': SITES });
    links(join(cwd, 'inv'), 'shared/sot', 'shared/typo');
    symlinkSync('../outside-target.yaml', join(cwd, 'inv/outside.yaml'));
    const inv = join(cwd, 'inv');
    expect(await check('.', inv)).toEqual({ code: 1, found: FOUND(''), stderr: '' });
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

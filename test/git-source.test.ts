// Reading an inventory from git commits: real repositories made with git in temporary folders.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRevision } from '../src/compile-revision.js';
import { compileWorktree } from '../src/compile-worktree.js';
import type { CompileResult } from '../src/compile.js';
import { ParseCache } from '../src/parse-cache.js';
import { BlobReader, blobId, commitsTouching, GitError, listCommit, openRepository, resolveCommit } from '../src/sources/git.js';
import { listWorktree } from '../src/sources/worktree.js';
import { commitFiles, git, newRepo } from './helpers/git-repo.js';
import { BASE, DEVICE_TYPE } from './helpers/compile.js';

function gitError(f: () => unknown): { message: string; help: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GitError);
    return { message: (e as GitError).message, help: (e as GitError).help };
  }
  throw new Error('no GitError');
}

describe('git source', () => {
  it('opens the repository holding an inventory subfolder and lists its files as listWorktree does', async () => {
    const root = newRepo();
    const files: Record<string, string> = {};
    for (const f of ['sot.yaml', 'b.yml', 'A.yaml', 'sites/ams1-new.yaml', 'sites/ams1.yaml', '.github/workflows/ci.yaml', 'node_modules/p/x.yaml', 'notes.txt', 'device-types/Palo Alto/PA 1.yaml', '.hidden.yaml', 'sub/.x/y.yaml']) {
      files[`net/${f}`] = `a: ${f}\n`;
    }
    files['net/out/manifest.json'] = '{"sot_build_format": 1}\n';
    files['net/out/exports/hosts.yaml'] = 'all: {}\n';
    files['net/notbuild/manifest.json'] = '{"name": "x"}\n';
    files['net/notbuild/kept.yaml'] = 'a: 1\n';
    files['net/out/deeper/manifest.json'] = 'not json';
    files['outside.yaml'] = 'a: 1\n';
    files['netbox/x.yaml'] = 'a: 1\n';
    commitFiles(root, files);
    symlinkSync('A.yaml', join(root, 'net', 'link.yaml'));
    commitFiles(root, {});

    const repo = openRepository(join(root, 'net'));
    expect(repo).toEqual({ root: execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root }).toString().trim(), prefix: 'net' });
    const listed = await listCommit(repo, resolveCommit(repo, 'HEAD'));
    // link.yaml links to a file of the repository: listed at its own path, its blob the target's.
    const expected = ['A.yaml', 'b.yml', 'device-types/Palo Alto/PA 1.yaml', 'link.yaml', 'notbuild/kept.yaml', 'sites/ams1-new.yaml', 'sites/ams1.yaml', 'sot.yaml'];
    expect(listed.map((f) => f.file)).toEqual(expected);
    expect(listWorktree(join(root, 'net'))).toEqual(expected);
    for (const f of listed) {
      const text = readFileSync(join(root, 'net', f.file));
      expect(f.blob).toBe(blobId(text));
      expect(f.blob).toBe(git(root, 'hash-object', join('net', f.file)).trim());
      expect(f.size).toBe(text.length);
    }
    // At the top of the repository the prefix is empty and every folder counts, but for net/, which
    // holds a sot.yaml of its own: another inventory.
    const top = openRepository(root);
    expect(top.prefix).toBe('');
    expect((await listCommit(top, resolveCommit(top, 'HEAD'))).map((f) => f.file)).toEqual(['netbox/x.yaml', 'outside.yaml']);
    expect(listWorktree(root)).toEqual(['netbox/x.yaml', 'outside.yaml']);
    rmSync(join(root, 'net/sot.yaml'));
    git(root, 'rm', '-q', '--cached', 'net/sot.yaml');
    commitFiles(root, {});
    const all = ['net/A.yaml', 'net/b.yml', 'net/device-types/Palo Alto/PA 1.yaml', 'net/link.yaml', 'net/notbuild/kept.yaml', 'net/sites/ams1-new.yaml', 'net/sites/ams1.yaml', 'netbox/x.yaml', 'outside.yaml'];
    expect((await listCommit(top, resolveCommit(top, 'HEAD'))).map((f) => f.file)).toEqual(all);
    expect(listWorktree(root)).toEqual(all);
  });

  it('reads many blobs through one cat-file process, big ones across pipe reads, missing ones as undefined', async () => {
    const root = newRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`f${String(i).padStart(3, '0')}.yaml`] = `n: ${i}\n${'x'.repeat(i * 37)}\n`;
    files['big.yaml'] = `${'y: ñ\n'.repeat(200_000)}`;
    commitFiles(root, files);
    const repo = openRepository(root);
    const listed = await listCommit(repo, resolveCommit(repo, 'HEAD'));
    expect(listed.length).toBe(401);
    const reader = new BlobReader(repo);
    try {
      const missing = '0'.repeat(40);
      const blobs = await reader.readMany([...listed.map((f) => f.blob), missing]);
      expect(blobs.has(missing)).toBe(false);
      for (const f of listed) expect(blobs.get(f.blob)!.toString('utf8')).toBe(files[f.file]);
      expect(await reader.read(missing)).toBeUndefined();
      expect((await reader.read(listed[5].blob))!.toString('utf8')).toBe(files[listed[5].file]);
    } finally {
      reader.close();
    }
  });

  it('names an unknown revision, and a folder outside any repository', () => {
    const root = newRepo();
    commitFiles(root, { 'sot.yaml': 'format: 1\n' });
    const repo = openRepository(root);
    expect(gitError(() => resolveCommit(repo, 'v9'))).toEqual({
      message: `unknown revision "v9" in ${repo.root}`,
      help: 'name a branch, a tag or a commit id of this repository (git log --oneline lists commits)',
    });
    // An option-like revision is a revision, never an option.
    expect(gitError(() => resolveCommit(repo, '--all')).message).toBe(`unknown revision "--all" in ${repo.root}`);
    const outside = join(root, '..');
    expect(gitError(() => openRepository(outside)).message).toBe(`${outside} is not in a git repository`);
  });

  it('says how to fix a shallow clone that lacks the commit', () => {
    const origin = newRepo();
    const first = commitFiles(origin, { 'sot.yaml': 'format: 1\n' }, 'first');
    commitFiles(origin, { 'a.yaml': 'sites: []\n' }, 'second');
    const clone = join(origin, '..', `${origin.split('/').pop()}-clone`);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin}`, clone], { stdio: 'ignore' });
    const repo = openRepository(clone);
    expect(gitError(() => resolveCommit(repo, first))).toEqual({
      message: `unknown revision "${first}": this is a shallow clone, which lacks part of the history`,
      help: 'fetch the whole history with `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout); a branch may also need fetching (git fetch origin <branch>)',
    });
    expect(gitError(() => resolveCommit(repo, 'HEAD~1')).message).toBe('unknown revision "HEAD~1": this is a shallow clone, which lacks part of the history');
    expect(resolveCommit(repo, 'HEAD')).toBe(git(origin, 'rev-parse', 'HEAD').trim());
  });

  it('lists the commits that change the inventory folder, newest first', () => {
    const root = newRepo();
    const c1 = commitFiles(root, { 'net/sot.yaml': 'format: 1\n' }, 'start the inventory');
    commitFiles(root, { 'README.md': 'hi\n' }, 'outside the inventory');
    const c3 = commitFiles(root, { 'net/a.yaml': 'sites: []\n' }, 'add sites: none yet');
    const c4 = commitFiles(root, { 'net/notes.txt': 'x\n' }, 'notes');
    const repo = openRepository(join(root, 'net'));
    const info = (commit: string, subject: string) => ({ commit, authorName: 't', authorEmail: 't@example.com', date: '2026-01-02T03:04:05+00:00', subject });
    expect(commitsTouching(repo)).toEqual([info(c4, 'notes'), info(c3, 'add sites: none yet'), info(c1, 'start the inventory')]);
    expect(commitsTouching(repo, { maxCount: 2 })).toEqual([info(c4, 'notes'), info(c3, 'add sites: none yet')]);
    expect(commitsTouching(repo, { rev: 'HEAD~1' })).toEqual([info(c3, 'add sites: none yet'), info(c1, 'start the inventory')]);
    expect(gitError(() => commitsTouching(repo, { rev: 'nope' })).message).toBe(`unknown revision "nope" in ${repo.root}`);
  });
});

/** Everything a compile shows: diagnostics with their ranges, and every object of the model. */
function observable(result: CompileResult) {
  return {
    diagnostics: result.diagnostics,
    objects: result.model.objects.map((o) => ({ kind: o.kind.kind, file: o.file, path: o.path, origin: o.origin, data: o.data })),
    configError: result.configError,
    filesRead: result.filesRead,
    bytesRead: result.bytesRead,
  };
}

// Two commits that exercise every place resolve could write parsed data: a written interface filled
// from its template, a renamed rear port that a front port follows, custom field values settled by
// their definitions' types. Commit B changes the device type and the definitions, not the device or
// the site, so B takes those files' fronts from the cache.
const DEFS = (type: string) => `custom_fields:\n  - {name: contract, type: ${type}, object_types: [dcim.site]}\n`;
const TYPE_A = `${DEVICE_TYPE}rear-ports:\n  - {name: R1, type: lc, positions: 1}\nfront-ports:\n  - {name: F1, type: lc, rear_port: R1, rear_port_position: 1}\n`;
const SITE = 'sites:\n  - {name: AMS3, slug: ams3, custom_fields: {contract: 0042}}\n';
const DEVICE = `devices:
  - name: leaf1
    device_type: Acme/X-4
    role: leaf
    site: ams1
    interfaces:
      - {name: et1, description: to spine}
    rear_ports:
      - {name: R-A, template: R1}
    front_ports:
      - {name: F1, description: patch}
  - {name: leaf2, device_type: Acme/X-4, role: leaf, site: ams2, interfaces: [{name: et1, label: up}]}
`;
const COMMIT_A = {
  'net/sot.yaml': 'format: 1\n',
  'net/base.yaml': BASE,
  'net/defs.yaml': DEFS('text'),
  'net/site.yaml': SITE,
  'net/d.yaml': DEVICE,
  'net/device-types/Acme/X-4.yaml': TYPE_A,
};
const COMMIT_B = {
  'net/defs.yaml': DEFS('integer'),
  'net/device-types/Acme/X-4.yaml': TYPE_A.replace('  - name: et1\n    type: 10gbase-x-sfpp', '  - name: et1\n    type: 25gbase-x-sfp28\n    mgmt_only: false').replace('R1, rear_port_position', 'R1, description: fp, rear_port_position'),
  'net/broken.yaml': 'sites:\n  - {name: AMS4, slug: ams4, status: actve}\n',
};

describe('compiling a commit', () => {
  it('compiles a commit as compileWorktree compiles the same files, and leaves git status and the index alone', async () => {
    const root = newRepo();
    const a = commitFiles(root, COMMIT_A, 'A');
    const b = commitFiles(root, COMMIT_B, 'B');
    git(root, 'checkout', '-q', a);
    const worktreeA = await compileWorktree(join(root, 'net'));
    git(root, 'checkout', '-q', b);
    const worktreeB = await compileWorktree(join(root, 'net'));
    expect(worktreeB.result.diagnostics.map((d) => d.rule)).toEqual(['schema/invalid-choice']);

    // A working tree with changes, and an index entry whose stat data is stale (what `git status`
    // without GIT_OPTIONAL_LOCKS=0 would refresh and write back).
    writeFileSync(join(root, 'net', 'site.yaml'), `${SITE}# edited\n`);
    writeFileSync(join(root, 'untracked.yaml'), 'a: 1\n');
    utimesSync(join(root, 'net', 'd.yaml'), new Date('2026-02-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'));
    const index = join(root, '.git', 'index');
    const status = () => execFileSync('git', ['status', '--porcelain'], { cwd: root, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).toString();
    const before = { status: status(), index: readFileSync(index), mtime: statSync(index).mtimeMs };

    const repo = openRepository(join(root, 'net'));
    const revA = await compileRevision(repo, 'HEAD~1');
    const revB = await compileRevision(repo, 'main');
    commitsTouching(repo);
    expect(revA.commit).toBe(a);
    expect(observable(revA.result)).toEqual(observable(worktreeA.result));
    expect(revA.files).toEqual(worktreeA.files);
    expect(observable(revB.result)).toEqual(observable(worktreeB.result));
    expect(revB.files).toEqual(worktreeB.files);

    expect({ status: status(), index: readFileSync(index), mtime: statSync(index).mtimeMs }).toEqual(before);
    expect(before.status).toBe(' M net/site.yaml\n?? untracked.yaml\n');
  });

  it('compiles A, then B, then A again through one cache exactly as without it, parsing only the files that differ', async () => {
    const root = newRepo();
    commitFiles(root, COMMIT_A, 'A');
    commitFiles(root, COMMIT_B, 'B');
    const repo = openRepository(join(root, 'net'));
    const plainA = observable((await compileRevision(repo, 'HEAD~1')).result);
    const plainB = observable((await compileRevision(repo, 'HEAD')).result);
    expect(plainB).not.toEqual(plainA);

    const cache = new ParseCache();
    expect(observable((await compileRevision(repo, 'HEAD~1', { cache })).result)).toEqual(plainA);
    expect(cache.stats).toEqual({ hits: 0, misses: 5 }); // sot.yaml is configuration, never a front
    expect(observable((await compileRevision(repo, 'HEAD', { cache })).result)).toEqual(plainB);
    expect(cache.stats).toEqual({ hits: 3, misses: 8 }); // defs.yaml, the device type and broken.yaml
    expect(observable((await compileRevision(repo, 'HEAD~1', { cache })).result)).toEqual(plainA);
    expect(cache.stats).toEqual({ hits: 8, misses: 8 });
    expect(observable((await compileRevision(repo, 'HEAD', { cache })).result)).toEqual(plainB);
    expect(cache.stats).toEqual({ hits: 14, misses: 8 });

    // The working tree (at B) hits the cache too: its blob ids are computed as git computes them.
    expect(observable((await compileWorktree(join(root, 'net'), { cache })).result)).toEqual(plainB);
    expect(cache.stats).toEqual({ hits: 20, misses: 8 });
    writeFileSync(join(root, 'net', 'site.yaml'), SITE.replace('0042', '0043'));
    await compileWorktree(join(root, 'net'), { cache });
    expect(cache.stats).toEqual({ hits: 25, misses: 9 });
  });

  it('parses a front again when the field choices it was validated with change', async () => {
    const root = newRepo();
    commitFiles(root, { 'sot.yaml': 'format: 1\n', 'site.yaml': 'sites:\n  - {name: A, slug: a, status: lab}\n' }, 'A');
    commitFiles(root, { 'sot.yaml': 'format: 1\noptions:\n  field_choices:\n    dcim.Site.status+: [lab]\n' }, 'B');
    const repo = openRepository(root);
    const cache = new ParseCache();
    const a = await compileRevision(repo, 'HEAD~1', { cache });
    expect(a.result.diagnostics.map((d) => d.rule)).toEqual(['schema/invalid-choice']);
    const b = await compileRevision(repo, 'HEAD', { cache });
    expect(b.result.diagnostics).toEqual([]);
    expect(cache.stats).toEqual({ hits: 0, misses: 2 });
  });
});

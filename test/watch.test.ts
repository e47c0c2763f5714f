// sot watch: a report after each save, from the files as they are now, parsing again only what changed.
// The watch runs in this process (watchInventory) or as the built binary (for Ctrl-C); every wait is
// for a report or an exit, never a sleep, and vitest's timeout catches a watch that misses a change.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIgnored, isRelevant, statusLine, watchInventory, WorkingFiles, type WatchCheck } from '../src/cli/watch.js';
import type { Io } from '../src/cli/main.js';
import { invalidUtf8 } from '../src/parse/utf8.js';
import { readWorktree } from '../src/sources/worktree.js';
import { runCli, ROOT } from './helpers/cli.js';

const SITES = 'sites:\n  - name: AMS1\n    slug: ams1\n    status: active\n';
const RACKS = 'racks:\n  - name: R1\n    site: AMS1\n    status: active\n';

/** A folder holding an inventory folder `inv` with these files. */
function workspace(files: Record<string, string>): { cwd: string; root: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'sot-watch-'));
  const root = join(cwd, 'inv');
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return { cwd, root };
}

/** As editors save: the new text in a hidden file beside, renamed over the old one in one step. */
function write(root: string, file: string, text: string): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${file.replace(/\//g, '_')}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** The elapsed time is the only part of a report that changes from run to run. */
function normalise(text: string): string {
  return text.replace(/\(\d+\.\d\d s\)/g, '(0.00 s)').replace(/in \d+\.\d\d s/g, 'in 0.00 s');
}

interface Printed {
  stdout: string;
  stderr: string;
  /** Undefined when the changes left every file's bytes as they were. */
  check?: WatchCheck;
}

/** A watch in this process; `next(saw)` waits for the first report after the change `saw` made. */
function startWatch(cwd: string, root: string, isTTY = false, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const printed: Printed[] = [];
  let wake: (() => void) | undefined;
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env, isTTY };
  const stop = new AbortController();
  const done = watchInventory(root, io, {
    format: 'pretty',
    signal: stop.signal,
    version: 'test',
    onCheck: (check) => print(check),
    onUnchanged: () => print(undefined),
  });
  function print(check: WatchCheck | undefined) {
    printed.push({ stdout: normalise(stdout), stderr: normalise(stderr), check });
    stdout = '';
    stderr = '';
    wake?.();
  }
  let seen = 0;
  /**
   * Makes `change`, then waits for the first report that shows it: by default one that read a file again
   * (a report with nothing read again is not this change's).
   */
  const next = async (change: () => void = () => {}, until = (p: Printed) => (p.check?.reread ?? 0) > 0): Promise<Printed> => {
    change();
    for (;;) {
      while (seen < printed.length) {
        const p = printed[seen++];
        if (until(p)) return p;
      }
      await new Promise<void>((r) => (wake = r));
    }
  };
  return { next, stop: async () => (stop.abort(), await done), printed };
}

const CLEAN = '✔ no problems in 3 files (0.00 s)\n';
const status = (reread: number, parsed: number, files = 3) => `sot watch: ${files} files checked in 0.00 s (${reread} read again, ${parsed} parsed again); waiting for changes to inv, Ctrl-C to stop\n`;

describe('sot watch', () => {
  it('reports each save: an edit that keeps it clean, a syntax error at its line and column, the fix', async () => {
    const { cwd, root } = workspace({ 'sot.yaml': 'format: 1\n', 'sites.yaml': SITES, 'racks.yaml': RACKS });
    const watch = startWatch(cwd, root);
    try {
      expect(await watch.next()).toMatchObject({ stdout: CLEAN, stderr: status(3, 2) });

      const edited = await watch.next(() => write(root, 'racks.yaml', RACKS.replace('status: active', 'status: planned')));
      expect(edited).toMatchObject({ stdout: CLEAN, stderr: status(1, 1) });

      const broken = await watch.next(() => write(root, 'racks.yaml', RACKS.replace('status: active', 'status: [active')));
      expect(broken.stdout).toBe(
        'inv/racks.yaml:5:1  error  yaml/syntax  Flow sequence in block collection must be sufficiently indented and end with a ]\n' +
          '   4 |     status: [active\n' +
          ' > 5 |\n' +
          '     | ^\n' +
          '  help: the rest of the file is read once this is fixed\n' +
          '  docs: docs/rules/yaml/syntax.md\n' +
          '\n' +
          '✖ 1 error, 0 warnings in 3 files (0.00 s)\n',
      );
      expect(broken.stderr).toBe(status(1, 1));

      // Saved again as it is: nothing to check, the report on screen stands.
      const same = await watch.next(() => write(root, 'racks.yaml', RACKS.replace('status: active', 'status: [active')), () => true);
      expect(same).toEqual({ stdout: '', stderr: "sot watch: no file's bytes changed, the report stands; waiting for changes to inv, Ctrl-C to stop\n", check: undefined });

      const fixed = await watch.next(() => write(root, 'racks.yaml', RACKS));
      // The fixed file has the bytes of the first check's: its front comes from the cache no more
      // (the cache keeps only the files as they are), so it is parsed again.
      expect(fixed).toMatchObject({ stdout: CLEAN, stderr: status(1, 1) });
    } finally {
      await watch.stop();
    }
  });

  it('takes a deleted file as gone, a file added as there, and a changed sot.yaml at its word', async () => {
    const { cwd, root } = workspace({ 'sot.yaml': 'format: 1\n', 'sites.yaml': SITES, 'racks.yaml': RACKS });
    const watch = startWatch(cwd, root);
    try {
      await watch.next();
      // Renamed away from the inventory's names: nothing is read again, the listing is made again.
      const gone = await watch.next(() => renameSync(join(root, 'sites.yaml'), join(root, 'sites.txt')), (p) => p.check?.result.filesRead === 2);
      expect(gone).toMatchObject({
        stdout:
          'inv/racks.yaml:3:11  error  resolve/dangling-reference  no site "AMS1"\n' +
          '   2 |   - name: R1\n' +
          ' > 3 |     site: AMS1\n' +
          '     |           ^^^^\n' +
          '  at: racks[name=R1]\n' +
          '  help: define the site or fix the name\n' +
          '  docs: docs/rules/resolve/dangling-reference.md\n' +
          '\n' +
          '✖ 1 error, 0 warnings in 2 files (0.00 s)\n',
        stderr: status(0, 0, 2),
      });

      const back = await watch.next(() => renameSync(join(root, 'sites.txt'), join(root, 'sites.yaml')));
      expect(back).toMatchObject({ stdout: CLEAN, stderr: status(1, 1) });

      // sot.yaml is read again and applies at once: racks.yaml is no longer part of the inventory.
      const excluded = await watch.next(() => write(root, 'sot.yaml', 'format: 1\nexclude: [racks.yaml]\n'));
      expect(excluded).toMatchObject({ stdout: '✔ no problems in 2 files (0.00 s)\n', stderr: status(1, 0, 2) });

      // A folder with a sot.yaml of its own is another inventory: its files are not this one's, so the
      // inventory is as it was.
      const nested = await watch.next(
        () => {
          write(root, 'other/sot.yaml', 'format: 1\n');
          write(root, 'other/racks.yaml', 'racks: [\n');
        },
        () => true,
      );
      expect(nested).toEqual({ stdout: '', stderr: "sot watch: no file's bytes changed, the report stands; waiting for changes to inv, Ctrl-C to stop\n", check: undefined });
    } finally {
      await watch.stop();
    }
  });

  it('clears the screen before each report on a terminal', async () => {
    const { cwd, root } = workspace({ 'sot.yaml': 'format: 1\n', 'sites.yaml': SITES, 'racks.yaml': RACKS });
    const watch = startWatch(cwd, root, true, { NO_COLOR: '1' });
    try {
      expect((await watch.next()).stdout).toBe(`\x1b[2J\x1b[3J\x1b[H${CLEAN}`);
    } finally {
      await watch.stop();
    }
  });

  it('stops on Ctrl-C with exit code 0, the watcher closed', async () => {
    const { cwd } = workspace({ 'sot.yaml': 'format: 1\n', 'sites.yaml': SITES, 'racks.yaml': RACKS });
    const child = spawn(process.execPath, [join(ROOT, 'bin/sot.js'), 'watch', 'inv'], { cwd, env: { ...process.env, NO_COLOR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((reported) =>
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('\n')) reported();
      }),
    );
    child.kill('SIGINT');
    // A watcher left open would keep the process alive: vitest's timeout would end the test.
    expect(await exited).toBe(0);
    expect(normalise(stdout)).toBe(CLEAN);
    expect(normalise(stderr)).toBe(status(3, 2));
  });

  it('follows the files sot check reads, and what decides which they are', () => {
    expect(isIgnored('/inv', '/inv')).toBe(false);
    expect(isIgnored('/inv', '/inv/sites/ams1.yaml')).toBe(false);
    expect(isIgnored('/inv', '/inv/.git')).toBe(true);
    expect(isIgnored('/inv', '/inv/.git/index')).toBe(true);
    expect(isIgnored('/inv', '/inv/node_modules/x/a.yaml')).toBe(true);
    expect(isIgnored('/inv', '/inv/.github/workflows/sot.yaml')).toBe(true);
    expect(isIgnored('/inv', '/inv/sites/.ams1.yaml.swp')).toBe(true);
    expect(isIgnored('/inv', '/inv/sites/.gitignore')).toBe(false);
    expect(isRelevant('change', 'sites/ams1.yaml')).toBe(true);
    expect(isRelevant('add', 'sites/ams1.YML')).toBe(true);
    expect(isRelevant('change', '.gitignore')).toBe(true);
    expect(isRelevant('add', 'out/manifest.json')).toBe(true);
    expect(isRelevant('unlinkDir', 'sites')).toBe(true);
    expect(isRelevant('change', 'templates/leaf.j2')).toBe(false);
    expect(isRelevant('addDir', 'sites')).toBe(false);
  });

  it('reads again only the files that changed, and lists again only when one is added or removed', () => {
    const { root } = workspace({ 'sot.yaml': 'format: 1\n', 'sites.yaml': SITES, 'racks.yaml': RACKS });
    const tree = new WorkingFiles(root);
    const first = tree.read();
    expect([first.map((f) => f.file), tree.reread]).toEqual([['racks.yaml', 'sites.yaml', 'sot.yaml'], 3]);
    expect(tree.read()).toEqual(first);
    expect(tree.reread).toBe(0);
    // Same size, but the watcher said so: read again.
    writeFileSync(join(root, 'racks.yaml'), RACKS.replace('R1', 'R2'));
    tree.changed('racks.yaml', true);
    const second = tree.read();
    expect([tree.reread, second[0].text, second[0].blob === first[0].blob]).toEqual([1, RACKS.replace('R1', 'R2'), false]);
    // Unseen by the watcher, but its size changed: read again.
    writeFileSync(join(root, 'sites.yaml'), `${SITES}# a note\n`);
    expect(tree.read()[1].text).toBe(`${SITES}# a note\n`);
    expect(tree.reread).toBe(1);
    // Listed, then gone before it is read: left out, and the next read lists again.
    rmSync(join(root, 'sites.yaml'));
    tree.changed('sites.yaml', true);
    expect(tree.read().map((f) => f.file)).toEqual(['racks.yaml', 'sot.yaml']);
    writeFileSync(join(root, 'more.yaml'), SITES);
    expect(tree.read().map((f) => f.file)).toEqual(['more.yaml', 'racks.yaml', 'sot.yaml']);
  });

  it('reads each file to the same text sot check reads: a byte that is not UTF-8 stays visible to be reported', () => {
    const { root } = workspace({ 'sot.yaml': 'format: 1\n', 'sites.yaml': SITES, 'racks.yaml': RACKS });
    writeFileSync(join(root, 'latin1.yaml'), Buffer.concat([Buffer.from('sites:\n  - { name: Caf'), Buffer.from([0xe9]), Buffer.from(', slug: cafe }\n')]));
    writeFileSync(join(root, 'bom.yaml'), `\uFEFF${RACKS.replace(/R1/g, 'R9')}`);
    const read = new WorkingFiles(root).read().map((f) => ({ file: f.file, text: f.text }));
    expect(read).toEqual(readWorktree(root));
    expect(invalidUtf8(read.find((f) => f.file === 'latin1.yaml')!.text)).toMatchObject({ byte: 0xe9 });
  });

  it('prints its help, and refuses two folders', async () => {
    const help = await runCli(['watch', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout.startsWith('Usage: sot watch [dir] [options]\n')).toBe(true);
    expect(await runCli(['watch', 'a', 'b'])).toEqual({ code: 2, stdout: '', stderr: 'sot: watch takes one inventory folder\nRun "sot help" for usage.\n' });
    expect(await runCli(['watch', '--format', 'xml'])).toEqual({ code: 2, stdout: '', stderr: 'sot: unknown format "xml" (one of: pretty, json, github, sarif, junit, gitlab)\nRun "sot help" for usage.\n' });
  });
});

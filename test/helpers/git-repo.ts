import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Runs git in `cwd` with a fixed identity and dates, so commits are the same on every run; its stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-02T03:04:05+00:00', GIT_COMMITTER_DATE: '2026-01-02T03:04:05+00:00', GIT_CONFIG_NOSYSTEM: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString('utf8');
}

/** A new repository in a temporary folder. */
export function newRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'sot-git-'));
  git(root, 'init', '-q');
  return root;
}

/** Writes files (a null text deletes one) and commits them all; the commit id. */
export function commitFiles(root: string, files: Record<string, string | null>, message = 'change'): string {
  for (const [file, text] of Object.entries(files)) {
    const path = join(root, file);
    if (text === null) rmSync(path, { force: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

// How sot runs git: read-only commands only, with no optional locks (no index refresh, so `git
// status` never changes), pathspecs taken literally and no prompts.
import { execFileSync, spawnSync } from 'node:child_process';

export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_LITERAL_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '0' };
}

/** A read-only git command's output; undefined outside a work tree, without git, or when it fails. */
export function gitRead(cwd: string, args: string[]): Buffer | undefined {
  try {
    return execFileSync('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30, timeout: 60_000 });
  } catch {
    return undefined;
  }
}

/**
 * A read-only git command's output and what it warned about on stderr (a folder it could not open);
 * undefined outside a work tree, without git, or when it fails.
 */
export function gitReadWithWarnings(cwd: string, args: string[]): { stdout: Buffer; stderr: string } | undefined {
  const r = spawnSync('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, timeout: 60_000 });
  if (r.error || r.status !== 0) return undefined;
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Which of `paths` (relative to `cwd`) git ignores; none when git cannot say. */
export function gitIgnored(cwd: string, paths: readonly string[]): Set<string> {
  if (paths.length === 0) return new Set();
  // check-ignore takes paths, not pathspecs, and refuses the literal-pathspec setting.
  const { GIT_LITERAL_PATHSPECS: _literal, ...env } = gitEnv();
  const r = spawnSync('git', ['check-ignore', '--stdin', '-z'], { cwd, env, input: `${paths.join('\0')}\0`, stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 1 << 30, timeout: 60_000 });
  // Exit code 1: none of them is ignored.
  if (r.error || (r.status !== 0 && r.status !== 1)) return new Set();
  return new Set(r.stdout.toString('utf8').split('\0').filter((p) => p !== ''));
}

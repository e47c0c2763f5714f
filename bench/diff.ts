// `sot diff` of a pull request against `sot check`, at one scale (docs/performance.md).
//
// The generated inventory is committed to a git repository beside it (`<out>-git`, made once): a
// `base` commit, and a `head` commit that edits ten files as a typical pull request does (one
// interface's MTU and another's description in each). Then, as users run them, alternating, `runs`
// times each: `sot check` of the repository's working tree (head) and `sot diff base head`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listWorktree } from '../src/sources/worktree.js';
import { fmtMs, median, ms, round, table } from './util.js';

/** Files a pull request touches. */
const EDITED_FILES = 10;

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=sot bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench: git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The edits of the head commit: in each of the first ten site files with interfaces, two interfaces. */
function editPullRequest(repo: string): string[] {
  const edited: string[] = [];
  for (const file of listWorktree(repo)) {
    if (edited.length === EDITED_FILES) break;
    if (!file.startsWith('sites/')) continue;
    const path = join(repo, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes('mtu: 9216') || !/description: to \S+/.test(text)) continue;
    writeFileSync(path, text.replace('mtu: 9216', 'mtu: 9100').replace(/description: to (\S+)/, 'description: to $1 (moved to the new patch panel)'));
    edited.push(file);
  }
  return edited;
}

/** The repository of the generated inventory with its base and head commits; made when missing or stale. */
export function ensureDiffRepository(root: string): { repo: string; edited: number } {
  const repo = join(dirname(root), `${basename(root)}-git`);
  const stamp = join(repo, '.git', 'sot-bench-manifest.json');
  const manifest = readFileSync(join(root, 'bench-manifest.json'), 'utf8');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === manifest) {
    return { repo, edited: Number(git(repo, ['diff', '--name-only', 'base', 'head']).trim().split('\n').length) };
  }
  rmSync(repo, { recursive: true, force: true });
  cpSync(root, repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'base']);
  git(repo, ['tag', 'base']);
  const edited = editPullRequest(repo);
  git(repo, ['commit', '-q', '-am', 'head: ten files of interface changes']);
  git(repo, ['tag', 'head']);
  writeFileSync(stamp, manifest);
  return { repo, edited: edited.length };
}

export function runDiffBench(root: string, runs: number, json: boolean): void {
  const { repo, edited } = ensureDiffRepository(root);
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sot.js');
  const time = (args: string[], ok: number[]): number => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    const elapsed = ms(t0);
    if (!ok.includes(r.status ?? -1)) throw new Error(`bench: sot ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    return elapsed;
  };
  const check: number[] = [];
  const diff: number[] = [];
  // One check first, so that both commands meet the same warm file cache.
  time(['check', '.', '--quiet'], [0]);
  for (let i = 0; i < runs; i++) {
    check.push(time(['check', '.', '--quiet'], [0]));
    diff.push(time(['diff', 'base', 'head', '--format', 'json'], [0]));
  }
  const ratio = median(diff) / median(check);
  if (json) {
    console.log(JSON.stringify({ root: repo, runs, edited_files: edited, check_ms: round(median(check)), diff_ms: round(median(diff)), ratio: Math.round(ratio * 100) / 100 }));
    return;
  }
  console.log(`sot diff base head (${edited} files edited) against sot check on ${repo} (${runs} runs each, alternating, node start-up included; load average ${loadavg()[0].toFixed(2)})`);
  console.log(table([
    ['', 'median ms', 'runs'],
    ['sot check', fmtMs(median(check)), check.map(fmtMs).join(' ')],
    ['sot diff', fmtMs(median(diff)), diff.map(fmtMs).join(' ')],
  ]));
  console.log(`ratio diff / check: ${ratio.toFixed(2)}`);
}

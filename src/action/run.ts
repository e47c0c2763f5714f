// The Action's steps, in the order a reader of the run meets them: the annotations (from the github
// reporter, paths from the repository root), the SARIF file and the build when asked for, the one pull
// request comment, the job summary, the outputs, and the verdict per `fail-on`.
//
// Everything written goes through `say`, which hides the token should any text ever hold it; the only
// line that holds it is the ::add-mask:: command, which the runner consumes.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compileWorktree } from '../compile-worktree.js';
import type { CompileResult } from '../compile.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { formatMarkdown, markdownText } from '../diff/format-markdown.js';
import { runDiff } from '../diff/run-diff.js';
import { withDisplayPaths } from '../diff/display-paths.js';
import type { DiffResult } from '../diff/types.js';
import { reporters } from '../reporters/index.js';
import { repositoryPaths } from '../reporters/repository.js';
import type { Report, ReporterContext } from '../reporters/types.js';
import { GitError } from '../sources/git.js';
import type { SourceFile } from '../sources/worktree.js';
import { main as cli, version } from '../cli/main.js';
import { COMMENT_MARKER, upsertComment } from './comment.js';
import { readEvent, type PullRequestEvent } from './event.js';
import { fails, InputError, readInputs, type ActionInputs } from './inputs.js';
import { jobSummary } from './summary.js';
import { appendRunnerFile, error, maskCommand, notice, outputLines, warning } from './workflow.js';

export interface ActionIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const ACTION_EXIT = { ok: 0, failed: 1, internal: 3 } as const;

/** GitHub refuses comments over 65,536 characters; the diff and the footer stay under 60,000 bytes. */
const COMMENT_MAX_BYTES = 60_000;

/** Replaces the token wherever it appears, as written or as markdown escapes it (`ghs\_…`). */
export function scrubber(token: string): (text: string) => string {
  if (token === '') return (t) => t;
  const forms = [...new Set([token, markdownText(token)])];
  return (t) => forms.reduce((text, form) => text.split(form).join('***'), t);
}

/** Runs the Action with the runner's environment; the step's exit code. */
export async function runAction(env: Record<string, string | undefined>, io: ActionIo): Promise<number> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stdout(error('sot: wrong input', err.message));
    return ACTION_EXIT.failed;
  }
  // A token from secrets is masked by the runner already; this covers one handed over any other way.
  if (inputs.token !== '') io.stdout(maskCommand(inputs.token));
  const scrub = scrubber(inputs.token);
  const say = (text: string) => io.stdout(scrub(text));
  const sayErr = (text: string) => io.stderr(scrub(text));
  try {
    return await steps(env, inputs, scrub, say, sayErr);
  } catch (err) {
    say(error('sot: internal error', `${(err as Error)?.stack ?? String(err)}`));
    return ACTION_EXIT.internal;
  }
}

interface Head {
  result: CompileResult;
  files: SourceFile[];
  elapsedMs: number;
}

async function steps(
  env: Record<string, string | undefined>,
  inputs: ActionInputs,
  scrub: (t: string) => string,
  say: (t: string) => void,
  sayErr: (t: string) => void,
): Promise<number> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const root = resolve(workspace, inputs.path);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    say(error('sot: no inventory', `no inventory folder at ${inputs.path} (the input path is relative to the repository's checkout)`));
    return ACTION_EXIT.failed;
  }
  const event = readEvent(env);
  const base = inputs.base || (event.kind === 'pull_request' ? event.baseSha : '');

  // The head is the checked-out tree; with a base, one diff compiles both sides through one cache.
  const started = performance.now();
  let head: Head;
  let diff: DiffResult | undefined;
  try {
    if (base !== '') {
      const run = await runDiff({ root, base });
      head = { result: run.head.result, files: run.head.files, elapsedMs: performance.now() - started };
      diff = event.kind === 'pull_request' && inputs.base === '' ? pullRequestSides(run.result, event) : run.result;
    } else {
      const c = await compileWorktree(root);
      head = { result: c.result, files: c.files, elapsedMs: performance.now() - started };
    }
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    say(error('sot: cannot read the base commit', `${err.message}\nhelp: ${err.help}`));
    return ACTION_EXIT.failed;
  }

  const repository = repositoryPaths(root, workspace, env);
  // The comment and the summary name files from the repository root, as the annotations do.
  if (diff) diff = withDisplayPaths(diff, (f) => repository.path(f));
  const texts = new Map(head.files.map((f) => [f.file, f.text]));
  const ctx: ReporterContext = { displayPath: (f) => repository.path(f), source: (f) => texts.get(f), color: false, repository };
  const report: Report = { diagnostics: head.result.diagnostics, suppressed: head.result.suppressed, filesRead: head.result.filesRead, elapsedMs: head.elapsedMs, version: version() };
  const { errors, warnings } = countBySeverity(report.diagnostics);

  say(reporters.github(report, ctx));
  const notes: string[] = [];
  const outputs: Record<string, string | number> = { errors, warnings };

  if (inputs.sarif !== '') {
    const file = resolve(workspace, inputs.sarif);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, scrub(reporters.sarif(report, ctx)));
    say(`SARIF written to ${inputs.sarif}\n`);
    outputs.sarif = file;
  }

  if (inputs.build !== '') {
    const built = await build(inputs, workspace, env, errors, say, sayErr);
    notes.push(built.note);
    if (built.dir) outputs['build-dir'] = built.dir;
  }

  if (diff) {
    const s = diff.summary;
    outputs['changed-objects'] = s.objects.created + s.objects.updated + s.objects.deleted + s.objects.renamed;
    outputs['changed-configs'] = s.configs.created + s.configs.updated + s.configs.deleted;
  }

  if (event.kind === 'pull_request' && diff && inputs.comment) {
    const skipped = await comment(event, diff, inputs, env, { errors, warnings }, scrub, say);
    if (skipped) notes.push(skipped);
  }

  const summary = jobSummary({
    inventory: repository.path('') || '.',
    commit: event.kind === 'pull_request' ? event.headSha || undefined : event.sha,
    diagnostics: report.diagnostics,
    filesRead: report.filesRead,
    path: (f) => repository.path(f),
    diff: diff && formatMarkdown(diff, { maxBytes: 300_000 }),
    notes,
  });
  appendRunnerFile(env.GITHUB_STEP_SUMMARY, scrub(summary));
  appendRunnerFile(env.GITHUB_OUTPUT, outputLines(outputs));

  if (head.result.configError) {
    // Nothing was checked as configured: whatever fail-on says, the check did not run.
    sayErr(`sot: failing the step: sot.yaml is invalid (see its errors above)\n`);
    return ACTION_EXIT.failed;
  }
  if (fails(inputs.failOn, errors, warnings)) {
    sayErr(`sot: failing the step (fail-on: ${inputs.failOn}): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    return ACTION_EXIT.failed;
  }
  return ACTION_EXIT.ok;
}

/**
 * The sides as a reader of the pull request knows them: the base branch by name (its commit beside
 * it), and the pull request for the checked-out head, which sot compiles as a working tree.
 */
export function pullRequestSides(result: DiffResult, event: PullRequestEvent): DiffResult {
  return {
    ...result,
    base: event.baseRef === '' ? result.base : { ...result.base, rev: event.baseRef },
    head: { ...result.head, rev: `pull request #${event.number}` },
  };
}

/** `sot build` into the input's folder (relative to the workspace); a note for the summary, and the folder when built. */
async function build(
  inputs: ActionInputs,
  workspace: string,
  env: Record<string, string | undefined>,
  errors: number,
  say: (t: string) => void,
  sayErr: (t: string) => void,
): Promise<{ note: string; dir?: string }> {
  if (errors > 0) {
    say(notice('sot: not built', `the inventory has ${errors} error${errors === 1 ? '' : 's'}; nothing was built`));
    return { note: `Not built: the inventory has errors.` };
  }
  const code = await cli(['build', inputs.path, '--out', inputs.build, '--quiet'], { stdout: say, stderr: sayErr, cwd: workspace, env, isTTY: false });
  if (code !== 0) {
    say(error('sot: build failed', `sot build exited with code ${code}; its messages are above`));
    return { note: `The build failed (exit code ${code}); see the step's log.` };
  }
  const dir = resolve(workspace, inputs.build);
  return { note: `Built into \`${inputs.build}\` (upload it with actions/upload-artifact).`, dir };
}

/** The comment's last line: the head's counts and where the whole list is. */
function footer(env: Record<string, string | undefined>, counts: { errors: number; warnings: number }): string {
  const run =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? ` · [every problem in the job summary](${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID})`
      : '';
  return `\nHead: ${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}${run}\n`;
}

/** Posts or edits the pull request's comment; a note for the summary when it was skipped. */
async function comment(
  event: PullRequestEvent,
  diff: DiffResult,
  inputs: ActionInputs,
  env: Record<string, string | undefined>,
  counts: { errors: number; warnings: number },
  scrub: (t: string) => string,
  say: (t: string) => void,
): Promise<string | undefined> {
  const skip = (why: string) => {
    say(notice('sot: no pull request comment', `${why}; the annotations and the job summary hold everything the comment would`));
    return `No pull request comment: ${why}.`;
  };
  if (event.fromFork) return skip('the pull request comes from a fork, whose workflow token is read-only');
  if (inputs.token === '') return skip('no token (input token is empty)');
  const end = footer(env, counts);
  const body = scrub(`${COMMENT_MARKER}\n${formatMarkdown(diff, { maxBytes: COMMENT_MAX_BYTES - Buffer.byteLength(COMMENT_MARKER + end) - 1 })}${end}`);
  const outcome = await upsertComment({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token: inputs.token, event }, body);
  switch (outcome.done) {
    case 'created':
    case 'updated':
    case 'unchanged':
      say(`Pull request comment ${outcome.done} (id ${outcome.id})\n`);
      return undefined;
    case 'forbidden':
      return skip(`the token may not comment (HTTP ${outcome.status}: a read-only token, or the workflow lacks \`pull-requests: write\`)`);
    case 'failed':
      say(warning('sot: pull request comment failed', `${outcome.status ? `HTTP ${outcome.status}: ` : ''}${outcome.message}`));
      return `The pull request comment failed${outcome.status ? ` (HTTP ${outcome.status})` : ''}.`;
  }
}

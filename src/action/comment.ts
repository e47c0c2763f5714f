// The one pull request comment: found by a hidden marker at its start and edited on each push, so a pull
// request carries one sot comment however often it is checked.
import { Octokit } from '@octokit/rest';
import type { PullRequestEvent } from './event.js';

/** Opens every comment the Action writes; an HTML comment, so GitHub does not show it. */
export const COMMENT_MARKER = '<!-- sot:diff -->';

export type CommentOutcome =
  | { done: 'created' | 'updated' | 'unchanged'; id: number }
  /** The token may not comment (a fork's read-only token, missing `pull-requests: write`). */
  | { done: 'forbidden'; status: number }
  | { done: 'failed'; status?: number; message: string };

export interface CommentTarget {
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's. */
  apiUrl: string;
  token: string;
  event: PullRequestEvent;
}

/** Whether a comment is the Action's: the marker opens it (a reply quoting it starts with `>`). */
export function isOurs(body: string | null | undefined): boolean {
  return typeof body === 'string' && body.startsWith(COMMENT_MARKER);
}

/** The first comment the Action wrote on the pull request, if any; every page is read. */
async function findComment(octokit: Octokit, target: CommentTarget): Promise<{ id: number; body: string } | undefined> {
  const { owner, repo } = target.event.repository;
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: target.event.number, per_page: 100 });
  for await (const page of iterator) {
    const found = page.data.find((c) => isOurs(c.body));
    if (found) return { id: found.id, body: found.body ?? '' };
  }
  return undefined;
}

/**
 * Creates the comment, or edits the one already there (nothing when its text is the same). Never throws
 * for an API answer: a refusal is `forbidden`, anything else `failed`, and the caller says so.
 * Messages never hold the token: octokit redacts its headers, and only status and message are kept.
 */
export async function upsertComment(target: CommentTarget, body: string): Promise<CommentOutcome> {
  const octokit = new Octokit({ auth: target.token, baseUrl: target.apiUrl, userAgent: 'sot-action', log: quietLog });
  const { owner, repo } = target.event.repository;
  try {
    const existing = await findComment(octokit, target);
    if (existing === undefined) {
      const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: target.event.number, body });
      return { done: 'created', id: created.data.id };
    }
    if (existing.body === body) return { done: 'unchanged', id: existing.id };
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { done: 'updated', id: existing.id };
  } catch (err: any) {
    const status = typeof err?.status === 'number' ? err.status : undefined;
    // 403: the token is read-only (a fork, Dependabot) or lacks the permission; 404: the same, as
    // GitHub says for a repository the token cannot see.
    if (status === 403 || status === 404) return { done: 'forbidden', status };
    return { done: 'failed', status, message: String(err?.message ?? err) };
  }
}

/** Octokit logs deprecations and request failures itself; the Action says what happened in its own words. */
const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

// What the Action needs from the event that started the workflow: GITHUB_EVENT_NAME and the payload
// the runner saved at GITHUB_EVENT_PATH. Only fields GitHub documents for these events are read.
import { readFileSync } from 'node:fs';

export interface Repository {
  owner: string;
  repo: string;
}

export interface PullRequestEvent {
  kind: 'pull_request';
  number: number;
  /** The base branch's commit the pull request is compared with. */
  baseSha: string;
  /** The base branch's name (main). */
  baseRef: string;
  headSha: string;
  /** The repository the pull request is opened in (where its comments live). */
  repository: Repository;
  /**
   * The head branch lives in another repository (a fork), or its repository is gone: the workflow's
   * token is read-only then, and commenting would fail.
   */
  fromFork: boolean;
}

export interface OtherEvent {
  /** push, workflow_dispatch, schedule…: the Action checks (and builds) only. */
  kind: 'other';
  name: string;
  /** push: the commit pushed. */
  sha?: string;
}

export type ActionEvent = PullRequestEvent | OtherEvent;

/** Events whose payload holds a `pull_request` the Action reads. `pull_request_target` is not one: see below. */
const PULL_REQUEST_EVENTS = new Set(['pull_request']);

function record(value: unknown): Record<string, any> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
}

function fullName(repo: Record<string, any> | undefined): string | undefined {
  const name = repo?.full_name;
  return typeof name === 'string' ? name : undefined;
}

function splitName(full: string): Repository | undefined {
  const [owner, repo, ...rest] = full.split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}

/**
 * The event from its name and payload. A `pull_request_target` event is read as a plain event (no
 * comment): it runs with a write token on the base repository, and the Action is not meant for it.
 */
export function parseEvent(name: string, payload: unknown): ActionEvent {
  const p = record(payload);
  const pr = record(p?.pull_request);
  if (PULL_REQUEST_EVENTS.has(name) && pr) {
    const base = record(pr.base);
    const head = record(pr.head);
    const baseRepo = fullName(record(base?.repo)) ?? fullName(record(p?.repository));
    const headRepo = fullName(record(head?.repo));
    const repository = baseRepo === undefined ? undefined : splitName(baseRepo);
    if (typeof pr.number === 'number' && typeof base?.sha === 'string' && repository) {
      return {
        kind: 'pull_request',
        number: pr.number,
        baseSha: base.sha,
        baseRef: typeof base.ref === 'string' ? base.ref : '',
        headSha: typeof head?.sha === 'string' ? head.sha : '',
        repository,
        fromFork: headRepo === undefined || headRepo.toLowerCase() !== baseRepo!.toLowerCase(),
      };
    }
  }
  const after = p?.after;
  return { kind: 'other', name, sha: typeof after === 'string' ? after : undefined };
}

/** The event of this workflow run; a missing or unreadable payload reads as an event without one. */
export function readEvent(env: Record<string, string | undefined>): ActionEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  let payload: unknown;
  if (path) {
    try {
      payload = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      payload = undefined;
    }
  }
  return parseEvent(name, payload);
}

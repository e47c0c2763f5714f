// The Action's inputs. action.yml hands each one to the entry point as an INPUT_* variable (a composite
// action must name them itself; `fail-on` becomes INPUT_FAIL_ON).

export type FailOn = 'error' | 'warning' | 'none';

export interface ActionInputs {
  /** The inventory folder, relative to the workspace. */
  path: string;
  /** The revision to diff against; empty: the pull request's base commit (no diff outside pull requests). */
  base: string;
  failOn: FailOn;
  comment: boolean;
  token: string;
  /** The folder to build into; empty: no build. */
  build: string;
  /** The SARIF file to write; empty: none. */
  sarif: string;
}

/** A wrong input: said as an error annotation, and the step fails. */
export class InputError extends Error {}

function text(env: Record<string, string | undefined>, name: string): string {
  return (env[`INPUT_${name}`] ?? '').trim();
}

/** YAML 1.2's core schema booleans, as the runner's own `core.getBooleanInput` takes them. */
function bool(env: Record<string, string | undefined>, name: string, input: string, fallback: boolean): boolean {
  const value = text(env, name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`input ${input} takes true or false, not "${value}"`);
}

export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const failOn = text(env, 'FAIL_ON') || 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'none') {
    throw new InputError(`input fail-on takes error, warning or none, not "${failOn}"`);
  }
  return {
    path: text(env, 'PATH') || '.',
    base: text(env, 'BASE'),
    failOn,
    comment: bool(env, 'COMMENT', 'comment', true),
    // Not trimmed away to nothing by accident: a token is never printed, so it is only checked for presence.
    token: text(env, 'TOKEN'),
    build: text(env, 'BUILD'),
    sarif: text(env, 'SARIF'),
  };
}

/** Whether the check fails the step: errors always (unless none), warnings too with `warning`. */
export function fails(failOn: FailOn, errors: number, warnings: number): boolean {
  if (failOn === 'none') return false;
  return errors > 0 || (failOn === 'warning' && warnings > 0);
}

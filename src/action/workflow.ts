// The runner's side of a GitHub Actions step: workflow commands on stdout, and the files the runner
// reads after the step (GITHUB_OUTPUT for outputs, GITHUB_STEP_SUMMARY for the job summary).
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { appendFileSync } from 'node:fs';
import { escapeData, escapeProperty } from '../reporters/github.js';

/** A workflow command line: `::name key=value,…::message`. */
export function workflowCommand(name: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}\n`;
}

/**
 * Tells the runner to hide `secret` in every later line of the log. The runner consumes this line
 * (it is not shown), so it is the one place the secret may be written.
 */
export function maskCommand(secret: string): string {
  return `::add-mask::${escapeData(secret)}\n`;
}

export function notice(title: string, message: string): string {
  return workflowCommand('notice', { title }, message);
}

export function warning(title: string, message: string): string {
  return workflowCommand('warning', { title }, message);
}

export function error(title: string, message: string): string {
  return workflowCommand('error', { title }, message);
}

/**
 * Outputs as GITHUB_OUTPUT takes them: `name=value` lines. Values here are numbers and paths; one with
 * a line break could forge another output, so it is refused rather than written.
 */
export function outputLines(outputs: Readonly<Record<string, string | number>>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      const text = String(value);
      if (/[\r\n]/.test(text)) throw new Error(`output ${name} holds a line break`);
      return `${name}=${text}\n`;
    })
    .join('');
}

/** Appends to a file the runner reads after the step; nothing when the variable is unset (outside Actions). */
export function appendRunnerFile(path: string | undefined, text: string): void {
  if (path) appendFileSync(path, text);
}

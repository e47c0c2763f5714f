import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { workflowFile } from '../src/cli/workflow-file.js';
import { ROOT } from './helpers/cli.js';

// What SECURITY.md promises about the Action, read off the files users run: the action's own steps
// and the workflow `sot init` writes.

describe('the Action runs nothing from the pull request', () => {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  const steps: any[] = action.runs.steps;

  it('installs and builds sot in its own folder, with no package install scripts, and reads the checkout as data', () => {
    const install = steps.find((s) => s.name === 'Install sot');
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toContain('npm ci --ignore-scripts');
    const check = steps.find((s) => s.id === 'sot');
    expect(check.run).toBe('node "$GITHUB_ACTION_PATH/dist/src/action/main.js"');
    // Every `run:` is the action's own text: none interpolates an input or event field into the shell,
    // which a pull request's title or branch name could otherwise inject into.
    for (const s of steps.filter((x) => x.run)) expect(s.run).not.toMatch(/\$\{\{/);
    // Inputs reach the program only as environment variables.
    expect(Object.values<string>(check.env).every((v) => /^\$\{\{ inputs\.[a-z-]+ \}\}$/.test(v))).toBe(true);
  });
});

describe('the workflow sot init writes', () => {
  const workflow = parseYaml(workflowFile('acme/sot@v1'));

  it('runs on pull_request (never pull_request_target) and pushes, with least permissions', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(JSON.stringify(workflow)).not.toContain('pull_request_target');
  });

  it('passes the token only through the action input default (github.token), never as a command argument', () => {
    expect(JSON.stringify(workflow)).not.toMatch(/secrets\.|GITHUB_TOKEN/);
  });
});

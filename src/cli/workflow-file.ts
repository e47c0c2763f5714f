// The GitHub Actions workflow that `sot init` writes and the README shows: the Action on every pull
// request (annotations, job summary, one comment with the diff) and on pushes to the default branch
// (check and build, the build uploaded as an artifact). One text, so the two never drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../model/kinds.js';
import { gitRead } from '../sources/git-process.js';

export const WORKFLOW_PATH = '.github/workflows/sot.yml';

/** Where the Action is published when package.json names no GitHub repository. */
export const ACTION_PLACEHOLDER = 'OWNER/sot';

/**
 * The repository the Action is used from, `owner/name`, read from package.json's `repository` (a
 * GitHub URL or `github:owner/name` shorthand) as the SARIF help links are; the placeholder otherwise.
 */
export function actionRepository(pkg: { repository?: string | { url?: string } }): string {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const m = repo?.match(/github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?(?:#.*)?$/) ?? repo?.match(/^(?:github:)?([\w.-]+)\/([\w.-]+)$/);
  return m ? `${m[1]}/${m[2]}` : ACTION_PLACEHOLDER;
}

/**
 * `owner/name@ref`: the Action of the sot that runs. The repository is package.json's, else (sot is
 * installed from a clone, README) the clone's `origin` on GitHub; the ref is the release tag
 * v<version> when the clone has it, else the commit the clone is at, so the workflow runs the sot
 * that wrote it. The placeholder (see isPlaceholder) when neither names a GitHub repository.
 */
export function actionUses(root = packageRoot()): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const tag = `v${pkg.version}`;
  const named = actionRepository(pkg);
  if (named !== ACTION_PLACEHOLDER) return `${named}@${tag}`;
  const origin = gitOutput(root, ['remote', 'get-url', 'origin']);
  const repository = origin ? actionRepository({ repository: origin }) : ACTION_PLACEHOLDER;
  if (repository === ACTION_PLACEHOLDER) return `${ACTION_PLACEHOLDER}@${tag}`;
  const tagged = gitOutput(root, ['tag', '--list', tag]) === tag;
  return `${repository}@${tagged ? tag : (gitOutput(root, ['rev-parse', 'HEAD']) ?? tag)}`;
}

/** Whether a workflow's `uses:` still needs the user to name the repository sot is published from. */
export function isPlaceholder(uses: string): boolean {
  return uses.startsWith(`${ACTION_PLACEHOLDER}@`);
}

/** One read-only git command in sot's own folder; undefined when it is no clone or git fails. */
function gitOutput(cwd: string, args: string[]): string | undefined {
  return gitRead(cwd, args)?.toString('utf8').trim() || undefined;
}

/**
 * The workflow for an inventory at `path` in its repository ('.' at the root), using the Action at
 * `uses` (owner/name@ref, see actionUses).
 */
export function workflowFile(uses: string, path = '.'): string {
  return `# sot checks the inventory on every pull request: annotations on the YAML lines, a job summary
# with every problem, and one pull request comment with the model diff, updated on each push.
# On pushes to the default branch it also builds the configs and uploads them as an artifact.
name: sot
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read          # check out the repository
  pull-requests: write    # the one pull request comment
jobs:
  sot:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the diff reads the pull request's base commit
      - uses: ${uses}
        id: sot
        with:
          path: ${path}
          build: \${{ github.event_name == 'push' && format('{0}/sot-build', runner.temp) || '' }}
      - uses: actions/upload-artifact@v4
        if: always() && steps.sot.outputs.build-dir != ''
        with:
          name: sot-build
          path: \${{ steps.sot.outputs.build-dir }}
`;
}

// The GitHub Actions workflow that `sot init` writes and the README shows: the Action on every pull
// request (annotations, job summary, one comment with the diff) and on pushes to the default branch
// (check and build, the build uploaded as an artifact). One text, so the two never drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../model/kinds.js';

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

/** `owner/name@v<version>`: the Action of this sot's release (releases are tagged v<version>). */
export function actionUses(root = packageRoot()): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return `${actionRepository(pkg)}@v${pkg.version}`;
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

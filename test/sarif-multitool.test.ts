import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

// GitHub's code scanning ingests SARIF with rules of its own beyond the schema (GH1001…GH2012: relative
// artifact URIs, regions, full descriptions and help for Advanced Security…). Microsoft's SARIF
// multitool implements them (`validate --rule-kind Gh;Sarif`); its Linux build ships inside an npm
// package, so the test runs the real tool on what `sot check --format sarif` prints.

const FIXTURES = ['broken-inventory', 'duplicate-site-name', 'wrong-scope', 'region-cycle', 'yaml-syntax-error', 'dangling-reference', 'unknown-field'];

interface Finding {
  file: string;
  ruleId: string;
  level: string;
  message: string;
}

function multitool(): string {
  const binary: string = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux');
  // npm leaves install scripts unrun (the package's own `chmod u+x` among them).
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, statSync(binary).mode | 0o100);
  }
  return binary;
}

/** Runs the multitool's GitHub and SARIF rules over the files; what it finds, per input file. */
function validate(files: string[]): Finding[] {
  const dir = mkdtempSync(join(tmpdir(), 'sarif-multitool-'));
  const output = join(dir, 'validation.sarif');
  const run = spawnSync(multitool(), ['validate', '--rule-kind', 'Gh;Sarif', '--output', output, ...files], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_BUNDLE_EXTRACT_BASE_DIR: dir,
    },
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const log = JSON.parse(readFileSync(output, 'utf8'));
  return (log.runs[0].results ?? []).map((r: any) => ({
    file: String(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '').replace(/^.*\//, ''),
    ruleId: r.ruleId,
    level: r.level ?? 'warning',
    message: `${r.message.id ?? ''} ${JSON.stringify(r.message.arguments ?? r.message.text ?? '')}`,
  }));
}

describe.skipIf(process.platform !== 'linux')('SARIF under the rules GitHub code scanning applies', () => {
  it('finds nothing in sot check --format sarif of inventories with every kind of problem', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sot-sarif-'));
    const files: string[] = [];
    for (const fixture of FIXTURES) {
      const { code, stdout } = await runCli(['check', `test/fixtures/invalid/${fixture}`, '--format', 'sarif']);
      expect(code, fixture).toBe(1);
      const results = JSON.parse(stdout).runs[0].results;
      expect(results.length, fixture).toBeGreaterThan(0);
      const file = join(dir, `${fixture}.sarif`);
      writeFileSync(file, stdout);
      files.push(file);
    }
    // A control: the same log stripped of what GitHub requires must be flagged, or the rules did not run.
    const control = JSON.parse(readFileSync(files[0]!, 'utf8'));
    for (const rule of control.runs[0].tool.driver.rules) delete rule.fullDescription;
    const controlFile = join(dir, 'control.sarif');
    writeFileSync(controlFile, JSON.stringify(control));

    const findings = validate([...files, controlFile]);
    expect(findings.filter((f) => f.file !== 'control.sarif')).toEqual([]);
    const flagged = findings.filter((f) => f.file === 'control.sarif');
    expect(flagged.length).toBe(control.runs[0].tool.driver.rules.length);
    expect(flagged.every((f) => f.ruleId === 'GH2012' && f.level === 'error' && f.message.startsWith('Error_MissingFullDescription'))).toBe(true);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

/** An inventory folder holding sot.yaml and `files`. */
function inventory(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sot-diag-'));
  writeFileSync(join(dir, 'sot.yaml'), 'format: 1\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const check = async (dir: string, format = 'json') => {
  const r = await runCli(['check', dir, '--format', format], dir);
  return { ...r, json: format === 'json' ? JSON.parse(r.stdout) : undefined };
};

describe('output stays small per diagnostic', () => {
  it('lists the allowed fields once per object, however many unknown fields it has', async () => {
    const dir = inventory({ 'sites.yaml': `sites:\n  - name: s1\n    slug: s1\n${Array.from({ length: 2000 }, (_, i) => `    field${i}: x\n`).join('')}` });
    const r = await check(dir);
    expect(r.code).toBe(1);
    const ds = r.json.diagnostics;
    expect(ds.length).toBe(2000);
    expect(ds.filter((d: any) => d.help !== undefined).map((d: any) => d.data.field)).toEqual(['field0']);
    expect(ds[1]).toEqual({
      rule: 'schema/unknown-field', severity: 'error', message: 'unknown field "field1" in site', file: 'sites.yaml',
      line: 5, column: 5, endLine: 5, endColumn: 11, modelPath: 'sites[name=s1]', related: [], docs: 'docs/rules/schema/unknown-field.md', data: { field: 'field1' },
    });
    // The indented report adds layout; the diagnostics themselves stay under 300 bytes each.
    expect(JSON.stringify(ds).length / ds.length).toBeLessThan(300);
  });

  it('cuts a long name a dangling reference quotes, in the message and the data', async () => {
    const long = 'n'.repeat(5000);
    const dir = inventory({ 'devices.yaml': `devices:\n  - name: d1\n    site: ${long}x\n    role: r\n    device_type: t\n` });
    const d = (await check(dir)).json.diagnostics.find((x: any) => x.line === 3);
    expect([d.rule, d.message, d.data]).toEqual([
      'resolve/dangling-reference', `no site "${'n'.repeat(200)}… (5001 characters)"`, { kind: 'dcim.site', value: `${'n'.repeat(200)}… (5001 characters)`, candidates: [] },
    ]);
  });
});

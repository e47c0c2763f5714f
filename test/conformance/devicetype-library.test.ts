import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';

// Every device and module type of the community devicetype-library must load as NetBox would take it.
// The corpus lives beside the repository (../shared); a clone without it skips this test, CI has it.
const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'devicetype-library');
const present = existsSync(CORPUS);
if (!present) console.warn(`skipping the devicetype-library conformance test: no corpus at ${CORPUS}`);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

describe.skipIf(!present)('devicetype-library corpus', () => {
  it('loads every device type and module type, edge cases included, with no errors but one real duplicate', () => {
    // Edge cases have the same relative paths as the library (7 of them are copies of library files):
    // merged as `cp -r` would, one file per path.
    const byPath = new Map<string, string>([['sot.yaml', 'format: 1\n']]);
    for (const base of [CORPUS, join(CORPUS, 'edge-cases')]) {
      for (const top of ['device-types', 'module-types']) {
        for (const p of yamlFiles(join(base, top))) byPath.set(relative(base, p).split('\\').join('/'), readFileSync(p, 'utf8'));
      }
    }
    const files = [...byPath].map(([file, text]) => ({ file, text }));
    expect(files.length).toBeGreaterThan(3500);
    const result = compile(files);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    // The library really holds two Juniper files with model "MX304" (MX304.yaml and MX304-BASE.yaml);
    // NetBox's unique (manufacturer, model) constraint rejects the second, and so does sot.
    expect(errors.map((d) => `${d.location.file} ${d.rule} ${d.message}`)).toEqual([
      'device-types/Juniper/MX304.yaml resolve/duplicate-key duplicate device type model "MX304" in manufacturer "Juniper"',
    ]);
    // Keys outside NetBox's template fields (poe-mode typos, speed, comments…) are warnings, each with a field name.
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.every((d) => d.rule === 'schema/unknown-field')).toBe(true);
    expect(warnings.filter((d) => d.data?.field === 'poe-mode').every((d) => d.message.endsWith('did you mean "poe_mode"?'))).toBe(true);
    // YAML 1.1 readings: part numbers and port names such as 08 or 02351930 stay text.
    const types = result.model.byKind.get('dcim.devicetype')!;
    expect(types.length).toBeGreaterThan(2500);
    expect(types.every((t) => typeof t.data.model === 'string' && (t.data.part_number === undefined || typeof t.data.part_number === 'string'))).toBe(true);
  });
});

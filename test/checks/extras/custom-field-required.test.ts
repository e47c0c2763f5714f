import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { DEFS } from './fixtures.js';

const findings = (regions: string) =>
  compileFiles({ 'defs.yaml': DEFS, 'r.yaml': `regions:\n${regions}` })
    .diagnostics.filter((d) => d.rule === 'extras/custom-field-required')
    .map((d) => [`${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.data?.name]);

describe('extras/custom-field-required', () => {
  it('accepts a value, and a default stands in for a missing one', () => {
    expect(findings('  - {name: EU, slug: eu, custom_fields: {code: EU1}}\n')).toEqual([]);
    // `ticket` is required on sites but has a default: sites need not set it.
    const sites = compileFiles({ 'defs.yaml': DEFS, 's.yaml': 'sites:\n  - {name: A, slug: a}\n' }).diagnostics.filter((d) => d.rule === 'extras/custom-field-required');
    expect(sites).toEqual([]);
  });
  it('reports a missing or empty required value', () => {
    expect(findings('  - {name: EU, slug: eu}\n  - {name: US, slug: us, custom_fields: {code: ""}}\n')).toEqual([
      ['2:5', 'code'],
      ['3:41', 'code'],
    ]);
  });
});

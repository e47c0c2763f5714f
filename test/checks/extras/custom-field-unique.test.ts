import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { DEFS, site } from './fixtures.js';

const findings = (sites: string) =>
  compileFiles({ 'defs.yaml': DEFS, 's.yaml': `sites:\n${sites}` })
    .diagnostics.filter((d) => d.rule === 'extras/custom-field-unique')
    .map((d) => [`${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.data?.value]);

describe('extras/custom-field-unique', () => {
  it('accepts distinct values and empty ones', () => {
    expect(findings(site('A', '{asset: X1}') + site('B', '{asset: X2}') + site('C', '{asset: ""}') + site('D', '{asset: ""}'))).toEqual([]);
  });
  it('reports the second object with the same value', () => {
    expect(findings(site('A', '{asset: X1}') + site('B', '{asset: X1}'))).toEqual([['7:28', 'X1']]);
  });
});

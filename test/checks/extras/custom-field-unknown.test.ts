import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { DEFS, site } from './fixtures.js';

const findings = (cf: string) =>
  compileFiles({ 'defs.yaml': DEFS, 's.yaml': `sites:\n${site('A', cf)}` })
    .diagnostics.filter((d) => d.rule === 'extras/custom-field-unknown')
    .map((d) => [`${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

describe('extras/custom-field-unknown', () => {
  it('accepts fields defined for the kind', () => {
    expect(findings('{contract: SVC-0001}')).toEqual([]);
  });
  it('reports a field not defined for the kind, with a did-you-mean, at its key', () => {
    expect(findings('{contrct: SVC-0001, code: X}')).toEqual([
      ['4:21', 'no custom field "contrct" is defined for site objects; did you mean "contract"?'],
      ['4:40', 'no custom field "code" is defined for site objects'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { DEFS, site } from './fixtures.js';

const findings = (cf: string) =>
  compileFiles({ 'defs.yaml': DEFS, 's.yaml': `sites:\n${site('A', cf)}` })
    .diagnostics.filter((d) => d.rule === 'extras/custom-field-value')
    .map((d) => [`${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.data?.name, d.message]);

describe('extras/custom-field-value', () => {
  it('accepts values of the right type, choice, range and pattern', () => {
    expect(findings('{contract: SVC-0042, budget: 15, tier: tier-2, owner: Acme, since: 2024-02-29, asset: 0042}')).toEqual([]);
  });
  it('reports each kind of wrong value at the value', () => {
    expect(findings('{contract: SUP-1, budget: 25, tier: tier-9, owner: Nobody, since: 2023-02-29}')).toEqual([
      ['4:31', 'contract', 'invalid value for custom field "contract" (text): must match the regular expression ^SVC-[0-9]{4}$'],
      ['4:46', 'budget', 'invalid value for custom field "budget" (integer): must not exceed 20'],
      ['4:56', 'tier', 'invalid value for custom field "tier" (select): "tier-9" is not a choice of "Tiers" (tier-1, tier-2)'],
      ['4:71', 'owner', 'invalid value for custom field "owner" (object): no tenancy.tenant named "Nobody"'],
      ['4:86', 'since', 'invalid value for custom field "since" (date): must be a date, YYYY-MM-DD'],
    ]);
  });
  it('keeps the source text of a plain scalar in a text field, and reads numbers in an integer field', () => {
    expect(findings('{contract: 0042, budget: "15"}')).toEqual([
      ['4:31', 'contract', 'invalid value for custom field "contract" (text): must match the regular expression ^SVC-[0-9]{4}$'],
      ['4:45', 'budget', 'invalid value for custom field "budget" (integer): must be a whole number'],
    ]);
  });
});

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

describe('extras/custom-field-value: validation_regex as Python reads it', () => {
  const regexFindings = (regex: string, values: string[]) =>
    compileFiles({
      'defs.yaml': `custom_fields:\n  - {name: code, type: text, object_types: [dcim.site], validation_regex: ${JSON.stringify(regex)}}\n`,
      's.yaml': `sites:\n${values.map((v, i) => `  - {name: S${i}, slug: s${i}, status: active, custom_fields: {code: ${JSON.stringify(v)}}}\n`).join('')}`,
    })
      .diagnostics.filter((d) => d.rule.startsWith('extras/custom-field'))
      .map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

  it('reads inline flags, named groups, \\Z and $ before a final newline as Python does', () => {
    expect(regexFindings('(?i)^(?P<site>[a-z]{3})-\\d+\\Z', ['AMS-1', 'ams-12', 'AMS-1\n', 'AM-1'])).toEqual([
      ['extras/custom-field-value', 's.yaml:4:64', 'invalid value for custom field "code" (text): must match the regular expression (?i)^(?P<site>[a-z]{3})-\\d+\\Z'],
      ['extras/custom-field-value', 's.yaml:5:64', 'invalid value for custom field "code" (text): must match the regular expression (?i)^(?P<site>[a-z]{3})-\\d+\\Z'],
    ]);
    expect(regexFindings('^[A-Z]+$', ['ABC\n', 'ABC\n\n'])).toEqual([
      ['extras/custom-field-value', 's.yaml:3:64', 'invalid value for custom field "code" (text): must match the regular expression ^[A-Z]+$'],
    ]);
  });

  it('does not hang on a pattern that backtracks catastrophically', () => {
    // A backtracking engine takes about 2^50 steps on this value; RE2's time is linear in it.
    expect(regexFindings('^(a+)+$', [`${'a'.repeat(50)}!`, 'a'.repeat(50)])).toEqual([
      ['extras/custom-field-value', 's.yaml:2:64', `invalid value for custom field "code" (text): must match the regular expression ^(a+)+$`],
    ]);
  });

  it('says which construct it cannot run, and checks nothing against that pattern', () => {
    expect(regexFindings('(?P<x>[a-z])(?P=x)', ['aa', 'ab'])).toEqual([
      ['extras/custom-field-regex-unsupported', 'defs.yaml:2:75', 'custom field "code": sot cannot run "(?P<x>[a-z])(?P=x)", which uses the named backreference (?P=x); its values are not checked against it'],
    ]);
  });
});

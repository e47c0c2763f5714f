import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';

const findings = (yaml: string) =>
  compileFiles({ 'cf.yaml': yaml })
    .diagnostics.filter((d) => d.rule === 'extras/custom-field-definition')
    .map((d) => [`${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

describe('extras/custom-field-definition', () => {
  it('accepts sound definitions, Python-only escapes included', () => {
    expect(
      findings(`custom_field_choice_sets:
  - {name: Tiers, extra_choices: [[t1, Tier 1], [t2, Tier 2]], choice_colors: {t1: green}}
  - {name: Airports, base_choices: IATA}
custom_fields:
  - {name: code, type: text, object_types: [dcim.site], validation_regex: '^[A-Z\\-]+$', default: AB-C}
  - {name: tier, type: select, choice_set: Tiers, object_types: [dcim.site], default: t1}
  - {name: seats, type: integer, object_types: [dcim.site], validation_minimum: 1, default: 4}
`),
    ).toEqual([]);
  });

  it('reports a regex that does not compile, a unique boolean, a bad default, and choice set mistakes', () => {
    expect(
      findings(`custom_field_choice_sets:
  - {name: Empty}
  - {name: Tiers, extra_choices: [[t1, Tier 1], [t1, Again]], choice_colors: {t9: red}}
custom_fields:
  - {name: code, type: text, object_types: [dcim.site], validation_regex: '([a-z'}
  - {name: flag, type: boolean, object_types: [dcim.site], unique: true}
  - {name: seats, type: integer, object_types: [dcim.site], validation_maximum: 10, default: 12}
  - {name: tier, type: select, choice_set: Tiers, object_types: [dcim.site], default: t3}
`),
    ).toEqual([
      ['2:5', 'choice set "Empty" defines no choices: give it base_choices or extra_choices'],
      ['3:49', 'choice set "Tiers": duplicate value "t1" in extra choices'],
      ['3:79', 'choice set "Tiers": "t9" in choice_colors is not one of its choices'],
      ['5:75', 'custom field "code": "([a-z" is not a valid regular expression'],
      ['6:68', 'custom field "flag": uniqueness cannot be enforced for boolean fields'],
      ['7:94', 'custom field "seats": invalid default value: must not exceed 10'],
      ['8:87', 'custom field "tier": invalid default value: "t3" is not a choice of "Tiers" (t1)'],
    ]);
  });
});

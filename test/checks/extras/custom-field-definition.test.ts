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
      ['5:75', 'custom field "code": "([a-z" is not a valid regular expression: unterminated character set at position 1'],
      ['6:68', 'custom field "flag": uniqueness cannot be enforced for boolean fields'],
      ['7:94', 'custom field "seats": invalid default value: must not exceed 10'],
      ['8:87', 'custom field "tier": invalid default value: "t3" is not a choice of "Tiers" (t1)'],
    ]);
  });
});

describe('extras/custom-field-definition: validation_regex', () => {
  it("reports a pattern Python refuses in Python's words, and accepts Python-only syntax", () => {
    expect(
      findings(`custom_fields:
  - {name: a, type: text, object_types: [dcim.site], validation_regex: 'a(?i)b'}
  - {name: b, type: text, object_types: [dcim.site], validation_regex: '\\p{L}'}
  - {name: c, type: text, object_types: [dcim.site], validation_regex: '(?i)(?P<x>a)\\Z'}
  - {name: d, type: text, object_types: [dcim.site], validation_regex: '(?<x>a)'}
`),
    ).toEqual([
      ['2:72', 'custom field "a": "a(?i)b" is not a valid regular expression: global flags not at the start of the expression at position 1'],
      ['3:72', 'custom field "b": "\\\\p{L}" is not a valid regular expression: bad escape \\p at position 0'],
      ['5:72', 'custom field "d": "(?<x>a)" is not a valid regular expression: unknown extension ?<x at position 1'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';

const findings = (yaml: string) =>
  compileFiles({ 'cf.yaml': yaml })
    .diagnostics.filter((d) => d.rule.startsWith('extras/custom-field'))
    .map((d) => [d.rule, d.severity, `${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message, d.data]);

describe('extras/custom-field-regex-unsupported', () => {
  it('names the construct RE2 cannot run, as a warning at the pattern', () => {
    expect(
      findings(`custom_fields:
  - {name: code, type: text, object_types: [dcim.site], validation_regex: '(?P<x>[a-z])(?P=x)'}
  - {name: word, type: text, object_types: [dcim.site], validation_regex: 'ab(?!c)'}
  - {name: ok, type: text, object_types: [dcim.site], validation_regex: '(?a)\\bab\\b'}
`),
    ).toEqual([
      ['extras/custom-field-regex-unsupported', 'warning', '2:75', 'custom field "code": sot cannot run "(?P<x>[a-z])(?P=x)", which uses the named backreference (?P=x); its values are not checked against it', { name: 'code', construct: 'the named backreference (?P=x)' }],
      ['extras/custom-field-regex-unsupported', 'warning', '3:75', 'custom field "word": sot cannot run "ab(?!c)", which uses a negative lookahead (?!…); its values are not checked against it', { name: 'word', construct: 'a negative lookahead (?!…)' }],
    ]);
  });

  it('leaves a pattern Python refuses to extras/custom-field-definition: one mistake, one error', () => {
    expect(findings(`custom_fields:\n  - {name: code, type: text, object_types: [dcim.site], validation_regex: '(?=a)('}\n`)).toEqual([
      ['extras/custom-field-definition', 'error', '2:75', 'custom field "code": "(?=a)(" is not a valid regular expression: missing ), unterminated subpattern at position 5', { name: 'code', reason: 'missing ), unterminated subpattern at position 5' }],
    ]);
  });
});

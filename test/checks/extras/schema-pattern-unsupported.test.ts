import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';

const rows = (files: Record<string, string>) =>
  compileFiles(files).diagnostics.map((d) => [d.rule, d.severity, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

describe('extras/schema-pattern-unsupported', () => {
  it('names the construct at the pattern (a value or a patternProperties key), and data is not checked against that schema', () => {
    const profile = `config_context_profiles:
  - name: P
    schema:
      type: object
      properties:
        code: {type: string, pattern: '^(a)\\1$'}
      patternProperties:
        '^x(?!y)': {type: integer}
`;
    expect(rows({ 'p.yaml': profile, 'c.yaml': 'config_contexts:\n  - {name: a, profile: P, data: {code: ab, xz: 1}}\n' })).toEqual([
      ['extras/schema-pattern-unsupported', 'warning', 'p.yaml:6:39', 'sot cannot run the pattern "^(a)\\\\1$", which uses the backreference \\1; data is not checked against this schema'],
      ['extras/schema-pattern-unsupported', 'warning', 'p.yaml:8:9', 'sot cannot run the pattern "^x(?!y)", which uses a negative lookahead (?!…); data is not checked against this schema'],
    ]);
  });

  it('says nothing of patterns RE2 runs, nor of a schema that does not compile (extras/config-context-profile does)', () => {
    expect(rows({ 'p.yaml': "config_context_profiles:\n  - name: P\n    schema: {properties: {a: {pattern: '^[a-z]+$'}, b: {pattern: '(x'}}}\n", 'c.yaml': 'config_contexts:\n  - {name: a, profile: P, data: {a: x}}\n' }).map((r) => r[0])).toEqual(['extras/config-context-profile']);
  });
});

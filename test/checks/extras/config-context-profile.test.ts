import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';

const PROFILE = `config_context_profiles:
  - name: NTP
    schema:
      type: object
      required: [ntp_servers]
      properties:
        ntp_servers: {type: array, items: {type: string}}
`;

const findings = (files: Record<string, string>) =>
  compileFiles(files)
    .diagnostics.filter((d) => d.rule === 'extras/config-context-profile')
    .map((d) => [`${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

describe('extras/config-context-profile', () => {
  it('accepts data that conforms, and contexts without a profile', () => {
    expect(findings({ 'p.yaml': PROFILE, 'c.yaml': 'config_contexts:\n  - {name: a, profile: NTP, data: {ntp_servers: [192.0.2.1]}}\n  - {name: b, data: {anything: 1}}\n' })).toEqual([]);
  });
  it('reports data that does not conform, at the data', () => {
    expect(findings({ 'p.yaml': PROFILE, 'c.yaml': 'config_contexts:\n  - {name: a, profile: NTP, data: {ntp_servers: [1]}}\n  - {name: b, profile: NTP, data: {}}\n' })).toEqual([
      ['c.yaml:2:35', 'data does not conform to the schema of profile "NTP": ntp_servers.0 must be string'],
      ['c.yaml:3:35', 'data does not conform to the schema of profile "NTP": the data must have required property \'ntp_servers\''],
    ]);
  });
  it('reports a profile schema that is not a JSON Schema, once, at the schema', () => {
    const bad = 'config_context_profiles:\n  - name: Bad\n    schema: {type: bogus}\n';
    expect(findings({ 'p.yaml': bad, 'c.yaml': 'config_contexts:\n  - {name: a, profile: Bad, data: {x: 1}}\n  - {name: b, profile: Bad, data: {x: 2}}\n' }).map(([at, m]) => [at, m.split(':')[0]])).toEqual([
      ['p.yaml:3:13', 'the schema of profile "Bad" is not a valid JSON Schema'],
    ]);
  });
  it('data that contains itself through a YAML alias is one error at the alias, before any schema sees it', () => {
    const tree = "config_context_profiles:\n  - name: Tree\n    schema: {type: object, properties: {child: {$ref: '#'}}}\n";
    const r = compileFiles({ 'p.yaml': tree, 'c.yaml': 'config_contexts:\n  - name: a\n    profile: Tree\n    data: &d\n      child: *d\n  - {name: b, profile: Tree, data: {child: {child: {}}}}\n' });
    expect(r.diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`])).toEqual([['yaml/alias-cycle', 'c.yaml:5:14']]);
  });
  it('runs a pattern that backtracks catastrophically in linear time', () => {
    // ECMAScript's engine takes about 2^50 steps on this value; RE2's time is linear in it.
    const profile = "config_context_profiles:\n  - name: P\n    schema: {properties: {code: {type: string, pattern: '^(a+)+$'}}}\n";
    expect(findings({ 'p.yaml': profile, 'c.yaml': `config_contexts:\n  - {name: a, profile: P, data: {code: ${'a'.repeat(50)}!}}\n  - {name: b, profile: P, data: {code: ${'a'.repeat(50)}}}\n` })).toEqual([
      ['c.yaml:2:33', 'data does not conform to the schema of profile "P": code must match pattern "^(a+)+$"'],
    ]);
  });
});

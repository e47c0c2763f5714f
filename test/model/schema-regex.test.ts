import { describe, expect, it } from 'vitest';
import { schemaPattern, unsupportedSchemaPatterns } from '../../src/model/schema-regex.js';

// [pattern, value]: RE2 must answer as ECMAScript's own engine does (`new RegExp(pattern, 'u').test`),
// which is safe to ask here because none of these can backtrack for long.
const CASES: [string, string][] = [
  ['^[a-z]+$', 'abc'], ['^[a-z]+$', 'abc\n'], ['^[a-z]+$', 'ab1'], ['b', 'abc'], ['^b', 'abc'],
  ['^.$', '\r'], ['^.$', '\u2028'], ['^.$', '😀'], ['^.$', 'é'], ['a.c', 'a\nc'],
  ['^\\s$', '\u00a0'], ['^\\s$', '\ufeff'], ['^\\s$', '\u0085'], ['^\\S$', '\u0085'], ['^[\\s]$', '\u3000'], ['^[^\\s]$', 'x'], ['^[\\S]$', ' '],
  ['^\\d$', '٣'], ['^\\w$', 'é'], ['\\bx\\b', 'éxé'], ['^[\\b]$', '\b'],
  ['^(?<site>[a-z]{3})-\\d+$', 'ams-1'], ['^(?:ab|cd)+$', 'abcd'], ['^a{2,3}$', 'aaaa'], ['^a{2,}$', 'aaaa'], ['^a*?b', 'aab'],
  ['^\\x41\\u00e9\\u{1F600}\\ud83d\\ude00$', 'Aé😀😀'], ['^\\cJ$', '\n'], ['^\\0$', '\0'], ['^\\t\\n\\v\\f\\r$', '\t\n\v\f\r'],
  ['^[\\-\\]\\\\]+$', '-]\\'], ['^[[:a]$', ':'], ['^[[:a]$', '['], ['^[[:a]$', 'x'], ['^[]$', ''], ['^[^]$', '\n'], ['^\\$\\.\\/$', '$./'],
  ['^\\p{L}+$', 'héllo'], ['^\\p{Script=Greek}+$', 'αβ'], ['^\\P{L}$', '1'], ['^[😀-😂]$', '😁'], ['^x$|^y$', 'y'],
];

describe('schemaPattern', () => {
  it.each(CASES)('%j on %j answers as ECMAScript does', (pattern, value) => {
    const p = schemaPattern(pattern);
    expect(p.kind).toBe('ok');
    expect(p.kind === 'ok' && p.test(value)).toBe(new RegExp(pattern, 'u').test(value));
  });

  it.each([
    ['(a)\\1', 'the backreference \\1'],
    ['(?<x>a)\\k<x>', 'the named backreference \\k<x>'],
    ['a(?=b)', 'a lookahead (?=…)'],
    ['a(?!b)', 'a negative lookahead (?!…)'],
    ['(?<=a)b', 'a lookbehind (?<=…)'],
    ['(?<!a)b', 'a negative lookbehind (?<!…)'],
    ['a{1001}', 'invalid repeat count: `{1001}`'],
  ])('names what RE2 cannot run in %j', (pattern, construct) => {
    expect(schemaPattern(pattern)).toEqual({ kind: 'unsupported', construct });
  });

  it('throws what ECMAScript throws for a pattern that is not one', () => {
    expect(() => schemaPattern('([a-z')).toThrow(SyntaxError);
    expect(() => schemaPattern('a{')).toThrow(SyntaxError);
  });

  it('runs in linear time: ^(a+)+$ on a long value that does not match', () => {
    // ECMAScript's backtracking engine takes about 2^n steps here; at n = 100 000 it would never finish.
    const p = schemaPattern('^(a+)+$');
    expect(p.kind === 'ok' && p.test(`${'a'.repeat(100_000)}!`)).toBe(false);
  });

  it('finds the unsupported patterns of a schema, keys of patternProperties included, and skips data', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string', pattern: '(a)\\1' }, ok: { pattern: '^a$' }, pattern: { const: { pattern: 'a(?=b)' } } },
      patternProperties: { '^x(?!y)': { type: 'string' } },
    };
    expect(unsupportedSchemaPatterns(schema)).toEqual([
      { path: ['properties', 'name', 'pattern'], target: 'value', pattern: '(a)\\1', construct: 'the backreference \\1' },
      { path: ['patternProperties', '^x(?!y)'], target: 'key', pattern: '^x(?!y)', construct: 'a negative lookahead (?!…)' },
    ]);
  });
});

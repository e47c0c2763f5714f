import { describe, expect, it } from 'vitest';
import { pythonPattern } from '../../src/model/python-regex.js';

// [pattern, value, whether Python 3.11's re.match(pattern, value) matches], recorded from Python.
const MATCHES: [string, string, boolean][] = [
  ["^[A-Z]{3}$", "ABC", true],
  ["^[A-Z]{3}$", "ABC\n", true],
  ["^[A-Z]{3}$", "ABCD", false],
  ["[A-Z]{3}", "ABCD", true],
  ["[A-Z]{3}", "xABC", false],
  ["^[A-Z]{3}\\Z", "ABC\n", false],
  ["\\AABC\\Z", "ABC", true],
  ["(?i)^abc$", "ABC", true],
  ["(?i)(?s)a.c", "A\nC", true],
  ["a.c", "a\nc", false],
  ["(?m)^b$", "a\nb\nc", false],
  ["(?m)a$", "a\nb", true],
  ["a$", "a\nb", false],
  ["(?P<x>a)b", "ab", true],
  ["(?P<word>\\w+)-(?:\\d+)", "abc-12", true],
  ["\\d+$", "١٢٣", true],
  ["(?a)\\d+$", "١٢٣", false],
  ["\\w+$", "héllo", true],
  ["(?a)\\w+$", "héllo", false],
  ["\\s$", "\u00a0", true],
  ["(?a)\\s$", "\u00a0", false],
  ["\\s$", "\u001c", true],
  ["\\W", "é", false],
  ["\\W", "-", true],
  ["[\\W]", "-", true],
  ["[^\\W]", "é", true],
  ["[a\\W]", "é", false],
  ["[a\\W]", "-", true],
  ["\\S+$", "a\u3000", false],
  ["[\\S]+$", "ab", true],
  ["\\D", "٣", false],
  ["[\\D]", "x", true],
  ["a{2,3}$", "aaaa", false],
  ["a{,2}b", "aab", true],
  ["a{,2}b", "aaab", false],
  ["a{,}b", "aaab", true],
  ["a{x}", "a{x}", true],
  ["a{1,2", "a{1,2", true],
  ["a{ 1}", "a{ 1}", true],
  ["x}", "x}", true],
  ["(?x) a b  # comment", "ab", true],
  ["(?x)[ ]a", " a", true],
  ["(?x)a\\ b", "a b", true],
  ["\\x41\\u00e9\\U0001F600", "Aé😀", true],
  ["\\0", "\0", true],
  ["\\101", "A", true],
  ["[\\101-\\103]+$", "ABC", true],
  ["\\t\\n", "\t\n", true],
  ["[\\b]", "\b", true],
  ["[]a]+$", "]a]", true],
  ["[^]a]", "b", true],
  ["[[:alpha:]]", ":", false],
  ["[[:alpha:]]", "x", false],
  ["[a-]", "-", true],
  ["[-a]", "-", true],
  ["\\-\\.\\$", "-.$", true],
  ["a*?b", "aab", true],
  ["(?i:a)B", "Ab", false],
  ["(?i:a)B", "ab", false],
  ["(?-i:a)b", "ab", true],
  ["(?i)(?-i:a)b", "AB", false],
  ["(?#note)abc", "abc", true],
  ["é+$", "éé", true],
  ["(?i)é", "É", true],
  ["(?ai)é", "É", false],
  ["😀+$", "😀😀", true],
  ["[😀-😂]$", "😁", true],
  ["(a|b$)", "b\n", true],
  ["(?:ab|cd)$", "cd\n", true],
  ["^$", "", true],
  ["^$", "\n", true],
  [".", "\r", true],
  [".", "\u2028", true],
  ["^.$", "😀", true],
];

// [pattern, Python's re.error message] for patterns Python refuses.
const INVALID: [string, string][] = [
  ["([a-z", "unterminated character set at position 1"],
  ["{3}", "nothing to repeat at position 0"],
  ["a**", "multiple repeat at position 2"],
  ["(?i)a(?s)b", "global flags not at the start of the expression at position 5"],
  ["a(?i)b", "global flags not at the start of the expression at position 1"],
  ["\\e", "bad escape \\e at position 0"],
  ["\\z", "bad escape \\z at position 0"],
  ["\\p{L}", "bad escape \\p at position 0"],
  ["[\\w-z]", "bad character range \\w-z at position 1"],
  ["(?P<x>a)(?P=y)", "unknown group name 'y' at position 12"],
  ["(?L)a", "bad inline flags: cannot use 'L' flag with a str pattern at position 3"],
  ["\\8", "invalid group reference 8 at position 1"],
  ["[\\8]", "bad escape \\8 at position 1"],
  ["\\777", "octal escape value \\777 outside of range 0-0o377 at position 0"],
  ["\\x4", "incomplete escape \\x4 at position 0"],
  ["a)", "unbalanced parenthesis at position 1"],
  ["[a", "unterminated character set at position 0"],
  ["(?<n>a)", "unknown extension ?<n at position 1"],
  ["[z-a]", "bad character range z-a at position 1"],
  ["(?i-i:a)", "bad inline flags: flag turned on and off at position 5"],
  ["(?P<1>a)", "bad character in group name '1' at position 4"],
  ["(?P<a>x)(?P<a>y)", "redefinition of group name 'a' as group 2; was group 1 at position 12"],
  ["^*", "nothing to repeat at position 1"],
  ["a|*", "nothing to repeat at position 2"],
  ["(a)(?P=b)", "unknown group name 'b' at position 7"],
  ["(a\\1)", "cannot refer to an open group at position 2"],
  ["(?P<a>(?P=a))", "cannot refer to an open group at position 10"],
  ["((a)", "missing ), unterminated subpattern at position 0"],
  ["(a(b", "missing ), unterminated subpattern at position 2"],
  ["(?i:a", "missing ), unterminated subpattern at position 0"],
  ["a{3,2}", "min repeat greater than max repeat at position 2"],
];

// [pattern, the construct sot names] for patterns Python accepts and RE2 cannot run.
const UNSUPPORTED: [string, string][] = [
  ['(?P<x>a)(?P=x)', 'the named backreference (?P=x)'],
  ['(a)\\1', 'the backreference \\1'],
  ['a(?=b)', 'a lookahead (?=…)'],
  ['a(?!b)', 'a negative lookahead (?!…)'],
  ['(?<=a)b', 'a lookbehind (?<=…)'],
  ['(?<!a)b', 'a negative lookbehind (?<!…)'],
  ['(?>a+)b', 'an atomic group (?>…)'],
  ['a*+b', 'a possessive quantifier (*+, ++, ?+, {m,n}+)'],
  ['(a)?(?(1)b|c)', 'a conditional group (?(…)…|…)'],
  ['\\bword\\b', '\\b (a word boundary by Unicode letters; under (?a) it is supported)'],
  ['\\N{DIGIT ONE}', 'a character by its Unicode name (\\N{…})'],
  ['a{1001}', 'a repetition count above 1000 ({1001})'],
  ['a$\\n', '$ followed by more of the pattern'],
  ['(a$)\\Z', '$ followed by more of the pattern'],
  ['(a$|b)c', '$ followed by more of the pattern'],
  ['[^a\\W]', '\\W with other characters in a negated class [^…]'],
];

describe('pythonPattern', () => {
  it.each(MATCHES)('re.match(%j, %j) is %s', (pattern, value, expected) => {
    const p = pythonPattern(pattern);
    expect(p.kind).toBe('ok');
    expect(p.kind === 'ok' && p.match(value)).toBe(expected);
  });

  it.each(INVALID)('Python refuses %j: %s', (pattern, reason) => {
    expect(pythonPattern(pattern)).toEqual({ kind: 'invalid', reason });
  });

  it.each(UNSUPPORTED)('names what RE2 cannot run in %j', (pattern, construct) => {
    expect(pythonPattern(pattern)).toEqual({ kind: 'unsupported', construct });
  });

  it('reads Python-only syntax into RE2', () => {
    expect(pythonPattern('(?i)(?P<x>a)\\Z').kind === 'ok' && (pythonPattern('(?i)(?P<x>a)\\Z') as { source: string }).source).toBe('(?i)(a)\\z');
    expect((pythonPattern('(?a)\\bx\\b') as { source: string }).source).toBe('\\bx\\b');
  });

  it('runs in linear time: (a+)+$ on a long value that does not match', () => {
    // A backtracking engine takes about 2^n steps here; at n = 100 000 it would never finish.
    const p = pythonPattern('^(a+)+$');
    expect(p.kind === 'ok' && p.match(`${'a'.repeat(100_000)}!`)).toBe(false);
    expect(p.kind === 'ok' && p.match('a'.repeat(100_000))).toBe(true);
  });
});

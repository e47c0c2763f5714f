import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../src/outputs/line-diff.js';

/** The length of the longest common subsequence, by dynamic programming: the minimal diff keeps this many. */
function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
  return t[a.length][b.length];
}

const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'interface Ethernet1', ''), { maxLength: 12 });

describe('diffLines', () => {
  it('turns a into b with the fewest changes', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const edits = diffLines(a, b);
        expect(edits.filter((e) => e.op !== 'add').map((e) => e.line)).toEqual(a);
        expect(edits.filter((e) => e.op !== 'remove').map((e) => e.line)).toEqual(b);
        expect(edits.filter((e) => e.op === 'keep').length).toBe(lcs(a, b));
      }),
      { numRuns: 500 },
    );
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts and shows hunks with three lines of context as diff -u does', () => {
    expect(unifiedDiff('x\n', 'x\n', { expected: 'e', actual: 'a' })).toBe('');
    const before = ['hostname r1', 'interface e1', ' mtu 1500', 'interface e2', ' shutdown', 'interface e3', 'interface e4', 'interface e5', 'interface e6', 'interface e7', 'interface e8', 'end', ''].join('\n');
    const after = before.replace(' mtu 1500', ' mtu 9214').replace('interface e8\n', 'interface e8\n description new\n');
    expect(unifiedDiff(before, after, { expected: 'tests/configs/r1.cfg', actual: 'r1 rendered' })).toBe(
      [
        '--- tests/configs/r1.cfg',
        '+++ r1 rendered',
        '@@ -1,6 +1,6 @@',
        ' hostname r1',
        ' interface e1',
        '- mtu 1500',
        '+ mtu 9214',
        ' interface e2',
        '  shutdown',
        ' interface e3',
        '@@ -9,4 +9,5 @@',
        ' interface e6',
        ' interface e7',
        ' interface e8',
        '+ description new',
        ' end',
        '',
      ].join('\n'),
    );
  });

  it('says when a file lacks its last newline, and numbers hunks as GNU diff does', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', { expected: 'e', actual: 'a' })).toBe('--- e\n+++ a\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    expect(unifiedDiff('', 'a\n', { expected: 'e', actual: 'a' })).toBe('--- e\n+++ a\n@@ -0,0 +1 @@\n+a\n');
  });
});

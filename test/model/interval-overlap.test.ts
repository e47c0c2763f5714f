import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earliestOverlapping } from '../../src/model/interval-overlap.js';

describe('model/interval-overlap', () => {
  it('names the earliest other interval sharing a point, closed at both ends', () => {
    const sorted = [
      { first: 1, last: 5, order: 2 },
      { first: 3, last: 4, order: 0 },
      { first: 5, last: 9, order: 1 },
      { first: 10, last: 12, order: 3 },
    ];
    expect(earliestOverlapping(sorted)).toEqual([1, 0, 0, -1]);
  });

  it('agrees with comparing every pair (property)', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 8 }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), (raw) => {
        const sorted = raw
          .map(([first, width], order) => ({ first, last: first + width, order }))
          .sort((a, b) => a.first - b.first || a.last - b.last);
        const got = earliestOverlapping(sorted).map((i) => (i < 0 ? -1 : sorted[i].order));
        const want = sorted.map((a, i) => {
          const others = sorted.filter((b, j) => j !== i && b.first <= a.last && a.first <= b.last).map((b) => b.order);
          return others.length ? Math.min(...others) : -1;
        });
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});

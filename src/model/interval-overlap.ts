// Which earlier-written interval each interval overlaps: the question NetBox asks when it refuses an
// IP range (or a VLAN ID range) that overlaps one created before it. Answered for all intervals at once
// in O(n log n), never by comparing pairs.

export interface Interval<B extends bigint | number> {
  first: B;
  last: B;
  /** Creation order: inventory order. Lower is earlier. */
  order: number;
}

/**
 * For intervals sorted by `first`, the index of the earliest (lowest `order`) other interval that
 * shares a point with each, or -1. Closed intervals: [1, 5] and [5, 9] overlap.
 */
export function earliestOverlapping<B extends bigint | number>(sorted: readonly Interval<B>[]): number[] {
  const n = sorted.length;
  const out = new Array<number>(n).fill(-1);
  const better = (a: number, b: number) => (b < 0 || sorted[a].order < sorted[b].order ? a : b);

  // Intervals starting inside this one (at or after its first, up to its last) come after it in the
  // sorted list, in one contiguous run: a sparse table answers the earliest in any run.
  const table: number[][] = [Array.from({ length: n }, (_, i) => i)];
  for (let k = 1; 1 << k <= n; k++) {
    const prev = table[k - 1];
    const row: number[] = [];
    for (let i = 0; i + (1 << k) <= n; i++) row.push(better(prev[i], prev[i + (1 << (k - 1))]));
    table.push(row);
  }
  const earliestIn = (from: number, to: number): number => {
    if (from > to) return -1;
    const k = 31 - Math.clz32(to - from + 1);
    return better(table[k][from], table[k][to - (1 << k) + 1]);
  };
  for (let i = 0; i < n; i++) {
    // The run ends at the last interval starting at or before this one's last (binary search).
    let lo = i + 1;
    let hi = n - 1;
    let end = i;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].first <= sorted[i].last) {
        end = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    out[i] = earliestIn(i + 1, end);
  }

  // Intervals starting before this one overlap it while their last reaches its first. Firsts only
  // grow, so an interval that stops reaching one never reaches a later one: it leaves for good.
  const byLast = new Heap<number>((a, b) => (sorted[a].last < sorted[b].last ? -1 : sorted[a].last > sorted[b].last ? 1 : 0));
  const byOrder = new Heap<number>((a, b) => sorted[a].order - sorted[b].order);
  const gone = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    while (byLast.size && sorted[byLast.peek()].last < sorted[i].first) gone[byLast.pop()] = 1;
    while (byOrder.size && gone[byOrder.peek()]) byOrder.pop();
    if (byOrder.size) out[i] = better(byOrder.peek(), out[i]);
    byLast.push(i);
    byOrder.push(i);
  }
  return out;
}

/** A binary min-heap. */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T {
    return this.items[0];
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.compare(a[i], a[p]) >= 0) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): T {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.compare(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.compare(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

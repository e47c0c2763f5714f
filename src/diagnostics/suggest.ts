/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). With `max`, only the
 * diagonal band of width 2·max+1 is computed and the computation stops as soon as a row exceeds
 * `max` (returning max + 1), so a bounded call costs O(length · max), not O(length²).
 */
/** Three rows reused by every call: most calls compare short names, and allocating them was most of the cost. */
let rows = [0, 1, 2].map(() => new Int32Array(128));

export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  const cap = Math.min(max, Math.max(n, m));
  const big = cap + 1;
  // Cells outside the band read as `big`: each row writes the cell either side of its band.
  if (rows[0].length < m + 2) rows = [0, 1, 2].map(() => new Int32Array(2 * (m + 2)));
  let [prev2, prev, cur] = rows;
  prev2.fill(big, 0, m + 2);
  prev.fill(big, 0, m + 2);
  for (let j = 0; j <= Math.min(m, cap); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - cap);
    const hi = Math.min(m, i + cap);
    cur[lo - 1] = lo === 1 ? i : big;
    let rowMin = cur[lo - 1];
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    cur[hi + 1] = big;
    if (rowMin > cap) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m];
  return d > cap ? max + 1 : d;
}

/**
 * Longer names are not compared: NetBox's longest name fields (a site's or a tenant's name) hold 100
 * characters, so a longer value is no misspelt name, and comparing it would cost length².
 */
export const MAX_SUGGEST_LENGTH = 100;

/** At most this many candidates (after the length filter) are compared with one value, in their given order. */
export const MAX_SUGGEST_EXAMINED = 20_000;

const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');

/** Candidates prepared once per candidate collection: normalized, bucketed by length, with a memo per value. */
interface Prepared {
  byLength: Map<number, { raw: string; norm: string }[]>;
  memo: Map<string, string[]>;
  /** Every candidate once, in the given order; the index's ids point into it. */
  all: { raw: string; norm: string }[];
  /** Built on the first value asked of a large list (null: too small or too large for one). */
  index?: NeighbourIndex | null;
}

const prepared = new WeakMap<object, Prepared>();

function prepare(candidates: Iterable<string>): Prepared {
  const byLength = new Map<number, { raw: string; norm: string }[]>();
  const all: { raw: string; norm: string }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    const entry = { raw: c, norm: norm(c) };
    let bucket = byLength.get(entry.norm.length);
    if (!bucket) byLength.set(entry.norm.length, (bucket = []));
    bucket.push(entry);
    all.push(entry);
  }
  return { byLength, memo: new Map(), all };
}

/**
 * How many candidates one scope may compare with misspelt values before it stops suggesting: a file's
 * parse and validation is one scope, a compile's resolve and checks another. A file with 100,000
 * unknown keys would otherwise compare each with every field name; past the budget its diagnostics
 * come without a did-you-mean, and only the first thousand of a rule are listed anyway (see limit.ts).
 * The budget is counted in the order a scope finds its problems, so the same input gets the same
 * suggestions.
 */
export const SUGGEST_BUDGET = 1_000_000;

let remaining = Infinity;

/** Runs `fn` with a fresh suggestion budget, restoring the caller's after. */
export function withSuggestBudget<T>(fn: () => T, budget = SUGGEST_BUDGET): T {
  const saved = remaining;
  remaining = budget;
  try {
    return fn();
  } finally {
    remaining = saved;
  }
}

/**
 * The closest candidates to a misspelt value, best first (at most `limit`). Case and the `-`/`_`
 * difference count as nothing, so `poe-mode` finds `poe_mode` and `ams1` finds `AMS1`. A value that
 * is the whole first part of a few names up to a `/`, `.` or `:` (`Ethernet49` of `Ethernet49/1`)
 * names one of them: those rank first.
 *
 * Bounded whatever the input: values and candidates longer than MAX_SUGGEST_LENGTH are not compared,
 * only candidates whose length is within the edit budget get a (banded) distance, at most
 * MAX_SUGGEST_EXAMINED of them, and a collection passed again (the same array or Set) is
 * prepared once and answers a value it has seen from a memo (an iterator is prepared each time).
 */
export function suggest(value: string, candidates: Iterable<string>, limit = 3): string[] {
  if (value.length > MAX_SUGGEST_LENGTH) return [];
  const key = typeof candidates === 'object' && candidates !== null ? (candidates as object) : undefined;
  let p = key ? prepared.get(key) : undefined;
  if (!p) {
    p = prepare(candidates);
    // Iterators are used once: only a collection can be passed again.
    if (key && typeof (candidates as any).next !== 'function') prepared.set(key, p);
  }
  const memoKey = `${limit}\0${value}`;
  const hit = p.memo.get(memoKey);
  if (hit) return hit.slice();
  if (remaining <= 0) return [];
  if (p.index === undefined) p.index = p.all.length > INDEX_MIN_CANDIDATES ? NeighbourIndex.build(p.all) : null;
  const result = p.index ? rankClose(value, p, p.index, limit) : rank(value, p, limit);
  p.memo.set(memoKey, result);
  return result.slice();
}

const BOUNDARY = new Set(['/', '.', ':']);
/**
 * How many names a value may be the first part of and still name one of them: a breakout splits a
 * port into 2, 4 or 8 (`Ethernet49` → `Ethernet49/1`..`/4`); a value that starts more names than that
 * is no port of them.
 */
const MAX_BOUNDARY_MATCHES = 8;

function rank(value: string, p: Prepared, limit: number): string[] {
  const v = norm(value);
  const budget = Math.max(2, Math.floor(v.length / 3));
  const scored: [number, number, string][] = [];
  const boundary: [number, number, string][] = [];
  let examined = 0;
  // Near lengths first, in the candidates' order within a length: a capped search keeps the likeliest.
  const lengths = [...p.byLength.keys()].filter((l) => l <= MAX_SUGGEST_LENGTH).sort((x, y) => Math.abs(x - v.length) - Math.abs(y - v.length) || x - y);
  for (const len of lengths) {
    const near = Math.abs(len - v.length) <= budget;
    // A value that starts a longer name (`dev` → `devices`) is a weak match: it ranks after any close edit.
    const prefixes = v.length >= 3 && len > v.length;
    if (!near && !prefixes) continue;
    for (const c of p.byLength.get(len)!) {
      if (c.raw === value) continue;
      if (examined++ >= MAX_SUGGEST_EXAMINED) break;
      const d = near ? editDistance(v, c.norm, budget) : budget + 1;
      const starts = prefixes && c.norm.startsWith(v);
      const score = d <= budget ? d : starts ? budget : d;
      // Ties go to the candidate written most like the value (`ams1` before `AMS1` for "amss1").
      if (score <= budget) (starts && BOUNDARY.has(c.norm[v.length]) ? boundary : scored).push([score, editDistance(value, c.raw, MAX_SUGGEST_LENGTH), c.raw]);
    }
  }
  remaining -= examined;
  if (boundary.length <= MAX_BOUNDARY_MATCHES) for (const b of boundary) b[0] = -1;
  const all = [...boundary, ...scored];
  all.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
  return all.slice(0, limit).map(([, , c]) => c);
}

/** Lists longer than this get a NeighbourIndex: below it, the capped scan costs less than building one. */
export const INDEX_MIN_CANDIDATES = 2_000;

/** Ids below 2^21 leave a 32-bit hash room in a double's 53 exact bits (see NeighbourIndex). */
const ID_BITS = 2 ** 21;

/** FNV-1a of `s` without its character at `skip` (-1: all of it). */
function hashWithout(s: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Which candidates can be within distance 1 of a value, found without comparing them all: two
 * strings within one edit (an insertion, deletion, substitution or swap of neighbours) have a common
 * string among themselves and their one-character deletions. Each candidate's such strings are kept
 * as hashes, sorted with its id in one Float64Array (`hash · 2^21 + id`): a list of 300,000 names is
 * about 4 million numbers, built once. Hash collisions only add candidates, which are compared.
 *
 * A trigram index cannot do this: NetBox names are short and a distance budget of a third of the
 * length leaves `server-000123` no trigram it must share with `server-000132`.
 */
class NeighbourIndex {
  private constructor(private readonly keys: Float64Array) {}

  static build(all: { norm: string }[]): NeighbourIndex | null {
    if (all.length >= ID_BITS) return null;
    let total = 0;
    for (const c of all) if (c.norm.length <= MAX_SUGGEST_LENGTH) total += c.norm.length + 1;
    const keys = new Float64Array(total);
    let k = 0;
    all.forEach((c, id) => {
      if (c.norm.length > MAX_SUGGEST_LENGTH) return;
      for (let skip = -1; skip < c.norm.length; skip++) keys[k++] = hashWithout(c.norm, skip) * ID_BITS + id;
    });
    keys.sort();
    return new NeighbourIndex(keys);
  }

  /** Ids of the candidates that may be within one edit of `v` (a superset of them). */
  near(v: string): Set<number> {
    const ids = new Set<number>();
    for (let skip = -1; skip < v.length; skip++) {
      const base = hashWithout(v, skip) * ID_BITS;
      let lo = 0;
      let hi = this.keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.keys[mid] < base) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.keys.length && this.keys[i] < base + ID_BITS; i++) ids.add(this.keys[i] - base);
    }
    return ids;
  }
}

/**
 * rank() with the index: every candidate scoring 1 or less (within one edit, or a port the value
 * starts) is found exactly, and every other one scores 2 or more and ranks after them, so when they
 * are `limit` they are the answer the full comparison gives. When fewer, they are the whole answer;
 * only a value with none that close gets the capped scan.
 */
function rankClose(value: string, p: Prepared, index: NeighbourIndex, limit: number): string[] {
  const v = norm(value);
  const budget = Math.max(2, Math.floor(v.length / 3));
  const found: [number, number, string][] = [];
  const taken = new Set<number>();
  if (v.length >= 3) {
    const ports: number[] = [];
    for (const b of BOUNDARY) ports.push(...startingWith(p, v + b));
    if (ports.length <= MAX_BOUNDARY_MATCHES) {
      for (const id of ports) {
        if (p.all[id].raw === value) continue;
        taken.add(id);
        found.push([-1, editDistance(value, p.all[id].raw, MAX_SUGGEST_LENGTH), p.all[id].raw]);
      }
    }
  }
  const near = index.near(v);
  remaining -= near.size + v.length;
  for (const id of near) {
    const c = p.all[id];
    if (taken.has(id) || c.raw === value) continue;
    const d = editDistance(v, c.norm, Math.min(1, budget));
    if (d <= 1) found.push([d, editDistance(value, c.raw, MAX_SUGGEST_LENGTH), c.raw]);
  }
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
  const close = found.slice(0, limit).map(([, , c]) => c);
  // Names two edits away or more are only looked for when none is closer: the scan that finds them is
  // capped and costs 20,000 distances a value, which 1,000 references each filling a third name paid.
  return close.length > 0 ? close : rank(value, p, limit);
}

const sortedByNorm = new WeakMap<Prepared, number[]>();

/** Ids of the candidates whose normalized form starts with `prefix`, by binary search in a sorted copy. */
function startingWith(p: Prepared, prefix: string): number[] {
  let order = sortedByNorm.get(p);
  if (!order) {
    order = p.all.map((_, i) => i).sort((a, b) => (p.all[a].norm < p.all[b].norm ? -1 : p.all[a].norm > p.all[b].norm ? 1 : a - b));
    sortedByNorm.set(p, order);
  }
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (p.all[order[mid]].norm < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < order.length && p.all[order[i]].norm.startsWith(prefix) && out.length <= MAX_BOUNDARY_MATCHES; i++) out.push(order[i]);
  return out.filter((id) => p.all[id].norm.length <= MAX_SUGGEST_LENGTH);
}

export function didYouMean(value: string, candidates: Iterable<string>): string {
  const s = suggest(value, candidates, 1);
  return s.length ? `; did you mean "${s[0]}"?` : '';
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped early. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[cols - 1];
}

/**
 * The closest candidates to a misspelt value, best first (at most `limit`). Case and the `-`/`_`
 * difference count as nothing, so `poe-mode` finds `poe_mode` and `ams1` finds `AMS1`.
 */
export function suggest(value: string, candidates: Iterable<string>, limit = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/-/g, '_');
  const v = norm(value);
  const budget = Math.max(2, Math.floor(v.length / 3));
  const scored: [number, number, string][] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c) || c === value) continue;
    seen.add(c);
    const d = editDistance(v, norm(c), budget);
    // A value that starts a longer name (`dev` → `devices`) is a weak match: it ranks after any close edit.
    const score = d <= budget ? d : v.length >= 3 && norm(c).startsWith(v) ? budget : d;
    // Ties go to the candidate written most like the value (`ams1` before `AMS1` for "amss1").
    if (score <= budget) scored.push([score, editDistance(value, c), c]);
  }
  scored.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
  return scored.slice(0, limit).map(([, , c]) => c);
}

export function didYouMean(value: string, candidates: Iterable<string>): string {
  const s = suggest(value, candidates, 1);
  return s.length ? `; did you mean "${s[0]}"?` : '';
}

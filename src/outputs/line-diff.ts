// A line diff (Myers' O((N+M)·D) algorithm) and its unified form, for `sot test`: what a template
// renders against what the inventory expects, as `diff -u` shows it.

export type Edit = { op: 'keep' | 'add' | 'remove'; line: string };

/** The shortest edit script turning `a` into `b`, line by line. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m) to (0, 0).
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ op: 'keep', line: a[x] });
    }
    if (d > 0) {
      if (x === prevX) edits.push({ op: 'add', line: b[--y] });
      else edits.push({ op: 'remove', line: a[--x] });
    }
  }
  return edits.reverse();
}

/** Text as lines, remembering whether it ends with a newline (a difference `diff -u` shows too). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}

/** A unified diff of two texts with `context` lines around each change; '' when they are equal. */
export function unifiedDiff(expected: string, actual: string, names: { expected: string; actual: string }, context = 3): string {
  if (expected === actual) return '';
  const edits = diffLines(splitLines(expected), splitLines(actual));
  const out = [`--- ${names.expected}`, `+++ ${names.actual}`];
  // Positions (1-based) in each text of every edit, to number the hunks.
  let ai = 1;
  let bi = 1;
  const positioned = edits.map((e) => {
    const at = { ...e, a: ai, b: bi };
    if (e.op !== 'add') ai++;
    if (e.op !== 'remove') bi++;
    return at;
  });
  let i = 0;
  while (i < positioned.length) {
    if (positioned[i].op === 'keep') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2 × context unchanged lines.
    for (;;) {
      while (end < positioned.length && positioned[end].op !== 'keep') end++;
      let next = end;
      while (next < positioned.length && positioned[next].op === 'keep') next++;
      if (next < positioned.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(positioned.length, end + context);
    const hunk = positioned.slice(start, stop);
    const aCount = hunk.filter((e) => e.op !== 'add').length;
    const bCount = hunk.filter((e) => e.op !== 'remove').length;
    const aStart = aCount ? hunk.find((e) => e.op !== 'add')!.a : hunk[0].a - 1;
    const bStart = bCount ? hunk.find((e) => e.op !== 'remove')!.b : hunk[0].b - 1;
    const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const e of hunk) out.push(`${e.op === 'keep' ? ' ' : e.op === 'add' ? '+' : '-'}${e.line}`);
    i = stop;
  }
  return `${out.join('\n')}\n`;
}

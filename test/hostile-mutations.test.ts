import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { mutations, readExample, type Mutation } from './hostile/mutations.js';

const example = readExample();
const cases = mutations(example);

function run(m: Mutation): string[] {
  const files = [...example].map(([file, text]) => ({ file, text: file === m.file ? m.text : text }));
  return compile(files).diagnostics.map((d) => `${d.location.file}:${(d.location.range?.start.line ?? -1) + 1}:${(d.location.range?.start.column ?? -1) + 1} ${d.severity} ${d.rule} ${d.message}`);
}

describe('one mistake in inventory-example, one error where it was made', () => {
  it('has a broad corpus', () => expect(cases.length).toBeGreaterThan(300));
  it.each(cases.map((m) => [m.name, m] as const))('%s', (_name, m) => {
    const started = performance.now();
    const got = run(m);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(got).toHaveLength(1);
    const [where, severity, rule] = got[0]!.split(' ');
    expect(severity).toBe('error');
    expect(m.expected.rules).toContain(rule);
    const [file, line, column] = where!.split(':');
    expect(file).toBe(m.expected.file);
    if (m.expected.line !== undefined) expect([Number(line), Number(column)]).toEqual([m.expected.line, m.expected.column]);
    else expect(Number(line)).toBeGreaterThanOrEqual(m.expected.within![0]), expect(Number(line)).toBeLessThanOrEqual(m.expected.within![1]);
  });
});

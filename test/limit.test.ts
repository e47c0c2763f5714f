import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import type { Diagnostic, Severity } from '../src/diagnostics/diagnostic.js';
import { limitPerFile, MAX_PER_RULE_PER_FILE } from '../src/diagnostics/limit.js';
import { suggest, withSuggestBudget } from '../src/diagnostics/suggest.js';

const d = (file: string, rule: string, n: number, severity: Severity = 'error'): Diagnostic => ({
  rule,
  severity,
  message: `${rule} ${n}`,
  location: { file, path: ['sites', n] },
});

describe('limitPerFile', () => {
  it('returns the same list when no file has more than the limit of one rule', () => {
    const list = [d('a.yaml', 'x/y', 0), d('a.yaml', 'x/y', 1), d('b.yaml', 'x/y', 0)];
    expect(limitPerFile(list, undefined, 2)).toBe(list);
  });

  it('keeps the first of each file and rule, and counts the rest where the first left out stands, with their worst severity', () => {
    const list = [
      d('a.yaml', 'x/y', 0), d('a.yaml', 'x/z', 0), d('a.yaml', 'x/y', 1), d('b.yaml', 'x/y', 0),
      d('a.yaml', 'x/y', 2, 'warning'), d('a.yaml', 'x/y', 3), d('b.yaml', 'x/y', 1), d('a.yaml', 'x/z', 1),
    ];
    const out = limitPerFile(list, undefined, 2);
    expect(out.map((x) => `${x.location.file} ${x.rule} ${x.severity} ${x.message.slice(0, 30)}`)).toEqual([
      'a.yaml x/y error x/y 0',
      'a.yaml x/z error x/z 0',
      'a.yaml x/y error x/y 1',
      'b.yaml x/y error x/y 0',
      'a.yaml report/too-many-problems error 2 more x/y problems are in thi',
      'b.yaml x/y error x/y 1',
      'a.yaml x/z error x/z 1',
    ]);
    expect(out[4]).toMatchObject({ location: { file: 'a.yaml', path: ['sites', 2] }, data: { rule: 'x/y', listed: 2, omitted: 2 } });
    expect(out[4].message).toBe('2 more x/y problems are in this file, not listed: a file lists the first 2 of a rule');
  });

  it('takes a warning\'s severity when only warnings are left out, and says "problem is" for one', () => {
    const out = limitPerFile([d('a.yaml', 'x/y', 0), d('a.yaml', 'x/y', 1, 'warning')], undefined, 1);
    expect(out[1]).toMatchObject({ rule: 'report/too-many-problems', severity: 'warning', message: '1 more x/y problem is in this file, not listed: a file lists the first 1 of a rule' });
  });

  it('leaves alone, and does not count, what keepAll selects', () => {
    const list = [d('a.yaml', 'x/y', 0), d('a.yaml', 'x/y', 1), d('a.yaml', 'x/y', 2)];
    expect(limitPerFile(list, (x) => x.message.endsWith('1'), 2)).toBe(list);
  });
});

describe('a file with more problems of one rule than the limit', () => {
  const many = (n: number, extra = '') => `sites:\n  - name: s1\n    slug: s1\n${Array.from({ length: n }, (_, i) => `    field${i}: x${i === 0 ? extra : ''}\n`).join('')}`;

  it('lists the first thousand and counts the others, located at the first left out', () => {
    const r = compile([{ file: 'sot.yaml', text: 'format: 1\n' }, { file: 'a.yaml', text: many(MAX_PER_RULE_PER_FILE + 5) }]);
    expect(r.diagnostics.filter((x) => x.rule === 'schema/unknown-field')).toHaveLength(MAX_PER_RULE_PER_FILE);
    const summary = r.diagnostics.filter((x) => x.rule === 'report/too-many-problems');
    expect(summary.map((x) => [x.severity, x.location.range?.start, x.data])).toEqual([
      ['error', { line: 3 + MAX_PER_RULE_PER_FILE, column: 4 }, { rule: 'schema/unknown-field', listed: MAX_PER_RULE_PER_FILE, omitted: 5 }],
    ]);
  });

  it('counts unknown collections past the limit as they are found', () => {
    const text = Array.from({ length: MAX_PER_RULE_PER_FILE + 3 }, (_, i) => `colection${i}: []\n`).join('');
    const r = compile([{ file: 'sot.yaml', text: 'format: 1\n' }, { file: 'a.yaml', text: `# sot-ignore schema/unknown-collection: cannot be silenced\n${text}` }]);
    expect(r.diagnostics.filter((x) => x.rule === 'schema/unknown-collection')).toHaveLength(MAX_PER_RULE_PER_FILE);
    expect(r.diagnostics.filter((x) => x.rule === 'report/too-many-problems').map((x) => [x.location.range?.start, x.data])).toEqual([
      [{ line: 1 + MAX_PER_RULE_PER_FILE, column: 0 }, { rule: 'schema/unknown-collection', listed: MAX_PER_RULE_PER_FILE, omitted: 3 }],
    ]);
  });

  it('adds up an object counted whole with the problems of other objects', () => {
    const site = (name: string, n: number) => `  - name: ${name}\n    slug: ${name}\n${Array.from({ length: n }, (_, i) => `    f${i}: x\n`).join('')}`;
    const r = compile([{ file: 'sot.yaml', text: 'format: 1\n' }, { file: 'a.yaml', text: `sites:\n${site('s1', 1500)}${site('s2', 10)}` }]);
    expect(r.diagnostics.filter((x) => x.rule === 'schema/unknown-field')).toHaveLength(MAX_PER_RULE_PER_FILE);
    const summary = r.diagnostics.filter((x) => x.rule === 'report/too-many-problems');
    // s1's f1000 is the first left out: line 1 sites, 2-3 name and slug, f0 on line 4.
    expect(summary.map((x) => [x.location.range?.start, x.message])).toEqual([
      [{ line: 1003, column: 4 }, '510 more schema/unknown-field problems are in this file, not listed: a file lists the first 1,000 of a rule'],
    ]);
  });

  it('does not count what a sot-ignore comment silences', () => {
    const text = many(MAX_PER_RULE_PER_FILE + 1, '  # sot-ignore schema/unknown-field: generated by the old tool');
    const r = compile([{ file: 'sot.yaml', text: 'format: 1\n' }, { file: 'a.yaml', text }]);
    expect(r.diagnostics.filter((x) => x.rule === 'report/too-many-problems')).toEqual([]);
    expect(r.diagnostics.filter((x) => x.rule === 'schema/unknown-field')).toHaveLength(MAX_PER_RULE_PER_FILE);
    expect(r.suppressed).toHaveLength(1);
  });

  it('takes the setting of the rule it counts: off drops it, warning makes it a warning', () => {
    const files = (rules: string) => [{ file: 'sot.yaml', text: `format: 1\nrules:\n  schema/unknown-field: ${rules}\n` }, { file: 'a.yaml', text: many(MAX_PER_RULE_PER_FILE + 5) }];
    expect(compile(files('off')).diagnostics).toEqual([]);
    const warned = compile(files('warning')).diagnostics;
    expect(warned).toHaveLength(MAX_PER_RULE_PER_FILE + 1);
    expect(warned.every((x) => x.severity === 'warning')).toBe(true);
    expect(warned.at(-1)!.rule).toBe('report/too-many-problems');
  });

  it('cannot be turned off in rules:', () => {
    const r = compile([{ file: 'sot.yaml', text: 'format: 1\nrules:\n  report/too-many-problems: off\n' }]);
    expect(r.diagnostics.map((x) => [x.rule, x.message])).toEqual([['settings/invalid', '"report/too-many-problems" is not a rule sot.yaml can set: it counts problems of another rule that are not listed, which keep their severity']]);
  });
});

describe('the suggestion budget', () => {
  const names = Array.from({ length: 500 }, (_, i) => `collection-name-${i}`);

  it('stops suggesting once a scope has compared its budget of candidates, and starts again in the next scope', () => {
    const list = [...names];
    const within = withSuggestBudget(() => [suggest('collection-nam-1', list, 1), suggest('collection-nam-2', list, 1)], 400);
    // The first value's comparisons spend the budget: the second gets no suggestion.
    expect(within).toEqual([['collection-name-1'], []]);
    expect(withSuggestBudget(() => suggest('collection-nam-2', list, 1), 400)).toEqual(['collection-name-2']);
  });

  it('still answers a value it has suggested for, from its memo', () => {
    const list = [...names];
    withSuggestBudget(() => suggest('collection-nam-3', list, 1));
    expect(withSuggestBudget(() => suggest('collection-nam-3', list, 1), 0)).toEqual(['collection-name-3']);
  });
});

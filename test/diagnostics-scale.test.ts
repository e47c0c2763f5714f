import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../src/diagnostics/suggest.js';
import { excerpt } from '../src/diagnostics/excerpt.js';
import { SourceMap } from '../src/parse/locate.js';

describe('suggest', () => {
  it('names the broken-out port a bare interface name starts', () => {
    const names = ['Ethernet48', 'Ethernet40', 'Ethernet4', 'Ethernet49/1'];
    expect(suggest('Ethernet49', names, 3)).toEqual(['Ethernet49/1', 'Ethernet4', 'Ethernet40']);
  });

  it('computes a banded distance equal to the full one within the bound', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('ab', 'ba', 1)).toBe(1);
  });

  it('does not compare names longer than NetBox allows', () => {
    const long = 'x'.repeat(5000);
    const names = Array.from({ length: 200 }, (_, i) => `${long}${i}`);
    for (let i = 0; i < 20_000; i++) expect(suggest(`${long}${i}y`, names, 1)).toEqual([]);
  });
});

describe('excerpt', () => {
  it('cuts long values to 200 characters and says how long they were', () => {
    expect(excerpt('a'.repeat(200))).toBe('a'.repeat(200));
    expect(excerpt('a'.repeat(50_000_000))).toBe(`${'a'.repeat(200)}… (50000000 characters)`);
  });
});

describe('SourceMap', () => {
  const text = (eol: string) => ['sites:', '  - name: s1', '    descripton: x', ''].join(eol);
  for (const [label, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`locates a key in a ${label} file`, () => {
      expect(new SourceMap(text(eol)).locate(['sites', 0, 'descripton'], 'key')).toEqual({ start: { line: 2, column: 4 }, end: { line: 2, column: 14 } });
    });
  }

  it('locates a key in a file with mixed line ends', () => {
    expect(new SourceMap('sites:\r\n  - name: s1\r    descripton: x\n').locate(['sites', 0, 'descripton'], 'key')).toEqual({ start: { line: 2, column: 4 }, end: { line: 2, column: 14 } });
  });

  it('locates each of 20,000 top-level keys', () => {
    const src = Array.from({ length: 20_000 }, (_, i) => `collection${i}: []\n`).join('');
    const map = new SourceMap(src);
    for (let i = 0; i < 20_000; i++) expect(map.locate([`collection${i}`], 'key').start.line).toBe(i);
  });

  it('parses an entry once for 1,000 problems inside it', () => {
    let src = 'devices:\n  - name: d1\n    interfaces:\n';
    for (let i = 0; i < 1000; i++) src += `      - name: Ethernet${i}\n        descripton: x\n`;
    const map = new SourceMap(src);
    for (let i = 0; i < 1000; i++) expect(map.locate(['devices', 0, 'interfaces', i, 'descripton'], 'key').start).toEqual({ line: 4 + 2 * i, column: 8 });
  });
});

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

describe('suggest among many names', () => {
  // 300,000 names sharing their first eight characters: the old capped scan compared 20,000 of them
  // with each of 20,000 values (400 million distances) and missed the names past the first 20,000.
  const names = Array.from({ length: 300_000 }, (_, i) => `server-${String(i).padStart(6, '0')}`);

  it('finds the name one edit away for each of 20,000 different misspellings', () => {
    const typo = (i: number) => {
      const n = names[i];
      switch (i % 4) {
        case 0: return `${n.slice(0, 10)}${n[11]}${n[10]}${n.slice(12)}x`.slice(0, 13); // neighbours swapped
        case 1: return `${n}z`; // one inserted
        case 2: return n.replace('server', 'srver'); // one deleted
        default: return n.toUpperCase().replace('-', '_'); // case and _ cost nothing
      }
    };
    for (let k = 0; k < 20_000; k++) {
      const i = (k * 15) % 300_000;
      const got = suggest(typo(i), names, 1);
      expect(got.length).toBe(1);
      expect(editDistance(typo(i).toLowerCase().replace(/_/g, '-'), got[0], 1)).toBeLessThanOrEqual(1);
    }
    expect(suggest('srver-123456', names, 1)).toEqual(['server-123456']);
    expect(suggest('server-123456z', names, 1)).toEqual(['server-123456']);
    expect(suggest('SERVER_299999', names, 1)).toEqual(['server-299999']);
    // Many names are one edit away: ties go to the one written most like the value, then by name.
    expect(suggest('server-123465', names, 3)).toEqual(['server-023465', 'server-103465', 'server-113465']);
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrettyJson, type Json } from '../../src/outputs/json-text.js';

describe('PrettyJson', () => {
  const json = new PrettyJson();

  it('writes what JSON.stringify(value, null, 2) writes, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        // JSON text has no raw line break inside a string: every line break is indentation.
        const expected = JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
        expect(json.text(value as Json, depth)).toBe(expected);
      }),
    );
  });

  it('leaves out undefined values of objects and writes them null in lists, as JSON.stringify does', () => {
    const value = { a: undefined, b: [undefined, 1, -0, NaN], c: {} } as unknown as Json;
    expect(json.text(value)).toBe(JSON.stringify(value, null, 2));
  });
});

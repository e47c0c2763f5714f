import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src/outputs/build.js';

describe('safeFileName', () => {
  it('keeps a name inside the folder and visible', () => {
    expect(['../../etc/passwd', '.ssh', 'a\\b', 'a\u0000b\u001b[31m', 'c:/x', ''].map((n) => safeFileName(n))).toEqual(['_._.._etc_passwd', '_ssh', 'a_b', 'a_b_[31m', 'c__x', '_']);
  });

  it('cuts a long name to 200 bytes of UTF-8 at a character boundary', () => {
    const cjk = safeFileName('機'.repeat(300));
    expect([cjk.length, Buffer.byteLength(cjk)]).toEqual([66, 198]);
    const emoji = safeFileName('🙂'.repeat(100));
    expect([emoji.length, Buffer.byteLength(emoji), emoji.endsWith('🙂')]).toEqual([100, 200, true]);
    expect(safeFileName('x'.repeat(300))).toBe('x'.repeat(200));
    expect(safeFileName('conf', 16)).toBe('conf');
    expect(Buffer.byteLength(safeFileName('é'.repeat(40), 16))).toBe(16);
  });
});

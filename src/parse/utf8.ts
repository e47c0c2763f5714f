/**
 * Node decodes bytes that are not UTF-8 as U+FFFD without a word, so a file saved in Latin-1 would
 * reach NetBox with its accents replaced. decodeSource keeps the first bad byte visible instead, the
 * way Python's "surrogateescape" does: as the lone surrogate U+DC80 + (byte − 0x80). No UTF-8 text
 * decodes to a lone surrogate, so parseYamlFile can tell such a file from one that holds a real U+FFFD.
 */
export function decodeSource(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (!text.includes('\uFFFD')) return text;
  const at = firstInvalidByte(bytes);
  if (at < 0) return text; // only real U+FFFD characters
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, at).toString('utf8');
  return head + String.fromCharCode(0xdc00 + bytes[at]) + text.slice(head.length + 1);
}

const INVALID = /[\uDC80-\uDCFF]/u;

/** Where decodeSource marked a byte that is not UTF-8: the offset in the text, the byte and its offset in the file. */
export function invalidUtf8(text: string): { index: number; byte: number; byteOffset: number } | undefined {
  const m = INVALID.exec(text);
  if (!m) return undefined;
  return { index: m.index, byte: text.charCodeAt(m.index) - 0xdc00, byteOffset: Buffer.byteLength(text.slice(0, m.index), 'utf8') };
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidByte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number; // the smallest code point this length may encode (no overlong forms)
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

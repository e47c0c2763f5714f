// NetBox checks a custom field's validation_regex with Python's `re.match`. sot runs user patterns on
// RE2 (re2js), whose time is linear in the value whatever the pattern, so a pattern such as `^(a+)+$`
// cannot stall a run. This module reads a pattern with Python's grammar and writes the RE2 pattern that
// means the same, or says why it cannot: Python refuses the pattern (`invalid`, Python's own words), or
// it uses a construct RE2 has no equivalent for (`unsupported`, the construct named).
import { RE2JS } from 're2js';

export type PythonPattern =
  | {
      kind: 'ok';
      /** The RE2 pattern. */
      source: string;
      /** re.match: anchored at the start only (custom fields' validation_regex). */
      match(value: string): boolean;
      /** re.search: anywhere in the value (Django's RegexValidator, NetBox's custom validators). */
      search(value: string): boolean;
    }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unsupported'; construct: string };

class Invalid extends Error {}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  /** Python's re.ASCII: \d, \w, \s, \b and case folding by ASCII only. */
  a: boolean;
}

const hex = (cp: number) => `\\x{${cp.toString(16)}}`;
const isHex = (s: string) => /^[0-9a-fA-F]+$/.test(s);
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

// Python's str.isspace(), which `\s` of a str pattern follows.
const SPACE_RANGES: [number, number][] = [
  [0x09, 0x0d], [0x1c, 0x20], [0x85, 0x85], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000],
];
const ASCII_SPACE_RANGES: [number, number][] = [[0x09, 0x0d], [0x20, 0x20]];
const rangesText = (rs: [number, number][]) => rs.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
const complement = (rs: [number, number][]) => {
  const out: [number, number][] = [];
  let next = 0;
  for (const [a, b] of rs) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  out.push([next, 0x10ffff]);
  return out;
};

/** Class items (no brackets) for Python's \d \D \w \s \S; \W has no item form but for ASCII. */
function classItems(letter: string, ascii: boolean): string | undefined {
  switch (letter) {
    case 'd':
      return ascii ? '0-9' : '\\p{Nd}';
    case 'D':
      return ascii ? rangesText(complement([[0x30, 0x39]])) : '\\P{Nd}';
    case 'w':
      return ascii ? '0-9A-Za-z_' : '\\p{L}\\p{N}_';
    case 'W':
      return ascii ? rangesText(complement([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]])) : undefined;
    case 's':
      return rangesText(ascii ? ASCII_SPACE_RANGES : SPACE_RANGES);
    case 'S':
      return rangesText(complement(ascii ? ASCII_SPACE_RANGES : SPACE_RANGES));
  }
  return undefined;
}

const UNICODE_NON_WORD = '[^\\p{L}\\p{N}_]';

/** Reads Python's regular expression syntax and writes RE2's. */
class Translator {
  private i = 0;
  private out = '';
  private unsupported: string | undefined;
  private groups = 0;
  private readonly names = new Map<string, number>();
  private readonly open: { flags: Flags; number?: number; at: number }[] = [];
  private flags: Flags = { i: false, m: false, s: false, x: false, a: false };
  /** Whether a quantifier may follow: 'atom' after something repeatable, 'quantified' right after a quantifier. */
  private last: 'none' | 'atom' | 'quantified' | 'modified' = 'none';
  /** Nothing but global flags and comments so far: where Python allows `(?i)`. */
  private first = true;

  constructor(private readonly p: string) {}

  private fail(message: string, at = this.i): never {
    throw new Invalid(`${message} at position ${at}`);
  }

  private unsupportedConstruct(construct: string) {
    this.unsupported ??= construct;
  }

  translate(): { source: string; unsupported?: string } {
    const p = this.p;
    while (this.i < p.length) {
      const c = p[this.i];
      if (this.flags.x && /\s/.test(c)) {
        this.i++;
        continue;
      }
      if (this.flags.x && c === '#') {
        while (this.i < p.length && p[this.i] !== '\n') this.i++;
        continue;
      }
      switch (c) {
        case '(':
          this.group();
          break;
        case ')':
          this.close();
          break;
        case '|':
          this.emit('|', 'none');
          this.i++;
          break;
        case '*':
        case '+':
        case '?':
          this.quantifier(c, c);
          this.i++;
          break;
        case '{': {
          const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(p.slice(this.i));
          if (!m) {
            this.literal(c.codePointAt(0)!);
            this.i++;
            break;
          }
          const min = m[1] === '' ? 0 : Number(m[1]);
          const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
          if (max !== undefined && min > max) this.fail('min repeat greater than max repeat', this.i + 1);
          if (min > 1000 || (max ?? 0) > 1000) this.unsupportedConstruct(`a repetition count above 1000 (${m[0]})`);
          this.quantifier(`{${min},${max ?? ''}}`, m[0]);
          this.i += m[0].length;
          break;
        }
        case '[':
          this.characterClass();
          break;
        case '.':
          this.emit('.', 'atom');
          this.i++;
          break;
        case '^':
          this.emit('^', 'none');
          this.i++;
          break;
        case '$':
          this.dollar();
          this.i++;
          break;
        case '\\':
          this.escape();
          break;
        default: {
          const cp = p.codePointAt(this.i)!;
          this.literal(cp);
          this.i += cp > 0xffff ? 2 : 1;
        }
      }
    }
    if (this.open.length > 0) this.fail('missing ), unterminated subpattern', this.open[this.open.length - 1].at);
    const global = (['i', 'm', 's'] as const).filter((f) => this.globalFlags[f]).join('');
    return { source: `${global ? `(?${global})` : ''}${this.out}`, unsupported: this.unsupported };
  }

  private globalFlags: Partial<Flags> = {};

  private emit(text: string, last: 'none' | 'atom') {
    this.out += text;
    this.last = last;
    this.first = false;
  }

  private literal(cp: number) {
    const safe = (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
    let text = safe ? String.fromCodePoint(cp) : hex(cp);
    // Under re.ASCII, Python folds case only for ASCII letters.
    if (this.flags.a && this.flags.i && cp > 0x7f) text = `(?-i:${text})`;
    this.emit(text, 'atom');
  }

  private quantifier(re2: string, written: string) {
    // One `?` (lazy: the same yes or no) or `+` (possessive) may follow a quantifier.
    if (this.last === 'quantified' && (written === '?' || written === '+')) {
      if (written === '+') this.unsupportedConstruct('a possessive quantifier (*+, ++, ?+, {m,n}+)');
      else this.out += '?';
      this.last = 'modified';
      return;
    }
    if (this.last === 'quantified' || this.last === 'modified') this.fail('multiple repeat');
    if (this.last !== 'atom') this.fail('nothing to repeat');
    this.out += re2;
    this.last = 'quantified';
  }

  /** Python's `$` also matches before a newline that ends the value. */
  private dollar() {
    if (this.flags.m) {
      this.emit('(?m:$)', 'none');
      return;
    }
    // `\n?\z` consumes that newline, which means the same only when nothing of the pattern follows.
    if (!this.nothingFollows(this.i + 1)) this.unsupportedConstruct('$ followed by more of the pattern');
    this.emit('(?:\\n?\\z)', 'none');
  }

  /** Whether, from `at`, the pattern can only close groups or start another alternative. */
  private nothingFollows(at: number): boolean {
    const p = this.p;
    let depth = 0;
    let skipping = false;
    for (let j = at; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') {
        if (!skipping) return false;
        j++;
      } else if (c === '[') {
        if (!skipping) return false;
        j = this.classEnd(j);
      } else if (c === '(') {
        if (!skipping) return false;
        depth++;
      } else if (c === ')') {
        if (depth > 0) depth--;
        else skipping = false;
      } else if (c === '|') {
        if (depth === 0) skipping = true;
      } else if (!skipping && !(this.flags.x && /\s/.test(c)) && !'*+?'.includes(c) && c !== '$') {
        if (c === '{' && /^\{\d*(,\d*)?\}/.test(p.slice(j))) continue;
        return false;
      }
    }
    return true;
  }

  private classEnd(start: number): number {
    let j = start + 1;
    if (this.p[j] === '^') j++;
    if (this.p[j] === ']') j++;
    for (; j < this.p.length && this.p[j] !== ']'; j++) if (this.p[j] === '\\') j++;
    return j;
  }

  private group() {
    const p = this.p;
    const start = this.i;
    if (p[this.i + 1] !== '?') {
      this.openGroup('(', ++this.groups);
      this.i++;
      return;
    }
    const rest = p.slice(this.i + 2);
    if (rest.startsWith(':')) {
      this.openGroup('(?:');
      this.i += 3;
    } else if (rest.startsWith('P<')) {
      const end = rest.indexOf('>');
      if (end < 0) this.fail('missing >, unterminated name', start + 4);
      const name = rest.slice(2, end);
      if (name === '') this.fail('missing group name', start + 4);
      if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) this.fail(`bad character in group name '${name}'`, start + 4);
      if (this.names.has(name)) this.fail(`redefinition of group name '${name}' as group ${this.groups + 1}; was group ${this.names.get(name)}`, start + 4);
      this.names.set(name, ++this.groups);
      this.openGroup('(', this.groups);
      this.i += 3 + end;
    } else if (rest.startsWith('P=')) {
      const end = rest.indexOf(')');
      if (end < 0) this.fail('missing ), unterminated name', start + 4);
      const name = rest.slice(2, end);
      if (!this.names.has(name)) this.fail(`unknown group name '${name}'`, start + 4);
      if (this.open.some((g) => g.number === this.names.get(name))) this.fail('cannot refer to an open group', start + 4);
      this.unsupportedConstruct(`the named backreference (?P=${name})`);
      this.emit('(?:)', 'atom');
      this.i += 3 + end;
    } else if (rest.startsWith('P')) {
      this.fail(`unknown extension ?P${rest[1] ?? ''}`, start + 1);
    } else if (rest.startsWith('#')) {
      const end = p.indexOf(')', this.i);
      if (end < 0) this.fail('missing ), unterminated comment', start);
      this.i = end + 1;
    } else if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
      const construct = { '=': 'a lookahead (?=…)', '!': 'a negative lookahead (?!…)', '<=': 'a lookbehind (?<=…)', '<!': 'a negative lookbehind (?<!…)' }[rest.startsWith('<') ? rest.slice(0, 2) : rest[0]]!;
      this.unsupportedConstruct(construct);
      this.openGroup('(?:');
      this.i += 2 + (rest.startsWith('<') ? 2 : 1);
    } else if (rest.startsWith('>')) {
      this.unsupportedConstruct('an atomic group (?>…)');
      this.openGroup('(?:');
      this.i += 3;
    } else if (rest.startsWith('(')) {
      this.unsupportedConstruct('a conditional group (?(…)…|…)');
      const end = p.indexOf(')', this.i + 3);
      if (end < 0) this.fail('missing ), unterminated name', start + 3);
      this.openGroup('(?:');
      this.i = end + 1;
    } else {
      this.inlineFlags(start);
    }
  }

  private inlineFlags(start: number) {
    const m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])?/.exec(this.p.slice(start))!;
    const [whole, on = '', off, end] = m;
    if (on === '' && off === undefined) this.fail(`unknown extension ?${this.p.slice(start + 2, start + 4)}`, start + 1);
    // Python reports a flag's problem just after the flag.
    const after = (f: string, inOff = false) => start + 2 + (inOff ? on.length + 1 + off!.indexOf(f) : on.indexOf(f)) + 1;
    for (const f of on) {
      if (f === 'L') this.fail("bad inline flags: cannot use 'L' flag with a str pattern", after(f));
      if (!'aimsux'.includes(f)) this.fail('unknown flag', after(f) - 1);
    }
    if (off !== undefined) {
      for (const f of off) {
        if (!'aimsuxL'.includes(f)) this.fail('unknown flag', after(f, true) - 1);
        if (/[auL]/.test(f)) this.fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", after(f, true));
        if (on.includes(f)) this.fail('bad inline flags: flag turned on and off', after(f, true));
      }
      if (end !== ':') this.fail('missing :', start + whole.length);
    }
    if (on.includes('a') && on.includes('u')) this.fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible", start + whole.length);
    if (end === undefined) this.fail('missing -, : or )', start + whole.length);
    const next: Flags = { ...this.flags };
    for (const f of on) if (f !== 'u') next[f as keyof Flags] = true;
    for (const f of off ?? '') next[f as keyof Flags] = false;
    if (end === ')') {
      if (!this.first || this.open.length > 0) this.fail('global flags not at the start of the expression', start);
      if (on.includes('a') && this.globalUnicode) this.fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible", start);
      if (on.includes('u')) this.globalUnicode = true;
      this.flags = next;
      for (const f of on) this.globalFlags[f as keyof Flags] = true;
      this.i = start + whole.length;
      return;
    }
    const re2 = (s: string) => [...s].filter((f) => 'ims'.includes(f)).join('');
    const re2On = re2(on);
    const re2Off = re2(off ?? '');
    this.openGroup(re2On || re2Off ? `(?${re2On}${re2Off ? `-${re2Off}` : ''}:` : '(?:', undefined, next);
    this.i = start + whole.length;
  }
  private globalUnicode = false;

  private openGroup(text: string, number?: number, flags: Flags = this.flags) {
    this.open.push({ flags: this.flags, number, at: this.i });
    this.flags = flags;
    this.emit(text, 'none');
  }

  private close() {
    const g = this.open.pop();
    if (!g) this.fail('unbalanced parenthesis');
    this.flags = g.flags;
    this.emit(')', 'atom');
    this.i++;
  }

  /** An escape outside a class. */
  private escape() {
    const p = this.p;
    const start = this.i;
    const c = p[this.i + 1];
    if (c === undefined) this.fail('bad escape (end of pattern)');
    const ascii = this.flags.a;
    switch (c) {
      case 'A':
        this.emit('\\A', 'none');
        this.i += 2;
        return;
      case 'Z':
        this.emit('\\z', 'none');
        this.i += 2;
        return;
      case 'b':
      case 'B':
        if (!ascii) this.unsupportedConstruct(`\\${c} (a word boundary by Unicode letters; under (?a) it is supported)`);
        this.emit(`\\${c}`, 'none');
        this.i += 2;
        return;
      case 'd':
      case 'D':
      case 'w':
      case 's':
      case 'S':
        this.emit(`[${classItems(c, ascii)}]`, 'atom');
        this.i += 2;
        return;
      case 'W':
        this.emit(ascii ? `[${classItems(c, true)}]` : UNICODE_NON_WORD, 'atom');
        this.i += 2;
        return;
    }
    if (isDigit(c)) {
      // Octal: \0, \0o, \0oo, or three octal digits; otherwise a group reference.
      if (c === '0') {
        let j = this.i + 2;
        while (j < this.i + 4 && isOctal(p[j])) j++;
        this.literal(parseInt(p.slice(this.i + 1, j), 8));
        this.i = j;
        return;
      }
      if (isOctal(c) && isOctal(p[this.i + 2]) && isOctal(p[this.i + 3])) {
        const value = parseInt(p.slice(this.i + 1, this.i + 4), 8);
        if (value > 0o377) this.fail(`octal escape value \\${p.slice(this.i + 1, this.i + 4)} outside of range 0-0o377`);
        this.literal(value);
        this.i += 4;
        return;
      }
      const digits = isDigit(p[this.i + 2]) ? p.slice(this.i + 1, this.i + 3) : c;
      const n = Number(digits);
      if (n > this.groups) this.fail(`invalid group reference ${n}`, start + 1);
      if (this.open.some((g) => g.number === n)) this.fail('cannot refer to an open group', start);
      this.unsupportedConstruct(`the backreference \\${digits}`);
      this.emit('(?:)', 'atom');
      this.i += 1 + digits.length;
      return;
    }
    const cp = this.charEscape(false);
    if (cp === undefined) this.unsupportedConstruct('a character by its Unicode name (\\N{…})');
    this.literal(cp ?? 0x20);
  }

  /**
   * An escape that stands for one character (\n, \x41, \u00e9, \-), at this.i; moves past it.
   * undefined for \N{…}, which needs Unicode's names.
   */
  private charEscape(inClass: boolean): number | undefined {
    const p = this.p;
    const start = this.i;
    const c = p[this.i + 1];
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (inClass) simple.b = 8;
    if (c in simple) {
      this.i += 2;
      return simple[c];
    }
    const digitsOf = (letter: string, n: number) => {
      const text = p.slice(this.i + 2, this.i + 2 + n);
      if (text.length < n || !isHex(text)) this.fail(`incomplete escape \\${letter}${text.replace(/[^0-9a-fA-F].*$/s, '')}`);
      this.i += 2 + n;
      return parseInt(text, 16);
    };
    if (c === 'x') return digitsOf('x', 2);
    if (c === 'u') return digitsOf('u', 4);
    if (c === 'U') {
      const v = digitsOf('U', 8);
      if (v > 0x10ffff) this.fail(`bad escape \\U${p.slice(start + 2, start + 10)}`, start);
      return v;
    }
    if (c === 'N') {
      const m = /^\{([^}]*)\}/.exec(p.slice(this.i + 2));
      if (!m) this.fail('missing {', this.i + 2);
      this.i += 2 + m[0].length;
      return undefined;
    }
    if (/[a-zA-Z0-9]/.test(c)) this.fail(`bad escape \\${c}`);
    const cp = p.codePointAt(this.i + 1)!;
    this.i += cp > 0xffff ? 3 : 2;
    return cp;
  }

  private characterClass() {
    const p = this.p;
    const start = this.i;
    this.i++;
    let negated = false;
    if (p[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const items: string[] = [];
    let nonWord = false;
    let firstItem = true;
    for (;;) {
      if (this.i >= p.length) this.fail('unterminated character set', start);
      if (p[this.i] === ']' && !firstItem) break;
      firstItem = false;
      const itemStart = this.i;
      const a = this.classAtom();
      if (typeof a === 'string') {
        if (p[this.i] === '-' && p[this.i + 1] !== ']' && this.i + 1 < p.length) this.fail(`bad character range ${p.slice(itemStart, this.i + 2)}`, itemStart);
        if (a === UNICODE_NON_WORD) nonWord = true;
        else items.push(a);
        continue;
      }
      if (p[this.i] === '-' && p[this.i + 1] !== ']' && this.i + 1 < p.length) {
        this.i++;
        const b = this.classAtom();
        if (typeof b === 'string' || b === undefined || a === undefined) {
          if (typeof b === 'string' || a !== undefined) this.fail(`bad character range ${p.slice(itemStart, this.i)}`, itemStart);
          items.push(' ');
          continue;
        }
        if (b < a) this.fail(`bad character range ${p.slice(itemStart, this.i)}`, itemStart);
        items.push(`${hex(a)}-${hex(b)}`);
        continue;
      }
      items.push(a === undefined ? ' ' : this.flags.a && this.flags.i && a > 0x7f ? '' : hex(a));
      if (a !== undefined && this.flags.a && this.flags.i && a > 0x7f) this.unsupportedConstruct('a non-ASCII character in a class under (?a) with (?i)');
    }
    this.i++;
    let text: string;
    if (!nonWord) text = items.length === 0 ? (negated ? '[\\x{0}-\\x{10ffff}]' : '[^\\x{0}-\\x{10ffff}]') : `[${negated ? '^' : ''}${items.join('')}]`;
    else if (!negated) text = items.length === 0 ? UNICODE_NON_WORD : `(?:[${items.join('')}]|${UNICODE_NON_WORD})`;
    else if (items.length === 0) text = '[\\p{L}\\p{N}_]';
    else {
      this.unsupportedConstruct('\\W with other characters in a negated class [^…]');
      text = '[\\p{L}\\p{N}_]';
    }
    this.emit(text, 'atom');
  }

  /** One member of a class: a code point, class items (\d, \s…) as a string, undefined for \N{…}. */
  private classAtom(): number | string | undefined {
    const p = this.p;
    if (p[this.i] !== '\\') {
      const cp = p.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const c = p[this.i + 1];
    if (c === undefined) this.fail('unterminated character set');
    if ('dDwWsS'.includes(c)) {
      this.i += 2;
      return classItems(c, this.flags.a) ?? UNICODE_NON_WORD;
    }
    if (isDigit(c)) {
      if (!isOctal(c)) this.fail(`bad escape \\${c}`);
      let j = this.i + 2;
      while (j < this.i + 4 && isOctal(p[j])) j++;
      const value = parseInt(p.slice(this.i + 1, j), 8);
      if (value > 0o377) this.fail(`octal escape value \\${p.slice(this.i + 1, j)} outside of range 0-0o377`);
      this.i = j;
      return value;
    }
    const cp = this.charEscape(true);
    if (cp === undefined) this.unsupportedConstruct('a character by its Unicode name (\\N{…})');
    return cp;
  }
}

const cache = new Map<string, PythonPattern>();

/** Reads `pattern` as Python's `re` does and compiles it for RE2; the same pattern is read once. */
export function pythonPattern(pattern: string): PythonPattern {
  let result = cache.get(pattern);
  if (result) return result;
  result = readPythonPattern(pattern);
  cache.set(pattern, result);
  return result;
}

function readPythonPattern(pattern: string): PythonPattern {
  let translated: { source: string; unsupported?: string };
  try {
    translated = new Translator(pattern).translate();
  } catch (err) {
    if (err instanceof Invalid) return { kind: 'invalid', reason: err.message };
    throw err;
  }
  if (translated.unsupported) return { kind: 'unsupported', construct: translated.unsupported };
  let re: RE2JS;
  try {
    re = RE2JS.compile(translated.source);
  } catch (err) {
    return { kind: 'unsupported', construct: (err as Error).message.replace(/^error parsing regexp: /, '') };
  }
  const source = translated.source;
  return { kind: 'ok', source, match: (value) => re.matcher(value).lookingAt(), search: (value) => re.matcher(value).find() };
}

// JSON Schema's `pattern` and `patternProperties` are ECMAScript regular expressions (ajv compiles them
// with the `u` flag). The schemas of profiles come from the inventory, so sot runs their patterns on RE2
// (re2js), whose time is linear in the value: `^(a+)+$` on a long string cannot stall a check. This module
// writes an ECMAScript pattern as the RE2 pattern that means the same, and gives ajv an engine built on it.
import { RE2JS } from 're2js';

export type SchemaPattern = { kind: 'ok'; source: string; test(value: string): boolean } | { kind: 'unsupported'; construct: string };

const hex = (cp: number) => `\\x{${cp.toString(16)}}`;
const literal = (cp: number) => ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f ? String.fromCodePoint(cp) : hex(cp));

// ECMAScript's \s (WhiteSpace and LineTerminator); RE2's is ASCII only.
const SPACE = '\\x{9}-\\x{d}\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const NOT_SPACE = '\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{fefe}\\x{ff00}-\\x{10ffff}';
// ECMAScript's `.` stops at every line terminator, RE2's only at \n.
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

class Unsupported extends Error {}

/** One escape at p[i] (a backslash); returns the RE2 text (class items inside a class) and the next index. */
function escape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  switch (c) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      return [`\\${c}`, i + 2];
    case 'b':
    case 'B':
      if (inClass) return [hex(8), i + 2];
      return [`\\${c}`, i + 2];
    case 's':
      return [inClass ? SPACE : `[${SPACE}]`, i + 2];
    case 'S':
      return [inClass ? NOT_SPACE : `[${NOT_SPACE}]`, i + 2];
    case 't':
      return [hex(9), i + 2];
    case 'n':
      return [hex(10), i + 2];
    case 'v':
      return [hex(11), i + 2];
    case 'f':
      return [hex(12), i + 2];
    case 'r':
      return [hex(13), i + 2];
    case '0':
      return [hex(0), i + 2];
    case 'c':
      return [hex(p.charCodeAt(i + 2) % 32), i + 3];
    case 'x':
      return [hex(parseInt(p.slice(i + 2, i + 4), 16)), i + 4];
    case 'u': {
      if (p[i + 2] === '{') {
        const end = p.indexOf('}', i);
        return [hex(parseInt(p.slice(i + 3, end), 16)), end + 1];
      }
      const high = parseInt(p.slice(i + 2, i + 6), 16);
      // With the u flag, an escaped surrogate pair is one code point.
      if (high >= 0xd800 && high <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(p.slice(i + 6))) {
        const low = parseInt(p.slice(i + 8, i + 12), 16);
        return [hex((high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000), i + 12];
      }
      return [hex(high), i + 6];
    }
    case 'p':
    case 'P': {
      const end = p.indexOf('}', i);
      const body = p.slice(i + 3, end);
      const [name, value] = body.includes('=') ? body.split('=') : [undefined, body];
      if (name !== undefined && !['Script', 'sc', 'General_Category', 'gc'].includes(name)) throw new Unsupported(`the property \\${c}{${body}}`);
      return [`\\${c}{${value}}`, end + 1];
    }
    case 'k':
      throw new Unsupported(`the named backreference ${p.slice(i, p.indexOf('>', i) + 1)}`);
  }
  if (c >= '1' && c <= '9') throw new Unsupported(`the backreference \\${/^\d+/.exec(p.slice(i + 1))![0]}`);
  // An escaped syntax character (u mode allows no other).
  return [hex(p.codePointAt(i + 1)!), i + 1 + (p.codePointAt(i + 1)! > 0xffff ? 2 : 1)];
}

/** `pattern` must already compile as an ECMAScript regular expression with the u flag. */
function translate(p: string): string {
  let out = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '\\') {
      const [text, next] = escape(p, i, false);
      out += text;
      i = next;
    } else if (c === '.') {
      out += DOT;
      i++;
    } else if (c === '(') {
      const rest = p.slice(i + 1);
      if (rest.startsWith('?:')) {
        out += '(?:';
        i += 3;
      } else if (/^\?<?[=!]/.test(rest)) {
        const kind = rest[1] === '<' ? 'lookbehind' : 'lookahead';
        throw new Unsupported(`a ${/^\?<?!/.test(rest) ? 'negative ' : ''}${kind} (${rest.slice(0, rest[1] === '<' ? 3 : 2)}…)`);
      } else if (rest.startsWith('?<')) {
        out += '(';
        i = p.indexOf('>', i) + 1;
      } else if (rest.startsWith('?')) {
        throw new Unsupported(`a modifier group (${rest.slice(0, rest.indexOf(':') + 1)}…)`);
      } else {
        out += '(';
        i++;
      }
    } else if (c === '[') {
      const negated = p[i + 1] === '^';
      let j = i + (negated ? 2 : 1);
      let items = '';
      while (p[j] !== ']') {
        if (p[j] === '\\') {
          const [text, next] = escape(p, j, true);
          items += text;
          j = next;
        } else if (p[j] === '-' && items !== '' && p[j + 1] !== ']') {
          items += '-';
          j++;
        } else {
          const cp = p.codePointAt(j)!;
          items += literal(cp);
          j += cp > 0xffff ? 2 : 1;
        }
      }
      // `[]` matches nothing and `[^]` anything, which RE2 cannot write as a class of its own.
      out += items === '' ? (negated ? '[\\x{0}-\\x{10ffff}]' : '[^\\x{0}-\\x{10ffff}]') : `[${negated ? '^' : ''}${items}]`;
      i = j + 1;
    } else if ('^$|)*+?{},'.includes(c) || (c >= '0' && c <= '9')) {
      out += c; // quantifiers and anchors mean the same in RE2 (`$` without m is the very end in both)
      i++;
    } else {
      const cp = p.codePointAt(i)!;
      out += literal(cp);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return out;
}

const cache = new Map<string, SchemaPattern>();

/**
 * An ECMAScript pattern (u flag) compiled for RE2, or the construct RE2 has no equivalent for.
 * Throws the SyntaxError of a pattern ECMAScript refuses, as `new RegExp` does.
 */
export function schemaPattern(pattern: string): SchemaPattern {
  let result = cache.get(pattern);
  if (result) return result;
  new RegExp(pattern, 'u'); // compiles only: ECMAScript's verdict on the syntax, no matching
  try {
    const source = translate(pattern);
    const re = RE2JS.compile(source);
    result = { kind: 'ok', source, test: (value) => re.matcher(value).find() };
  } catch (err) {
    if (!(err instanceof Unsupported) && !(err instanceof Error && /^error parsing regexp/.test(err.message))) throw err;
    result = { kind: 'unsupported', construct: err.message.replace(/^error parsing regexp: /, '') };
  }
  cache.set(pattern, result);
  return result;
}

/**
 * ajv's `code.regExp`: the engine of `pattern` and `patternProperties`. A schema with a pattern RE2
 * cannot run compiles (its pattern matching every value) but is not used to check data: see
 * profileValidator in src/checks/profile-schemas.ts.
 */
export function schemaRegExp(pattern: string): { test(value: string): boolean; toString(): string } {
  const compiled = schemaPattern(pattern);
  // ajv keeps one engine per distinct toString(): it must name the pattern.
  return { test: compiled.kind === 'ok' ? compiled.test : () => true, toString: () => `/${pattern}/u` };
}
schemaRegExp.code = 'schemaRegExp';

/** The `pattern` and `patternProperties` patterns of a schema that RE2 cannot run, with where each is. */
export function unsupportedSchemaPatterns(schema: unknown): { path: (string | number)[]; target: 'key' | 'value'; pattern: string; construct: string }[] {
  const out: { path: (string | number)[]; target: 'key' | 'value'; pattern: string; construct: string }[] = [];
  const check = (pattern: string, path: (string | number)[], target: 'key' | 'value') => {
    let compiled: SchemaPattern;
    try {
      compiled = schemaPattern(pattern);
    } catch {
      return; // not a pattern at all: the schema does not compile, which is reported on its own
    }
    if (compiled.kind === 'unsupported') out.push({ path, target, pattern, construct: compiled.construct });
  };
  const seen = new Set<object>();
  const walk = (node: unknown, path: (string | number)[]) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      // Values, not subschemas: a `pattern` key in them is data.
      if (['enum', 'const', 'default', 'examples'].includes(key)) continue;
      if (key === 'pattern' && typeof value === 'string') check(value, [...path, key], 'value');
      else if (key === 'patternProperties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const p of Object.keys(value)) check(p, [...path, key, p], 'key');
        walk(value, [...path, key]);
      } else walk(value, [...path, key]);
    }
  };
  walk(schema, []);
  return out;
}

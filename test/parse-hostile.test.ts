import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFile } from '../src/parse/parse-file.js';
import { PlainScalar } from '../src/parse/scalars.js';
import { decodeSource, firstInvalidByte } from '../src/parse/utf8.js';
import { runCli } from './helpers/cli.js';
import { compileFiles } from './helpers/compile.js';

const at = (d: { location: { range?: { start: { line: number; column: number } } } }) =>
  `${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`;
/** `[rule, line:col, message]` of every diagnostic of one file. */
const report = (text: string) => parseYamlFile('a.yaml', text).diagnostics.map((d) => [d.rule, at(d), d.message]);

describe('mapping keys are their source text', () => {
  it('reads YAML 1.1 booleans, octal-looking and other typed keys as written, without collisions', () => {
    const p = parseYamlFile('a.yaml', 'on: 1\noff: 2\nyes: 3\nno: 4\ny: 5\nn: 6\n010: 7\n0o10: 8\n08: 9\n~: 10\nNull: 11\n-0: 12\n1.0: 13\n.inf: 14\ntrue: 15\nTrue: 16\n1: 17\n01: 18\n');
    expect(p.diagnostics).toEqual([]);
    expect(Object.keys(p.data as object)).toEqual(['1', 'on', 'off', 'yes', 'no', 'y', 'n', '010', '0o10', '08', '~', 'Null', '-0', '1.0', '.inf', 'true', 'True', '01']);
  });

  it('in flow mappings, explicit keys and alias keys too', () => {
    expect(parseYamlFile('a.yaml', '{on: 1, off: 2, 010: 3, 0o10: 4, ~: 5}\n').data).toEqual({ on: 1, off: 2, '010': 3, '0o10': 4, '~': 5 });
    expect(parseYamlFile('a.yaml', '? on\n: 1\n? ~ # none\n: 2\n').data).toEqual({ on: 1, '~': 2 });
    // Blank lines before the first `?`: looking back for the indicator reaches the start of the text.
    expect(parseYamlFile('a.yaml', '\n? on').data).toEqual({ on: null });
    expect(parseYamlFile('a.yaml', '\n\n? ~o\n: 1\n').data).toEqual({ '~o': 1 });
    const alias = parseYamlFile('a.yaml', 'a: &k on\nb: &n ~\nc: {*k : 1, *n : 2}\n');
    expect((alias.data as any).c).toEqual({ on: 1, '~': 2 });
    expect((alias.data as any).a).toBeInstanceOf(PlainScalar);
  });

  it('values keep their typed reading: only keys change', () => {
    const p = parseYamlFile('a.yaml', 'on: ~\nb: 1\nc: [~, null, true]\n');
    expect(p.data).toEqual({ on: null, b: 1, c: [null, null, true] });
  });

  it('a key written twice is still a duplicate, by its text', () => {
    expect(report('on: 1\noff: 2\non: 3\n')).toEqual([['yaml/duplicate-key', '3:1', 'duplicate key "on" in the same mapping']]);
  });

  it('`1` and `01` are two keys also when another error sends the file to the second parser', () => {
    expect(report('1: a\n01: b\nc: [x\n')).toEqual([['yaml/syntax', '4:1', 'Flow sequence in block collection must be sufficiently indented and end with a ]']]);
  });

  it('a `yes` key is an unknown field named "yes", and an `on` key is a field', () => {
    const r = compileFiles({ 'sites/a.yaml': 'sites:\n  - name: A\n    slug: a\n    yes: 1\n' });
    expect(r.diagnostics.map((d) => [d.rule, at(d), d.message])).toEqual([['schema/unknown-field', '4:5', 'unknown field "yes" in site']]);
  });
});

describe('a list or mapping used as a key', () => {
  it('is reported at the key, never turned into text', () => {
    expect(report('[sites]:\n  - x\n')).toEqual([['yaml/complex-key', '1:1', 'a list is used as a mapping key; keys must be text']]);
    expect(report('? {a: 1}\n: b\n')).toEqual([['yaml/complex-key', '1:3', 'a mapping is used as a mapping key; keys must be text']]);
    expect(report('? - a\n  - b\n: c\n')).toEqual([['yaml/complex-key', '1:3', 'a list is used as a mapping key; keys must be text']]);
    expect(report('x: {[a]: 1}\n')).toEqual([['yaml/complex-key', '1:5', 'a list is used as a mapping key; keys must be text']]);
    expect(report('? # the key\n  [a]\n: 1\n')).toEqual([['yaml/complex-key', '2:3', 'a list is used as a mapping key; keys must be text']]);
  });

  it('covers the key as written and says which kind of node it is', () => {
    const [d] = parseYamlFile('a.yaml', 'x: 1\n[sites, racks]: y\n').diagnostics;
    expect(d.location.range).toEqual({ start: { line: 1, column: 0 }, end: { line: 1, column: 14 } });
    expect(d.data).toEqual({ kind: 'sequence' });
  });

  it('lists and mappings as values are not keys', () => {
    const p = parseYamlFile('a.yaml', 'a: [x]\nb:\n  - c: {d: 1}\n? e\n: [f]\n');
    expect(p.diagnostics).toEqual([]);
    expect(p.data).toEqual({ a: ['x'], b: [{ c: { d: 1 } }], e: ['f'] });
  });
});

describe('bytes that are not UTF-8', () => {
  const latin1 = Buffer.from('sites:\n  - name: ZRH1\n    slug: zrh1\n    description: Z\xfcrich\n', 'latin1');

  it('are reported at the first bad byte with its offset in the file; the file is not read further', () => {
    const p = parseYamlFile('a.yaml', decodeSource(latin1));
    expect(p.data).toBeUndefined();
    expect(p.diagnostics.map((d) => [d.rule, at(d), d.message, d.data])).toEqual([
      ['yaml/invalid-utf8', '4:19', 'the file is not valid UTF-8: byte 0xFC at byte offset 55 cannot be read', { byte: '0xFC', byteOffset: 55 }],
    ]);
  });

  it('counts the byte offset in bytes and the column in characters', () => {
    const bytes = Buffer.concat([Buffer.from('a: "€€"\nb: x', 'utf8'), Buffer.from([0xe2, 0x82]), Buffer.from('\n', 'utf8')]);
    expect(parseYamlFile('a.yaml', decodeSource(bytes)).diagnostics.map((d) => [at(d), d.data])).toEqual([['2:5', { byte: '0xE2', byteOffset: 16 }]]);
  });

  it('a real U+FFFD character is text like any other', () => {
    const text = decodeSource(Buffer.from('a: "\uFFFD"\n', 'utf8'));
    expect(parseYamlFile('a.yaml', text).data).toEqual({ a: '\uFFFD' });
  });

  it('finds overlong forms, encoded surrogates, stray continuation bytes and cut sequences', () => {
    expect(firstInvalidByte(Buffer.from('ok €😀', 'utf8'))).toBe(-1);
    expect(firstInvalidByte(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidByte(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidByte(Buffer.from([0x61, 0x80]))).toBe(1);
    expect(firstInvalidByte(Buffer.from([0x61, 0x62, 0xf0, 0x9f]))).toBe(2);
    expect(firstInvalidByte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });

  it('sot check exits 1 with the located error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sot-utf8-'));
    writeFileSync(join(dir, 'sot.yaml'), 'format: 1\n');
    writeFileSync(join(dir, 'zrh1.yaml'), latin1);
    const r = await runCli(['check', '.', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => [d.rule, d.file, d.line, d.column])).toEqual([['yaml/invalid-utf8', 'zrh1.yaml', 4, 19]]);
  });
});

describe('an alias inside the node it names', () => {
  it('is reported at the alias, for lists, flow and block mappings', () => {
    expect(report('a: &x [ *x ]\n')).toEqual([['yaml/alias-cycle', '1:9', 'the alias *x is inside the node it names: the data would contain itself']]);
    expect(report('a: &x {k: *x}\n')).toEqual([['yaml/alias-cycle', '1:11', 'the alias *x is inside the node it names: the data would contain itself']]);
    expect(report('a: &x\n  k:\n    - *x\n')).toEqual([['yaml/alias-cycle', '3:7', 'the alias *x is inside the node it names: the data would contain itself']]);
    expect(report('a: &x {b: 1, <<: *x}\n')).toEqual([['yaml/alias-cycle', '1:18', 'the alias *x is inside the node it names: the data would contain itself']]);
  });

  it('in a config context, as the rule page shows', () => {
    const text = 'config_contexts:\n  - name: ntp\n    data: &ntp\n      servers: [192.0.2.1]\n      fallback: *ntp\n';
    const r = compileFiles({ 'config-contexts/ntp.yaml': text });
    expect(r.diagnostics.map((d) => [d.rule, at(d), d.message, d.data])).toEqual([
      ['yaml/alias-cycle', '5:17', 'the alias *ntp is inside the node it names: the data would contain itself', { alias: 'ntp' }],
    ]);
  });

  it('an alias after its node is shared data, not a cycle', () => {
    const p = parseYamlFile('a.yaml', 'a: &x [1]\nb: *x\nc: [*x, {d: *x}]\n');
    expect(p.diagnostics).toEqual([]);
    expect(JSON.stringify(p.data)).toBe('{"a":[1],"b":[1],"c":[[1],{"d":[1]}]}');
  });
});

describe('deep nesting', () => {
  const deepMap = (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`;

  it('gives one located error where the nesting passes 100 levels', () => {
    const message = 'the document nests collections more than 100 levels deep';
    expect(report(`${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)).toEqual([['yaml/too-deep', '1:100', message]]);
    expect(report(`${'- '.repeat(10_000)}x\n`)).toEqual([['yaml/too-deep', '1:201', message]]);
    expect(report(`${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`)).toEqual([['yaml/too-deep', '1:394', message]]);
    expect(report(deepMap(2_000))).toEqual([['yaml/too-deep', '100:100', message]]);
    expect(report(`sites: ${'['.repeat(105)}${']'.repeat(105)}\n`)).toEqual([['yaml/too-deep', '1:107', message]]);
  });

  it('a syntax error before deep nesting is that one syntax error, not a stack overflow', () => {
    const first = [['yaml/syntax', '1:4', 'bad indentation of a mapping entry']];
    expect(report(`a: : b\n${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)).toEqual(first);
    expect(report(`a: : b\n${'- '.repeat(10_000)}x\n`)).toEqual(first);
    expect(report(`a: : b\n${deepMap(2_000)}`)).toEqual(first);
  });

  it('100 levels read fine', () => {
    const p = parseYamlFile('a.yaml', `a: ${'['.repeat(98)}${']'.repeat(98)}\n`);
    expect(p.diagnostics).toEqual([]);
  });
});

describe('other hostile input', () => {
  it('an alias bomb is one error', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 7; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(parseYamlFile('a.yaml', `${lines.join('\n')}\n`).diagnostics.map((d) => [d.rule, d.message])).toEqual([
      ['yaml/alias-expansion', 'aliases expand this file to 12345678 nodes, more than 100000 beyond what is written'],
    ]);
  });

  it('custom tags are one error at the tag', () => {
    expect(report('a: !!python/object:os.system x\n')).toEqual([['yaml/custom-tag', '1:4', 'tags are not allowed: !!python/object:os.system']]);
    expect(report('a: !foo x\n')).toEqual([['yaml/custom-tag', '1:4', 'tags are not allowed: !foo']]);
  });

  it('huge numbers, .nan and .inf keep their source text next to their typed reading', () => {
    const d = parseYamlFile('a.yaml', 'a: 1e400\nb: 123456789012345678901234567890\nc: .nan\nd: -.inf\n').data as Record<string, any>;
    expect(d.a).toBe('1e400'); // YAML 1.2 core floats need a dot
    expect([d.b.source, d.b.value]).toEqual(['123456789012345678901234567890', 1.2345678901234568e29]);
    expect([d.c.source, d.c.value]).toEqual(['.nan', NaN]);
    expect([d.d.source, d.d.value]).toEqual(['-.inf', -Infinity]);
  });

  it('a number JSON cannot hold is one error where no schema picks the text, and text where one does', () => {
    const r = compileFiles({
      'extras/config-contexts.yaml': 'config_contexts:\n  - name: limits\n    data:\n      timeout: .inf\n      x: [.nan, 123456789012345678901234567890, 9007199254740991, 1.10]\n    description: .nan\n',
    });
    expect(r.diagnostics.map((d) => [d.rule, at(d), d.message, d.data])).toEqual([
      ['yaml/not-json-number', '4:16', '.inf is not a number JSON can hold', { value: '.inf' }],
      ['yaml/not-json-number', '5:11', '.nan is not a number JSON can hold', { value: '.nan' }],
      ['yaml/not-json-number', '5:17', '123456789012345678901234567890 is too big to hold exactly: integers must lie within ±9007199254740991', { value: '123456789012345678901234567890' }],
    ]);
    const site = compileFiles({ 'sites/a.yaml': 'sites:\n  - name: .nan\n    slug: a\n    latitude: .inf\n' });
    expect(site.diagnostics.map((d) => [d.rule, at(d), d.message])).toEqual([['schema/wrong-type', '4:15', '"latitude" must be a number, not the number Infinity']]);
  });

  it('a byte order mark and CRLF line ends read as usual', () => {
    const p = parseYamlFile('a.yaml', '\uFEFFa: 1\r\nb: [x,\r\n  y]\r\nc: |\r\n  l1\r\n  l2\r\n');
    expect(p.diagnostics).toEqual([]);
    expect(p.data).toEqual({ a: 1, b: ['x', 'y'], c: 'l1\nl2\n' });
  });

  it('tabs as indentation, a NUL byte and duplicate keys are one located error each', () => {
    expect(report('a:\n\tb: 1\n')).toEqual([['yaml/syntax', '2:1', 'a tab indents this line: YAML indents with spaces only']]);
    expect(report('a: x\u0000y\n')).toEqual([['yaml/syntax', '1:5', 'null byte is not allowed in input']]);
    expect(report('a: 1\nb: 2\na: 3\n')).toEqual([['yaml/duplicate-key', '3:1', 'duplicate key "a" in the same mapping']]);
    expect(report('{a: 1, a: 2}\n')).toEqual([['yaml/duplicate-key', '1:8', 'duplicate key "a" in the same mapping']]);
  });
});

describe('keys named like YAML 1.1 booleans reach the checks as written', () => {
  it('a profile requiring `on` finds it in attribute data, and reports it missing', () => {
    const profile = 'module_type_profiles:\n  - name: PSU\n    schema: {type: object, required: [on], properties: {on: {type: boolean}, yes: {type: string}}}\n';
    const findings = (attributes: string) =>
      compileFiles({ 'p.yaml': profile, 'module-types/Acme/PSU-1.yaml': `manufacturer: Acme\nmodel: PSU-1\nprofile: PSU\n${attributes}` })
        .diagnostics.map((d) => [d.rule, at(d), d.message]);
    expect(findings('attribute_data: {on: true, yes: "y"}\n')).toEqual([]);
    expect(findings('attribute_data: {yes: "y"}\n')).toEqual([
      ['dcim/module-type-profile', '4:17', 'attribute_data does not conform to the schema of profile "PSU": the data must have required property \'on\''],
    ]);
  });
});

describe('text holding NUL (U+0000), which NetBox refuses in every field', () => {
  const nul = (text: string) => compileFiles({ 'a.yaml': text }).diagnostics.map((d) => [d.rule, `${d.location.file}:${at(d)}`, d.message]);
  const message = 'text may not hold the NUL character (U+0000): NetBox refuses it';

  it('is reported at each value written with a \\0, \\x00 or \\u0000 escape, the object kept', () => {
    expect(nul('sites:\n  - { name: "a\\0b", slug: a, description: "\\x00" }\n  - name: b\n    slug: b\n    comments: "k\\u0000"\n')).toEqual([
      ['schema/invalid-value', 'a.yaml:2:13', message],
      ['schema/invalid-value', 'a.yaml:2:43', message],
      ['schema/invalid-value', 'a.yaml:5:15', message],
    ]);
    // A reference to the object still finds it: one mistake, one error.
    expect(nul('sites:\n  - { name: "a\\0", slug: a }\nracks:\n  - { name: r, site: a }\n')).toEqual([['schema/invalid-value', 'a.yaml:2:13', message]]);
  });

  it('an escaped backslash before a zero is no NUL', () => {
    expect(nul('sites:\n  - { name: "a\\\\0", slug: a }\n')).toEqual([]);
  });
});

describe('syntax errors point inside the text', () => {
  it('a tag glued to a stray bracket, an unclosed quote at the end: located, no exception', () => {
    expect(report(']!tag ')).toEqual([
      ['yaml/syntax', '1:1', 'Unexpected flow-seq-end token in YAML document: "]"'],
      ['yaml/custom-tag', '1:2', 'tags are not allowed: !tag'],
    ]);
    expect(report('"')).toEqual([['yaml/syntax', '1:2', 'Missing closing "quote']]);
  });
});

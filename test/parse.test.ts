import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYamlFile, MAX_ALIAS_EXPANSION } from '../src/parse/parse-file.js';
import { PlainScalar } from '../src/parse/scalars.js';
import { SourceMap } from '../src/parse/locate.js';
import jsyaml from 'js-yaml';

const jsyamlLoad = (text: string) => jsyaml.loadAll(text)[0];
import { compileFiles } from './helpers/compile.js';

const at = (d: { location: { range?: { start: { line: number; column: number } } } }) =>
  `${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`;

describe('parseYamlFile', () => {
  it('reads plain data with YAML 1.2 types', () => {
    const p = parseYamlFile('a.yaml', 'a: 1\nb: true\nc: text\nd: ~\ne: 2024-01-01\n');
    expect(p.diagnostics).toEqual([]);
    expect(p.data).toEqual({ a: 1, b: true, c: 'text', d: null, e: '2024-01-01' });
    expect(p.hasPlainScalars).toBe(false);
  });

  it('keeps the source text of numbers and booleans whose typed reading loses it', () => {
    const p = parseYamlFile('a.yaml', 'a: 08\nb: 02351930\nc: 1.10\nd: True\ne: yes\nf: off\n');
    const d = p.data as Record<string, PlainScalar>;
    expect(p.hasPlainScalars).toBe(true);
    expect([d.a.source, d.a.value]).toEqual(['08', 8]);
    expect([d.b.source, d.b.value]).toEqual(['02351930', 2351930]);
    expect([d.c.source, d.c.value]).toEqual(['1.10', 1.1]);
    expect([d.d.source, d.d.value, d.d.core]).toEqual(['True', true, true]);
    expect([d.e.source, d.e.value, d.e.core]).toEqual(['yes', true, 'yes']);
    expect([d.f.source, d.f.value, d.f.core]).toEqual(['off', false, 'off']);
  });

  it('reports a duplicate key at the second key, with the key as its range', () => {
    const p = parseYamlFile('a.yaml', 'sites:\n  - name: A\n    slug: a\n    slug: b\n');
    expect(p.data).toBeUndefined();
    expect(p.diagnostics.map((d) => [d.rule, at(d), d.message])).toEqual([
      ['yaml/duplicate-key', '4:5', 'duplicate key "slug" in the same mapping'],
    ]);
    expect(p.diagnostics[0].location.range!.end).toEqual({ line: 3, column: 8 });
  });

  it('rejects custom and explicit tags', () => {
    for (const text of ['a: !secret x\n', 'a: !!binary aGVsbG8=\n']) {
      const p = parseYamlFile('a.yaml', text);
      expect(p.diagnostics.map((d) => [d.rule, at(d)])).toEqual([['yaml/custom-tag', '1:4']]);
    }
  });

  it('reports every syntax error of a file with positions', () => {
    const p = parseYamlFile('a.yaml', 'a: [1, 2\nb: "x\n');
    expect(p.diagnostics.length).toBeGreaterThan(0);
    expect(p.diagnostics.every((d) => d.rule === 'yaml/syntax' && d.location.range)).toBe(true);
  });

  it('allows aliases and merge keys but stops alias bombs', () => {
    const ok = parseYamlFile('a.yaml', 'base: &b {x: 1}\nuse: {<<: *b, y: 2}\n');
    expect(ok.data).toEqual({ base: { x: 1 }, use: { x: 1, y: 2 } });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 6; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    const p = parseYamlFile('a.yaml', `${bomb.join('\n')}\n`);
    expect(p.data).toBeUndefined();
    expect(p.diagnostics.map((d) => d.rule)).toEqual(['yaml/alias-expansion']);
    expect(p.diagnostics[0].message).toContain(String(MAX_ALIAS_EXPANSION));
  });

  it('counts only what aliases add: a big file with a * in its text is fine', () => {
    const lines = ['description: "5 * 3"', 'items:'];
    for (let i = 0; i < 60_000; i++) lines.push(`  - [a${i}, b${i}]`);
    const p = parseYamlFile('a.yaml', `${lines.join('\n')}\n`);
    expect(p.diagnostics).toEqual([]);
    expect(p.hasAliases).toBe(false);
  });

  it('rejects keys that could reach object prototypes', () => {
    const p = parseYamlFile('a.yaml', 'sites:\n  - name: A\n    __proto__: {polluted: 1}\n');
    expect(p.diagnostics.map((d) => [d.rule, d.location.path])).toEqual([['yaml/forbidden-key', ['sites', 0, '__proto__']]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a file with two documents', () => {
    const p = parseYamlFile('a.yaml', 'a: 1\n---\nb: 2\n');
    expect(p.diagnostics.map((d) => d.rule)).toEqual(['yaml/syntax']);
  });
});

describe('SourceMap', () => {
  const text = 'sites:\n  - name: AMS1\n    slug: ams1\n  - name: AMS2\n    tags: [a, b]\n';
  const map = new SourceMap(text);
  it('locates values and keys by document path', () => {
    expect(map.locate(['sites', 1, 'name'])).toEqual({ start: { line: 3, column: 10 }, end: { line: 3, column: 14 } });
    expect(map.locate(['sites', 0, 'slug'], 'key')).toEqual({ start: { line: 2, column: 4 }, end: { line: 2, column: 8 } });
    expect(map.locate(['sites', 1, 'tags', 1])).toEqual({ start: { line: 4, column: 14 }, end: { line: 4, column: 15 } });
  });
  it('falls back to the deepest node that exists', () => {
    expect(map.locate(['sites', 1, 'missing', 3]).start).toEqual({ line: 3, column: 4 });
  });
});

// Any plain scalar a user writes where the schema wants text is read as exactly that text.
describe('string fields keep the source text of plain scalars (property)', () => {
  const plain = fc.stringMatching(/^[0-9][0-9a-zA-Z._-]{0,11}$/).filter((s) => !/^(null|true|false|\.inf|\.nan)$/i.test(s));
  it('site names and facilities round-trip', () => {
    fc.assert(
      fc.property(plain, plain, (name, facility) => {
        const r = compileFiles({ 'a.yaml': `sites:\n  - name: ${name}\n    slug: s\n    facility: ${facility}\n` });
        const site = r.model.byKind.get('dcim.site')![0];
        return site.data.name === name && site.data.facility === facility.slice(0, 50);
      }),
      { numRuns: 200 },
    );
  });
});

describe('explicit tags', () => {
  it('rejects core tags that js-yaml would apply silently, pointing at the tag', () => {
    for (const [text, tag] of [['a: !!str 2024\n', '!!str'], ['a: !!map {k: v}\n', '!!map'], ['a: &x !!int "42"\n', '!!int'], ['a: !<tag:yaml.org,2002:str> x\n', '!<tag:yaml.org,2002:str>']]) {
      const p = parseYamlFile('a.yaml', text);
      expect(p.diagnostics.map((d) => [d.rule, d.data?.tag, d.location.range!.start.column])).toEqual([['yaml/custom-tag', tag, text.indexOf('!')]]);
      expect(p.data).toBeUndefined();
    }
  });
  it('points at the tag after lines ended by a lone \\r, as YAML ends them', () => {
    const p = parseYamlFile('a.yaml', '\rsites: !!str x\r');
    expect(p.diagnostics.map((d) => [d.rule, at(d)])).toEqual([['yaml/custom-tag', '2:8']]);
  });
  it('leaves exclamation marks inside text alone', () => {
    expect(parseYamlFile('a.yaml', 'a: hello !\nb: "!x"\nc: wow!\n').diagnostics).toEqual([]);
  });
});

describe('SourceMap cuts a top-level key, an entry or a key of an entry out of the file', () => {
  /** Every path into the data, down to `depth` steps. */
  function paths(v: unknown, depth: number, at: (string | number)[] = []): (string | number)[][] {
    if (depth === 0 || v === null || typeof v !== 'object') return [];
    const steps: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    return steps.flatMap(([k, x]) => [[...at, k], ...paths(x, depth - 1, [...at, k])]);
  }

  it('finds the same ranges as a parse of the whole file, for every node of inventory-example down to five steps', async () => {
    const { readWorktree } = await import('../src/sources/worktree.js');
    const jsyaml = (await import('js-yaml')).default;
    const root = new URL('../inventory-example', import.meta.url).pathname;
    let compared = 0;
    for (const { file, text } of readWorktree(root)) {
      const data = jsyaml.load(text);
      const fast = new SourceMap(text);
      const full = new SourceMap(text, false);
      for (const path of [...paths(data, 5), ['no-such-key'], ['interfaces', 999, 'name']]) {
        for (const target of ['key', 'value'] as const) {
          expect(fast.locate(path, target), `${file} ${path.join('.')} ${target}`).toEqual(full.locate(path, target));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('handles sequences at column 0, comments, flow entries, quoted keys and a collection that is not a block sequence', () => {
    const text = '---\nsites:\n# first\n- name: A\n  slug: a\n\n- {name: B, slug: b}\n- "name": C\n  \'slug\': c\n  tags:\n  - t\n  comments: "x\n    y"\nracks: [{name: R1}]\n"tags":\n  - name: T\n    slug: t\n    # note\n\n    description: >\n      name: not a key\n    color: red\nempty:\n';
    const fast = new SourceMap(text);
    const full = new SourceMap(text, false);
    const data = (jsyamlLoad(text));
    for (const path of paths(data, 4)) {
      for (const target of ['key', 'value'] as const) expect(fast.locate(path, target), `${path.join('.')} ${target}`).toEqual(full.locate(path, target));
    }
    // Every node was found in a cut: the whole file was never parsed.
    expect((fast as unknown as { doc?: unknown }).doc).toBeUndefined();
  });

  it('finds the same ranges as a parse of the whole file in random block-style files (property)', () => {
    let parsedFiles = 0;
    const word = fc.constantFrom('name', 'slug', 'site', 'tags', 'a', 'b-c', 'x y', 'interfaces', 'comments');
    const scalar = fc.constantFrom('v', '"q: x"', "'s # not'", '1', '', '~', '[a, b]', '{k: v}', '"two\n      lines"', '|\n      name: in a block\n      more', '>-\n      folded\n\n      text', '# only a comment', 'plain # comment');
    const keyText = (k: string) => (k.includes(' ') ? `"${k}"` : k);
    const mapping = (indent: string, first: string) =>
      fc.uniqueArray(fc.tuple(word, scalar, fc.boolean()), { selector: ([k]) => k, minLength: 1, maxLength: 4 }).map((pairs) =>
        pairs
          .map(([k, v, blank], i) => `${i === 0 ? first : indent}${keyText(k)}: ${v}\n${blank ? '\n' : ''}${i === 0 && blank ? `${indent}# between\n` : ''}`)
          .join(''),
      );
    const entry = fc.tuple(fc.constantFrom('  ', ''), fc.boolean()).chain(([lead, flow]) =>
      flow ? fc.constant(`${lead}- {name: f, slug: g}\n`) : mapping(`${lead}  `, `${lead}- `),
    );
    const collection = fc.tuple(word, fc.array(entry, { minLength: 0, maxLength: 3 }), fc.boolean()).map(([k, entries, commented]) => `${keyText(k)}:${commented ? ' # list' : ''}\n${entries.join('')}`);
    const file = fc.tuple(fc.boolean(), fc.uniqueArray(collection, { selector: (c) => c.split(':')[0], minLength: 1, maxLength: 4 })).map(([marker, cs]) => `${marker ? '---\n' : ''}${cs.join('')}`);
    fc.assert(
      fc.property(file, (text) => {
        let data: unknown;
        try {
          data = jsyamlLoad(text);
        } catch {
          return; // not YAML: never located
        }
        parsedFiles++;
        const fast = new SourceMap(text);
        const full = new SourceMap(text, false);
        for (const path of paths(data, 5)) {
          for (const target of ['key', 'value'] as const) expect(fast.locate(path, target), `${JSON.stringify(text)} ${path.join('.')} ${target}`).toEqual(full.locate(path, target));
        }
      }),
      { numRuns: Number(process.env.SOT_PROPERTY_RUNS ?? 300) },
    );
    // Entries indented two ways in one list are not YAML; the others were compared.
    expect(parsedFiles).toBeGreaterThan(Number(process.env.SOT_PROPERTY_RUNS ?? 300) / 4);
  });

  it('parses the whole file where a cut could mislead: several documents, explicit keys, a mapping that is not block, tabs, aliases across cuts', () => {
    for (const text of [
      'sites:\n  - name: A\n...\n---\nsites:\n  - name: B\n',
      '? sites\n: - name: A\n',
      '{sites: [{name: A, slug: a}]}\n',
      'sites:\n  - name: A\n    slug: a\n    ? tags\n    : [x]\n',
      'base: &b {status: active}\nsites:\n  - name: A\n    <<: *b\n    slug: a\n',
      'sites:\n  - name: A\n\t\n    slug: a\n',
    ]) {
      const fast = new SourceMap(text);
      const full = new SourceMap(text, false);
      let data: unknown;
      try {
        data = jsyamlLoad(text);
      } catch {
        data = { sites: [{ name: 1, slug: 1, tags: 1 }] };
      }
      for (const path of [...paths(data, 4), ['sites', 0, 'slug'], ['sites', 0, 'tags']]) {
        for (const target of ['key', 'value'] as const) expect(fast.locate(path, target), `${JSON.stringify(text)} ${path.join('.')} ${target}`).toEqual(full.locate(path, target));
      }
    }
  });
});

describe('pathological input', () => {
  it('reports a document nested too deeply instead of crashing', () => {
    const p = parseYamlFile('a.yaml', `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    expect(p.diagnostics.map((d) => [d.rule, d.message])).toEqual([['yaml/too-deep', 'the document nests collections more than 100 levels deep']]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { objectsOf, type Obj } from '../src/model/model.js';
import { TemplateRenderer } from '../src/outputs/render.js';
import { BUILTIN_HELPERS, HELPERS, templateEnvironment } from '../src/outputs/template-helpers.js';
import { compileFiles } from './helpers/compile.js';
import { ROOT } from './helpers/cli.js';

// What a template can reach (its data, through sot's helpers, and nothing of JavaScript, the process
// or the machine) and how much it may write and take.

const TEMPLATES: Record<string, string> = {
  ctor: '{{constructor.constructor}}',
  proto: '{{__proto__}}',
  'string-ctor': '{{device.name.constructor}}',
  'list-ctor': '{{device.interfaces.constructor.constructor}}',
  'lookup-ctor': '[{{lookup this "constructor"}}][{{lookup device "constructor"}}][{{lookup device.interfaces "constructor"}}][{{lookup (lookup device.name "constructor") "name"}}]',
  'with-proto': '{{#with (lookup this "__proto__")}}[{{this}}]{{else}}none{{/with}} {{#with (lookup device.interfaces "__proto__")}}[{{this}}]{{else}}none{{/with}}',
  'call-function': '{{constructor.constructor "return process"}}',
  process: '{{process.env.HOME}}',
  'lookup-globals': '[{{lookup this "process"}}{{lookup this "require"}}{{lookup this "globalThis"}}{{lookup this "module"}}]',
  keys: '{{#each this}}{{@key}} {{/each}}',
  self: '{{> self}}',
  'each-cubed': 'hostname {{device.name}}\n{{#each items}}{{#each @root.items}}{{#each @root.items}}{{this}} {{/each}}{{/each}}{{/each}}',
  'each-idle': 'hostname {{device.name}}\n{{#each items}}{{#each @root.items}}{{#each @root.items}}{{/each}}{{/each}}{{/each}}',
  'replace-empty': '{{replace (replace (replace long "" long) "" long) "" long}}',
  'indent-wide': '{{indent "a\\nb" 20000000}}',
  'json-all': '{{json items}}',
  'top-level': '{{#each items}}{{this}}{{/each}}{{#each items}}{{this}}{{/each}}',
};

const names = Object.keys(TEMPLATES);
const DATA = `
sites: [{name: AMS1, slug: ams1}]
manufacturers: [{name: Acme, slug: acme}]
device_types: [{manufacturer: acme, model: X, slug: x}]
device_roles: [{name: Leaf, slug: leaf}]
config_templates:
${names.map((n) => `  - name: ${n}\n    template_code: ${JSON.stringify(TEMPLATES[n])}`).join('\n')}
devices:
${names.map((n) => `  - {name: ${n}, device_type: acme/x, role: leaf, site: ams1, config_template: ${n}, interfaces: [{name: et1, type: 10gbase-x-sfpp}]}`).join('\n')}
`;

const result = compileFiles({ 'data.yaml': DATA });
const device = (name: string): Obj => objectsOf(result.model, 'dcim.device').find((d) => d.data.name === name)!;
const renderer = (limits?: { maxBytes: number; maxMs: number }) =>
  new TemplateRenderer(result.model, { root: '/nonexistent', texts: new Map([['data.yaml', DATA]]), ...(limits ? { limits: { config: limits } } : {}) });
const plain = renderer();
/** The device's template line (1-based) in data.yaml: each template_code is one line of its own. */
const lineOf = (name: string) => DATA.split('\n').findIndex((l) => l === `  - name: ${name}`) + 2;

type Outcome = string | { rule: string; at: string; message: string; data: unknown };
function render(name: string, context: Record<string, unknown> = {}, r = plain): Outcome {
  const out = r.render(device(name), context);
  if ('text' in out) return out.text;
  expect(out.diagnostics).toHaveLength(1);
  const d = out.diagnostics[0];
  return { rule: d.rule, at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, message: d.message, data: d.data };
}

describe('a template reaches its data and nothing else', () => {
  it('the inventory is valid', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('prototype members are missing variables, at the path', () => {
    expect(render('ctor')).toMatchObject({ rule: 'template/missing-variable', at: `data.yaml:${lineOf('ctor')}:20`, data: { variable: 'constructor.constructor' } });
    expect(render('proto')).toMatchObject({ rule: 'template/missing-variable', at: `data.yaml:${lineOf('proto')}:20`, data: { variable: '__proto__' } });
    expect(render('string-ctor')).toMatchObject({ rule: 'template/missing-variable', data: { variable: 'device.name.constructor' } });
    expect(render('list-ctor')).toMatchObject({ rule: 'template/missing-variable', data: { variable: 'device.interfaces.constructor.constructor' } });
  });

  it('lookup and with find nothing behind a prototype', () => {
    expect(render('lookup-ctor')).toBe('[][][][]');
    expect(render('with-proto')).toBe('none none');
  });

  it('a path cannot be called: only helpers take arguments', () => {
    expect(render('call-function')).toMatchObject({ rule: 'template/syntax', message: 'config template "call-function": no helper named constructor' });
  });

  it('process, require and the environment are unreachable', () => {
    process.env.SOT_TEMPLATE_SECRET = 'do-not-leak';
    try {
      expect(render('process')).toMatchObject({ rule: 'template/missing-variable', data: { variable: 'process' } });
      expect(render('lookup-globals')).toBe('[]');
      // The top level holds the config context and the device, nothing of the process.
      expect(render('keys', { ntp: 1 })).toBe('ntp device ');
    } finally {
      delete process.env.SOT_TEMPLATE_SECRET;
    }
  });

  it('no partial, so no recursion through one', () => {
    expect(render('self')).toMatchObject({ rule: 'template/syntax', message: 'config template "self" uses a partial ({{> …}}), which sot\'s templates do not have' });
  });

  it('the helpers are sot\'s and Handlebars\' block helpers, and none reads files, the environment or the network', () => {
    const { hb } = templateEnvironment();
    expect(Object.keys(hb.helpers).sort()).toEqual([...BUILTIN_HELPERS, ...Object.keys(HELPERS), 'blockHelperMissing', 'helperMissing'].sort());
    const source = readFileSync(join(ROOT, 'src/outputs/template-helpers.ts'), 'utf8');
    expect([...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual(['handlebars', '../model/ip-space.js']);
    expect(source).not.toMatch(/\b(process|require|fetch|globalThis|eval|Function)\b/);
  });
});

describe('a render is bounded', () => {
  const items = Array.from({ length: 2000 }, (_, i) => `item${i}`);

  it('nested loops that write more than 16 MB stop at the loop that passed the limit', () => {
    // 2000³ items of a kilobyte: 8 TB, without the limit. The middle loop passes 16 MB first.
    const r = render('each-cubed', { items: items.map((i) => i.padEnd(1024, '.')) });
    expect(r).toEqual({
      rule: 'template/too-large',
      at: `data.yaml:${lineOf('each-cubed')}:20`,
      message: 'device each-cubed: the output passes 16 MB, the most one render may write',
      data: { template: 'each-cubed', device: 'each-cubed', maxBytes: 16 * 1024 * 1024, templateLine: 2, templateColumn: 16 },
    });
  });

  it('helpers that multiply text stop before they make it', () => {
    const long = 'x'.repeat(1000);
    // The inner replace makes a megabyte; the middle one would make a gigabyte.
    expect(render('replace-empty', { long })).toMatchObject({ rule: 'template/too-large', data: { templateLine: 1, templateColumn: 11 } });
    expect(render('indent-wide')).toMatchObject({ rule: 'template/too-large', data: { templateLine: 1, templateColumn: 1 } });
    // 20 MB of text in a list: json stops before it writes it.
    expect(render('json-all', { items: Array.from({ length: 20_000 }, () => 'x'.repeat(1024)) })).toMatchObject({ rule: 'template/too-large', data: { templateLine: 1, templateColumn: 1 } });
  });

  it('what the outermost blocks write adds up, and the whole output counts in UTF-8 bytes', () => {
    const mb = 'y'.repeat(1024 * 1024);
    // Each loop writes 10 MB: the second passes the render's 16 MB.
    expect(render('top-level', { items: Array(10).fill(mb) })).toMatchObject({ rule: 'template/too-large', data: { templateLine: 1, templateColumn: 33 } });
    expect((render('top-level', { items: Array(8).fill(mb) }) as string).length).toBe(16 * 1024 * 1024);
    // 4 MB of characters of 3 bytes each, written twice: 24 MB of UTF-8, measured on the whole output.
    expect(render('top-level', { items: Array(4).fill('€'.repeat(1024 * 1024)) })).toMatchObject({ rule: 'template/too-large', data: { templateLine: 1, templateColumn: 1 } });
  });

  it('a loop that runs past its time stops at the loop that was running', () => {
    // 2000³ runs of an empty block: minutes without the limit.
    const r = render('each-idle', { items }, renderer({ maxBytes: 16 * 1024 * 1024, maxMs: 100 }));
    // The time runs out in one of the three loops, almost always the innermost, where the runs are.
    const column = typeof r === 'object' ? (r.data as { templateColumn: number }).templateColumn : 0;
    expect([1, 16, 37]).toContain(column);
    expect(r).toEqual({
      rule: 'template/too-slow',
      at: `data.yaml:${lineOf('each-idle')}:20`,
      message: 'device each-idle: the render takes longer than 0.1 s, the most one render may take',
      data: { template: 'each-idle', device: 'each-idle', maxMs: 100, templateLine: 2, templateColumn: column },
    });
  });
});

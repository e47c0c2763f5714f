import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { diffModels } from '../src/diff/model-diff.js';

// Properties of the whole compile over random inventories: a small world of regions, sites, racks,
// device types, devices, VLANs, prefixes and addresses whose names collide on purpose (so references
// are sometimes ambiguous, units clash, addresses repeat), written across random files; and random
// edits of their text (bytes cut, lines moved, YAML's special characters put in), which must give
// located diagnostics, never an exception.

const SOT = 'format: 1\n';
const DEVICE_TYPE = 'manufacturer: Acme\nmodel: X-4\nslug: acme-x-4\nu_height: 1\ninterfaces:\n  - { name: et1, type: 10gbase-x-sfpp }\n  - { name: et2, type: 10gbase-x-sfpp }\n';

const name = fc.constantFrom('a1', 'a2', 'b1', 'B1', 'c-1', 'x');
const region = fc.record({ name, parent: fc.option(name, { nil: undefined }) });
const site = fc.record({ name, region: fc.option(name, { nil: undefined }), status: fc.constantFrom('active', 'planned', 'bogus') });
const rack = fc.record({ name, site: name, u_height: fc.integer({ min: 0, max: 4 }) });
const device = fc.record({
  name: fc.option(name, { nil: undefined }),
  site: name,
  rack: fc.option(name, { nil: undefined }),
  position: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  face: fc.constantFrom('front', 'rear', undefined),
  ip: fc.option(fc.constantFrom('10.0.0.1/24', '10.0.0.2/24', '10.0.0.1/32', '10.0.0.300/24', '10.0.0.1'), { nil: undefined }),
});
const vlan = fc.record({ vid: fc.integer({ min: 0, max: 5000 }), name, site: fc.option(name, { nil: undefined }) });
const prefix = fc.constantFrom('10.0.0.0/24', '10.0.0.0/16', '10.0.1.0/24', '10.0.0.0/33', '2001:db8::/64');

const world = fc.record({
  regions: fc.array(region, { maxLength: 4 }),
  sites: fc.array(site, { maxLength: 4 }),
  racks: fc.array(rack, { maxLength: 3 }),
  devices: fc.array(device, { maxLength: 5 }),
  vlans: fc.array(vlan, { maxLength: 3 }),
  prefixes: fc.array(prefix, { maxLength: 3 }),
  /** Which file each collection goes to. */
  files: fc.array(fc.constantFrom('a.yaml', 'b/c.yaml', 'sites/z.yml'), { minLength: 6, maxLength: 6 }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function entry(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return lines.length === 0 ? '  - {}\n' : `${lines.join('\n')}\n`;
}

function inventory(w: World): Map<string, string> {
  const collections: [string, string][] = [
    ['regions', w.regions.map((r) => entry({ name: r.name, slug: r.name.toLowerCase(), parent: r.parent })).join('')],
    ['sites', w.sites.map((s) => entry({ name: s.name, slug: s.name.toLowerCase(), region: s.region, status: s.status })).join('')],
    ['racks', w.racks.map((r) => entry({ name: r.name, site: r.site, u_height: r.u_height })).join('')],
    [
      'devices',
      w.devices
        .map((d) => {
          let text = entry({ name: d.name, device_type: 'Acme/X-4', role: 'leaf', site: d.site, rack: d.rack, position: d.position, face: d.face });
          if (d.ip) text += `    interfaces:\n      - { name: et1, ip_addresses: [${JSON.stringify(d.ip)}] }\n`;
          return text;
        })
        .join(''),
    ],
    ['vlans', w.vlans.map((v) => entry({ vid: v.vid, name: v.name, site: v.site })).join('')],
    ['prefixes', w.prefixes.map((p) => entry({ prefix: p })).join('')],
  ];
  const files = new Map<string, string>([
    ['sot.yaml', SOT],
    ['device-types/Acme/X-4.yaml', DEVICE_TYPE],
    ['base.yaml', 'manufacturers:\n  - { name: Acme, slug: acme }\ndevice_roles:\n  - { name: Leaf, slug: leaf }\n'],
  ]);
  collections.forEach(([collection, body], i) => {
    if (body === '') return;
    const file = w.files[i]!;
    files.set(file, `${files.get(file) ?? ''}${collection}:\n${body}`);
  });
  return files;
}

const list = (files: ReadonlyMap<string, string>) => [...files].map(([file, text]) => ({ file, text }));

/** Lines as YAML splits them (\r\n, \r or \n), for checking where a diagnostic points. */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function outside(d: Diagnostic, files: ReadonlyMap<string, string>): string | undefined {
  const text = files.get(d.location.file);
  if (text === undefined) return `${d.rule}: no file ${d.location.file}`;
  const range = d.location.range;
  if (!range) return `${d.rule}: no range in ${d.location.file}`;
  const lines = linesOf(text);
  for (const p of [range.start, range.end]) {
    if (p.line < 0 || p.line >= lines.length) return `${d.rule}: line ${p.line + 1} of ${lines.length} in ${d.location.file}`;
    if (p.column < 0 || p.column > lines[p.line]!.length) return `${d.rule}: column ${p.column + 1} past line ${p.line + 1} (${lines[p.line]!.length}) in ${d.location.file}`;
  }
  if (range.end.line < range.start.line || (range.end.line === range.start.line && range.end.column < range.start.column)) return `${d.rule}: range ends before it starts`;
  return undefined;
}

/** Every diagnostic names a file of the inventory and a range inside it. */
function expectLocated(files: ReadonlyMap<string, string>): void {
  const result = compile(list(files));
  const problems = result.diagnostics.map((d) => outside(d, files)).filter((p) => p !== undefined);
  expect(problems).toEqual([]);
}

// Edits of a file's text: what a careless editor or a hostile pull request does to it.
const SPECIAL = ['\t', '\r', '\r\n', '\0', '\uFEFF', '\u202E', '#', ':', '- ', '? ', '&a ', '*a', '!tag ', '!!str ', '{', '}', '[', ']', ',', '"', "'", '|', '>', '%YAML 1.2\n', '---\n', '...\n', '<<: ', '__proto__: ', 'constructor: ', '~', '.nan', '-.inf', '0x1F', '1e400', '00', 'yes', ' ', '  ', '\n'];
const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, e: Edit): string {
  if (e.kind === 'insert') {
    const at = text.length === 0 ? 0 : e.at % (text.length + 1);
    return text.slice(0, at) + e.text + text.slice(at);
  }
  if (e.kind === 'delete') {
    if (text.length === 0) return text;
    const at = e.at % text.length;
    return text.slice(0, at) + text.slice(at + e.length);
  }
  const lines = text.split('\n');
  const a = e.at % lines.length;
  const b = e.with % lines.length;
  [lines[a], lines[b]] = [lines[b]!, lines[a]!];
  return lines.join('\n');
}

describe('compile (properties)', () => {
  it('locates every diagnostic inside its file for random inventories', () => {
    fc.assert(
      fc.property(world, (w) => expectLocated(inventory(w))),
      { numRuns: 1000 },
    );
  });

  it('never throws and locates every diagnostic inside its file after random edits', () => {
    fc.assert(
      fc.property(world, fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 4 }), (w, edits) => {
        const files = inventory(w);
        const names = [...files.keys()];
        for (const [which, e] of edits) {
          const file = names[which % names.length]!;
          files.set(file, applyEdit(files.get(file)!, e));
        }
        expectLocated(files);
      }),
      { numRuns: 2500 },
    );
  });

  it('never throws on a file made of YAML\'s special characters and inventory words', () => {
    const WORDS = ['sites', 'devices', 'name', 'slug', 'site', 'a1', 'rack', 'position', '1', '-1', 'u_height', 'interfaces', 'ip_addresses', '10.0.0.1/24', 'custom_fields', 'config_context', 'tags'];
    const token = fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...WORDS), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.constantFrom('a.yaml', 'device-types/Acme/Y.yaml'), (tokens, file) => {
        expectLocated(new Map([['sot.yaml', SOT], [file, tokens.join('')]]));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same result in any file order', () => {
    fc.assert(
      fc.property(world, fc.nat(), (w, seed) => {
        const files = list(inventory(w));
        const shuffled = [...files];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(compile(shuffled).diagnostics).toEqual(compile(files).diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('finds no difference between an inventory and itself', () => {
    fc.assert(
      fc.property(world, (w) => {
        const files = inventory(w);
        const side = () => ({ result: compile(list(files)), texts: files });
        const d = diffModels(side(), side());
        expect([d.objects, d.derived, d.changed.base.size, d.changed.head.size]).toEqual([[], [], 0, 0]);
      }),
      { numRuns: 300 },
    );
  });
});

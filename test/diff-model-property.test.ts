import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { NaturalKeys } from '../src/diff/identity.js';
import { diffModels, type DiffInput } from '../src/diff/model-diff.js';
import { snapshotText } from '../src/diff/snapshot.js';
import { BASE, DEVICE_TYPE } from './helpers/compile.js';

const side = (files: Record<string, string>): DiffInput => {
  const list = Object.entries({ 'sot.yaml': 'format: 1\n', ...files }).map(([file, text]) => ({ file, text }));
  return { result: compile(list), texts: new Map(list.map((f) => [f.file, f.text])) };
};

// A small inventory: some of six devices, each at a site (spelled either way), with a status, maybe a
// description and maybe one interface of its type completed; the device type's et2 in one of two types.
const device = fc.record({
  site: fc.constantFrom('ams1', 'AMS1', 'ams2', 'AMS2'),
  status: fc.constantFrom('active', 'planned'),
  description: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  et1: fc.option(fc.constantFrom('up', 'down'), { nil: undefined }),
});
const inventory = fc.record({
  devices: fc.dictionary(fc.constantFrom('d0', 'd1', 'd2', 'd3', 'd4', 'd5'), device, { maxKeys: 6 }),
  et2: fc.constantFrom('10gbase-x-sfpp', '25gbase-x-sfp28'),
  split: fc.boolean(),
});
type Inventory = typeof inventory extends fc.Arbitrary<infer T> ? T : never;

function files(inv: Inventory): Record<string, string> {
  const entries = Object.keys(inv.devices)
    .sort()
    .map((name) => {
      const d = inv.devices[name];
      // The serial follows the name, so that no device is another renamed (renames have tests of their own).
      let text = `  - name: ${name}\n    device_type: Acme/X-4\n    role: leaf\n    site: ${d.site}\n    status: ${d.status}\n    serial: S-${name}\n`;
      if (d.description) text += `    description: ${d.description}\n`;
      if (d.et1) text += `    interfaces:\n      - { name: et1, description: ${d.et1} }\n`;
      return text;
    });
  const out: Record<string, string> = { 'base.yaml': BASE, 'device-types/Acme/X-4.yaml': DEVICE_TYPE.replace('  - name: et2\n    type: 10gbase-x-sfpp\n', `  - name: et2\n    type: ${inv.et2}\n`) };
  // The same devices in one file or two, in another order: never a change by itself.
  if (inv.split) {
    out['a.yaml'] = `devices:\n${entries.filter((_, i) => i % 2 === 1).join('')}`;
    out['b.yaml'] = `devices:\n${entries.filter((_, i) => i % 2 === 0).join('')}`;
  } else out['d.yaml'] = `devices:\n${entries.join('')}`;
  return out;
}

/** The oracle: each object's key and the text of its resolved form, as `kind key` → text. */
function resolvedForms(s: DiffInput): Map<string, string> {
  const keys = new NaturalKeys(s.result.model);
  return new Map(s.result.model.objects.map((o) => [`${o.kind.kind} ${keys.key(o)}`, snapshotText(o, keys.key)]));
}

describe('diffModels (properties)', () => {
  it('finds nothing between an inventory and itself', () => {
    fc.assert(
      fc.property(inventory, (inv) => {
        const d = diffModels(side(files(inv)), side(files(inv)));
        expect([d.objects, d.derived, d.changed.base.size, d.changed.head.size]).toEqual([[], [], 0, 0]);
      }),
      { numRuns: 25 },
    );
  });

  it('lists exactly the objects whose resolved form differs', () => {
    fc.assert(
      fc.property(inventory, inventory, (a, b) => {
        const sa = side(files(a));
        const sb = side(files(b));
        const before = resolvedForms(sa);
        const after = resolvedForms(sb);
        const expected = new Set<string>();
        for (const [k, text] of before) if (after.get(k) !== text) expected.add(k);
        for (const k of after.keys()) if (!before.has(k)) expected.add(k);
        const d = diffModels(sa, sb);
        const listed = new Set<string>();
        for (const o of d.objects) {
          listed.add(`${o.kind} ${o.key}`);
          if (o.from_key) listed.add(`${o.kind} ${o.from_key}`);
        }
        for (const x of d.derived) for (const k of x.objects) listed.add(`${x.kind} ${k}`);
        expect([...listed].sort()).toEqual([...expected].sort());
        expect(d.objects.filter((o) => o.action === 'rename')).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

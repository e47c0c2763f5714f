import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldChanges } from '../src/diff/field-changes.js';
import { sameValue } from '../src/diff/snapshot.js';

describe('fieldChanges', () => {
  it('a scalar or a list of scalars is one change', () => {
    expect(fieldChanges('mtu', 1500, 9000)).toEqual([{ field: 'mtu', before: 1500, after: 9000 }]);
    expect(fieldChanges('tags', ['a'], ['a', 'b'])).toEqual([{ field: 'tags', before: ['a'], after: ['a', 'b'] }]);
    expect(fieldChanges('serial', undefined, 'A1')).toEqual([{ field: 'serial', after: 'A1' }]);
  });

  it('a mapping is compared key by key, down to what differs', () => {
    expect(fieldChanges('data', { ntp: { servers: ['a'], prefer: true }, dns: { domain: 'x' } }, { ntp: { servers: ['b'], prefer: true }, dns: { domain: 'x' }, snmp: { community: 'c' } })).toEqual([
      { field: 'data.ntp.servers', before: ['a'], after: ['b'] },
      { field: 'data.snmp', after: { community: 'c' } },
    ]);
    expect(fieldChanges('custom_fields', { owner: 'a', cost: null }, { owner: 'b' })).toEqual([{ field: 'custom_fields.owner', before: 'a', after: 'b' }]);
  });

  it("a device type's named components are compared item by item by name", () => {
    const before = [{ name: 'eth1', type: '10gbase-x-sfpp' }, { name: 'eth2', type: '10gbase-x-sfpp' }, { name: 'eth3', type: '1000base-t' }];
    const after = [{ name: 'eth1', type: '10gbase-x-sfpp' }, { name: 'eth2', type: '10gbase-x-sfpp', description: 'spare' }, { name: 'eth4', type: '1000base-t' }];
    expect(fieldChanges('interfaces', before, after)).toEqual([
      { field: 'interfaces[eth2].description', after: 'spare' },
      { field: 'interfaces[eth3]', before: { name: 'eth3', type: '1000base-t' } },
      { field: 'interfaces[eth4]', after: { name: 'eth4', type: '1000base-t' } },
    ]);
  });

  it('lists whose items repeat a name or have none stay one change', () => {
    const dup = [{ name: 'a' }, { name: 'a' }];
    expect(fieldChanges('x', dup, [{ name: 'a' }])).toEqual([{ field: 'x', before: dup, after: [{ name: 'a' }] }]);
  });

  it('values equal as text but said to differ are one whole change (a name that resolved on one side only)', () => {
    expect(fieldChanges('tags', ['prod'], ['prod'])).toEqual([{ field: 'tags', before: ['prod'], after: ['prod'] }]);
  });

  it('property: every change names a path whose values are those of the two sides, and differing sides give a change', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(1, 2, 'a', 'b', true), fc.dictionary(fc.constantFrom('k', 'l', 'm'), tie('value'), { maxKeys: 3 }), fc.array(tie('value'), { maxLength: 3 })),
    })).value;
    fc.assert(
      fc.property(json, json, (a, b) => {
        const changes = fieldChanges('f', a, b);
        expect(changes.length).toBeGreaterThan(0);
        for (const c of changes) {
          const at = (root: unknown) => walk(root, c.field.slice(1));
          expect(sameValue(at(a) ?? undefined, c.before) || (at(a) === undefined && !('before' in c))).toBe(true);
          expect(sameValue(at(b) ?? undefined, c.after) || (at(b) === undefined && !('after' in c))).toBe(true);
        }
      }),
    );
  });
});

/** The value at a path as fieldChanges writes it (`.key`, `[name]`), or undefined. */
function walk(root: unknown, path: string): unknown {
  let v: any = root;
  for (const m of path.matchAll(/\.([^.[]+)|\[([^\]]+)\]/g)) {
    if (v === undefined || v === null) return undefined;
    v = m[1] !== undefined ? v[m[1]] : Array.isArray(v) ? v.find((x: any) => x?.name === m[2]) : undefined;
  }
  return v;
}

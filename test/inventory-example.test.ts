import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { readWorktree } from '../src/sources/worktree.js';

describe('inventory-example', () => {
  const result = compile(readWorktree(join(import.meta.dirname, '..', 'inventory-example')));
  const count = (kind: string) => result.model.byKind.get(kind)?.length ?? 0;

  it('compiles with no problems at all', () => {
    expect(result.diagnostics.map((d) => `${d.location.file}:${d.location.range?.start.line} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it('exercises the model: regions, sites, locations, racks, 20+ devices with components', () => {
    expect(count('dcim.region')).toBeGreaterThanOrEqual(2);
    expect(count('dcim.site')).toBeGreaterThanOrEqual(3);
    expect(count('dcim.location')).toBeGreaterThanOrEqual(3);
    expect(count('dcim.rack')).toBeGreaterThanOrEqual(3);
    expect(count('dcim.device')).toBeGreaterThanOrEqual(20);
    expect(count('tenancy.tenant')).toBeGreaterThanOrEqual(2);
    expect(count('extras.tag')).toBeGreaterThanOrEqual(2);
    expect(count('dcim.interface')).toBeGreaterThan(500);
    const interfaces = result.model.byKind.get('dcim.interface')!;
    expect(interfaces.some((i) => i.origin === 'written' && i.template)).toBe(true); // overrides a template
    expect(interfaces.some((i) => i.origin === 'written' && !i.template)).toBe(true); // adds a component
  });
});

describe('inventory-example covers the model', () => {
  const result = compile(readWorktree(join(import.meta.dirname, '..', 'inventory-example')));
  // Inventory items are deprecated: one in the example would make it warn, so the tests cover them.
  const EXEMPT = new Set(['dcim.inventoryitem']);
  it('uses every kind at least once', () => {
    const unused = [...result.model.byKind.entries()].filter(([kind, objs]) => !EXEMPT.has(kind) && !objs.some((o) => o.origin !== 'implicit')).map(([kind]) => kind);
    expect(unused).toEqual([]);
  });
});

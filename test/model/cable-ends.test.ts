import { describe, expect, it } from 'vitest';
import { cableEnds, endPlace, endsOn, sideOf } from '../../src/model/cable-ends.js';
import { displayName, type Obj } from '../../src/model/model.js';
import { cableFiles } from '../helpers/cables.js';
import { compileFiles } from '../helpers/compile.js';

const name = (o: Obj) => `${displayName(o.owner!)}:${displayName(o)}`;

describe('model/cable-ends', () => {
  it('maps each termination to the cable ends on it, in inventory order, with their places', () => {
    const r = compileFiles(
      cableFiles('  - {a: "leaf1:et1", b: "leaf2:et1", label: C1}\n  - {a_terminations: ["leaf1:et2", "leaf1:et1"], b: "leaf2:et2", label: C2}\n'),
    );
    const ifaces = r.model.byKind.get('dcim.interface')!;
    const et1 = ifaces.find((o) => name(o) === 'leaf1:et1')!;
    expect(endsOn(r.model, et1).map((e) => [e.cable.data.label, e.side, e.field, e.index])).toEqual([
      ['C1', 'a', 'a', undefined],
      ['C2', 'a', 'a_terminations', 1],
    ]);
    expect(endsOn(r.model, ifaces.find((o) => name(o) === 'leaf1:mgmt')!)).toEqual([]);
    const c2 = r.model.byKind.get('dcim.cable')![1];
    expect(sideOf(r.model, c2, 'a').map((e) => [name(e.termination), endPlace(e)])).toEqual([
      ['leaf1:et2', { field: 'a_terminations', subPath: [0] }],
      ['leaf1:et1', { field: 'a_terminations', subPath: [1] }],
    ]);
    expect(sideOf(r.model, c2, 'b').map((e) => endPlace(e))).toEqual([{ field: 'b' }]);
    expect(cableEnds(r.model)).toBe(cableEnds(r.model));
  });

  it('keeps the list as the place when an item of it does not resolve', () => {
    const r = compileFiles(cableFiles('  - {a_terminations: ["leaf1:et9", "leaf1:et1"], b: "leaf2:et1"}\n'));
    const c = r.model.byKind.get('dcim.cable')![0];
    expect(sideOf(r.model, c, 'a').map((e) => [name(e.termination), endPlace(e)])).toEqual([['leaf1:et1', { field: 'a_terminations' }]]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { pathFiles } from '../../helpers/paths.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/cable-path-loop';

const run = (cables: string) => compileFiles(pathFiles(cables)).diagnostics;

describe('dcim/cable-path-loop', () => {
  it('accepts a circuit whose sides are on cables of their own, and two circuits in a row', () => {
    expect(
      run(
        '  - {a: "leaf1:et1", b: {circuit: C-1, term_side: A}}\n' +
          '  - {a: {circuit: C-1, term_side: Z}, b: {circuit: C-3, term_side: A}}\n',
      ),
    ).toEqual([]);
  });

  it("reports a cable that ends on both sides of a circuit, at the far side's end", () => {
    const d = run('  - {a: "leaf1:et1", b_terminations: [{circuit: C-1, term_side: A}, {circuit: C-1, term_side: Z}], label: L}\n');
    expect(d.map((x) => [x.rule, at(x), x.severity, x.message, x.data])).toEqual([
      [
        RULE,
        'c.yaml:2:39',
        'warning',
        'the cable path from interface "et1" of device "leaf1" loops: it reaches circuit "C-1" in provider "P" on cable "L", which also ends on the circuit\'s A side',
        { reason: 'circuit', origin: ['interface "et1" of device "leaf1"'], at: 'circuit termination "A" in circuit "C-1"' },
      ],
    ]);
    expect(d[0].related?.map((r) => [r.location.range!.start.line + 1, r.location.range!.start.column + 1, r.message])).toEqual([[2, 9, 'the path starts at interface "et1" of device "leaf1"']]);
  });

  it("reports a circuit reached on one side of a cable whose other side is the circuit's far end", () => {
    expect(
      run('  - {a: "leaf1:et1", b: {circuit: C-1, term_side: A}}\n  - {a_terminations: [{circuit: C-1, term_side: Z}, {circuit: C-4, term_side: Z}], b: {circuit: C-4, term_side: A}, label: X}\n').map((x) => [x.rule, at(x), x.message]),
    ).toEqual([[RULE, 'c.yaml:3:53', 'the cable path from interface "et1" of device "leaf1" loops: it reaches circuit "C-4" in provider "P" on cable "X", which also ends on the circuit\'s Z side']]);
  });
});

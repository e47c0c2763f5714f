import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { pathFiles } from '../../helpers/paths.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/cable-path-unsupported';

const run = (cables: string) => compileFiles(pathFiles(cables)).diagnostics;

describe('dcim/cable-path-unsupported', () => {
  it('accepts a cable end on several ports of one panel, and ports of two panels no path reaches', () => {
    expect(
      run(
        '  - {a: "leaf1:et1", b_terminations: [{device: pp1, front_port: "1"}, {device: pp1, front_port: "2"}]}\n' +
          '  - {a: {device: pp1, rear_port: "1"}, b: "leaf2:et1"}\n' +
          '  - {a: {device: pp1, rear_port: "2"}, b: "leaf2:et2"}\n' +
          '  - {a: {device: tp1, front_port: "1"}, b_terminations: [{device: pp2, front_port: "1"}, {device: tp2, front_port: "1"}]}\n',
      ),
    ).toEqual([]);
  });

  it('reports a path that reaches ports of two devices on one cable end, at the first port of another device', () => {
    const d = run('  - {a: "leaf1:et1", b_terminations: [{device: pp1, front_port: "1"}, {device: pp2, front_port: "1"}], label: A}\n');
    expect(d.map((x) => [x.rule, at(x), x.severity, x.message, x.data])).toEqual([
      [
        RULE,
        'c.yaml:2:71',
        'error',
        'the cable path from interface "et1" of device "leaf1" reaches front port "1" of device "pp2" on the same cable end as ports of device "pp1": NetBox traces through the ports of one device per cable end only',
        { origin: ['interface "et1" of device "leaf1"'], at: 'front port "1" of device "pp2"', devices: ['pp1', 'pp2'] },
      ],
    ]);
    expect(d[0].related?.map((r) => [r.location.range!.start.line + 1, r.location.range!.start.column + 1, r.message])).toEqual([[2, 9, 'the path starts at interface "et1" of device "leaf1"']]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { pathFiles } from '../../helpers/paths.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/cable-path-split';

const run = (cables: string) => compileFiles(pathFiles(cables)).diagnostics;
const findings = (cables: string) =>
  run(cables)
    .filter((d) => d.rule === RULE)
    .map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe('dcim/cable-path-split', () => {
  it('accepts a path through a multi-position trunk entered by a front port, from both ends', () => {
    expect(
      run(
        '  - {a: "leaf1:et1", b: {device: tp1, front_port: "3"}}\n' +
          '  - {a: {device: tp1, rear_port: R}, b: {device: tp2, rear_port: R}}\n' +
          '  - {a: {device: tp2, front_port: "3"}, b: "leaf2:et1"}\n',
      ),
    ).toEqual([]);
  });

  it('accepts one cable to several ports when every port continues on a cable and no position is carried', () => {
    expect(
      run(
        '  - {a: "leaf1:et1", b_terminations: [{device: pp1, front_port: "1"}, {device: pp1, front_port: "2"}]}\n' +
          '  - {a: {device: pp1, rear_port: "1"}, b: "leaf2:et1"}\n' +
          '  - {a: {device: pp1, rear_port: "2"}, b: "leaf2:et2"}\n',
      ),
    ).toEqual([]);
  });

  it('reports an endpoint cabled straight into a multi-position rear port, at the cable end on the port', () => {
    expect(findings('  - {a: "leaf1:et1", b: {device: tp1, rear_port: R}, label: A}\n')).toEqual([
      [
        RULE,
        'c.yaml:2:25',
        'warning',
        'the cable path from interface "et1" of device "leaf1" splits at rear port "R" of device "tp1": it has 4 positions and the path brings none to choose its mapped ports by',
        { reason: 'no-position', origin: ['interface "et1" of device "leaf1"'], at: ['rear port "R" of device "tp1"'] },
      ],
    ]);
  });

  it('reports ports that fan out to different cables with fewer positions than ports', () => {
    expect(
      findings(
        '  - {a: "leaf1:et1", b: {device: tp1, front_port: "1"}}\n' +
          '  - {a: {device: tp1, rear_port: R}, b_terminations: [{device: pp1, rear_port: "1"}, {device: pp1, rear_port: "2"}]}\n' +
          '  - {a: {device: pp1, front_port: "1"}, b: "leaf2:et1"}\n' +
          '  - {a: {device: pp1, front_port: "2"}, b: "leaf2:et2"}\n',
      ),
    ).toEqual([
      [
        RULE,
        'c.yaml:3:9',
        'warning',
        'the cable path from interface "et1" of device "leaf2" splits at rear port "R" of device "tp1": it has 4 positions and the path brings none to choose its mapped ports by',
        { reason: 'no-position', origin: ['interface "et1" of device "leaf2"'], at: ['rear port "R" of device "tp1"'] },
      ],
      [
        RULE,
        'c.yaml:4:9',
        'warning',
        'the cable path from interface "et1" of device "leaf1" splits at front port "1" of device "pp1": it and front port "2" of device "pp1" continue on different cables, but the path carries 1 position for 2 ports',
        { reason: 'positions', origin: ['interface "et1" of device "leaf1"'], at: ['front port "1" of device "pp1"', 'front port "2" of device "pp1"'] },
      ],
    ]);
  });

  it('reports ports of which only some continue on a cable, at the cable that continues', () => {
    const d = run(
      '  - {a: "leaf1:et1", b_terminations: [{device: pp1, front_port: "1"}, {device: pp1, front_port: "2"}]}\n' +
        '  - {a: {device: pp1, rear_port: "1"}, b: "leaf2:et1", label: B}\n',
    );
    expect(d.map((x) => [x.rule, at(x), x.severity, x.message, x.data])).toEqual([
      [
        RULE,
        'c.yaml:3:9',
        'warning',
        'the cable path from interface "et1" of device "leaf1" splits at rear port "1" of device "pp1": it continues on cable "B" but rear port "2" of device "pp1" has no cable',
        { reason: 'asymmetric', origin: ['interface "et1" of device "leaf1"'], at: ['rear port "1" of device "pp1"', 'rear port "2" of device "pp1"'] },
      ],
    ]);
    expect(d[0].related?.map((r) => [r.location.range!.start.line + 1, r.location.range!.start.column + 1, r.message])).toEqual([[2, 9, 'the path starts at interface "et1" of device "leaf1"']]);
  });

  it('reports a split once when several paths split at the same cable end', () => {
    expect(findings('  - {a_terminations: ["leaf1:et1", "leaf1:et2"], b: {device: tp1, rear_port: R}}\n').map((f) => [f[1], f[3]])).toEqual([
      ['c.yaml:2:53', 'the cable path from interface "et1" of device "leaf1" (and 1 more on its cable end) splits at rear port "R" of device "tp1": it has 4 positions and the path brings none to choose its mapped ports by'],
    ]);
  });
});

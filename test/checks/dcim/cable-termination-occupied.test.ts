import { describe, expect, it } from 'vitest';
import { cableFiles } from '../../helpers/cables.js';
import { compileFiles } from '../../helpers/compile.js';

const RULE = 'dcim/cable-termination-occupied';

const run = (cables: string, extra?: Record<string, string>) => compileFiles(cableFiles(cables, extra)).diagnostics;
const findings = (cables: string, extra?: Record<string, string>) =>
  run(cables, extra)
    .filter((d) => d.rule === RULE)
    .map((d) => ({ at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, message: d.message, data: d.data }));

describe('dcim/cable-termination-occupied', () => {
  it('accepts cables on distinct terminations, and one cable to each of several terminations', () => {
    expect(run('  - {a: "leaf1:et1", b: "leaf2:et1"}\n  - {a_terminations: ["leaf1:et2", "leaf1:mgmt"], b_terminations: ["leaf2:et2", "leaf2:mgmt"]}\n')).toEqual([]);
  });

  it('reports a termination a second cable ends on, at the later end, naming the first cable by label', () => {
    const d = run('  - {a: "leaf1:et1", b: "leaf2:et1", label: C1}\n  - {a: "leaf2:et2", b: "leaf1:et1"}\n').filter((x) => x.rule === RULE);
    expect(d.map((x) => [x.rule, x.severity, `${x.location.file}:${x.location.range!.start.line + 1}:${x.location.range!.start.column + 1}`, x.message])).toEqual([
      [RULE, 'error', 'c.yaml:3:25', 'interface "et1" of device "leaf1" already has cable "C1"'],
    ]);
    expect(d[0].data).toEqual({ termination: 'interface "et1" of device "leaf1"', cable: 'leaf2:et2 – leaf1:et1', side: 'b', other: '"C1"', otherSide: 'a', sameCable: false });
    expect(d[0].related?.map((x) => [x.location.file, x.location.range!.start.line + 1, x.location.range!.start.column + 1, x.message])).toEqual([
      ['c.yaml', 2, 9, 'cable "C1" ends on it (A side)'],
    ]);
  });

  it('names an unlabelled cable by its ends, and points at the list item', () => {
    expect(findings('  - {a: "leaf1:et1", b: "leaf2:et1"}\n  - a_terminations: ["leaf1:et2", "leaf2:et1"]\n    b: "leaf2:et2"\n')).toEqual([
      {
        at: 'c.yaml:3:35',
        message: 'interface "et1" of device "leaf2" already has cable leaf1:et1 – leaf2:et1',
        data: { termination: 'interface "et1" of device "leaf2"', cable: 'leaf1:et2, leaf2:et1 – leaf2:et2', side: 'a', other: 'leaf1:et1 – leaf2:et1', otherSide: 'b', sameCable: false },
      },
    ]);
  });

  it('reports every later cable against the first, and console ports and power feeds too', () => {
    const power = { 'power.yaml': 'power_panels:\n  - {name: PP-A, site: ams1}\npower_feeds:\n  - {name: feed-1, power_panel: ams1/PP-A}\n' };
    const r = findings(
      '  - {a: {device: leaf1, console_port: con}, b: {device: leaf2, console_port: con}, label: K1}\n' +
        '  - {a: {device: leaf1, console_port: con}, b: "leaf1:et1", label: K2}\n' +
        '  - {a: {device: leaf1, console_port: con}, b: "leaf1:et2", label: K3}\n' +
        '  - {a: {power_panel: ams1/PP-A, power_feed: feed-1}, b: "leaf2:et1", label: P1}\n' +
        '  - {a: {power_panel: ams1/PP-A, power_feed: feed-1}, b: "leaf2:et2", label: P2}\n',
      power,
    );
    expect(r.map((x) => [x.at, x.message])).toEqual([
      ['c.yaml:3:9', 'console port "con" of device "leaf1" already has cable "K1"'],
      ['c.yaml:4:9', 'console port "con" of device "leaf1" already has cable "K1"'],
      ['c.yaml:6:9', 'power feed "feed-1" in power panel "PP-A" already has cable "P1"'],
    ]);
  });

  it('reports a cable whose two sides share a termination, and a termination listed twice on one side', () => {
    expect(findings('  - {a: "leaf1:et1", b_terminations: ["leaf2:et1", "leaf1:et1"], label: L}\n  - {a_terminations: ["leaf1:et2", "leaf1:et2"], b: "leaf2:et2"}\n')).toEqual([
      {
        at: 'c.yaml:2:52',
        message: 'interface "et1" of device "leaf1" is on both sides of the cable',
        data: { termination: 'interface "et1" of device "leaf1"', cable: '"L"', side: 'b', other: '"L"', otherSide: 'a', sameCable: true },
      },
      {
        at: 'c.yaml:3:36',
        message: 'interface "et2" of device "leaf1" is listed twice on the cable\'s A side',
        data: { termination: 'interface "et2" of device "leaf1"', cable: 'leaf1:et2, leaf1:et2 – leaf2:et2', side: 'a', other: 'leaf1:et2, leaf1:et2 – leaf2:et2', otherSide: 'a', sameCable: true },
      },
    ]);
  });
});

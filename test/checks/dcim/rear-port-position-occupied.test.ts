import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/rear-port-position-occupied';

/** A patch panel type PP with rear port r1 (4 positions, line 5) and the front ports given from line 7; one device p1 of it, then the given lines of d.yaml from line 6. */
const compile = (fronts: string, device = '', moduleType = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/PP.yaml': `manufacturer: Acme\nmodel: PP\nslug: pp\nrear-ports:\n  - {name: r1, type: mpo, positions: 4}\nfront-ports:\n${fronts}`,
    'd.yaml': `devices:\n  - name: p1\n    device_type: Acme/PP\n    role: leaf\n    site: ams1\n${device}`,
    ...(moduleType ? { 'module-types/Acme/MT.yaml': `manufacturer: Acme\nmodel: MT\n${moduleType}` } : {}),
  });
const all = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data, d.related?.map((x) => x.message)]);
const fp = (name: string, position?: number) => `  - {name: ${name}, type: lc, rear_port: r1${position === undefined ? '' : `, rear_port_position: ${position}`}}\n`;

describe(RULE, () => {
  it('accepts front ports on positions of their own, and front ports without a rear port', () => {
    expect(all(compile(fp('f1', 1) + fp('f2', 2) + fp('f3', 3) + fp('f4', 4) + '  - {name: f5, type: lc}\n  - {name: f6, type: lc}\n'))).toEqual([]);
    expect(all(compile(fp('f1') + fp('f2', 2)))).toEqual([]);
    // The device moves a front port to another free position.
    expect(all(compile(fp('f1', 1) + fp('f2', 2), '    front_ports:\n      - {name: f2, rear_port_position: 3}\n'))).toEqual([]);
  });

  it('reports the later template once at its device type; a left-out position is 1', () => {
    expect(all(compile(fp('f1') + fp('f2', 1)))).toEqual([
      [RULE, 'device-types/Acme/PP.yaml:8:61', 'error', 'front port template "f2" of device type "PP" in manufacturer "Acme" is mapped to position 1 of rear port "r1", which front port "f1" is mapped to already', { rearPort: 'r1', position: 1, frontPort: 'f1' }, ['front port "f1"']],
    ]);
    expect(all(compile(fp('f1', 3) + fp('f2', 3) + fp('f3', 3))).map((d) => d[1])).toEqual(['device-types/Acme/PP.yaml:8:61', 'device-types/Acme/PP.yaml:9:61']);
  });

  it('reports a module type template', () => {
    const mt = 'rear-ports:\n  - {name: r, type: lc, positions: 2}\nfront-ports:\n  - {name: f1, type: lc, rear_port: r}\n  - {name: f2, type: lc, rear_port: r}\n';
    expect(all(compile('', '', mt))).toEqual([
      [RULE, 'module-types/Acme/MT.yaml:7:37', 'error', 'front port template "f2" of module type "MT" in manufacturer "Acme" is mapped to position 1 of rear port "r", which front port "f1" is mapped to already', { rearPort: 'r', position: 1, frontPort: 'f1' }, ['front port "f1"']],
    ]);
  });

  it("reports a device's own front port, even when it is the earlier of the two", () => {
    expect(all(compile(fp('f1', 1), 'front_ports:\n  - {device: p1, name: x, type: lc, rear_port: r1}\n'))).toEqual([
      [RULE, 'd.yaml:7:48', 'error', 'front port "x" of device "p1" is mapped to position 1 of rear port "r1", which front port "f1" is mapped to already', { rearPort: 'r1', position: 1, frontPort: 'f1' }, ['front port "f1"']],
    ]);
    expect(all(compile(fp('f1', 1) + fp('f2', 2), '    front_ports:\n      - {name: f1, rear_port_position: 2}\n'))).toEqual([
      [RULE, 'd.yaml:7:40', 'error', 'front port "f1" of device "p1" is mapped to position 2 of rear port "r1", which front port "f2" is mapped to already', { rearPort: 'r1', position: 2, frontPort: 'f2' }, ['front port "f2"']],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/front-port-rear-position';

/** A patch panel type PP: rear ports from line 5, then front ports; one device p1 of it, then the given lines of d.yaml from line 6. */
const compile = (rears: string, fronts: string, device = '', moduleType = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/PP.yaml': `manufacturer: Acme\nmodel: PP\nslug: pp\nrear-ports:\n${rears}front-ports:\n${fronts}`,
    'd.yaml': `devices:\n  - name: p1\n    device_type: Acme/PP\n    role: leaf\n    site: ams1\n${device}`,
    ...(moduleType ? { 'module-types/Acme/MT.yaml': `manufacturer: Acme\nmodel: MT\n${moduleType}` } : {}),
  });
const all = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);
const R4 = '  - {name: r1, type: mpo, positions: 4}\n';

describe(RULE, () => {
  it("accepts positions up to the rear port's, and NetBox's default of 1 on both sides", () => {
    expect(all(compile(R4, '  - {name: f1, type: lc, rear_port: r1, rear_port_position: 4}\n'))).toEqual([]);
    expect(all(compile('  - {name: r1, type: lc}\n', '  - {name: f1, type: lc, rear_port: r1}\n'))).toEqual([]);
    expect(all(compile('  - {name: r1, type: lc}\n', '  - {name: f1, type: lc, rear_port: r1, rear_port_position: 1}\n'))).toEqual([]);
    expect(all(compile(R4, '  - {name: f1, type: lc}\n', '    rear_ports:\n      - {name: r1, positions: 2}\n'))).toEqual([]);
  });

  it('reports a template once at its device type, not on the device made from it', () => {
    expect(all(compile(R4, '  - {name: f1, type: lc, rear_port: r1, rear_port_position: 5}\n'))).toEqual([
      [RULE, 'device-types/Acme/PP.yaml:7:61', 'error', 'front port template "f1" of device type "PP" in manufacturer "Acme" is mapped to position 5 of rear port "r1", which has only 4 positions', { position: 5, rearPort: 'r1', positions: 4 }],
    ]);
    // Left out, the rear port has 1 position.
    expect(all(compile('  - {name: r1, type: lc}\n', '  - {name: f1, type: lc, rear_port: r1, rear_port_position: 2}\n')).map((d) => [d[1], d[3]])).toEqual([
      ['device-types/Acme/PP.yaml:7:61', 'front port template "f1" of device type "PP" in manufacturer "Acme" is mapped to position 2 of rear port "r1", which has only 1 position'],
    ]);
  });

  it('reports a module type template', () => {
    const mt = 'rear-ports:\n  - {name: r, type: lc, positions: 2}\nfront-ports:\n  - {name: f, type: lc, rear_port: r, rear_port_position: 3}\n';
    expect(all(compile(R4, '', '', mt))).toEqual([
      [RULE, 'module-types/Acme/MT.yaml:6:59', 'error', 'front port template "f" of module type "MT" in manufacturer "Acme" is mapped to position 3 of rear port "r", which has only 2 positions', { position: 3, rearPort: 'r', positions: 2 }],
    ]);
  });

  it("reports a device's front port at its position, and the device's rear port when it takes positions away from its type's mapping", () => {
    expect(all(compile(R4, '  - {name: f1, type: lc, rear_port: r1}\n', '    front_ports:\n      - {name: f1, rear_port_position: 6}\n'))).toEqual([
      [RULE, 'd.yaml:7:40', 'error', 'front port "f1" of device "p1" is mapped to position 6 of rear port "r1", which has only 4 positions', { position: 6, rearPort: 'r1', positions: 4 }],
    ]);
    expect(all(compile(R4, '  - {name: f1, type: lc, rear_port: r1, rear_port_position: 3}\n', '    rear_ports:\n      - {name: r1, positions: 2}\n'))).toEqual([
      [RULE, 'd.yaml:7:31', 'error', 'front port "f1" of device "p1" is mapped to position 3 of rear port "r1", which has only 2 positions', { position: 3, rearPort: 'r1', positions: 2 }],
    ]);
    expect(all(compile(R4, '', 'front_ports:\n  - {device: p1, name: x, type: lc, rear_port: r1, rear_port_position: 9}\n'))).toEqual([
      [RULE, 'd.yaml:7:72', 'error', 'front port "x" of device "p1" is mapped to position 9 of rear port "r1", which has only 4 positions', { position: 9, rearPort: 'r1', positions: 4 }],
    ]);
  });
});

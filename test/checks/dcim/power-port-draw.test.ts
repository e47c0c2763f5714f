import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/power-port-draw';

/** A device type PSU (power port template from line 5), one device of it, and the given device lines from line 3 of d.yaml. */
const compile = (template: string, device = '', moduleType = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/DT.yaml': `manufacturer: Acme\nmodel: DT\nslug: dt\npower-ports:\n  - {name: PSU1, type: iec-60320-c14${template}}\n`,
    'd.yaml': `devices:\n  - name: d1\n    device_type: Acme/DT\n    role: leaf\n    site: ams1\n${device}`,
    ...(moduleType ? { 'module-types/Acme/MT.yaml': `manufacturer: Acme\nmodel: MT\npower-ports:\n  - {name: P, ${moduleType}}\n` } : {}),
  });
const all = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts an allocated draw up to the maximum, and either one alone', () => {
    expect(all(compile(', maximum_draw: 500, allocated_draw: 500'))).toEqual([]);
    expect(all(compile(', allocated_draw: 500'))).toEqual([]);
    expect(all(compile(', maximum_draw: 5'))).toEqual([]);
    expect(all(compile('', '    power_ports:\n      - {name: PSU1, maximum_draw: 300, allocated_draw: 299}\n', 'maximum_draw: 2, allocated_draw: 1'))).toEqual([]);
  });

  it('reports a template once at its device type, not again on the device', () => {
    expect(all(compile(', maximum_draw: 500, allocated_draw: 501'))).toEqual([
      [RULE, 'device-types/Acme/DT.yaml:5:74', 'error', 'power port template "PSU1" of device type "DT" in manufacturer "Acme" allocates 501 W, more than its maximum draw of 500 W', { allocatedDraw: 501, maximumDraw: 500 }],
    ]);
  });

  it('reports a module type template', () => {
    expect(all(compile('', '', 'maximum_draw: 10, allocated_draw: 20'))).toEqual([
      [RULE, 'module-types/Acme/MT.yaml:4:49', 'error', 'power port template "P" of module type "MT" in manufacturer "Acme" allocates 20 W, more than its maximum draw of 10 W', { allocatedDraw: 20, maximumDraw: 10 }],
    ]);
  });

  it("reports a device's written power port, also one that overrides its template's draw", () => {
    expect(all(compile('', '    power_ports:\n      - {name: PSU1, maximum_draw: 300, allocated_draw: 301}\n'))).toEqual([
      [RULE, 'd.yaml:7:57', 'error', 'power port "PSU1" of device "d1" allocates 301 W, more than its maximum draw of 300 W', { allocatedDraw: 301, maximumDraw: 300 }],
    ]);
    expect(all(compile('', 'power_ports:\n  - {device: d1, name: PSU2, type: iec-60320-c14, maximum_draw: 1, allocated_draw: 2}\n'))).toEqual([
      [RULE, 'd.yaml:7:84', 'error', 'power port "PSU2" of device "d1" allocates 2 W, more than its maximum draw of 1 W', { allocatedDraw: 2, maximumDraw: 1 }],
    ]);
    // The device lowers the template's maximum below the template's allocation.
    expect(all(compile(', allocated_draw: 200', '    power_ports:\n      - {name: PSU1, maximum_draw: 100}\n'))).toEqual([
      [RULE, 'd.yaml:7:9', 'error', 'power port "PSU1" of device "d1" allocates 200 W, more than its maximum draw of 100 W', { allocatedDraw: 200, maximumDraw: 100 }],
    ]);
  });
});

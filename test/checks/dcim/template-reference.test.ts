import { describe, expect, it } from 'vitest';
import { ref } from '../../../src/model/model.js';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/template-reference';

/** Device type PP with the given lines from line 4; two devices of it, and the given device lines from line 3 of d.yaml. */
const compile = (type: string, devices = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/PP.yaml': `manufacturer: Acme\nmodel: PP\nslug: pp\n${type}`,
    'd.yaml': `devices:\n  - {name: d1, device_type: Acme/PP, role: leaf, site: ams1}\n  - {name: d2, device_type: Acme/PP, role: leaf, site: ams1}\n${devices}`,
  });
const all = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);
const OK = 'rear-ports:\n  - {name: r1, type: lc}\nfront-ports:\n  - {name: f1, type: lc, rear_port: r1}\npower-ports:\n  - {name: psu}\npower-outlets:\n  - {name: o1, power_port: psu}\n';

describe(RULE, () => {
  it("accepts templates naming their type's own templates, and links the devices' components", () => {
    const r = compile(OK);
    expect(all(r)).toEqual([]);
    expect(r.model.byKind.get('dcim.frontport')!.map((p) => ref(p, 'rear_port')?.data.name)).toEqual(['r1', 'r1']);
    expect(all(compile('rear-ports:\n  - {name: "r{vc_position}", type: lc}\nfront-ports:\n  - {name: f1, type: lc, rear_port: "r{vc_position}"}\n'))).toEqual([]);
  });

  it('reports a name the type does not define once, at the type, not on each device', () => {
    expect(all(compile(OK.replace('rear_port: r1', 'rear_port: r2').replace('power_port: psu', 'power_port: PSU')))).toEqual([
      [RULE, 'device-types/Acme/PP.yaml:7:37', 'error', 'front port template "f1" of device type "PP" in manufacturer "Acme" names rear port "r2", which is not one of the type\'s rear ports', { field: 'rear_port', value: 'r2' }],
      [RULE, 'device-types/Acme/PP.yaml:11:28', 'error', 'power outlet template "o1" of device type "PP" in manufacturer "Acme" names power port "PSU", which is not one of the type\'s power ports', { field: 'power_port', value: 'PSU' }],
    ]);
  });

  it('reports a type whose devices would have the named port only from what a device adds', () => {
    const type = 'front-ports:\n  - {name: f1, type: lc, rear_port: r9}\n';
    expect(all(compile(type, 'rear_ports:\n  - {device: d1, name: r9, type: lc}\n'))).toEqual([
      [RULE, 'device-types/Acme/PP.yaml:5:37', 'error', 'front port template "f1" of device type "PP" in manufacturer "Acme" names rear port "r9", which is not one of the type\'s rear ports', { field: 'rear_port', value: 'r9' }],
    ]);
  });
});

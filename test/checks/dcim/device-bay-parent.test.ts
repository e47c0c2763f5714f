import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-bay-parent';

/** Device type DT with the given lines from line 4, and device d1 of it with the given lines from line 7 of d.yaml. */
const compile = (type: string, device = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/DT.yaml': `manufacturer: Acme\nmodel: DT\nslug: dt\n${type}`,
    'd.yaml': `devices:\n  - name: d1\n    device_type: Acme/DT\n    role: leaf\n    site: ams1\n${device}`,
  });
const all = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);
const BAYS = 'device-bays:\n  - {name: b1}\n  - {name: b2}\n';

describe(RULE, () => {
  it('accepts device bays on a parent type and on devices of it, and types and devices without bays', () => {
    expect(all(compile(`subdevice_role: parent\n${BAYS}`, '    device_bays:\n      - {name: b1, label: Left}\n      - {name: b3}\n'))).toEqual([]);
    expect(all(compile('subdevice_role: parent\n', '    device_bays:\n      - {name: b3}\n'))).toEqual([]);
    expect(all(compile('u_height: 1\n'))).toEqual([]);
  });

  it('reports a type with bay templates once, at its first template, and not again on its devices', () => {
    expect(all(compile(BAYS, '    device_bays:\n      - {name: b1, label: Left}\n'))).toEqual([
      [RULE, 'device-types/Acme/DT.yaml:5:5', 'error', 'device type "DT" in manufacturer "Acme" has device bay templates but no subdevice_role: only parent device types have device bays', { subdeviceRole: null }],
    ]);
    expect(all(compile(`u_height: 0\nsubdevice_role: child\n${BAYS}`)).map((d) => [d[1], d[3]])).toEqual([
      ['device-types/Acme/DT.yaml:7:5', 'device type "DT" in manufacturer "Acme" has device bay templates but subdevice_role child: only parent device types have device bays'],
    ]);
  });

  it("reports a device's own bay on a device whose type is not a parent", () => {
    expect(all(compile('u_height: 1\n', '    device_bays:\n      - {name: b3}\n'))).toEqual([
      [RULE, 'd.yaml:7:16', 'error', 'device bay "b3" of device "d1": device type "DT" in manufacturer "Acme" has no subdevice_role, and only devices of a parent type have device bays', { deviceType: 'DT', subdeviceRole: null }],
    ]);
  });
});

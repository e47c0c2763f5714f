import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-bay-installed';

/** Chassis type CH (parent, bays b1 and b2) and blade type BL (child); chassis c1 with the given bay lines from line 9 of d.yaml, blades x1 and x2 on lines 2 and 3. */
const compile = (bays: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/CH.yaml': 'manufacturer: Acme\nmodel: CH\nslug: ch\nsubdevice_role: parent\ndevice-bays:\n  - {name: b1}\n  - {name: b2}\n',
    'device-types/Acme/BL.yaml': 'manufacturer: Acme\nmodel: BL\nslug: bl\nu_height: 0\nsubdevice_role: child\n',
    'd.yaml': `devices:\n  - {name: x1, device_type: Acme/BL, role: leaf, site: ams1}\n  - {name: x2, device_type: Acme/BL, role: leaf, site: ams1}\n  - name: c1\n    device_type: Acme/CH\n    role: leaf\n    site: ams1\n    device_bays:\n${bays}`,
  });
const all = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts devices in enabled bays of another device, and a disabled bay left empty', () => {
    expect(all(compile('      - {name: b1, installed_device: x1}\n      - {name: b2, installed_device: x2, enabled: true}\n'))).toEqual([]);
    expect(all(compile('      - {name: b1, enabled: false}\n'))).toEqual([]);
  });

  it('reports a device in a disabled bay, at the installed device', () => {
    expect(all(compile('      - {name: b1, installed_device: x1}\n      - {name: b2, installed_device: x2, enabled: false}\n'))).toEqual([
      [RULE, 'd.yaml:10:38', 'error', 'device bay "b2" of device "c1" is disabled (enabled: false) but holds device "x2"', { reason: 'disabled', installedDevice: 'x2' }],
    ]);
  });

  it('reads a bay disabled by its device type (a template field NetBox copies to the bay)', () => {
    const r = compileFiles({
      'base.yaml': BASE,
      'device-types/Acme/CH.yaml': 'manufacturer: Acme\nmodel: CH\nslug: ch\nsubdevice_role: parent\ndevice-bays:\n  - {name: b1, enabled: false}\n',
      'device-types/Acme/BL.yaml': 'manufacturer: Acme\nmodel: BL\nslug: bl\nu_height: 0\nsubdevice_role: child\n',
      'd.yaml': 'devices:\n  - {name: x1, device_type: Acme/BL, role: leaf, site: ams1}\n  - {name: c1, device_type: Acme/CH, role: leaf, site: ams1, device_bays: [{name: b1, installed_device: x1}]}\n',
    });
    expect(all(r).map((d) => [d[0], d[1], d[2]])).toEqual([[RULE, 'd.yaml:3:105', 'error']]);
  });

  it('reports a device installed in its own bay', () => {
    expect(all(compile('      - {name: b1, installed_device: c1}\n'))).toEqual([
      [RULE, 'd.yaml:9:38', 'error', 'device bay "b1" of device "c1" holds its own device: a device cannot be installed in itself', { reason: 'self' }],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-vc-position';

// Chassis vc1; one device on line 4 of d.yaml.
const compileDevice = (fields: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'd.yaml': `virtual_chassis:\n  - {name: vc1}\ndevices:\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1${fields}}\n`,
  });

describe(RULE, () => {
  it('accepts a member with a position (0 included), and a device outside any virtual chassis', () => {
    for (const fields of [', virtual_chassis: vc1, vc_position: 1', ', virtual_chassis: vc1, vc_position: 0', '', ', vc_position: 3']) {
      expect(compileDevice(fields).diagnostics.map((d) => [d.rule, at(d), d.message])).toEqual([]);
    }
  });

  it('reports a member without a position, absent or null, at its virtual chassis', () => {
    for (const fields of [', virtual_chassis: vc1', ', virtual_chassis: vc1, vc_position: null']) {
      expect(compileDevice(fields).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
        [RULE, 'd.yaml:4:83', 'error', 'device "leaf1" in site "AMS1" is in virtual chassis "vc1" without a vc_position', { virtualChassis: 'vc1' }],
      ]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-platform-manufacturer';

// Platforms of Acme (the device type's manufacturer), of Globex and of no manufacturer; one device on line 6.
const compileDevice = (platform: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'p.yaml': `manufacturers:
  - { name: Globex, slug: globex }
platforms:
  - { name: eos, slug: eos, manufacturer: acme }
  - { name: junos, slug: junos, manufacturer: globex }
  - { name: linux, slug: linux }
`,
    'd.yaml': `devices:\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1${platform}}\n`,
  });

describe(RULE, () => {
  it("accepts a platform of the device type's manufacturer, one without a manufacturer, and no platform", () => {
    for (const platform of [', platform: eos', ', platform: linux', '']) {
      expect(compileDevice(platform).diagnostics.map((d) => [d.rule, at(d)])).toEqual([]);
    }
  });

  it("reports a platform limited to another manufacturer, at the platform", () => {
    const r = compileDevice(', platform: junos').diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'd.yaml:2:76', 'error', 'platform "junos" is limited to manufacturer "Globex", but the device type "X-4" of device "leaf1" in site "AMS1" is made by "Acme"', { platform: 'junos', platformManufacturer: 'Globex', deviceTypeManufacturer: 'Acme' }],
    ]);
    expect(r[0].related?.map((x) => [at({ location: x.location } as never), x.message])).toEqual([['p.yaml:5:47', 'the manufacturer of platform "junos"']]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-lag';

// leaf1 (device type X-4: et1, et2, mgmt) writes the given interfaces from line 7 of d.yaml on;
// m1 and m2 are members of virtual chassis VC1, m1's et1 in m2's LAG po1.
const compileLag = (lines: string[]) =>
  compileFiles({
    'base.yaml': `${BASE}virtual_chassis:\n  - { name: VC1 }\n`,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'd.yaml': `devices:
  - name: leaf1
    device_type: Acme/X-4
    role: leaf
    site: ams1
    interfaces:
${lines.map((l) => `      - ${l}`).join('\n')}
  - { name: m1, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: VC1, vc_position: 1 }
  - { name: m2, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: VC1, vc_position: 2 }
`,
    'm.yaml': 'interfaces:\n  - { device: m2, name: po1, type: lag }\n  - { device: m1, name: et1, lag: m2:po1 }\n',
  });

const all = (lines: string[]) => compileLag(lines).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts physical and LAG interfaces in a LAG of the device or its virtual chassis, whatever the LAG\'s type', () => {
    expect(all(['{ name: po1, type: lag }', '{ name: et1, lag: po1 }', '{ name: po2, type: lag, lag: po1 }', '{ name: et2, lag: mgmt }'])).toEqual([]);
  });

  it('reports a virtual interface with a LAG, at its lag', () => {
    expect(all(['{ name: po1, type: lag }', '{ name: v1, type: virtual, lag: po1 }'])).toEqual([
      [RULE, 'd.yaml:8:41', 'error', 'interface "v1" of device "leaf1" is virtual and cannot be a member of LAG "leaf1:po1"', { lag: 'leaf1:po1', type: 'virtual' }],
    ]);
    // Virtual and its own LAG: NetBox names the type first.
    expect(all(['{ name: v1, type: virtual, lag: v1 }']).map((d) => [d[0], d[1], d[3]])).toEqual([
      [RULE, 'd.yaml:7:41', 'interface "v1" of device "leaf1" is virtual and cannot be a member of LAG "leaf1:v1"'],
    ]);
  });

  it('reports an interface that is its own LAG, written or completing the device type\'s, at its lag', () => {
    expect(all(['{ name: po1, type: lag, lag: po1 }'])).toEqual([
      [RULE, 'd.yaml:7:38', 'error', 'interface "po1" of device "leaf1" is its own LAG', { lag: 'leaf1:po1' }],
    ]);
    expect(all(['{ name: et1, lag: et1 }']).map((d) => [d[0], d[1], d[3]])).toEqual([
      [RULE, 'd.yaml:7:27', 'interface "et1" of device "leaf1" is its own LAG'],
    ]);
  });

  it('leaves a LAG outside the device and its virtual chassis to resolve', () => {
    expect(compileLag(['{ name: et1, lag: m2:po1 }']).diagnostics.map((d) => [d.rule, at(d)])).toEqual([['resolve/wrong-scope', 'd.yaml:7:27']]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-parent';

// leaf1 (device type X-4: et1, et2, mgmt) writes the given interfaces from line 7 of d.yaml on;
// m1 and m2 are members of virtual chassis VC1.
const compileIfaces = (lines: string[]) =>
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
    'm.yaml': 'interfaces:\n  - { device: m1, name: et1.10, type: virtual, parent: m2:et1 }\n',
  });

const all = (lines: string[]) => compileIfaces(lines).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts a virtual interface whose parent is another interface of the device or of its virtual chassis", () => {
    expect(all(['{ name: et1.100, type: virtual, parent: et1 }', '{ name: et1.100.5, type: virtual, parent: et1.100 }', '{ name: et2, description: uplink }'])).toEqual([]);
  });

  it('reports an interface that is its own parent, at the parent', () => {
    expect(all(['{ name: v1, type: virtual, parent: v1 }'])).toEqual([
      [RULE, 'd.yaml:7:44', 'error', 'interface "v1" of device "leaf1" is its own parent', { parent: 'leaf1:v1' }],
    ]);
    // Its own parent and not virtual: NetBox names the first of the two.
    expect(all(['{ name: p1, type: 1000base-t, parent: p1 }']).map((d) => [d[0], d[1], d[3]])).toEqual([
      [RULE, 'd.yaml:7:47', 'interface "p1" of device "leaf1" is its own parent'],
    ]);
  });

  it('reports a parent on an interface of another type than virtual, written or completing the device type\'s, at the parent', () => {
    expect(all(['{ name: po1, type: lag, parent: et1 }'])).toEqual([
      [RULE, 'd.yaml:7:41', 'error', 'interface "po1" of device "leaf1" has parent "leaf1:et1" but is of type lag: only virtual interfaces have a parent', { parent: 'leaf1:et1', type: 'lag' }],
    ]);
    expect(all(['{ name: et2, parent: et1 }']).map((d) => [d[0], d[1], d[4]])).toEqual([
      [RULE, 'd.yaml:7:30', { parent: 'leaf1:et1', type: '10gbase-x-sfpp' }],
    ]);
  });

  it('leaves a parent on another device to resolve, and an unresolved parent alone', () => {
    expect(compileIfaces(['{ name: v1, type: virtual, parent: m1:et1 }']).diagnostics.map((d) => [d.rule, at(d)])).toEqual([['resolve/wrong-scope', 'd.yaml:7:44']]);
    expect(compileIfaces(['{ name: et2, parent: nope }']).diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });
});

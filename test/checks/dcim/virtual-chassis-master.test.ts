import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/virtual-chassis-master';

// Chassis vc1 (line 2, its master given) and vc2; devices leaf1 (line 5, member of vc1) and leaf2 (line 6).
const compileChassis = (master: string, leaf2: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'd.yaml': `virtual_chassis:
  - {name: vc1${master}}
  - {name: vc2}
devices:
  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 1}
  - {name: leaf2, device_type: Acme/X-4, role: leaf, site: ams1${leaf2}}
`,
  });

const diagnostics = (master: string, leaf2: string) => compileChassis(master, leaf2).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts a master that is a member, and a chassis without a master', () => {
    expect(diagnostics(', master: leaf1', '')).toEqual([]);
    expect(diagnostics(', master: leaf2', ', virtual_chassis: vc1, vc_position: 2')).toEqual([]);
    expect(diagnostics('', ', virtual_chassis: vc2, vc_position: 1')).toEqual([]);
  });

  it('reports a master in no virtual chassis, at the master', () => {
    expect(diagnostics(', master: leaf2', '')).toEqual([
      [RULE, 'd.yaml:2:25', 'error', 'the master "leaf2" of virtual chassis "vc1" is not one of its members: it is in no virtual chassis', { master: 'leaf2', memberOf: null }],
    ]);
  });

  it('reports a master that is a member of another virtual chassis', () => {
    const d = compileChassis(', master: leaf2', ', virtual_chassis: vc2, vc_position: 1').diagnostics;
    expect(d.map((x) => [x.rule, at(x), x.severity, x.message, x.data])).toEqual([
      [RULE, 'd.yaml:2:25', 'error', 'the master "leaf2" of virtual chassis "vc1" is not one of its members: it is in virtual chassis "vc2"', { master: 'leaf2', memberOf: 'vc2' }],
    ]);
    expect(d[0].related?.map((x) => [at({ location: x.location } as never), x.message])).toEqual([['d.yaml:6:83', 'device "leaf2"']]);
  });

  it('leaves a master repeated on a second chassis to resolve/duplicate-key', () => {
    const d = compileFiles({
      'base.yaml': BASE,
      'device-types/Acme/X-4.yaml': DEVICE_TYPE,
      'd.yaml': `virtual_chassis:
  - {name: vc1, master: leaf1}
  - {name: vc2, master: leaf1}
devices:
  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1, virtual_chassis: vc1, vc_position: 1}
`,
    }).diagnostics;
    expect(d.map((x) => [x.rule, at(x)])).toEqual([['resolve/duplicate-key', 'd.yaml:3:25']]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';

const findings = (placement: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'dc.yaml': `racks:\n  - {name: R1, site: ams1}\ndevices:\n  - {name: d1, device_type: acme-x-4, role: leaf, site: ams1${placement}}\n`,
  })
    .diagnostics.filter((d) => d.rule === 'dcim/device-placement-without-rack')
    .map((d) => d.data);

describe('dcim/device-placement-without-rack', () => {
  it('accepts placement with a rack, and no placement without one', () => {
    expect(findings(', rack: R1, position: 10, face: front')).toEqual([]);
    expect(findings('')).toEqual([]);
  });
  it('reports position and face without a rack', () => {
    expect(findings(', position: 10, face: front')).toEqual([{ field: 'position' }, { field: 'face' }]);
    expect(findings(', face: rear')).toEqual([{ field: 'face' }]);
  });
});

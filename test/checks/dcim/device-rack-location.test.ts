import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';

const files = (deviceLocation: string, rackLocation: string) => ({
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'dc.yaml': `locations:
  - {name: Hall 1, slug: hall-1, site: ams1}
  - {name: Hall 2, slug: hall-2, site: ams1}
racks:
  - {name: R1, site: ams1${rackLocation ? `, location: ${rackLocation}` : ''}}
devices:
  - {name: d1, device_type: acme-x-4, role: leaf, site: ams1, rack: R1${deviceLocation ? `, location: ${deviceLocation}` : ''}}
`,
});

const findings = (f: Record<string, string>) =>
  compileFiles(f)
    .diagnostics.filter((d) => d.rule === 'dcim/device-rack-location')
    .map((d) => ({ at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, data: d.data }));

describe('dcim/device-rack-location', () => {
  it('accepts a device in its rack\'s location, or with no location', () => {
    expect(findings(files('hall-1', 'hall-1'))).toEqual([]);
    expect(findings(files('', 'hall-1'))).toEqual([]);
    expect(findings(files('', ''))).toEqual([]);
  });
  it('reports a device whose location is not its rack\'s', () => {
    expect(findings(files('hall-2', 'hall-1'))).toEqual([{ at: 'dc.yaml:7:83', data: { rack: 'R1', location: 'Hall 2', rackLocation: 'Hall 1' } }]);
    expect(findings(files('hall-2', ''))).toEqual([{ at: 'dc.yaml:7:83', data: { rack: 'R1', location: 'Hall 2', rackLocation: null } }]);
  });
});

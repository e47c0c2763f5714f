import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';

const INVENTORY = {
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'dc.yaml': `locations:
  - { name: Hall 1, slug: hall-1, site: ams1 }
  - { name: Hall 2, slug: hall-2, site: ams1 }
racks:
  - { name: R1, site: ams1, location: hall-1 }
  - { name: R1, site: ams1, location: hall-2 }
  - { name: R1, site: ams2 }
devices:
  - { device_type: Acme/X-4, role: leaf, site: ams1, asset_tag: PP-1 }
`,
};

const diagnostics = (sotYaml: string) =>
  compileFiles({ ...INVENTORY, 'sot.yaml': sotYaml }).diagnostics.map((d) => ({
    rule: d.rule,
    severity: d.severity,
    at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`,
    message: d.message,
  }));

describe('lint/unique-name', () => {
  it('is off by default: NetBox accepts racks of one name in two locations and devices without a name', () => {
    expect(diagnostics('format: 1\n')).toEqual([]);
  });
  it('reports a name repeated in its lookup scope and an unnamed device when turned on', () => {
    expect(diagnostics('format: 1\nrules:\n  lint/unique-name: warning\n')).toEqual([
      { rule: 'lint/unique-name', severity: 'warning', at: 'dc.yaml:6:13', message: 'rack name "R1" is also used by rack "R1" in site "AMS1"' },
      { rule: 'lint/unique-name', severity: 'warning', at: 'dc.yaml:9:5', message: 'device "Acme X-4 (PP-1)" in site "AMS1" has no name' },
    ]);
  });
  it('takes the severity sot.yaml gives it', () => {
    expect(diagnostics('format: 1\nrules:\n  lint/unique-name: error\n').map((d) => d.severity)).toEqual(['error', 'error']);
  });
  it('makes an unknown rule id in sot.yaml a configuration error, with a did-you-mean', () => {
    const result = compileFiles({ ...INVENTORY, 'sot.yaml': 'format: 1\nrules:\n  lint/unique-names: warning\n' });
    expect(result.configError).toBe(true);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['"lint/unique-names" is not a rule sot.yaml can set; did you mean "lint/unique-name"?']);
  });
});

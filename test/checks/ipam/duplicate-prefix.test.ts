import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';

const findings = (files: Record<string, string>) =>
  compileFiles(files)
    .diagnostics.filter((d) => d.rule === 'ipam/duplicate-prefix' || d.severity === 'error')
    .map((d) => ({ rule: d.rule, at: `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, message: d.message }));

const prefixes = (vrfLine: string) => ({
  'ipam.yaml': `vrfs:
  - { name: blue${vrfLine} }
prefixes:
  - { prefix: 10.1.0.0/16 }
  - { prefix: 10.1.0.0/16, status: container }
  - { prefix: 10.1.0.0/16, vrf: blue }
  - { prefix: 10.1.0.0/16, vrf: blue }
  - { prefix: 2001:DB8::/32 }
  - { prefix: 2001:db8:0::/32 }
`,
});

describe('ipam/duplicate-prefix', () => {
  it('reports a repeated prefix in the global table and in a VRF that enforces uniqueness', () => {
    expect(findings(prefixes(''))).toEqual([
      { rule: 'ipam/duplicate-prefix', at: 'ipam.yaml:5:15', message: 'duplicate prefix 10.1.0.0/16 in the global table' },
      { rule: 'ipam/duplicate-prefix', at: 'ipam.yaml:7:15', message: 'duplicate prefix 10.1.0.0/16 in VRF "blue"' },
      { rule: 'ipam/duplicate-prefix', at: 'ipam.yaml:9:15', message: 'duplicate prefix 2001:db8:0::/32 in the global table' },
    ]);
  });
  it('accepts repeats in a VRF with enforce_unique: false, and in the global table with enforce_global_unique: false', () => {
    expect(findings({ ...prefixes(', enforce_unique: false'), 'sot.yaml': 'format: 1\noptions:\n  enforce_global_unique: false\n' })).toEqual([]);
  });
  it('keeps the global table unique when only the VRF turns uniqueness off', () => {
    expect(findings(prefixes(', enforce_unique: false')).map((f) => f.at)).toEqual(['ipam.yaml:5:15', 'ipam.yaml:9:15']);
  });
});

import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'vpn/ike-policy-mode';

// One IKE proposal, and one policy whose fields go on line 4 of vpn.yaml.
const compilePolicy = (fields: string) =>
  compileFiles({
    'vpn.yaml': `ike_proposals:\n  - {name: p1, authentication_method: preshared-keys, encryption_algorithm: aes-128-cbc, group: 14}\nike_policies:\n  - {name: pol, proposals: [p1]${fields}}\n`,
  });

const report = (fields: string) => compilePolicy(fields).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts IKEv1 with a mode, IKEv2 without one, and the default version without one', () => {
    for (const fields of [', version: 1, mode: main', ', version: 1, mode: aggressive', ', version: 2', '', ", version: 2, mode: ''"]) {
      expect(report(fields), fields).toEqual([]);
    }
  });

  it('reports IKEv1 without a mode, at the version', () => {
    expect(report(', version: 1')).toEqual([[RULE, 'vpn.yaml:4:43', 'error', 'IKE policy "pol" uses IKEv1 but has no mode (main or aggressive)', { version: 1 }]]);
    expect(report(", version: 1, mode: ''")).toEqual([[RULE, 'vpn.yaml:4:43', 'error', 'IKE policy "pol" uses IKEv1 but has no mode (main or aggressive)', { version: 1 }]]);
  });

  it('reports a mode on IKEv2, written or left at the default version, at the mode', () => {
    expect(report(', version: 2, mode: main')).toEqual([
      [RULE, 'vpn.yaml:4:52', 'error', 'IKE policy "pol" uses IKEv2, which takes no mode, but has mode main', { version: 2, mode: 'main' }],
    ]);
    expect(report(', mode: aggressive')).toEqual([
      [RULE, 'vpn.yaml:4:40', 'error', 'IKE policy "pol" uses IKEv2 (the default version), which takes no mode, but has mode aggressive', { version: 2, mode: 'aggressive' }],
    ]);
  });
});

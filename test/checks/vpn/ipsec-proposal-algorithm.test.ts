import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'vpn/ipsec-proposal-algorithm';

// One IPSec proposal on line 3 of vpn.yaml, after a complete one on line 2.
const report = (fields: string) =>
  compileFiles({
    'vpn.yaml': `ipsec_proposals:\n  - {name: ok, encryption_algorithm: aes-256-gcm}\n  - {name: esp-1${fields}}\n`,
  }).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts an encryption algorithm, an authentication algorithm, or both', () => {
    for (const fields of [', encryption_algorithm: aes-128-cbc', ', authentication_algorithm: hmac-sha256', ', encryption_algorithm: aes-128-cbc, authentication_algorithm: hmac-sha1', ", encryption_algorithm: '', authentication_algorithm: hmac-md5"]) {
      expect(report(fields), fields).toEqual([]);
    }
  });

  it('reports a proposal with neither, at the proposal', () => {
    const expected = [[RULE, 'vpn.yaml:3:5', 'error', 'IPSec proposal "esp-1" has neither an encryption nor an authentication algorithm', undefined]];
    expect(report('')).toEqual(expected);
    expect(report(', sa_lifetime_seconds: 3600')).toEqual(expected);
    expect(report(", encryption_algorithm: '', authentication_algorithm: ''")).toEqual(expected);
  });
});

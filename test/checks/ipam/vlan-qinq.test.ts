import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'ipam/vlan-qinq';

// Service VLAN "S" on line 2 of ipam.yaml, then the VLANs given, one a line from line 3.
const run = (vlans: string[]) =>
  compileFiles({ 'ipam.yaml': `vlans:\n  - {name: S, vid: 100, qinq_role: svlan}\n${vlans.map((v) => `  - {${v}}`).join('\n')}\n` }).diagnostics.map((d) => [
    d.rule,
    at(d),
    d.severity,
    d.message,
    d.data,
  ]);

describe(RULE, () => {
  it('accepts customer VLANs under a service VLAN, and VLANs with another role or none without one', () => {
    expect(
      run([
        'name: C1, vid: 10, qinq_role: cvlan, qinq_svlan: S',
        'name: C2, vid: 11, qinq_role: cvlan, qinq_svlan: S',
        'name: S2, vid: 200, qinq_role: svlan',
        'name: plain, vid: 10',
        "name: blank, vid: 12, qinq_role: ''",
      ]),
    ).toEqual([]);
  });

  it('reports a service VLAN on a VLAN that is not a customer VLAN, at the service VLAN', () => {
    expect(run(['name: A, vid: 10, qinq_svlan: S', 'name: B, vid: 11, qinq_role: svlan, qinq_svlan: S'])).toEqual([
      [RULE, 'ipam.yaml:3:36', 'error', 'VLAN "A" has a Q-in-Q service VLAN, but no Q-in-Q role; only a customer VLAN (cvlan) may have one', { qinqRole: null }],
      [RULE, 'ipam.yaml:4:54', 'error', 'VLAN "B" has a Q-in-Q service VLAN, but its Q-in-Q role is svlan; only a customer VLAN (cvlan) may have one', { qinqRole: 'svlan' }],
    ]);
  });

  it('reports a customer VLAN without a service VLAN, at its role', () => {
    expect(run(['name: C, vid: 10, qinq_role: cvlan'])).toEqual([
      [RULE, 'ipam.yaml:3:35', 'error', 'VLAN "C" is a Q-in-Q customer VLAN (cvlan) without a service VLAN (qinq_svlan)', { qinqRole: 'cvlan' }],
    ]);
  });

  it('leaves an unknown role to the schema and a service VLAN not found to resolve', () => {
    expect(run(['name: C, vid: 10, qinq_role: customer, qinq_svlan: S']).map((d) => d[0])).toEqual(['schema/invalid-choice']);
    expect(run(['name: C, vid: 10, qinq_role: cvlan, qinq_svlan: nowhere']).map((d) => d[0])).toEqual(['resolve/dangling-reference']);
  });

  it('leaves repeated VIDs and names under one service VLAN to the uniqueness constraints', () => {
    expect(run(['name: C1, vid: 10, qinq_role: cvlan, qinq_svlan: S', 'name: C2, vid: 10, qinq_role: cvlan, qinq_svlan: S', 'name: C1, vid: 11, qinq_role: cvlan, qinq_svlan: S']).map((d) => [d[0], d[1]])).toEqual([
      ['resolve/duplicate-key', 'ipam.yaml:4:21'],
      ['resolve/duplicate-key', 'ipam.yaml:5:12'],
    ]);
  });
});

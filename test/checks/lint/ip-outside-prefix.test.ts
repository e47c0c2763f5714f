import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'lint/ip-outside-prefix';
const ON = `format: 1\nrules:\n  ${RULE}: warning\n`;

// Global 10.0.0.0/24, global container 172.16.0.0/12 (with a non-container 192.168.0.0/16 beside it),
// VRF blue's 10.1.0.0/24 and 2001:db8::/64. The addresses start on line 2 of a.yaml; leaf1's et1 is on line 6 of d.yaml.
const PREFIXES = `vrfs:
  - {name: blue}
prefixes:
  - {prefix: 10.0.0.0/24}
  - {prefix: 172.16.0.0/12, status: container}
  - {prefix: 192.168.0.0/16, status: active}
  - {prefix: 10.1.0.0/24, vrf: blue}
  - {prefix: 2001:db8::/64, vrf: blue}
  - {prefix: 10.2.0.1/32}
`;

const compileIps = (ips: string[], opts: { inline?: string; sot?: string } = {}) =>
  compileFiles({
    'sot.yaml': opts.sot ?? ON,
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'p.yaml': PREFIXES,
    'a.yaml': `ip_addresses:\n${ips.map((ip) => `  - {${ip}}\n`).join('')}`,
    'd.yaml': `devices:\n  - name: leaf1\n    device_type: Acme/X-4\n    role: leaf\n    site: ams1\n    interfaces: [{name: et1, ip_addresses: [${opts.inline ?? '10.0.0.1/24'}]}]\n`,
  });
const report = (ips: string[], opts: { inline?: string; sot?: string } = {}) =>
  compileIps(ips, opts).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts addresses in a prefix of their table, a /32 prefix's own address, and any VRF's under a global container", () => {
    expect(
      report([
        'address: 10.0.0.0/24',
        'address: 10.0.0.255/24',
        'address: 10.2.0.1/32',
        'address: 172.31.255.1/24',
        'address: 10.1.0.5/24, vrf: blue',
        'address: 2001:db8::ffff/64, vrf: blue',
        'address: 172.16.0.9/24, vrf: blue',
      ]),
    ).toEqual([]);
  });

  it('reports an address outside every prefix of its table, at the address, by host whatever its mask', () => {
    expect(
      report([
        'address: 10.0.1.0/16',
        'address: 10.1.0.5/24',
        'address: 10.0.0.5/24, vrf: blue',
        'address: 192.168.0.1/24, vrf: blue',
        'address: 2001:db8:0:1::1/64, vrf: blue',
        'address: 10.2.0.2/24',
        'address: 172.32.0.1/24, vrf: blue',
      ]),
    ).toEqual([
      [RULE, 'a.yaml:2:15', 'warning', 'IP address "10.0.1.0/16" lies in no prefix of the global table', { address: '10.0.1.0/16', vrf: null }],
      [RULE, 'a.yaml:3:15', 'warning', 'IP address "10.1.0.5/24" lies in no prefix of the global table', { address: '10.1.0.5/24', vrf: null }],
      [RULE, 'a.yaml:4:15', 'warning', 'IP address "10.0.0.5/24" in VRF "blue" lies in no prefix of its VRF nor in a container prefix of the global table', { address: '10.0.0.5/24', vrf: 'blue' }],
      [RULE, 'a.yaml:5:15', 'warning', 'IP address "192.168.0.1/24" in VRF "blue" lies in no prefix of its VRF nor in a container prefix of the global table', { address: '192.168.0.1/24', vrf: 'blue' }],
      [RULE, 'a.yaml:6:15', 'warning', 'IP address "2001:db8:0:1::1/64" in VRF "blue" lies in no prefix of its VRF nor in a container prefix of the global table', { address: '2001:db8:0:1::1/64', vrf: 'blue' }],
      [RULE, 'a.yaml:7:15', 'warning', 'IP address "10.2.0.2/24" lies in no prefix of the global table', { address: '10.2.0.2/24', vrf: null }],
      [RULE, 'a.yaml:8:15', 'warning', 'IP address "172.32.0.1/24" in VRF "blue" lies in no prefix of its VRF nor in a container prefix of the global table', { address: '172.32.0.1/24', vrf: 'blue' }],
    ]);
  });

  it("reports an interface's inline address", () => {
    expect(report([], { inline: '10.9.0.1/24' }).map((d) => [d[1], d[3]])).toEqual([['d.yaml:6:45', 'IP address "10.9.0.1/24" lies in no prefix of the global table']]);
  });

  it('is off unless sot.yaml turns it on, and skips an address whose VRF does not resolve', () => {
    expect(report(['address: 10.9.0.1/24'], { sot: 'format: 1\n' })).toEqual([]);
    expect(compileIps(['address: 10.9.0.1/24, vrf: red']).diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });
});

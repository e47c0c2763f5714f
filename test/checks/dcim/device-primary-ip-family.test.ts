import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-primary-ip-family';

// Device leaf1 (primary fields on lines 6 and 7) with an IPv4 and an IPv6 address on et1, and a
// virtual device context of it (line 11).
const compileDevice = (ip4: string, ip6: string, vdc = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'd.yaml': `devices:
  - name: leaf1
    device_type: Acme/X-4
    role: leaf
    site: ams1
    primary_ip4: ${ip4}
    primary_ip6: ${ip6}
    interfaces:
      - {name: et1, ip_addresses: [10.0.0.1/24, 2001:db8::1/64]}
virtual_device_contexts:
  - {name: v1, device: leaf1, status: active${vdc}}
`,
  });

const diagnostics = (ip4: string, ip6: string, vdc = '') => compileDevice(ip4, ip6, vdc).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts addresses of the right family on devices and virtual device contexts, and none', () => {
    expect(diagnostics('10.0.0.1/24', '2001:db8::1/64', ', primary_ip4: 10.0.0.1/24, primary_ip6: 2001:db8::1/64')).toEqual([]);
    expect(diagnostics('null', 'null')).toEqual([]);
  });

  it("reports each primary address of the other family, at its field", () => {
    expect(diagnostics('2001:db8::1/64', '10.0.0.1/24')).toEqual([
      [RULE, 'd.yaml:6:18', 'error', 'primary_ip4 of device "leaf1" in site "AMS1" is 2001:db8::1/64, not an IPv4 address', { field: 'primary_ip4', address: '2001:db8::1/64', family: 6 }],
      [RULE, 'd.yaml:7:18', 'error', 'primary_ip6 of device "leaf1" in site "AMS1" is 10.0.0.1/24, not an IPv6 address', { field: 'primary_ip6', address: '10.0.0.1/24', family: 4 }],
    ]);
  });

  it('reports the same on a virtual device context', () => {
    expect(diagnostics('null', 'null', ', primary_ip6: 10.0.0.1/24')).toEqual([
      [RULE, 'd.yaml:11:60', 'error', 'primary_ip6 of virtual device context "v1" in device "leaf1" is 10.0.0.1/24, not an IPv6 address', { field: 'primary_ip6', address: '10.0.0.1/24', family: 4 }],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'circuits/virtual-circuit-termination-interface';

// leaf1 has the device type's et1/et2 (10gbase-x-sfpp) and mgmt (1000base-t), and its own virtual,
// LAG and bridge interfaces; a virtual circuit V-1 ends on the interface given, on line 3 of t.yaml.
const compileTerm = (iface: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'd.yaml': `devices:
  - name: leaf1
    device_type: Acme/X-4
    role: leaf
    site: ams1
    interfaces:
      - { name: et1.100, type: virtual, parent: et1 }
      - { name: po1, type: lag }
      - { name: br0, type: bridge }
`,
    'c.yaml': `providers:
  - { name: Example Transit, slug: example-transit }
provider_networks:
  - { provider: example-transit, name: Ethernet Fabric }
virtual_circuit_types:
  - { name: EVPL, slug: evpl }
virtual_circuits:
  - { cid: V-1, provider_network: Ethernet Fabric, type: evpl }
`,
    't.yaml': `virtual_circuit_terminations:\n  - virtual_circuit: V-1\n    interface: ${iface}\n`,
  });

describe(RULE, () => {
  it('accepts a termination on a virtual, LAG or bridge interface', () => {
    for (const iface of ['leaf1:et1.100', 'leaf1:po1', '{ device: leaf1, name: br0 }']) {
      expect(compileTerm(iface).diagnostics.map((d) => [d.rule, at(d)])).toEqual([]);
    }
  });

  it("reports a termination on a physical interface, the device type's or written as a mapping, at the interface", () => {
    const r = compileTerm('leaf1:et1').diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 't.yaml:3:16', 'error', 'virtual circuit "V-1" ends on interface "leaf1:et1" of type 10gbase-x-sfpp, which is not virtual', { interface: 'leaf1:et1', type: '10gbase-x-sfpp' }],
    ]);
    expect(compileTerm('{ device: leaf1, name: mgmt }').diagnostics.map((d) => [d.rule, at(d), d.data])).toEqual([
      [RULE, 't.yaml:3:16', { interface: 'leaf1:mgmt', type: '1000base-t' }],
    ]);
  });
});

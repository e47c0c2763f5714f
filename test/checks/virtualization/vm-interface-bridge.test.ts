import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'virtualization/vm-interface-bridge';

// vm1 with eth0 and eth1 written under it (eth1 on line 6), and eth2 in the top-level collection.
const diagnostics = (eth1: string, eth2 = '') =>
  compileFiles({
    'base.yaml': BASE,
    'v.yaml': `virtual_machines:
  - name: vm1
    site: ams1
    interfaces:
      - {name: eth0}
      - {name: eth1${eth1}}
  - {name: vm2, site: ams1, interfaces: [{name: eth0}]}
vm_interfaces:
  - {virtual_machine: vm1, name: eth2${eth2}}
`,
  }).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts another interface of the same virtual machine, or none', () => {
    expect(diagnostics(', bridge: eth0', ', bridge: eth1')).toEqual([]);
    expect(diagnostics('')).toEqual([]);
  });

  it('reports an interface that is bridged to itself, under the VM or in the top-level collection, at bridge', () => {
    expect(diagnostics(', bridge: eth1', ', bridge: {virtual_machine: vm1, name: eth2}')).toEqual([
      [RULE, 'v.yaml:6:30', 'error', 'VM interface "eth1" of virtual machine "vm1" is bridged to itself', { bridge: 'eth1' }],
      [RULE, 'v.yaml:9:48', 'error', 'VM interface "eth2" of virtual machine "vm1" is bridged to itself', { bridge: 'eth2' }],
    ]);
  });

  it("leaves an interface of another virtual machine to resolve (wrong scope)", () => {
    expect(diagnostics(', bridge: vm2:eth0').map((d) => d[0])).toEqual(['resolve/wrong-scope']);
  });
});

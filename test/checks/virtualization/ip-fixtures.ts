import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

// vm1 (line 2 of v.yaml) and vm2 in AMS1 with an interface each, host device h2 with et1;
// 192.0.2.1 is the NAT outside of vm1's 10.0.0.1, 192.0.2.2 of vm2's 10.0.0.2; 10.5.5.5 is on no
// interface.
export const compileVmIps = (vm1: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'v.yaml': `virtual_machines:
  - {name: vm1, site: ams1${vm1}}
  - {name: vm2, site: ams1}
devices:
  - {name: h2, device_type: Acme/X-4, role: leaf, site: ams1}
interfaces:
  - {device: h2, name: et1, ip_addresses: [10.0.0.3/24]}
vm_interfaces:
  - {virtual_machine: vm1, name: eth0, ip_addresses: [10.0.0.1/24, 2001:db8::1/64]}
  - {virtual_machine: vm2, name: eth0, ip_addresses: [10.0.0.2/24, 2001:db8::2/64]}
ip_addresses:
  - {address: 192.0.2.1/32, nat_inside: 10.0.0.1/24}
  - {address: 192.0.2.2/32, nat_inside: 10.0.0.2/24}
  - {address: 10.5.5.5/24}
`,
  });

export const vmIpDiagnostics = (vm1: string) => compileVmIps(vm1).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

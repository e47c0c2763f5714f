import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/racks.js';
import { compileVmIps, vmIpDiagnostics } from './ip-fixtures.js';

const RULE = 'virtualization/vm-primary-ip-assigned';

describe(RULE, () => {
  it("accepts the VM's own addresses and the NAT outside address of one", () => {
    expect(vmIpDiagnostics(', primary_ip4: 10.0.0.1/24, primary_ip6: 2001:db8::1/64')).toEqual([]);
    expect(vmIpDiagnostics(', primary_ip4: 192.0.2.1/32')).toEqual([]);
  });

  it("reports another VM's address, at the field, with the address as related location", () => {
    const d = compileVmIps(', primary_ip6: 2001:db8::2/64').diagnostics;
    expect(d.map((x) => [x.rule, at(x), x.severity, x.message, x.data])).toEqual([
      [RULE, 'v.yaml:2:42', 'error', 'primary_ip6 2001:db8::2/64 of virtual machine "vm1" is not assigned to the virtual machine: it is assigned to VM interface "eth0" of virtual machine "vm2"', { field: 'primary_ip6', address: '2001:db8::2/64', assignedTo: 'VM interface "eth0" of virtual machine "vm2"' }],
    ]);
    expect(d[0].related?.map((x) => [at({ location: x.location } as never), x.message])).toEqual([['v.yaml:10:68', 'the IP address 2001:db8::2/64']]);
  });

  it("reports a device's address, one on no interface, and the NAT outside address of another VM's", () => {
    expect(vmIpDiagnostics(', primary_ip4: 10.0.0.3/24')).toEqual([
      [RULE, 'v.yaml:2:42', 'error', 'primary_ip4 10.0.0.3/24 of virtual machine "vm1" is not assigned to the virtual machine: it is assigned to interface "et1" of device "h2"', { field: 'primary_ip4', address: '10.0.0.3/24', assignedTo: 'interface "et1" of device "h2"' }],
    ]);
    expect(vmIpDiagnostics(', primary_ip4: 10.5.5.5/24')).toEqual([
      [RULE, 'v.yaml:2:42', 'error', 'primary_ip4 10.5.5.5/24 of virtual machine "vm1" is not assigned to the virtual machine: it is assigned to no interface', { field: 'primary_ip4', address: '10.5.5.5/24', assignedTo: null }],
    ]);
    expect(vmIpDiagnostics(', primary_ip4: 192.0.2.2/32')).toEqual([
      [RULE, 'v.yaml:2:42', 'error', "primary_ip4 192.0.2.2/32 of virtual machine \"vm1\" is not assigned to the virtual machine: it is assigned to no interface, and its NAT inside address 10.0.0.2/24 is not the virtual machine's either", { field: 'primary_ip4', address: '192.0.2.2/32', assignedTo: null }],
    ]);
  });
});

import { familyOf, PRIMARY_FAMILIES } from '../../model/ip.js';
import { describe, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vmPrimaryIpFamily: Rule = {
  id: 'virtualization/vm-primary-ip-family',
  description: "A virtual machine's primary_ip4 is not an IPv4 address, or its primary_ip6 not an IPv6 address.",
  severity: 'error',
  help: 'name an IPv4 address as primary_ip4 and an IPv6 address as primary_ip6',
  run(model) {
    const findings: Finding[] = [];
    for (const vm of objectsOf(model, 'virtualization.virtualmachine')) {
      for (const [field, family] of PRIMARY_FAMILIES) {
        const ip = ref(vm, field);
        const actual = ip && familyOf(ip.data.address);
        if (!ip || !actual || actual === family) continue;
        findings.push({
          obj: vm,
          field,
          message: `${field} of ${describe(vm)} is ${ip.data.address}, not an IPv${family} address`,
          data: { field, address: ip.data.address, family: actual },
        });
      }
    }
    return findings;
  },
};

import { describe, objectsOf, ref } from '../../model/model.js';
import { familyOf, PRIMARY_FAMILIES } from '../../model/ip.js';
import type { Finding, Rule } from '../rule.js';

export const devicePrimaryIpFamily: Rule = {
  id: 'dcim/device-primary-ip-family',
  description: "A device's or virtual device context's primary_ip4 is not an IPv4 address, or its primary_ip6 not an IPv6 address.",
  severity: 'error',
  help: 'name an IPv4 address as primary_ip4 and an IPv6 address as primary_ip6',
  run(model) {
    const findings: Finding[] = [];
    for (const kind of ['dcim.device', 'dcim.virtualdevicecontext']) {
      for (const obj of objectsOf(model, kind)) {
        for (const [field, family] of PRIMARY_FAMILIES) {
          const ip = ref(obj, field);
          const actual = ip && familyOf(ip.data.address);
          if (!ip || !actual || actual === family) continue;
          findings.push({
            obj,
            field,
            message: `${field} of ${describe(obj)} is ${ip.data.address}, not an IPv${family} address`,
            data: { field, address: ip.data.address, family: actual },
          });
        }
      }
    }
    return findings;
  },
};

import { objectsOf } from '../../model/model.js';
import { parseCidr } from '../../model/ip-space.js';
import type { Finding, Rule } from '../rule.js';

export const ipAddressSlaac: Rule = {
  id: 'ipam/ip-address-slaac',
  description: 'An IPv4 address has the status slaac, which only IPv6 addresses can have.',
  severity: 'error',
  help: 'use another status (dhcp for a dynamically assigned IPv4 address)',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'ipam.ipaddress')) {
      if (obj.data.status !== 'slaac' || parseCidr(obj.data.address)?.family !== 4) continue;
      findings.push({
        obj,
        field: 'status',
        message: `IPv4 address ${obj.data.address} has the status slaac: only IPv6 addresses are configured by SLAAC`,
        data: { address: obj.data.address },
      });
    }
    return findings;
  },
};

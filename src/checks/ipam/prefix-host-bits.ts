import { kindLabel } from '../../model/kinds.js';
import { objectsOf } from '../../model/model.js';
import { formatAddress, networkOf, parseCidr } from '../../model/ip-space.js';
import type { Finding, Rule } from '../rule.js';

export const prefixHostBits: Rule = {
  id: 'ipam/prefix-host-bits',
  description: 'An aggregate or prefix is not a network address: it has host bits set.',
  severity: 'error',
  help: 'write the network address the mask gives (the suggestion in the message); an address with its mask belongs in ip_addresses',
  run(model) {
    const findings: Finding[] = [];
    for (const kind of ['ipam.aggregate', 'ipam.prefix']) {
      for (const obj of objectsOf(model, kind)) {
        const c = parseCidr(obj.data.prefix);
        if (!c) continue;
        const { first } = networkOf(c);
        if (first === c.value) continue;
        const network = `${formatAddress(c.family, first)}/${c.length}`;
        findings.push({
          obj,
          field: 'prefix',
          message: `${kindLabel(obj.kind)} ${obj.data.prefix} is not a network address; did you mean ${network}?`,
          data: { prefix: obj.data.prefix, network },
        });
      }
    }
    return findings;
  },
};

import { kindLabel } from '../../model/kinds.js';
import { objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** The kinds NetBox refuses a /0 on: the field holding the network or address, and the plural. */
const FIELDS: readonly (readonly [kind: string, field: string, plural: string])[] = [
  ['ipam.aggregate', 'prefix', 'aggregates'],
  ['ipam.prefix', 'prefix', 'prefixes'],
  ['ipam.ipaddress', 'address', 'IP addresses'],
];

export const zeroMask: Rule = {
  id: 'ipam/zero-mask',
  description: 'An aggregate, prefix or IP address has a /0 mask.',
  severity: 'error',
  help: 'give the real network length (0.0.0.0/0 and ::/0 are default routes, not address space NetBox records)',
  run(model) {
    const findings: Finding[] = [];
    for (const [kind, field, plural] of FIELDS) {
      for (const obj of objectsOf(model, kind)) {
        // The schema has checked the text: a /0 is the only mask that ends in "/0".
        const text = obj.data[field];
        if (typeof text !== 'string' || !text.endsWith('/0')) continue;
        findings.push({
          obj,
          field,
          message: `${kindLabel(obj.kind)} ${obj.data[field]} has a /0 mask, which NetBox refuses for ${plural}`,
          data: { [field]: obj.data[field] },
        });
      }
    }
    return findings;
  },
};

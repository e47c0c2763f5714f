import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const asnRangeStartEnd: Rule = {
  id: 'ipam/asn-range-start-end',
  description: 'An ASN range does not end above its start.',
  severity: 'error',
  help: 'make end greater than start (a range holds at least two AS numbers)',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'ipam.asnrange')) {
      // Validation turned asdot notation into integers; a bound that is no AS number already has its error.
      const { start, end } = obj.data;
      if (!isAsn(start) || !isAsn(end) || end > start) continue;
      findings.push({
        obj,
        field: 'end',
        message: `${describe(obj)} ends at ${end}, ${end === start ? 'the same AS number as its start' : `below its start ${start}`}; the end must be greater than the start`,
        data: { start, end },
      });
    }
    return findings;
  },
};

function isAsn(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 4294967295;
}

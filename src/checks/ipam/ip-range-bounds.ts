import { objectsOf } from '../../model/model.js';
import { parseCidr } from '../../model/ip-space.js';
import type { Finding, Rule } from '../rule.js';

/** NetBox stores a range's size in a 32-bit field: 2³² − 1 addresses at most. */
const MAX_SIZE = 2n ** 32n - 1n;

export const ipRangeBounds: Rule = {
  id: 'ipam/ip-range-bounds',
  description: 'An IP range\'s start and end differ in family or mask, the end is before the start, or it holds more than 2³² − 1 addresses.',
  severity: 'error',
  help: 'give start_address and end_address of one family with the same mask, the end at or after the start; split a larger range',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'ipam.iprange')) {
      const start = parseCidr(obj.data.start_address);
      const end = parseCidr(obj.data.end_address);
      if (!start || !end) continue;
      const data = { start_address: obj.data.start_address, end_address: obj.data.end_address };
      // NetBox's checks run in this order and stop at the first that fails.
      const problem =
        start.family !== end.family
          ? { reason: 'family', text: `starts with an IPv${start.family} and ends with an IPv${end.family} address` }
          : start.length !== end.length
            ? { reason: 'mask', text: `starts with a /${start.length} and ends with a /${end.length} mask: both ends take the same mask` }
            : end.value < start.value
              ? { reason: 'order', text: `ends before its start ${obj.data.start_address}` }
              : end.value - start.value + 1n > MAX_SIZE
                ? { reason: 'size', text: `holds ${end.value - start.value + 1n} addresses, more than the 4294967295 NetBox supports` }
                : undefined;
      if (!problem) continue;
      findings.push({
        obj,
        field: 'end_address',
        message: `IP range ${obj.data.start_address}-${obj.data.end_address} ${problem.text}`,
        data: { ...data, reason: problem.reason },
      });
    }
    return findings;
  },
};

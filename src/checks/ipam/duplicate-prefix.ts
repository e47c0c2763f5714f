import { canonicalPrefix, tableName, uniquenessEnforced } from '../../model/ip.js';
import { describe, objectsOf, ref, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const duplicatePrefix: Rule = {
  id: 'ipam/duplicate-prefix',
  description: 'A prefix is written twice in a VRF (or the global table) that enforces unique IP space.',
  severity: 'error',
  help: 'remove one of them, or turn uniqueness off for the table (the VRF\'s enforce_unique, or enforce_global_unique in sot.yaml)',
  run(model, { settings }) {
    const findings: Finding[] = [];
    const seen = new Map<string, Obj>();
    for (const prefix of objectsOf(model, 'ipam.prefix')) {
      if (typeof prefix.data.prefix !== 'string' || !uniquenessEnforced(prefix, settings)) continue;
      const key = `${ref(prefix, 'vrf')?.id ?? '-'}\0${canonicalPrefix(prefix.data.prefix)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, prefix);
        continue;
      }
      findings.push({
        obj: prefix,
        field: 'prefix',
        message: `duplicate prefix ${prefix.data.prefix} in ${tableName(prefix)}`,
        data: { prefix: prefix.data.prefix, vrf: ref(prefix, 'vrf')?.data.name ?? null },
        related: [{ obj: first, field: 'prefix', message: `the other ${describe(first)}` }],
      });
    }
    return findings;
  },
};

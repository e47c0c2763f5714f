import { kindLabel } from '../../model/kinds.js';
import { describe, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/**
 * Beyond NetBox, for teams that want every plain name to mean one object: a name repeated within the
 * scope references look it up in (a rack's site, a region's whole inventory, a VLAN's group), and a
 * device without a name. NetBox accepts both; this rule is off unless sot.yaml turns it on.
 */
const ADDRESS_KINDS = new Set(['ipam.prefix', 'ipam.ipaddress', 'ipam.iprange', 'ipam.aggregate']);

export const uniqueName: Rule = {
  id: 'lint/unique-name',
  description: 'A name repeats where a plain reference would be ambiguous, or a device has no name (opt-in; NetBox allows both).',
  severity: 'warning',
  optIn: true,
  help: 'give each object a name of its own in its scope (a rack within its site, a region across the inventory), or leave this rule off',
  run(model) {
    const findings: Finding[] = [];
    for (const [kind, objs] of model.byKind) {
      const first = objs[0];
      // Addresses and prefixes have rules of their own (ipam/duplicate-*), components NetBox's (device, name).
      if (!first || first.kind.parent || first.kind.key.names.length === 0 || ADDRESS_KINDS.has(kind)) continue;
      const info = first.kind;
      const field = info.key.names[0];
      const seen = new Map<string, Obj>();
      for (const obj of objs) {
        if (obj.origin === 'implicit') continue;
        const v = obj.data[field];
        if (v === undefined || v === null || v === '') {
          if (kind === 'dcim.device') findings.push({ obj, message: `${describe(obj)} has no name`, data: { kind, field } });
          continue;
        }
        const scope = info.key.scope.map((f) => {
          const o = obj.refs[f];
          if (o && !Array.isArray(o)) return o.id;
          return obj.data[f] === undefined || obj.data[f] === null ? '-' : undefined; // unresolved: reported already
        });
        if (scope.includes(undefined)) continue;
        const text = typeof v === 'string' ? v : String(v);
        const key = `${scope.join('|')}\0${info.key.caseInsensitive ? text.toLowerCase() : text}`;
        const other = seen.get(key);
        if (!other) {
          seen.set(key, obj);
          continue;
        }
        findings.push({
          obj,
          field,
          message: `${kindLabel(info)} ${field} "${text}" is also used by ${describe(other)}`,
          data: { kind, field, value: text },
          related: [{ obj: other, field, message: `the other ${describe(other)}` }],
        });
      }
    }
    return findings;
  },
};

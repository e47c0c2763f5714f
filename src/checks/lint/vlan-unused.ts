import { describe, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/**
 * Beyond NetBox, for teams that want no VLAN defined in vain: a VLAN that nothing uses. Interfaces of
 * devices and VMs (untagged, tagged or Q-in-Q service VLAN) and prefixes are the uses the rule is
 * about; a wireless LAN, an L2VPN termination and a customer VLAN naming its service VLAN use one too.
 * NetBox keeps VLANs that nothing uses; this rule is off unless sot.yaml turns it on.
 */
const VLAN = 'ipam.vlan';

export const vlanUnused: Rule = {
  id: 'lint/vlan-unused',
  description: 'A VLAN that no interface (untagged, tagged or service VLAN), prefix or other object uses (opt-in; NetBox allows it).',
  severity: 'warning',
  optIn: true,
  help: 'assign the VLAN to the interfaces or prefix that carry it, or remove it; or leave this rule off',
  run(model) {
    const used = new Set<Obj>();
    // Written values of VLAN references that did not resolve (reported already): a VLAN they may mean is not reported.
    const unresolved = new Set<string>();
    for (const objs of model.byKind.values()) {
      const kind = objs[0]?.kind;
      if (!kind) continue;
      const fields = [...kind.refByField.values()].filter((r) => r.spec.kind === VLAN || r.spec.kinds?.includes(VLAN));
      if (fields.length === 0) continue;
      for (const obj of objs) {
        for (const { field, many, spec } of fields) {
          const written = obj.data[field];
          if (written === undefined || written === null) continue;
          if (spec.typeField && obj.data[spec.typeField] !== VLAN) continue;
          const targets = obj.refs[field];
          const list = targets === undefined ? [] : Array.isArray(targets) ? targets : [targets];
          for (const t of list) if (t.kind.kind === VLAN) used.add(t);
          const count = many && Array.isArray(written) ? written.length : 1;
          if (list.length < count) for (const v of many && Array.isArray(written) ? written : [written]) addTexts(unresolved, v);
        }
      }
    }
    const findings: Finding[] = [];
    for (const vlan of model.byKind.get(VLAN) ?? []) {
      if (vlan.origin !== 'written' || used.has(vlan)) continue;
      if (unresolved.has(String(vlan.data.name)) || unresolved.has(String(vlan.data.vid))) continue;
      findings.push({
        obj: vlan,
        field: 'name',
        message: `${describe(vlan)} (VID ${vlan.data.vid}) is used by no interface, prefix or other object`,
        data: { vlan: vlan.data.name, vid: vlan.data.vid },
      });
    }
    return findings;
  },
};

/** The names and VIDs a written reference may mean: `Users`, `100`, `{group: G, vid: 100}`. */
function addTexts(into: Set<string>, v: unknown): void {
  if (typeof v === 'string') into.add(v).add(v.slice(v.lastIndexOf('/') + 1));
  else if (typeof v === 'number') into.add(String(v));
  else if (v && typeof v === 'object') for (const x of Object.values(v)) if (typeof x === 'string' || typeof x === 'number') into.add(String(x));
}

import { kindLabel } from '../../model/kinds.js';
import { describe, displayName, objectsOf, ref, refs, type Obj } from '../../model/model.js';
import { placeOf, vlanAvailableAt, type Place } from '../../model/vlan-availability.js';
import type { Finding, Rule } from '../rule.js';

/**
 * Beyond NetBox's model, as its forms offer VLANs: an interface's VLANs should be available where its
 * device or VM is, by their VLAN group's scope (site, region or site group above it, location, rack,
 * cluster, cluster group). A VLAN assigned to another site is dcim/interface-vlan-site's error, not
 * repeated here. NetBox's API accepts the rest; this rule is off unless sot.yaml turns it on.
 */
const FIELDS: [field: string, which: string][] = [
  ['untagged_vlan', 'untagged'],
  ['tagged_vlans', 'tagged'],
  ['qinq_svlan', 'service'],
];

export const interfaceVlanAvailable: Rule = {
  id: 'lint/interface-vlan-available',
  description: "An interface's VLAN is in a VLAN group scoped to somewhere else than the interface's device or VM (opt-in; NetBox's forms do not offer it, its API accepts it).",
  severity: 'warning',
  optIn: true,
  help: "use a VLAN of a group scoped to the device's (or VM's) site, location, rack or cluster, or one above them, or a global VLAN; or widen the group's scope",
  run(model) {
    const findings: Finding[] = [];
    const memo = new Map<string, boolean>();
    for (const kind of ['dcim.interface', 'virtualization.vminterface']) {
      for (const obj of objectsOf(model, kind)) {
        if (obj.origin !== 'written' || !obj.owner || !resolved(obj.owner, ['site', 'cluster', 'device', 'location', 'rack'])) continue;
        let place: Place | undefined;
        let key = '';
        for (const [field, which] of FIELDS) {
          const vlans = refs(obj, field);
          if (vlans.length === 0) continue;
          if (!place) {
            place = placeOf(ref, obj);
            key = `${place.site?.id}|${place.location?.id}|${place.rack?.id}|${place.cluster?.id}`;
          }
          const list = obj.data[field];
          const aligned = !Array.isArray(list) || list.length === vlans.length;
          vlans.forEach((vlan, i) => {
            const group = ref(vlan, 'group');
            if (!resolved(vlan, ['site', 'group']) || (group && !resolved(group, ['scope']))) return;
            // Another site's VLAN is dcim/interface-vlan-site's error.
            const vlanSite = ref(vlan, 'site');
            if (vlanSite && vlanSite !== place!.site) return;
            const k = `${key}|${vlan.id}`;
            let ok = memo.get(k);
            if (ok === undefined) memo.set(k, (ok = vlanAvailableAt(ref, vlan, place!)));
            if (ok) return;
            const scope = group && ref(group, 'scope');
            const host = kindLabel(obj.owner!.kind);
            findings.push({
              obj,
              field,
              subPath: Array.isArray(list) && aligned ? [i] : undefined,
              message:
                `${describe(obj)} has ${which} VLAN "${displayName(vlan)}", which is not available at its ${host}` +
                (group && scope ? `: its VLAN group "${displayName(group)}" is scoped to ${kindLabel(scope.kind)} "${displayName(scope)}"` : ''),
              data: { vlan: displayName(vlan), group: group ? displayName(group) : null, scope: scope ? `${scope.kind.kind} ${displayName(scope)}` : null },
            });
          });
        }
      }
    }
    return findings;
  },
};

/** Each of these fields, where written, resolved (resolve reported the others). */
function resolved(obj: Obj, fields: string[]): boolean {
  return fields.every((f) => obj.data[f] == null || !obj.kind.refByField.has(f) || ref(obj, f) !== undefined);
}

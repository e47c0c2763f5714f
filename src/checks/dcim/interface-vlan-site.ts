import { kindLabel } from '../../model/kinds.js';
import { describe, displayName, objectsOf, ref, refs, type Obj } from '../../model/model.js';
import { placeOf } from '../../model/vlan-availability.js';
import type { Finding, Rule } from '../rule.js';

/**
 * NetBox takes an untagged or tagged VLAN on an interface only when the VLAN is global (no site) or
 * assigned to the site of the interface's device or VM. It compares the VLAN's own site, not the scope
 * of its group (that stricter check is lint/interface-vlan-available). A VM without a site is where
 * NetBox puts it: in its cluster's site, else its host device's.
 */
export const interfaceVlanSite: Rule = {
  id: 'dcim/interface-vlan-site',
  description: "An interface's untagged or tagged VLAN is assigned to another site than the interface's device or VM.",
  severity: 'error',
  help: "use a VLAN of the device's (or VM's) site or a global VLAN (one without a site)",
  run(model) {
    const findings: Finding[] = [];
    // Interfaces come device by device: the host's site is worked out once for a run of its interfaces.
    let host: Obj | undefined;
    let hostSite: Obj | null | undefined;
    for (const kind of ['dcim.interface', 'virtualization.vminterface']) {
      for (const obj of objectsOf(model, kind)) {
        if (obj.origin !== 'written') continue;
        const hasVlans = obj.data.untagged_vlan != null || (Array.isArray(obj.data.tagged_vlans) && obj.data.tagged_vlans.length > 0);
        if (!hasVlans || !obj.owner) continue;
        if (obj.owner !== host) {
          host = obj.owner;
          hostSite = siteIfKnown(obj);
        }
        if (hostSite === null) continue;
        const site = hostSite;
        const untagged = ref(obj, 'untagged_vlan');
        if (untagged) check(obj, untagged, site, 'untagged_vlan', undefined, findings);
        const tagged = refs(obj, 'tagged_vlans');
        // Items line up with their places only when every one resolved (resolve reported the others).
        const aligned = Array.isArray(obj.data.tagged_vlans) && tagged.length === obj.data.tagged_vlans.length;
        for (let i = 0; i < tagged.length; i++) check(obj, tagged[i], site, 'tagged_vlans', aligned ? [i] : undefined, findings);
      }
    }
    return findings;
  },
};

/** The site of an interface's device or VM (undefined: none), or null when a reference that decides it did not resolve. */
function siteIfKnown(iface: Obj): Obj | null | undefined {
  return placeKnown(iface.owner!) ? placeOf(ref, iface).site : null;
}

/** The owner's site, cluster and host device resolved wherever they are written (resolve reported the others). */
function placeKnown(host: Obj): boolean {
  return ['site', 'cluster', 'device'].every((f) => host.data[f] == null || !host.kind.refByField.has(f) || ref(host, f) !== undefined);
}

function check(obj: Obj, vlan: Obj, site: Obj | undefined, field: string, subPath: number[] | undefined, findings: Finding[]): void {
  const vlanSite = ref(vlan, 'site');
  if (!vlanSite || vlanSite === site) return;
  const host = kindLabel(obj.owner!.kind);
  const where = site ? `its ${host} is in site "${displayName(site)}"` : `its ${host} has no site`;
  findings.push({
    obj,
    field,
    subPath,
    message: `${describe(obj)} has ${field === 'untagged_vlan' ? 'untagged' : 'tagged'} VLAN "${displayName(vlan)}" of site "${displayName(vlanSite)}", but ${where}`,
    data: { vlan: displayName(vlan), vlanSite: displayName(vlanSite), site: site ? displayName(site) : null },
  });
}

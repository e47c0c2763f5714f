import { placeOf } from '../../model/vlan-availability.js';
import { kindLabel } from '../../model/kinds.js';
import { displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const deviceClusterSite: Rule = {
  id: 'dcim/device-cluster-site',
  description: "A device's cluster is scoped to another site than the device's, or to another location.",
  severity: 'error',
  help: "pick a cluster of the device's site (and location, for a cluster scoped to a location), or move the device there",
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      const cluster = ref(device, 'cluster');
      const site = ref(device, 'site');
      if (!cluster || !site) continue;
      // A cluster scoped to a site or a location has that place; a region or site group none to agree with.
      const place = placeOf(ref, cluster);
      if (place.site && place.site !== site) {
        findings.push({
          obj: device,
          field: 'cluster',
          message: `${kindLabel(device.kind)} "${displayName(device)}" is in site "${displayName(site)}", but its cluster "${displayName(cluster)}" is in site "${displayName(place.site)}"`,
          data: { cluster: displayName(cluster), clusterSite: displayName(place.site), site: displayName(site) },
          related: [{ obj: cluster, field: 'scope', message: `the scope of cluster "${displayName(cluster)}"` }],
        });
        continue;
      }
      if (!place.location) continue;
      // A device left without a location takes its rack's when NetBox saves it.
      if (device.data.location !== undefined && device.data.location !== null && !ref(device, 'location')) continue; // unresolved
      const rack = ref(device, 'rack');
      const location = ref(device, 'location') ?? (rack ? ref(rack, 'location') : undefined);
      if (location === place.location) continue;
      findings.push({
        obj: device,
        field: 'cluster',
        message: `${kindLabel(device.kind)} "${displayName(device)}" is ${location ? `in location "${displayName(location)}"` : 'in no location'}, but its cluster "${displayName(cluster)}" is in location "${displayName(place.location)}"`,
        data: { cluster: displayName(cluster), clusterLocation: displayName(place.location), location: location ? displayName(location) : null },
        related: [{ obj: cluster, field: 'scope', message: `the scope of cluster "${displayName(cluster)}"` }],
      });
    }
    return findings;
  },
};

import { kindLabel } from '../../model/kinds.js';
import { displayName, objectsOf, ref, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** The site and location a cluster is cached at in NetBox: its scope's, when that is a site or a location. */
function clusterPlace(cluster: Obj): { site?: Obj; location?: Obj } {
  const scope = ref(cluster, 'scope');
  if (!scope) return {};
  if (scope.kind.kind === 'dcim.site') return { site: scope };
  if (scope.kind.kind === 'dcim.location') return { site: ref(scope, 'site'), location: scope };
  return {}; // a region or site group: no site to agree with
}

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
      const place = clusterPlace(cluster);
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

import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-cluster-site';

// Halls A and B in AMS1, rack R1 in hall A; clusters scoped to site AMS1, hall A and region Europe.
const CLUSTERS = `locations:
  - {name: Hall A, slug: hall-a, site: ams1}
  - {name: Hall B, slug: hall-b, site: ams1}
racks:
  - {name: R1, site: ams1, location: hall-a}
cluster_types:
  - {name: VMware, slug: vmware}
clusters:
  - {name: c-site, type: vmware, scope_type: dcim.site, scope: ams1}
  - {name: c-hall, type: vmware, scope_type: dcim.location, scope: hall-a}
  - {name: c-region, type: vmware, scope_type: dcim.region, scope: europe}
  - {name: c-none, type: vmware}
`;

// One device, on line 2 of d.yaml.
const compileDevice = (fields: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'c.yaml': CLUSTERS,
    'd.yaml': `devices:\n  - {name: h1, device_type: Acme/X-4, role: leaf, ${fields}}\n`,
  });

const diagnostics = (fields: string) => compileDevice(fields).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it("accepts a cluster of the device's site, of its location (written or its rack's), of a region, or without scope", () => {
    for (const fields of [
      'site: ams1, cluster: c-site',
      'site: ams1, location: hall-b, cluster: c-site',
      'site: ams1, location: hall-a, cluster: c-hall',
      'site: ams1, rack: R1, cluster: c-hall',
      'site: ams2, cluster: c-region',
      'site: ams2, cluster: c-none',
    ]) {
      expect(compileDevice(fields).diagnostics.map((d) => [d.rule, at(d), d.message])).toEqual([]);
    }
  });

  it("reports a cluster of another site, at the cluster, once even when scoped to a location", () => {
    expect(diagnostics('site: ams2, cluster: c-site')).toEqual([
      [RULE, 'd.yaml:2:72', 'error', 'device "h1" is in site "AMS2", but its cluster "c-site" is in site "AMS1"', { cluster: 'c-site', clusterSite: 'AMS1', site: 'AMS2' }],
    ]);
    expect(diagnostics('site: ams2, cluster: c-hall')).toEqual([
      [RULE, 'd.yaml:2:72', 'error', 'device "h1" is in site "AMS2", but its cluster "c-hall" is in site "AMS1"', { cluster: 'c-hall', clusterSite: 'AMS1', site: 'AMS2' }],
    ]);
  });

  it('reports a location-scoped cluster for a device in another location of the site, or in none', () => {
    expect(diagnostics('site: ams1, location: hall-b, cluster: c-hall')).toEqual([
      [RULE, 'd.yaml:2:90', 'error', 'device "h1" is in location "Hall B", but its cluster "c-hall" is in location "Hall A"', { cluster: 'c-hall', clusterLocation: 'Hall A', location: 'Hall B' }],
    ]);
    expect(diagnostics('site: ams1, cluster: c-hall')).toEqual([
      [RULE, 'd.yaml:2:72', 'error', 'device "h1" is in no location, but its cluster "c-hall" is in location "Hall A"', { cluster: 'c-hall', clusterLocation: 'Hall A', location: null }],
    ]);
  });
});

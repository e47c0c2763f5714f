import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

// Hall A in AMS1; clusters scoped to site AMS1 (c-ams1), hall A (c-hall), region Europe (c-region)
// and nothing (c-none). Hosts: h1 in AMS1 and c-ams1, h2 in AMS1 alone, h3 in AMS2 alone, h4 in AMS2
// and c-none.
export const PLACES = `locations:
  - {name: Hall A, slug: hall-a, site: ams1}
cluster_types:
  - {name: VMware, slug: vmware}
clusters:
  - {name: c-ams1, type: vmware, scope_type: dcim.site, scope: ams1}
  - {name: c-hall, type: vmware, scope_type: dcim.location, scope: hall-a}
  - {name: c-region, type: vmware, scope_type: dcim.region, scope: europe}
  - {name: c-none, type: vmware}
devices:
  - {name: h1, device_type: Acme/X-4, role: leaf, site: ams1, cluster: c-ams1}
  - {name: h2, device_type: Acme/X-4, role: leaf, site: ams1}
  - {name: h3, device_type: Acme/X-4, role: leaf, site: ams2}
  - {name: h4, device_type: Acme/X-4, role: leaf, site: ams2, cluster: c-none}
`;

/** One virtual machine, on line 2 of v.yaml, with the given fields (and more YAML after it). */
export const compileVm = (fields: string, more = '') =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    'p.yaml': PLACES,
    'v.yaml': `virtual_machines:\n  - {name: vm1${fields ? `, ${fields}` : ''}}\n${more}`,
  });

export const vmDiagnostics = (fields: string, more?: string) => compileVm(fields, more).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

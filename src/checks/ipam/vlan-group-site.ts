import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vlanGroupSite: Rule = {
  id: 'ipam/vlan-group-site',
  description: "A VLAN's site is not its VLAN group's site, or not a direct member of its VLAN group's site group.",
  severity: 'error',
  help: "leave the VLAN's site out (its group places it), assign the site the group is scoped to, or move the VLAN to a group of its site",
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'ipam.vlan')) {
      const site = ref(obj, 'site');
      const group = ref(obj, 'group');
      const scope = group && ref(group, 'scope');
      if (!site || !scope) continue;
      const data = { site: displayName(site), group: displayName(group), scope: displayName(scope) };
      const related = [{ obj: group, field: 'scope', message: `the scope of VLAN group "${displayName(group)}"` }];
      if (scope.kind.kind === 'dcim.site') {
        if (scope === site) continue;
        findings.push({
          obj,
          field: 'site',
          message: `${describe(obj)} is assigned to site "${displayName(site)}", but its group is scoped to site "${displayName(scope)}"`,
          data: { ...data, scopeType: 'dcim.site' },
          related,
        });
      } else if (scope.kind.kind === 'dcim.sitegroup') {
        // NetBox asks whether the site group holds the site itself: a site of a child group is not a member.
        const siteGroup = ref(site, 'group');
        if (siteGroup === scope) continue;
        if (!siteGroup && site.data.group !== undefined && site.data.group !== null) continue; // unresolved: reported
        findings.push({
          obj,
          field: 'site',
          message: `${describe(obj)} is assigned to site "${displayName(site)}", which is not a direct member of its group's site group "${displayName(scope)}" (${siteGroup ? `the site is in site group "${displayName(siteGroup)}"` : 'the site is in no site group'})`,
          data: { ...data, scopeType: 'dcim.sitegroup', siteGroup: siteGroup ? displayName(siteGroup) : null },
          related,
        });
      }
      // NetBox compares a VLAN's site with no other scope (region, location, rack, cluster…).
    }
    return findings;
  },
};

import { kindLabel } from '../../model/kinds.js';
import { describe, displayName, objectsOf, ref, type Obj } from '../../model/model.js';
import { withinTree } from '../../model/vlan-availability.js';
import type { Finding, Rule } from '../rule.js';

/**
 * Beyond NetBox: a prefix's VLAN assigned to a site the prefix's scope does not cover (another site, a
 * location of another site, a site outside its region or site group). NetBox checks no relation
 * between a prefix's scope and its VLAN; this rule is off unless sot.yaml turns it on.
 */
export const prefixVlanSite: Rule = {
  id: 'lint/prefix-vlan-site',
  description: "A prefix's VLAN is assigned to a site outside the prefix's scope (opt-in; NetBox allows it).",
  severity: 'warning',
  optIn: true,
  help: "use a VLAN of the prefix's site (or a global one), or correct the prefix's scope or the VLAN's site",
  run(model) {
    const findings: Finding[] = [];
    for (const prefix of objectsOf(model, 'ipam.prefix')) {
      const vlan = ref(prefix, 'vlan');
      const scope = ref(prefix, 'scope');
      const vlanSite = vlan && ref(vlan, 'site');
      // No scope or no VLAN site: nothing to compare; unresolved ones are reported already.
      if (!vlan || !scope || !vlanSite) continue;
      let covered: boolean;
      let site: Obj | undefined = scope;
      switch (scope.kind.kind) {
        case 'dcim.site':
          covered = vlanSite === scope;
          break;
        case 'dcim.location':
          site = ref(scope, 'site');
          if (!site) continue;
          covered = vlanSite === site;
          break;
        case 'dcim.region':
          covered = withinTree(ref, ref(vlanSite, 'region'), scope, 'parent');
          break;
        case 'dcim.sitegroup':
          covered = withinTree(ref, ref(vlanSite, 'group'), scope, 'parent');
          break;
        default:
          continue;
      }
      if (covered) continue;
      const scopeText = `${kindLabel(scope.kind)} "${displayName(scope)}"`;
      findings.push({
        obj: prefix,
        field: 'vlan',
        message:
          `${describe(prefix)} has VLAN "${displayName(vlan)}" of site "${displayName(vlanSite)}", but ` +
          (scope.kind.kind === 'dcim.location' ? `is scoped to ${scopeText} of site "${displayName(site!)}"` : `is scoped to ${scopeText}`),
        data: { vlan: displayName(vlan), vlanSite: displayName(vlanSite), scope: `${scope.kind.kind} ${displayName(scope)}` },
      });
    }
    return findings;
  },
};

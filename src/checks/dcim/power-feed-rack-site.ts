import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const powerFeedRackSite: Rule = {
  id: 'dcim/power-feed-rack-site',
  description: "A power feed's rack is not in its power panel's site.",
  severity: 'error',
  help: "pick a rack in the power panel's site, or feed the rack from a panel of its own site",
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'dcim.powerfeed')) {
      const rack = ref(obj, 'rack');
      const panel = ref(obj, 'power_panel');
      const rackSite = rack && ref(rack, 'site');
      const panelSite = panel && ref(panel, 'site');
      if (!rackSite || !panelSite || rackSite === panelSite) continue;
      findings.push({
        obj,
        field: 'rack',
        message: `${describe(obj)} feeds rack "${displayName(rack)}" in site "${displayName(rackSite)}", but its power panel is in site "${displayName(panelSite)}"`,
        data: { rackSite: displayName(rackSite), panelSite: displayName(panelSite) },
      });
    }
    return findings;
  },
};

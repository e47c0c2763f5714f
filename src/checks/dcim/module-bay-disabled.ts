import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const moduleBayDisabled: Rule = {
  id: 'dcim/module-bay-disabled',
  description: 'A module is installed in a disabled module bay.',
  severity: 'error',
  help: 'install the module in an enabled bay, or enable the bay (a disabled bay takes no module)',
  run(model) {
    const findings: Finding[] = [];
    for (const module of objectsOf(model, 'dcim.module')) {
      const bay = ref(module, 'module_bay');
      if (!bay || bay.data.enabled !== false) continue;
      findings.push({
        obj: module,
        field: 'module_bay',
        message: `${describe(module)} is installed in ${describe(bay)}, which is disabled (enabled: false)`,
        data: { moduleBay: displayName(bay) },
        related: [{ obj: bay, field: 'enabled', message: 'the disabled bay' }],
      });
    }
    return findings;
  },
};

import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const deviceBayInstalled: Rule = {
  id: 'dcim/device-bay-installed',
  description: 'A device is installed in a disabled device bay, or in a bay of its own.',
  severity: 'error',
  help: 'install the device in an enabled bay of another device (a disabled bay takes no device)',
  run(model) {
    const findings: Finding[] = [];
    for (const bay of objectsOf(model, 'dcim.devicebay')) {
      const child = ref(bay, 'installed_device');
      if (!child) continue;
      if (child === bay.owner) {
        findings.push({ obj: bay, field: 'installed_device', message: `${describe(bay)} holds its own device: a device cannot be installed in itself`, data: { reason: 'self' } });
      } else if (bay.data.enabled === false) {
        findings.push({
          obj: bay,
          field: 'installed_device',
          message: `${describe(bay)} is disabled (enabled: false) but holds device "${displayName(child)}"`,
          data: { reason: 'disabled', installedDevice: displayName(child) },
        });
      }
    }
    return findings;
  },
};

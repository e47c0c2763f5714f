import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const devicePlatformManufacturer: Rule = {
  id: 'dcim/device-platform-manufacturer',
  description: "A device's platform is limited to another manufacturer than its device type's.",
  severity: 'error',
  help: "pick a platform of the device type's manufacturer or one without a manufacturer, or leave the platform out",
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      const platform = ref(device, 'platform');
      const type = ref(device, 'device_type');
      if (!platform || !type) continue;
      const platformMaker = ref(platform, 'manufacturer');
      const typeMaker = ref(type, 'manufacturer');
      // A platform without a manufacturer suits every device type.
      if (!platformMaker || !typeMaker || platformMaker === typeMaker) continue;
      findings.push({
        obj: device,
        field: 'platform',
        message: `platform "${displayName(platform)}" is limited to manufacturer "${displayName(platformMaker)}", but the device type "${displayName(type)}" of ${describe(device)} is made by "${displayName(typeMaker)}"`,
        data: { platform: displayName(platform), platformManufacturer: displayName(platformMaker), deviceTypeManufacturer: displayName(typeMaker) },
        related: [{ obj: platform, field: 'manufacturer', message: `the manufacturer of platform "${displayName(platform)}"` }],
      });
    }
    return findings;
  },
};

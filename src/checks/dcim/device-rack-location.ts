import { describe, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const deviceRackLocation: Rule = {
  id: 'dcim/device-rack-location',
  description: "A device's rack must be in the device's location when both are given.",
  severity: 'error',
  help: "set the device's location to its rack's location, or leave the location out (NetBox takes it from the rack)",
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      const rack = ref(device, 'rack');
      const location = ref(device, 'location');
      if (!rack || !location) continue;
      const rackLocation = ref(rack, 'location');
      if (rackLocation === location) continue;
      findings.push({
        obj: device,
        field: 'location',
        message: `${describe(rack)} is not in ${describe(location)}${rackLocation ? ` but in location "${rackLocation.data.name}"` : ' (it has no location)'}`,
        data: { rack: rack.data.name, location: location.data.name, rackLocation: rackLocation?.data.name ?? null },
        related: [{ obj: rack, field: rackLocation ? 'location' : undefined, message: `${describe(rack)}` }],
      });
    }
    return findings;
  },
};

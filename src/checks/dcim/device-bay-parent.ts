import { describe, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const deviceBayParent: Rule = {
  id: 'dcim/device-bay-parent',
  description: 'A device type that is not a parent type (subdevice_role: parent) has device bays, or a device of such a type does.',
  severity: 'error',
  help: "set the device type's subdevice_role to parent, or drop the device bays",
  run(model) {
    const findings: Finding[] = [];
    const role = (v: unknown) => (v === undefined || v === null ? 'no subdevice_role' : `subdevice_role ${String(v)}`);
    for (const type of objectsOf(model, 'dcim.devicetype')) {
      const bays = type.data['device-bays'];
      if (!Array.isArray(bays) || bays.length === 0 || type.data.subdevice_role === 'parent') continue;
      findings.push({
        obj: type,
        field: 'device-bays',
        subPath: [0],
        message: `${describe(type)} has device bay templates but ${role(type.data.subdevice_role)}: only parent device types have device bays`,
        data: { subdeviceRole: type.data.subdevice_role ?? null },
      });
    }
    // A device's own bays; those its type defines are reported once at the type, above.
    for (const bay of objectsOf(model, 'dcim.devicebay')) {
      if (bay.origin !== 'written' || bay.template || !bay.owner) continue;
      const type = ref(bay.owner, 'device_type');
      if (!type || type.data.subdevice_role === 'parent') continue;
      findings.push({
        obj: bay,
        field: 'name',
        message: `${describe(bay)}: ${describe(type)} has ${role(type.data.subdevice_role)}, and only devices of a parent type have device bays`,
        data: { deviceType: type.data.model, subdeviceRole: type.data.subdevice_role ?? null },
      });
    }
    return findings;
  },
};

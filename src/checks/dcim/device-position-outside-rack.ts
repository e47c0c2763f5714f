import { kindLabel } from '../../model/kinds.js';
import { displayName, objectsOf, type Obj } from '../../model/model.js';
import { deviceUnits, occupancyOf, placementOf, rackSpan, unitName, unitSpan } from '../../model/rack-occupancy.js';
import type { Finding, Rule } from '../rule.js';

export const devicePositionOutsideRack: Rule = {
  id: 'dcim/device-position-outside-rack',
  description: "A device's units do not fit in its rack, or a 0U or child device has a rack position (or a child a face).",
  severity: 'error',
  help: "place the device where all its units are the rack's; leave position out for a 0U device, and position and face for a child device (it sits in its parent's device bay)",
  run(model) {
    const findings: Finding[] = [];
    for (const device of objectsOf(model, 'dcim.device')) {
      if (device.data.rack == null) continue; // placement without a rack: dcim/device-placement-without-rack
      const p = placementOf(model, device);
      if (p) {
        const units = occupancyOf(model, p.rack).units;
        if (!units) continue;
        const top = units.startingUnit + units.uHeight;
        const where = `${label(device)} at ${unitSpan(p.position, p.uHeight)}`;
        const rack = `rack "${displayName(p.rack)}" (${rackSpan(units)})`;
        const data = { rack: displayName(p.rack), position: p.position, uHeight: p.uHeight, firstUnit: units.startingUnit, lastUnit: units.lastUnit };
        if (p.position < units.startingUnit) {
          findings.push({ obj: device, field: 'position', message: `${where} starts below ${unitName(units.startingUnit)}, the lowest unit of ${rack}`, data });
        } else if (p.position + p.uHeight > top) {
          findings.push({ obj: device, field: 'position', message: `${where} reaches above ${unitName(units.lastUnit)}, the top unit of ${rack}`, data });
        }
        continue;
      }
      const type = deviceUnits(device);
      if (!type || (type.uHeight > 0 && !type.child)) continue;
      // NetBox: a child device's place is its parent's (face and position); a 0U device has no position.
      for (const field of type.child ? (['face', 'position'] as const) : (['position'] as const)) {
        if (device.data[field] == null) continue;
        const why = type.child ? 'is a child type: the device takes its place from its parent\'s device bay' : 'is 0U';
        findings.push({
          obj: device,
          field,
          message: `${label(device)} has a rack ${field}, but its device type "${displayName(type.deviceType)}" ${why}`,
          data: { field, deviceType: displayName(type.deviceType), reason: type.child ? 'child' : '0U' },
        });
      }
    }
    return findings;
  },
};

function label(obj: Obj): string {
  return `${kindLabel(obj.kind)} "${displayName(obj)}"`;
}

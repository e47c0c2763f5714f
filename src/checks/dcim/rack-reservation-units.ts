import { displayName, type Obj } from '../../model/model.js';
import { rackOccupancy, rackSpan } from '../../model/rack-occupancy.js';
import type { Finding, Rule } from '../rule.js';

export const rackReservationUnits: Rule = {
  id: 'dcim/rack-reservation-units',
  description: 'A rack reservation lists a unit its rack does not have, or one an earlier reservation of the rack holds.',
  severity: 'error',
  help: "reserve only units the rack has (from its starting unit to its top unit), and each unit of a rack in one reservation at most: extend that reservation, or reserve other units",
  run(model) {
    const findings: Finding[] = [];
    for (const occ of rackOccupancy(model).racks.values()) {
      const rack = displayName(occ.rack);
      for (const r of occ.reservations) {
        const units: unknown[] = Array.isArray(r.data.units) ? r.data.units : [];
        const missing: [number, number][] = []; // [unit, index in the list]
        const taken = new Map<Obj, [number, number][]>();
        units.forEach((u, i) => {
          if (typeof u !== 'number') return;
          if (occ.units && !(Number.isInteger(u) && u >= occ.units.startingUnit && u <= occ.units.lastUnit)) {
            missing.push([u, i]);
            return;
          }
          const holder = occ.reserved.get(u);
          if (!holder || holder === r) return;
          const list = taken.get(holder);
          if (list) list.push([u, i]);
          else taken.set(holder, [[u, i]]);
        });
        if (missing.length) {
          findings.push({
            obj: r,
            field: 'units',
            subPath: [missing[0][1]],
            message: `${unitList(missing)} ${missing.length > 1 ? 'are' : 'is'} not in rack "${rack}" (${rackSpan(occ.units!)})`,
            data: { rack, units: missing.map(([u]) => u), firstUnit: occ.units!.startingUnit, lastUnit: occ.units!.lastUnit },
          });
        }
        for (const [holder, list] of taken) {
          findings.push({
            obj: r,
            field: 'units',
            subPath: [list[0][1]],
            message: `${unitList(list)} of rack "${rack}" ${list.length > 1 ? 'are' : 'is'} already reserved ${reservationName(holder)}`,
            data: { rack, units: list.map(([u]) => u), user: holder.data.user, description: holder.data.description },
            related: [{ obj: holder, field: 'units', message: `reserved ${reservationName(holder)}` }],
          });
        }
      }
    }
    return findings;
  },
};

/** `unit 10`, `units 10, 11`. */
function unitList(units: [number, number][]): string {
  return `unit${units.length > 1 ? 's' : ''} ${units.map(([u]) => u).join(', ')}`;
}

/** `for alice ("new firewall")`: a reservation has no name; its user and description tell it apart. */
function reservationName(r: Obj): string {
  return `for ${r.data.user}${r.data.description ? ` ("${r.data.description}")` : ''}`;
}

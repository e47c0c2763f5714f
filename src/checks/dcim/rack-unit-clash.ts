import { kindLabel } from '../../model/kinds.js';
import { displayName, type Obj } from '../../model/model.js';
import { occupant, rackOccupancy, unitSpan, type Face, type Placement } from '../../model/rack-occupancy.js';
import type { Finding, Rule } from '../rule.js';

export const rackUnitClash: Rule = {
  id: 'dcim/rack-unit-clash',
  description: 'A device needs rack units that another device already takes on the same face.',
  severity: 'error',
  help: 'move one of the devices to free units, put half-depth devices on opposite faces, or take one out of the rack',
  run(model) {
    const findings: Finding[] = [];
    for (const occ of rackOccupancy(model).racks.values()) {
      for (const p of occ.placements) {
        // The first device to take a half-unit holds it; any other holder of one of p's half-units came earlier.
        let others: Map<Placement, Face[]> | undefined;
        for (const face of p.faces) {
          for (let k = p.position * 2, top = (p.position + p.uHeight) * 2; k < top; k++) {
            const other = occupant(occ, face, k / 2);
            if (!other || other === p) continue;
            others ??= new Map();
            const faces = others.get(other);
            if (!faces) others.set(other, [face]);
            else if (!faces.includes(face)) faces.push(face);
          }
        }
        if (!others) continue;
        for (const [other, faces] of others) {
          // The same position on the same face breaks NetBox's unique (rack, position, face): resolve reports it.
          if (other.position === p.position && other.face !== undefined && other.face === p.face) continue;
          const from = Math.max(p.position, other.position);
          const to = Math.min(p.position + p.uHeight, other.position + other.uHeight);
          findings.push({
            obj: p.device,
            field: 'position',
            message: `${place(p)} overlaps ${place(other)} in rack "${displayName(occ.rack)}"`,
            data: { rack: displayName(occ.rack), device: displayName(p.device), other: displayName(other.device), faces, from, to },
            related: [{ obj: other.device, field: 'position', message: place(other) }],
          });
        }
      }
    }
    return findings;
  },
};

/** `device "a" at U10–U11 (front)`; a full-depth device says so, as it takes both faces. */
function place(p: Placement): string {
  const face = [p.face, p.fullDepth ? 'full depth' : undefined].filter(Boolean).join(', ');
  return `${label(p.device)} at ${unitSpan(p.position, p.uHeight)}${face ? ` (${face})` : ''}`;
}

function label(obj: Obj): string {
  return `${kindLabel(obj.kind)} "${displayName(obj)}"`;
}

import { describe, objectsOf } from '../../model/model.js';
import { earliestOverlapping } from '../../model/interval-overlap.js';
import type { Finding, Rule } from '../rule.js';

export const vlanGroupVidRanges: Rule = {
  id: 'ipam/vlan-group-vid-ranges',
  description: "A VLAN group's VID range ends before it starts, or two of its ranges share a VID.",
  severity: 'error',
  help: 'write each range as [first, last] with last at or above first, and keep the ranges of a group apart (merge ranges that share VIDs)',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'ipam.vlangroup')) {
      const list: unknown = obj.data.vid_ranges;
      if (!Array.isArray(list)) continue;
      // A range the schema refused (not two VIDs of 1–4094) has its error; the group's other ranges are
      // still compared with each other.
      const ranges: { first: number; last: number; order: number }[] = [];
      let reversed = false;
      list.forEach((r, i) => {
        if (!isRange(r)) return;
        const [first, last] = r;
        if (last < first) {
          reversed = true;
          findings.push({
            obj,
            field: 'vid_ranges',
            subPath: [i, 1],
            message: `${describe(obj)} has the VID range ${first}-${last}, which ends before it starts`,
            data: { range: `${first}-${last}` },
          });
        } else ranges.push({ first, last, order: i });
      });
      // NetBox compares the ranges only once each of them is well formed.
      if (reversed) continue;
      ranges.sort((a, b) => a.first - b.first || a.order - b.order);
      const earliest = earliestOverlapping(ranges);
      ranges
        .map((r, i) => ({ r, early: earliest[i] >= 0 ? ranges[earliest[i]] : undefined }))
        .filter(({ r, early }) => early && early.order < r.order)
        .sort((a, b) => a.r.order - b.r.order)
        .forEach(({ r, early }) => {
          findings.push({
            obj,
            field: 'vid_ranges',
            subPath: [r.order],
            message: `${describe(obj)} has the VID range ${r.first}-${r.last}, which overlaps its range ${early!.first}-${early!.last}`,
            data: { range: `${r.first}-${r.last}`, other: `${early!.first}-${early!.last}` },
            related: [{ obj, field: 'vid_ranges', subPath: [early!.order], message: 'the earlier range' }],
          });
        });
    }
    return findings;
  },
};

/** Two VIDs, as the schema wants them: [first, last], each 1–4094. */
function isRange(r: unknown): r is [number, number] {
  return Array.isArray(r) && r.length === 2 && r.every((v) => Number.isInteger(v) && v >= 1 && v <= 4094);
}

import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vlanVidOutsideGroup: Rule = {
  id: 'ipam/vlan-vid-outside-group',
  description: "A VLAN's VID lies outside every VID range of its VLAN group.",
  severity: 'error',
  help: "pick a VID inside one of the group's ranges, widen the group's ranges, or move the VLAN to another group",
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'ipam.vlan')) {
      const group = ref(obj, 'group');
      const vid = obj.data.vid;
      if (!group || !Number.isInteger(vid) || vid < 1 || vid > 4094) continue;
      const ranges = vidRanges(group);
      if (!ranges || ranges.some(([first, last]) => vid >= first && vid <= last)) continue;
      const text = ranges.map(([first, last]) => `${first}-${last}`).join(', ');
      findings.push({
        obj,
        field: 'vid',
        message: `${describe(obj)} has VID ${vid}, outside the group's VID ${ranges.length === 1 ? 'range' : 'ranges'} ${text}`,
        data: { vid, group: displayName(group), ranges: text },
        related: [{ obj: group, field: 'vid_ranges', message: `the ranges of VLAN group "${displayName(group)}"` }],
      });
    }
    return findings;
  },
};

/**
 * A group's VID ranges: NetBox's 1–4094 when it gives none; undefined when a range is not a
 * well-formed [first, last] pair of VIDs (the group has its own error then).
 */
function vidRanges(group: { data: Record<string, any> }): [number, number][] | undefined {
  const list: unknown = group.data.vid_ranges;
  if (list === undefined) return [[1, 4094]];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const ok = list.every(
    (r) => Array.isArray(r) && r.length === 2 && r.every((v) => Number.isInteger(v) && v >= 1 && v <= 4094) && r[0] <= r[1],
  );
  return ok ? (list as [number, number][]) : undefined;
}

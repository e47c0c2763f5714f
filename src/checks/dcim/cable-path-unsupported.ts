import { endPlace } from '../../model/cable-ends.js';
import { allPaths, endOnCable, pathOrigin, pathStart } from '../../model/cable-paths.js';
import { describe, displayName } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const cablePathUnsupported: Rule = {
  id: 'dcim/cable-path-unsupported',
  description: 'A cable path reaches front or rear ports of several devices on one cable end, which NetBox refuses to trace.',
  severity: 'error',
  help: "end the cable's side on ports of one patch panel, or split it into one cable per panel",
  run(model) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const path of allPaths(model)) {
      const at = path.unsupportedAt;
      if (!at?.cable || !at.termination) continue;
      const end = endOnCable(model, at.termination, at.cable);
      if (!end) continue;
      const place = endPlace(end);
      const key = `${at.cable.id}|${place.field}|${place.subPath?.[0] ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const devices = [...new Set(at.terminations.map((t) => t.owner!))];
      findings.push({
        obj: at.cable,
        ...place,
        message: `the cable path from ${pathOrigin(path)} reaches ${describe(at.termination)} on the same cable end as ports of device "${displayName(devices[0])}": NetBox traces through the ports of one device per cable end only`,
        data: { origin: path.origin.map(describe), at: describe(at.termination), devices: devices.map(displayName) },
        related: pathStart(model, path),
      });
    }
    return findings;
  },
};

import { pathOrigin, pathStart, stopsOnCableEnds } from '../../model/cable-paths.js';
import { describe, displayName } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const cablePathUnsupported: Rule = {
  id: 'dcim/cable-path-unsupported',
  description: 'A cable path reaches front or rear ports of several devices on one cable end, which NetBox refuses to trace.',
  severity: 'error',
  help: "end the cable's side on ports of one patch panel, or split it into one cable per panel",
  run(model) {
    const findings: Finding[] = [];
    const stops = stopsOnCableEnds(model, (path) => (path.unsupportedAt ? { at: path.unsupportedAt, cable: path.unsupportedAt.cable, termination: path.unsupportedAt.termination } : undefined));
    for (const { path, at, cable, termination, place } of stops) {
      const devices = [...new Set(at.terminations.map((t) => t.owner!))];
      findings.push({
        obj: cable,
        ...place,
        message: `the cable path from ${pathOrigin(path)} reaches ${describe(termination)} on the same cable end as ports of device "${displayName(devices[0])}": NetBox traces through the ports of one device per cable end only`,
        data: { origin: path.origin.map(describe), at: describe(termination), devices: devices.map(displayName) },
        related: pathStart(model, path),
      });
    }
    return findings;
  },
};

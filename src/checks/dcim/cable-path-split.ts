import { cableEnds, cableName } from '../../model/cable-ends.js';
import { pathOrigin, pathStart, positionsOf, stopsOnCableEnds, type CablePath } from '../../model/cable-paths.js';
import { describe, type Model, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const cablePathSplit: Rule = {
  id: 'dcim/cable-path-split',
  description: 'A cable path splits: NetBox stops tracing it and marks it split.',
  severity: 'warning',
  help: 'cable a multi-position port through a port mapped to one of its positions, and give every port the path fans out to its own cable',
  run(model) {
    const findings: Finding[] = [];
    // Mixed kinds on a cable end are dcim/cable-end-type's error.
    const stops = stopsOnCableEnds(model, (path) => (path.splitAt && path.splitAt.reason !== 'mixed' ? { at: path.splitAt, cable: path.splitAt.cable, termination: path.splitAt.termination } : undefined));
    for (const { path, at, cable, place } of stops) {
      findings.push({
        obj: cable,
        ...place,
        message: `the cable path from ${pathOrigin(path)} splits at ${why(model, path)}`,
        data: { reason: at.reason, origin: path.origin.map(describe), at: at.terminations.map(describe) },
        related: pathStart(model, path),
      });
    }
    return findings;
  },
};

function why(model: Model, path: CablePath): string {
  const at = path.splitAt!;
  const t = at.termination!;
  switch (at.reason) {
    case 'no-position':
      return `${describe(t)}: it has ${positionsOf(t)} positions and the path brings none to choose its mapped ports by`;
    case 'positions': {
      const positions = at.positions!;
      return `${describe(t)}: it and ${others(at.terminations, t)} continue on different cables, but the path carries ${positions} position${positions === 1 ? '' : 's'} for ${at.terminations.length} ports`;
    }
    default: {
      const loose = at.terminations.filter((x) => !cableEnds(model).byTermination.has(x));
      return `${describe(t)}: it continues on cable ${cableName(model, at.cable!)} but ${loose.map(describe).join(', ')} ${loose.length === 1 ? 'has' : 'have'} no cable`;
    }
  }
}

function others(all: Obj[], t: Obj): string {
  const rest = all.filter((x) => x !== t);
  return rest.length === 1 ? describe(rest[0]) : `${rest.length} other ports`;
}

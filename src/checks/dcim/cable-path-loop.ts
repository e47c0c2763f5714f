import { cableName } from '../../model/cable-ends.js';
import { pathOrigin, pathStart, stopsOnCableEnds } from '../../model/cable-paths.js';
import { describe, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const cablePathLoop: Rule = {
  id: 'dcim/cable-path-loop',
  description: 'A cable path comes back on itself: NetBox stops tracing it and marks it split.',
  severity: 'warning',
  help: "cable each side of a circuit to its own termination, away from the circuit's other side",
  run(model) {
    const findings: Finding[] = [];
    const stops = stopsOnCableEnds(model, (path) =>
      path.loopAt ? { at: path.loopAt, termination: path.loopAt.termination ?? path.loopAt.terminations[0], cable: path.loopAt.cable ?? path.hops[path.hops.length - 1]?.links[0] } : undefined,
    );
    for (const { path, at, cable, termination, place } of stops) {
      const circuit = ref(termination, 'circuit');
      const message =
        at.reason === 'circuit' && circuit
          ? `the cable path from ${pathOrigin(path)} loops: it reaches ${describe(circuit)} on cable ${cableName(model, cable)}, which also ends on the circuit's ${termination.data.term_side} side`
          : `the cable path from ${pathOrigin(path)} loops: it comes back to ${describe(termination)} with the same positions`;
      findings.push({
        obj: cable,
        ...place,
        message,
        data: { reason: at.reason, origin: path.origin.map(describe), at: describe(termination) },
        related: pathStart(model, path),
      });
    }
    return findings;
  },
};

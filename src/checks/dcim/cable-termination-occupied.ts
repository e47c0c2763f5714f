import { cableEnds, cableName, endPlace, type CableEnd } from '../../model/cable-ends.js';
import { describe, type Model } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const cableTerminationOccupied: Rule = {
  id: 'dcim/cable-termination-occupied',
  description: 'A cable ends on an interface, port, circuit termination or power feed that another cable end already takes.',
  severity: 'error',
  help: 'end the cable on a free termination, or remove the other cable',
  run(model) {
    const findings: Finding[] = [];
    for (const [termination, ends] of cableEnds(model).byTermination) {
      if (ends.length < 2) continue;
      // The first end, in inventory order, holds the termination; every later end is reported against it.
      const first = ends[0];
      for (const end of ends.slice(1)) {
        const what = describe(termination);
        const message =
          end.cable !== first.cable
            ? `${what} already has cable ${cableName(model, first.cable)}`
            : end.side !== first.side
              ? `${what} is on both sides of the cable`
              : `${what} is listed twice on the cable's ${end.side.toUpperCase()} side`;
        findings.push({
          obj: end.cable,
          ...endPlace(end),
          message,
          data: {
            termination: what,
            cable: cableName(model, end.cable),
            side: end.side,
            other: cableName(model, first.cable),
            otherSide: first.side,
            sameCable: end.cable === first.cable,
          },
          related: [{ obj: first.cable, ...endPlace(first), message: relatedMessage(model, first) }],
        });
      }
    }
    return findings;
  },
};

function relatedMessage(model: Model, end: CableEnd): string {
  return `cable ${cableName(model, end.cable)} ends on it (${end.side.toUpperCase()} side)`;
}

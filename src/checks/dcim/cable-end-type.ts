import { endName, endPlace, sideOf, type CableEnd, type CableSide } from '../../model/cable-ends.js';
import { VIRTUAL_INTERFACE_TYPES, WIRELESS_INTERFACE_TYPES } from '../../model/interface-types.js';
import { kindLabel } from '../../model/kinds.js';
import { describe, objectsOf, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** The kinds of termination a cable may join, per NetBox's compatibility matrix (symmetric). */
const COMPATIBLE: Record<string, readonly string[]> = {
  'circuits.circuittermination': ['dcim.interface', 'dcim.frontport', 'dcim.rearport', 'circuits.circuittermination'],
  'dcim.consoleport': ['dcim.consoleserverport', 'dcim.frontport', 'dcim.rearport'],
  'dcim.consoleserverport': ['dcim.consoleport', 'dcim.frontport', 'dcim.rearport'],
  'dcim.interface': ['dcim.interface', 'circuits.circuittermination', 'dcim.frontport', 'dcim.rearport'],
  'dcim.frontport': ['dcim.consoleport', 'dcim.consoleserverport', 'dcim.interface', 'dcim.frontport', 'dcim.rearport', 'circuits.circuittermination'],
  'dcim.powerfeed': ['dcim.powerport'],
  'dcim.poweroutlet': ['dcim.powerport'],
  'dcim.powerport': ['dcim.poweroutlet', 'dcim.powerfeed'],
  'dcim.rearport': ['dcim.consoleport', 'dcim.consoleserverport', 'dcim.interface', 'dcim.frontport', 'dcim.rearport', 'circuits.circuittermination'],
};

/** Interface types no cable may end on: virtual ones (virtual, bridge, LAG) and wireless ones. */
const UNCABLEABLE_INTERFACE_TYPES = new Map<string, string>([
  ...[...VIRTUAL_INTERFACE_TYPES].map((t): [string, string] => [t, t === 'lag' ? 'LAG' : t]),
  ...[...WIRELESS_INTERFACE_TYPES].map((t): [string, string] => [t, `wireless (${t})`]),
]);

export const cableEndType: Rule = {
  id: 'dcim/cable-end-type',
  description: 'A cable joins terminations of mixed or incompatible kinds, or ends on one that cannot take a cable.',
  severity: 'error',
  help: 'end each side on terminations of one kind that fits the other side (interfaces and ports with interfaces, ports or circuit terminations; console ports with console server ports; power ports with power outlets or feeds)',
  run(model) {
    const findings: Finding[] = [];
    for (const cable of objectsOf(model, 'dcim.cable')) {
      const a = sideOf(model, cable, 'a');
      const b = sideOf(model, cable, 'b');
      const mixedA = mixedSide(cable, 'a', a, findings);
      const mixedB = mixedSide(cable, 'b', b, findings);
      // NetBox compares the sides' kinds only when each side is of one kind.
      if (!mixedA && !mixedB && a.length && b.length) {
        const [ka, kb] = [a[0].termination.kind, b[0].termination.kind];
        if (!(COMPATIBLE[ka.kind] ?? []).includes(kb.kind)) {
          findings.push({
            obj: cable,
            ...endPlace(b[0]),
            message: `a cable cannot join ${kindLabel(ka)} (A side) to ${kindLabel(kb)} (B side)`,
            data: { a: ka.kind, b: kb.kind },
            related: [{ obj: cable, ...endPlace(a[0]), message: `the A side's ${describe(a[0].termination)}` }],
          });
        }
      }
      refusals(cable, a, findings);
      refusals(cable, b, findings);
    }
    return findings;
  },
};

/** Reports a side whose ends are of more than one kind (at its first odd end); whether it is. */
function mixedSide(cable: Obj, side: CableSide, ends: readonly CableEnd[], findings: Finding[]): boolean {
  const odd = ends.find((e) => e.termination.kind.kind !== ends[0].termination.kind.kind);
  if (!odd) return false;
  const [first, other] = [kindLabel(ends[0].termination.kind), kindLabel(odd.termination.kind)];
  findings.push({
    obj: cable,
    ...endPlace(odd),
    message: `the cable's ${side.toUpperCase()} side mixes ${first} and ${other} ends: all ends of a side are of one kind`,
    data: { side, kind: ends[0].termination.kind.kind, otherKind: odd.termination.kind.kind, end: endName(odd.termination) },
    related: [{ obj: cable, ...endPlace(ends[0]), message: `the side's first end, ${describe(ends[0].termination)}` }],
  });
  return true;
}

/** Reports each end of a side on a termination that cannot take a cable. */
function refusals(cable: Obj, ends: readonly CableEnd[], findings: Finding[]): void {
  for (const end of ends) {
    const why = refusal(end);
    if (!why) continue;
    findings.push({
      obj: cable,
      ...endPlace(end),
      message: `${describe(end.termination)} ${why.text} and cannot take a cable`,
      data: { side: end.side, end: endName(end.termination), reason: why.reason },
    });
  }
}

/** Why NetBox refuses a cable on this termination, if it does. */
function refusal(end: CableEnd): { reason: string; text: string } | undefined {
  const t = end.termination;
  if (t.data.mark_connected === true) return { reason: 'mark_connected', text: 'is marked as connected' };
  if (t.kind.kind === 'dcim.interface') {
    const type = UNCABLEABLE_INTERFACE_TYPES.get(t.data.type);
    if (type) return { reason: 'interface_type', text: `is a ${type} interface` };
  }
  if (t.kind.kind === 'circuits.circuittermination' && t.data.termination_type === 'circuits.providernetwork') {
    return { reason: 'provider_network', text: 'is attached to a provider network' };
  }
  return undefined;
}

import { describe, objectsOf, ref, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** The L2VPN types NetBox treats as point-to-point: at most two terminations each. */
const POINT_TO_POINT = new Set(['vpws', 'epl', 'ep-lan', 'ep-tree']);

export const l2vpnPointToPoint: Rule = {
  id: 'vpn/l2vpn-point-to-point',
  description: 'A point-to-point L2VPN (VPWS, EPL, EP-LAN, EP-Tree) has more than two terminations.',
  severity: 'error',
  help: 'keep two terminations on a point-to-point L2VPN, or give it a multipoint type (vpls, evpl, vxlan…)',
  run(model) {
    const findings: Finding[] = [];
    // The first two terminations of each point-to-point L2VPN; NetBox refuses every one after them.
    const firstTwo = new Map<Obj, Obj[]>();
    for (const term of objectsOf(model, 'vpn.l2vpntermination')) {
      const l2vpn = ref(term, 'l2vpn');
      if (!l2vpn || !POINT_TO_POINT.has(l2vpn.data.type)) continue;
      const first = firstTwo.get(l2vpn) ?? [];
      if (first.length < 2) {
        firstTwo.set(l2vpn, [...first, term]);
        continue;
      }
      findings.push({
        obj: term,
        field: 'l2vpn',
        message: `${describe(l2vpn)} is point-to-point (type ${l2vpn.data.type}) and already has two terminations; it takes no more`,
        data: { type: l2vpn.data.type },
        related: first.map((t) => ({ obj: t, field: 'l2vpn', message: `a termination of ${describe(l2vpn)}` })),
      });
    }
    return findings;
  },
};

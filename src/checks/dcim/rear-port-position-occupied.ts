import type { Finding, Rule } from '../rule.js';
import { at, frontPortLabel, mappings, type Mapping } from './front-port-rear-position.js';

export const rearPortPositionOccupied: Rule = {
  id: 'dcim/rear-port-position-occupied',
  description: 'Two front ports are mapped to the same position of one rear port.',
  severity: 'error',
  help: 'map each front port to a position of its own (rear_port_position; NetBox takes 1 when it is left out), or give the rear port more positions',
  run(model) {
    const findings: Finding[] = [];
    const { byType, devices } = mappings(model);
    const check = (list: Mapping[], key: (m: Mapping) => string) => {
      const first = new Map<string, Mapping>();
      const reported = new Set<Mapping>();
      for (const m of list) {
        const k = key(m);
        const prior = first.get(k);
        if (!prior) {
          first.set(k, m);
          continue;
        }
        // Two front ports as the device type maps them are reported once, at the type.
        if (m.fromType && prior.fromType) continue;
        const bad = !m.fromType || reported.has(prior) ? m : prior;
        const other = bad === m ? prior : m;
        if (reported.has(bad)) continue;
        reported.add(bad);
        findings.push({
          ...at(bad),
          message: `${frontPortLabel(bad)} is mapped to position ${bad.position} of rear port "${bad.rear.name}", which front port "${other.name}" is mapped to already`,
          data: { rearPort: bad.rear.name, position: bad.position, frontPort: other.name },
          related: [{ ...at(other), message: `front port "${other.name}"` }],
        });
      }
    };
    for (const list of byType) check(list, (m) => `${m.rear.name}\0${m.position}`);
    check(devices, (m) => `${m.rear.obj.id}\0${m.position}`);
    return findings;
  },
};

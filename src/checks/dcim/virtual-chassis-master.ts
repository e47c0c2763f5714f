import { displayName, objectsOf, ref, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const virtualChassisMaster: Rule = {
  id: 'dcim/virtual-chassis-master',
  description: "A virtual chassis' master is not one of its members.",
  severity: 'error',
  help: "put the master device in this virtual chassis (virtual_chassis and vc_position on the device), or pick one of its members as master",
  run(model) {
    const findings: Finding[] = [];
    const masters = new Set<Obj>();
    for (const vc of objectsOf(model, 'dcim.virtualchassis')) {
      const master = ref(vc, 'master');
      if (!master) continue;
      // A device made master of a second chassis is a duplicate master, reported as such.
      if (masters.has(master)) continue;
      masters.add(master);
      const own = ref(master, 'virtual_chassis');
      if (own === vc) continue;
      if (!own && master.data.virtual_chassis !== undefined && master.data.virtual_chassis !== null) continue; // unresolved
      findings.push({
        obj: vc,
        field: 'master',
        message: `the master "${displayName(master)}" of virtual chassis "${displayName(vc)}" is not one of its members: ${own ? `it is in virtual chassis "${displayName(own)}"` : 'it is in no virtual chassis'}`,
        data: { master: displayName(master), memberOf: own ? displayName(own) : null },
        related: [{ obj: master, field: own ? 'virtual_chassis' : undefined, message: `device "${displayName(master)}"` }],
      });
    }
    return findings;
  },
};

import { endName } from '../../model/cable-ends.js';
import { WIRELESS_INTERFACE_TYPES } from '../../model/interface-types.js';
import { objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const linkInterfaceType: Rule = {
  id: 'wireless/link-interface-type',
  description: 'A wireless link ends on an interface that is not of a wireless type.',
  severity: 'error',
  help: 'join two wireless interfaces (IEEE 802.11, 802.15, cellular or other wireless types); a wired connection is a cable',
  run(model) {
    const findings: Finding[] = [];
    for (const link of objectsOf(model, 'wireless.wirelesslink')) {
      for (const field of ['interface_a', 'interface_b']) {
        const iface = ref(link, field);
        const type = iface?.data.type;
        if (!iface || typeof type !== 'string' || WIRELESS_INTERFACE_TYPES.has(type)) continue;
        findings.push({
          obj: link,
          field,
          message: `interface "${endName(iface)}" is of type ${type}, which is not wireless`,
          data: { interface: endName(iface), type },
        });
      }
    }
    return findings;
  },
};

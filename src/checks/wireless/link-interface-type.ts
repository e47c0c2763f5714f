import { endName } from '../../model/cable-ends.js';
import { objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

// Local until the interface type sets move to one shared module.
const WIRELESS_INTERFACE_TYPES = new Set([
  'ieee802.11a', 'ieee802.11g', 'ieee802.11n', 'ieee802.11ac', 'ieee802.11ad', 'ieee802.11ax', 'ieee802.11ay', 'ieee802.11be',
  'ieee802.15.1', 'ieee802.15.4', 'other-wireless', 'gsm', 'cdma', 'lte', '4g', '5g',
]);

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

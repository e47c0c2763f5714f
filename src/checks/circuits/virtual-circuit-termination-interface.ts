import { VIRTUAL_INTERFACE_TYPES } from '../../model/interface-types.js';
import { displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const virtualCircuitTerminationInterface: Rule = {
  id: 'circuits/virtual-circuit-termination-interface',
  description: 'A virtual circuit termination is on an interface that is not virtual (virtual, LAG or bridge).',
  severity: 'error',
  help: 'terminate the virtual circuit on a virtual, LAG or bridge interface (a subinterface of the port, for instance)',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'circuits.virtualcircuittermination')) {
      const iface = ref(obj, 'interface');
      const circuit = ref(obj, 'virtual_circuit');
      if (!iface || VIRTUAL_INTERFACE_TYPES.has(iface.data.type as string)) continue;
      const device = ref(iface, 'device');
      const where = device ? `${displayName(device)}:${displayName(iface)}` : displayName(iface);
      findings.push({
        obj,
        field: 'interface',
        message: `virtual circuit ${circuit ? `"${displayName(circuit)}" ` : ''}ends on interface "${where}" of type ${String(iface.data.type)}, which is not virtual`,
        data: { interface: where, type: iface.data.type },
      });
    }
    return findings;
  },
};

import { interfaceFindings, interfaceName, type InterfaceProblem } from '../../model/interface-types.js';
import { ref } from '../../model/model.js';
import type { Rule } from '../rule.js';

export const interfaceLag: Rule = {
  id: 'dcim/interface-lag',
  description: 'A virtual interface has a LAG, or an interface is its own LAG.',
  severity: 'error',
  help: 'put physical interfaces in the LAG, naming another interface of the device or its virtual chassis; a virtual interface takes a parent instead',
  run(model) {
    // Interface templates have no LAG in NetBox: only the inventory's interfaces are checked.
    return interfaceFindings(model, ({ data, obj, what }) => {
      const lag = obj ? ref(obj, 'lag') : undefined;
      if (!obj || !lag) return [];
      const problems: InterfaceProblem[] = [];
      // NetBox names the virtual type first when both apply.
      if (data.type === 'virtual') {
        problems.push({ field: 'lag', reason: 'virtual', message: `${what} is virtual and cannot be a member of LAG "${interfaceName(lag)}"`, data: { lag: interfaceName(lag), type: data.type } });
      } else if (lag === obj) {
        problems.push({ field: 'lag', reason: 'self', message: `${what} is its own LAG`, data: { lag: interfaceName(lag) } });
      }
      return problems;
    }, { fields: ['lag'], templates: false });
  },
};

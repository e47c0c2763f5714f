import { interfaceFindings, interfaceName, type InterfaceProblem } from '../../model/interface-types.js';
import { ref } from '../../model/model.js';
import type { Rule } from '../rule.js';

export const interfaceParent: Rule = {
  id: 'dcim/interface-parent',
  description: 'An interface is its own parent, or has a parent but is not of type virtual.',
  severity: 'error',
  help: 'give the parent to a virtual interface (a subinterface of the port), naming another interface of the device or its virtual chassis',
  run(model) {
    // Interface templates have no parent in NetBox: only the inventory's interfaces are checked.
    return interfaceFindings(model, ({ data, obj, what }) => {
      const parent = obj ? ref(obj, 'parent') : undefined;
      if (!obj || !parent) return [];
      const problems: InterfaceProblem[] = [];
      if (parent === obj) {
        problems.push({ field: 'parent', reason: 'self', message: `${what} is its own parent`, data: { parent: interfaceName(parent) } });
      } else if (typeof data.type === 'string' && data.type !== 'virtual') {
        problems.push({
          field: 'parent',
          reason: 'not_virtual',
          message: `${what} has parent "${interfaceName(parent)}" but is of type ${data.type}: only virtual interfaces have a parent`,
          data: { parent: interfaceName(parent), type: data.type },
        });
      }
      return problems;
    }, { fields: ['parent'], templates: false });
  },
};

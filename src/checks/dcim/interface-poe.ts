import { interfaceFindings, VIRTUAL_INTERFACE_TYPES, type InterfaceProblem } from '../../model/interface-types.js';
import type { Rule } from '../rule.js';

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

export const interfacePoe: Rule = {
  id: 'dcim/interface-poe',
  description: 'An interface or interface template of a virtual type (virtual, LAG, bridge) has a PoE mode or type, or a PoE type without a PoE mode.',
  severity: 'error',
  help: 'give PoE only to physical interfaces, and with a poe_type also its poe_mode (pd or pse)',
  run(model) {
    return interfaceFindings(model, ({ data, what }) => {
      const problems: InterfaceProblem[] = [];
      const fields = ['poe_mode', 'poe_type'].filter((f) => set(data[f]));
      if (fields.length === 0) return problems;
      if (VIRTUAL_INTERFACE_TYPES.has(data.type)) {
        // One mistake (PoE on a virtual type), reported where NetBox reports it: the mode first.
        problems.push({
          field: fields[0],
          reason: 'virtual',
          message: `${what} is of type ${data.type}, which is virtual and cannot have ${fields.join(' or ')}`,
          data: { type: data.type, fields },
        });
      } else if (!set(data.poe_mode)) {
        problems.push({ field: 'poe_type', reason: 'no_mode', message: `${what} has poe_type ${String(data.poe_type)} but no poe_mode`, data: { poeType: data.poe_type } });
      }
      return problems;
    }, { fields: ['poe_mode', 'poe_type'] });
  },
};

import { interfaceFindings } from '../../model/interface-types.js';
import { ref } from '../../model/model.js';
import type { Rule } from '../rule.js';

export const interfaceBridge: Rule = {
  id: 'dcim/interface-bridge',
  description: 'An interface or interface template is bridged to itself.',
  severity: 'error',
  help: 'name the bridge interface the interface is a member of (another interface of the device, its virtual chassis or its type), or leave bridge out',
  run(model) {
    return interfaceFindings(model, ({ data, obj, what }) => {
      // A template names its bridge within its type; an interface's reference resolved to an object.
      const self = obj ? ref(obj, 'bridge') === obj : typeof data.bridge === 'string' && data.bridge !== '' && data.bridge === data.name;
      return self ? [{ field: 'bridge', reason: 'self', message: `${what} is bridged to itself`, data: { bridge: String(data.bridge) } }] : [];
    }, { fields: ['bridge'] });
  },
};

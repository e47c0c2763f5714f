import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const ikePolicyMode: Rule = {
  id: 'vpn/ike-policy-mode',
  description: 'An IKEv1 policy has no mode, or an IKEv2 policy has one.',
  severity: 'error',
  help: 'give an IKEv1 policy a mode (main or aggressive); leave mode out of an IKEv2 policy',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'vpn.ikepolicy')) {
      // NetBox's version defaults to 2; a blank mode is settled as absent.
      const version = obj.data.version ?? 2;
      const mode = obj.data.mode;
      if (version === 1 && !mode) {
        findings.push({ obj, field: 'version', message: `${describe(obj)} uses IKEv1 but has no mode (main or aggressive)`, data: { version } });
      } else if (version === 2 && mode) {
        findings.push({ obj, field: 'mode', message: `${describe(obj)} uses IKEv2${obj.data.version === undefined ? ' (the default version)' : ''}, which takes no mode, but has mode ${mode}`, data: { version, mode } });
      }
    }
    return findings;
  },
};

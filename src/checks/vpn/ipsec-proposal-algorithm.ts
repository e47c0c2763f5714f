import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const ipsecProposalAlgorithm: Rule = {
  id: 'vpn/ipsec-proposal-algorithm',
  description: 'An IPSec proposal has neither an encryption nor an authentication algorithm.',
  severity: 'error',
  help: 'give the proposal an encryption_algorithm, an authentication_algorithm, or both',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'vpn.ipsecproposal')) {
      // A blank algorithm is settled as absent, as NetBox stores it empty.
      if (obj.data.encryption_algorithm || obj.data.authentication_algorithm) continue;
      findings.push({ obj, message: `${describe(obj)} has neither an encryption nor an authentication algorithm` });
    }
    return findings;
  },
};

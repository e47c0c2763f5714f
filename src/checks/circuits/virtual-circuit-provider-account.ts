import { describe, displayName, objectsOf, ref } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const virtualCircuitProviderAccount: Rule = {
  id: 'circuits/virtual-circuit-provider-account',
  description: "A virtual circuit's provider account belongs to another provider than its provider network.",
  severity: 'error',
  help: "pick an account of the provider network's provider, or leave provider_account out",
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'circuits.virtualcircuit')) {
      const account = ref(obj, 'provider_account');
      const network = ref(obj, 'provider_network');
      if (!account || !network) continue;
      const accountProvider = ref(account, 'provider');
      const networkProvider = ref(network, 'provider');
      if (!accountProvider || !networkProvider || accountProvider === networkProvider) continue;
      findings.push({
        obj,
        field: 'provider_account',
        message: `${describe(obj)} uses account "${displayName(account)}" of provider "${displayName(accountProvider)}", but provider network "${displayName(network)}" is provider "${displayName(networkProvider)}"'s`,
        data: { account: displayName(account), network: displayName(network), accountProvider: displayName(accountProvider), networkProvider: displayName(networkProvider) },
      });
    }
    return findings;
  },
};

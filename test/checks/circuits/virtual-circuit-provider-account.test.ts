import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'circuits/virtual-circuit-provider-account';

// Providers P1 (network N1) and P2 each have an account A1, and P2 also A2; the virtual circuit is on
// line 12 of c.yaml, on P1's network, with the extra fields given.
const compileCircuit = (extra: string) =>
  compileFiles({
    'base.yaml': BASE,
    'c.yaml': `providers:
  - {name: P1, slug: p1}
  - {name: P2, slug: p2}
provider_accounts:
  - {provider: p1, account: A1}
  - {provider: p2, account: A1}
  - {provider: p2, account: A2}
provider_networks:
  - {provider: p1, name: N1}
virtual_circuit_types:
  - {name: EVPL, slug: evpl}
virtual_circuits:
  - {cid: V-1, provider_network: p1/N1, type: evpl${extra}}
`,
  });

describe(RULE, () => {
  it("accepts an account of the network's provider, a bare account name it prefers, and no account", () => {
    for (const extra of [', provider_account: p1/A1', ', provider_account: A1', '']) {
      expect(compileCircuit(extra).diagnostics.map((d) => [d.rule, at(d), d.message])).toEqual([]);
    }
  });

  it("reports an account of another provider than the network's, at the account", () => {
    const data = { account: 'A2', network: 'N1', accountProvider: 'P2', networkProvider: 'P1' };
    const message = 'virtual circuit "V-1" in provider network "N1" uses account "A2" of provider "P2", but provider network "N1" is provider "P1"\'s';
    expect(compileCircuit(', provider_account: A2').diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'c.yaml:13:71', 'error', message, data],
    ]);
    expect(compileCircuit(', provider_account: p2/A2').diagnostics.map((d) => [d.rule, at(d), d.data])).toEqual([[RULE, 'c.yaml:13:71', data]]);
    expect(compileCircuit(', provider_account: p2/A1').diagnostics.map((d) => [d.rule, at(d), d.data])).toEqual([[RULE, 'c.yaml:13:71', { ...data, account: 'A1' }]]);
  });
});

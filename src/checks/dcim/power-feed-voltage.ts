import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const powerFeedVoltage: Rule = {
  id: 'dcim/power-feed-voltage',
  description: 'An AC power feed has a negative voltage.',
  severity: 'error',
  help: 'give the AC feed a positive voltage, or set supply: dc if it is a DC feed',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'dcim.powerfeed')) {
      const voltage = obj.data.voltage;
      // NetBox's supply defaults to AC; only a DC feed may carry a negative voltage.
      const supply = obj.data.supply ?? 'ac';
      if (typeof voltage !== 'number' || voltage >= 0 || supply !== 'ac') continue;
      findings.push({ obj, field: 'voltage', message: `${describe(obj)} is an AC feed with negative voltage ${voltage}`, data: { voltage } });
    }
    return findings;
  },
};

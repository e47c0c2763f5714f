import { describe, objectsOf } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

export const vlanQinq: Rule = {
  id: 'ipam/vlan-qinq',
  description: 'A VLAN has a Q-in-Q service VLAN without being a customer VLAN (qinq_role cvlan), or is a customer VLAN without a service VLAN.',
  severity: 'error',
  help: 'a customer VLAN (qinq_role: cvlan) names its service VLAN in qinq_svlan; any other VLAN leaves qinq_svlan out',
  run(model) {
    const findings: Finding[] = [];
    for (const obj of objectsOf(model, 'ipam.vlan')) {
      const role = obj.data.qinq_role;
      // Another role is not one of NetBox's choices, already a schema error.
      if (role !== undefined && role !== null && role !== 'svlan' && role !== 'cvlan') continue;
      // Whether a service VLAN is named, resolved or not: one that is not found is reported by resolve.
      const svlan = obj.data.qinq_svlan;
      const hasSvlan = svlan !== undefined && svlan !== null && svlan !== '';
      if (hasSvlan && role !== 'cvlan') {
        findings.push({
          obj,
          field: 'qinq_svlan',
          message: `${describe(obj)} has a Q-in-Q service VLAN, but ${role ? `its Q-in-Q role is ${role}` : 'no Q-in-Q role'}; only a customer VLAN (cvlan) may have one`,
          data: { qinqRole: role ?? null },
        });
      } else if (!hasSvlan && role === 'cvlan') {
        findings.push({
          obj,
          field: 'qinq_role',
          message: `${describe(obj)} is a Q-in-Q customer VLAN (cvlan) without a service VLAN (qinq_svlan)`,
          data: { qinqRole: role },
        });
      }
    }
    return findings;
  },
};

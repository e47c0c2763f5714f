import { describe, objectsOf, ref, refs, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/**
 * NetBox's 802.1Q mode decides which VLAN fields an interface may carry. A device interface needs a
 * mode for an untagged VLAN and for tagged VLANs, and tagged VLANs go with mode tagged (the API also
 * takes them with q-in-q; access and tagged-all take none). A service VLAN needs mode q-in-q, on
 * device and VM interfaces alike; a VM interface's other VLANs are not checked against its mode
 * (NetBox drops an untagged VLAN without a mode when it saves).
 */
const NO_TAGGED = new Set(['access', 'tagged-all']);

export const interfaceVlanMode: Rule = {
  id: 'dcim/interface-vlan-mode',
  description: "An interface's VLANs do not fit its 802.1Q mode: an untagged or tagged VLAN without a mode, tagged VLANs in access or tagged-all mode, a service VLAN outside q-in-q mode.",
  severity: 'error',
  help: 'set the mode the VLANs need (access or tagged for an untagged VLAN, tagged for tagged VLANs, q-in-q for a service VLAN), or leave those VLANs out',
  run(model) {
    const findings: Finding[] = [];
    for (const kind of ['dcim.interface', 'virtualization.vminterface']) {
      for (const obj of objectsOf(model, kind)) {
        if (obj.origin !== 'written') continue;
        check(obj, kind === 'dcim.interface', findings);
      }
    }
    return findings;
  },
};

function check(obj: Obj, device: boolean, findings: Finding[]): void {
  const mode: string | undefined = obj.data.mode ?? undefined;
  if (device && !mode && ref(obj, 'untagged_vlan')) {
    findings.push({ obj, field: 'untagged_vlan', message: `${describe(obj)} has an untagged VLAN but no 802.1Q mode`, data: { mode: null } });
  }
  if (device && (!mode || NO_TAGGED.has(mode)) && refs(obj, 'tagged_vlans').length > 0) {
    findings.push({ obj, field: 'tagged_vlans', message: mode ? `${describe(obj)} has tagged VLANs, which its mode "${mode}" does not take` : `${describe(obj)} has tagged VLANs but no 802.1Q mode`, data: { mode: mode ?? null } });
  }
  if (mode !== 'q-in-q' && ref(obj, 'qinq_svlan')) {
    findings.push({ obj, field: 'qinq_svlan', message: `${describe(obj)} has a service VLAN, which only mode q-in-q takes; ${mode ? `its mode is "${mode}"` : 'it has no mode'}`, data: { mode: mode ?? null } });
  }
}

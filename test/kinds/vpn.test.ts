import { describe, expect, it } from 'vitest';
import { displayName, ref, refs } from '../../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from '../helpers/compile.js';

/** [rule, file:line:col (1-based), message] of every diagnostic. */
const diags = (files: Record<string, string>) =>
  compileFiles(files).diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

const related = (files: Record<string, string>) =>
  compileFiles(files).diagnostics.flatMap((d) => d.related?.map((r) => `${r.location.file}:${r.location.range!.start.line + 1}:${r.location.range!.start.column + 1}`) ?? []);

const one = (r: ReturnType<typeof compileFiles>, kind: string, i = 0) => r.model.byKind.get(kind)![i];

/** The whole IPSec chain: IKE proposal → IKE policy, IPSec proposal → IPSec policy, both → profile. */
const CRYPTO = `ike_proposals:
  - {name: P1, authentication_method: preshared-keys, encryption_algorithm: aes-256-cbc, group: 20}
ike_policies:
  - {name: IKE1, proposals: [P1]}
ipsec_proposals:
  - {name: ESP1, encryption_algorithm: aes-256-gcm}
ipsec_policies:
  - {name: IPSEC1, proposals: [ESP1], pfs_group: 20}
ipsec_profiles:
  - {name: PROF1, mode: esp, ike_policy: IKE1, ipsec_policy: IPSEC1}
`;

/** Two devices of the fixture type, each with a virtual tunnel interface besides et1, et2 and mgmt. */
const DEVICES = {
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'd.yaml': `devices:
  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1, interfaces: [{name: Tunnel0, type: virtual}]}
  - {name: leaf2, device_type: Acme/X-4, role: leaf, site: ams2, interfaces: [{name: Tunnel0, type: virtual}]}
`,
};

describe('tunnel groups', () => {
  // No reference field (besides tags): only the duplicate case.
  it('reports a duplicate slug', () => {
    const files = { 'g.yaml': 'tunnel_groups:\n  - name: Mesh\n    slug: mesh\n  - name: Mesh B\n    slug: mesh\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'g.yaml:5:11', 'duplicate tunnel group slug "mesh"']]);
    expect(related(files)).toEqual(['g.yaml:3:11']);
  });
});

describe('tunnels', () => {
  it('reports a dangling group and IPSec profile', () => {
    const files = { 'g.yaml': 'tunnel_groups:\n  - {name: Mesh, slug: mesh}\n', 't.yaml': 'tunnels:\n  - name: T1\n    encapsulation: gre\n    group: meshh\n    ipsec_profile: PROF1\n' };
    expect(diags(files)).toEqual([
      ['resolve/dangling-reference', 't.yaml:4:12', 'no tunnel group "meshh"; did you mean "mesh"?'],
      ['resolve/dangling-reference', 't.yaml:5:20', 'no IPSec profile "PROF1"'],
    ]);
  });

  it('keeps names unique across the inventory, grouped or not', () => {
    const files = { 'g.yaml': 'tunnel_groups:\n  - {name: Mesh, slug: mesh}\n', 't.yaml': 'tunnels:\n  - name: T1\n    encapsulation: gre\n  - name: T1\n    encapsulation: gre\n    group: mesh\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 't.yaml:4:11', 'duplicate tunnel name "T1"']]);
    expect(related(files)).toEqual(['t.yaml:2:11']);
  });

  it('resolves its group, IPSec profile and tenant', () => {
    const r = compileFiles({
      'c.yaml': CRYPTO,
      'o.yaml': 'tenants:\n  - {name: NetOps, slug: netops}\ntunnel_groups:\n  - {name: Mesh, slug: mesh}\n',
      't.yaml': 'tunnels:\n  - {name: T1, encapsulation: ipsec-tunnel, group: mesh, ipsec_profile: PROF1, tenant: netops, tunnel_id: 100}\n',
    });
    expect(briefs(r)).toEqual([]);
    const t = one(r, 'vpn.tunnel');
    expect([ref(t, 'group'), ref(t, 'ipsec_profile'), ref(t, 'tenant')].map((o) => displayName(o!))).toEqual(['Mesh', 'PROF1', 'NetOps']);
  });
});

describe('tunnel terminations', () => {
  const TUNNELS = 'tunnels:\n  - {name: T1, encapsulation: gre}\n  - {name: T2, encapsulation: gre}\n';

  it('reports a dangling tunnel and interface', () => {
    const files = { ...DEVICES, 't.yaml': TUNNELS, 'x.yaml': 'tunnel_terminations:\n  - tunnel: T3\n    termination_type: dcim.interface\n    termination: leaf1:Tunnel1\n' };
    expect(diags(files)).toEqual([
      ['resolve/dangling-reference', 'x.yaml:2:13', 'no tunnel "T3"; did you mean "T1"?'],
      ['resolve/dangling-reference', 'x.yaml:4:18', 'no interface "leaf1:Tunnel1"'],
    ]);
  });

  it('lets an interface terminate one tunnel only', () => {
    const files = {
      ...DEVICES,
      't.yaml': TUNNELS,
      'x.yaml': `tunnel_terminations:
  - tunnel: T1
    termination_type: dcim.interface
    termination: leaf1:Tunnel0
  - tunnel: T2
    termination_type: dcim.interface
    termination: leaf1:Tunnel0
`,
    };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'x.yaml:7:18', 'interface "Tunnel0" of device "leaf1" already has a tunnel termination']]);
    expect(related(files)).toEqual(['x.yaml:4:18']);
  });

  it('resolves the tunnel and the interface, in the compact or the mapping form', () => {
    const r = compileFiles({
      ...DEVICES,
      't.yaml': TUNNELS,
      'x.yaml': `tunnel_terminations:
  - {tunnel: T1, role: peer, termination_type: dcim.interface, termination: leaf1:Tunnel0}
  - {tunnel: T1, role: peer, termination_type: dcim.interface, termination: {device: leaf2, name: Tunnel0}}
`,
    });
    expect(briefs(r)).toEqual([]);
    const [a, b] = r.model.byKind.get('vpn.tunneltermination')!;
    expect(displayName(ref(a, 'tunnel')!)).toBe('T1');
    expect(ref(a, 'termination')!.kind.kind).toBe('dcim.interface');
    expect(displayName(ref(ref(a, 'termination')!, 'device')!)).toBe('leaf1');
    expect(displayName(ref(ref(b, 'termination')!, 'device')!)).toBe('leaf2');
  });
});

describe('IKE proposals', () => {
  // No reference field (besides tags): only the duplicate case.
  it('reports a duplicate name', () => {
    const files = { 'p.yaml': 'ike_proposals:\n  - {name: P1, authentication_method: preshared-keys, encryption_algorithm: aes-256-cbc, group: 20}\n  - {name: P1, authentication_method: certificates, encryption_algorithm: aes-128-cbc, group: 14}\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'p.yaml:3:12', 'duplicate IKE proposal name "P1"']]);
    expect(related(files)).toEqual(['p.yaml:2:12']);
  });
});

describe('IKE policies', () => {
  it('reports a dangling proposal', () => {
    const files = { 'c.yaml': CRYPTO, 'p.yaml': 'ike_policies:\n  - name: IKE2\n    proposals: [P1, P2]\n' };
    expect(diags(files)).toEqual([['resolve/dangling-reference', 'p.yaml:3:21', 'no IKE proposal "P2"; did you mean "P1"?']]);
  });

  it('reports a duplicate name', () => {
    const files = { 'c.yaml': CRYPTO, 'p.yaml': 'ike_policies:\n  - name: IKE1\n    version: 1\n    mode: main\n    proposals: [P1]\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'p.yaml:2:11', 'duplicate IKE policy name "IKE1"']]);
    expect(related(files)).toEqual(['c.yaml:4:12']);
  });

  it('resolves its proposals, which it needs', () => {
    const r = compileFiles({ 'c.yaml': CRYPTO });
    expect(briefs(r)).toEqual([]);
    expect(refs(one(r, 'vpn.ikepolicy'), 'proposals').map(displayName)).toEqual(['P1']);
    expect(diags({ 'p.yaml': 'ike_policies:\n  - name: IKE2\n' }).map(([rule, at]) => [rule, at])).toEqual([['schema/missing-field', 'p.yaml:2:5']]);
  });
});

describe('IPSec proposals', () => {
  // No reference field (besides tags): only the duplicate case.
  it('reports a duplicate name', () => {
    const files = { 'c.yaml': CRYPTO, 'p.yaml': 'ipsec_proposals:\n  - name: ESP1\n    authentication_algorithm: hmac-sha256\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'p.yaml:2:11', 'duplicate IPSec proposal name "ESP1"']]);
    expect(related(files)).toEqual(['c.yaml:6:12']);
  });
});

describe('IPSec policies', () => {
  it('reports a dangling proposal', () => {
    const files = { 'c.yaml': CRYPTO, 'p.yaml': 'ipsec_policies:\n  - name: IPSEC2\n    proposals: [ESP2]\n' };
    expect(diags(files)).toEqual([['resolve/dangling-reference', 'p.yaml:3:17', 'no IPSec proposal "ESP2"; did you mean "ESP1"?']]);
  });

  it('reports a duplicate name', () => {
    const files = { 'c.yaml': CRYPTO, 'p.yaml': 'ipsec_policies:\n  - name: IPSEC1\n    proposals: [ESP1]\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'p.yaml:2:11', 'duplicate IPSec policy name "IPSEC1"']]);
    expect(related(files)).toEqual(['c.yaml:8:12']);
  });

  it('resolves its proposals', () => {
    const r = compileFiles({ 'c.yaml': CRYPTO });
    expect(refs(one(r, 'vpn.ipsecpolicy'), 'proposals').map(displayName)).toEqual(['ESP1']);
  });
});

describe('IPSec profiles', () => {
  it('reports a dangling IKE and IPSec policy', () => {
    const files = { 'c.yaml': CRYPTO, 'p.yaml': 'ipsec_profiles:\n  - name: PROF2\n    mode: ah\n    ike_policy: IKE2\n    ipsec_policy: IPSEC\n' };
    expect(diags(files)).toEqual([
      ['resolve/dangling-reference', 'p.yaml:4:17', 'no IKE policy "IKE2"; did you mean "IKE1"?'],
      ['resolve/dangling-reference', 'p.yaml:5:19', 'no IPSec policy "IPSEC"; did you mean "IPSEC1"?'],
    ]);
  });

  it('reports a duplicate name', () => {
    const files = { 'c.yaml': CRYPTO, 'p.yaml': 'ipsec_profiles:\n  - name: PROF1\n    mode: ah\n    ike_policy: IKE1\n    ipsec_policy: IPSEC1\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'p.yaml:2:11', 'duplicate IPSec profile name "PROF1"']]);
    expect(related(files)).toEqual(['c.yaml:10:12']);
  });

  it('resolves the whole chain', () => {
    const r = compileFiles({ 'c.yaml': CRYPTO });
    const profile = one(r, 'vpn.ipsecprofile');
    expect(displayName(ref(profile, 'ike_policy')!)).toBe('IKE1');
    expect(displayName(ref(profile, 'ipsec_policy')!)).toBe('IPSEC1');
    expect(refs(ref(profile, 'ike_policy')!, 'proposals').map(displayName)).toEqual(['P1']);
  });
});

describe('L2VPNs', () => {
  it('reports a dangling tenant', () => {
    const files = { 'o.yaml': 'tenants:\n  - {name: Acme, slug: acme}\n', 'l.yaml': 'l2vpns:\n  - name: VNI 10100\n    slug: vni-10100\n    type: vxlan-evpn\n    tenant: acne\n' };
    expect(diags(files)).toEqual([['resolve/dangling-reference', 'l.yaml:5:13', 'no tenant "acne"; did you mean "acme"?']]);
  });

  it('reports a duplicate slug', () => {
    const files = { 'l.yaml': 'l2vpns:\n  - name: VNI 10100\n    slug: vni-10100\n    type: vxlan-evpn\n  - name: VNI 10100 (copy)\n    slug: vni-10100\n    type: vxlan\n' };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'l.yaml:6:11', 'duplicate L2VPN slug "vni-10100"']]);
    expect(related(files)).toEqual(['l.yaml:3:11']);
  });

  it('resolves its tenant', () => {
    const r = compileFiles({ 'o.yaml': 'tenants:\n  - {name: Acme, slug: acme}\n', 'l.yaml': 'l2vpns:\n  - {name: VNI 10100, slug: vni-10100, type: vxlan-evpn, identifier: 10100, tenant: acme}\n' });
    expect(briefs(r)).toEqual([]);
    expect(displayName(ref(one(r, 'vpn.l2vpn'), 'tenant')!)).toBe('Acme');
  });
});

describe('L2VPN terminations', () => {
  const L2VPNS = 'l2vpns:\n  - {name: Blue, slug: blue, type: vxlan-evpn}\n  - {name: Red, slug: red, type: vxlan-evpn}\n';

  it('reports a dangling L2VPN and interface', () => {
    const files = { ...DEVICES, 'l.yaml': L2VPNS, 'x.yaml': 'l2vpn_terminations:\n  - l2vpn: bleu\n    assigned_object_type: dcim.interface\n    assigned_object: leaf1:et3\n' };
    expect(diags(files)).toEqual([
      ['resolve/dangling-reference', 'x.yaml:2:12', 'no L2VPN "bleu"; did you mean "blue"?'],
      ['resolve/dangling-reference', 'x.yaml:4:22', 'no interface "leaf1:et3"'],
    ]);
  });

  it('puts an interface in one L2VPN only', () => {
    const files = {
      ...DEVICES,
      'l.yaml': L2VPNS,
      'x.yaml': `l2vpn_terminations:
  - l2vpn: blue
    assigned_object_type: dcim.interface
    assigned_object: leaf1:et1
  - l2vpn: red
    assigned_object_type: dcim.interface
    assigned_object: leaf1:et1
`,
    };
    expect(diags(files)).toEqual([['resolve/duplicate-key', 'x.yaml:7:22', 'interface "et1" of device "leaf1" already has a L2VPN termination']]);
    expect(related(files)).toEqual(['x.yaml:4:22']);
  });

  it('resolves the L2VPN and the interface', () => {
    const r = compileFiles({
      ...DEVICES,
      'l.yaml': L2VPNS,
      'x.yaml': 'l2vpn_terminations:\n  - {l2vpn: blue, assigned_object_type: dcim.interface, assigned_object: leaf1:et1}\n  - {l2vpn: blue, assigned_object_type: dcim.interface, assigned_object: leaf2:et1}\n',
    });
    expect(briefs(r)).toEqual([]);
    const t = one(r, 'vpn.l2vpntermination', 1);
    expect(displayName(ref(t, 'l2vpn')!)).toBe('Blue');
    expect(displayName(ref(t, 'assigned_object')!)).toBe('et1');
    expect(displayName(ref(ref(t, 'assigned_object')!, 'device')!)).toBe('leaf2');
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, compileFiles, DEVICE_TYPE } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'vpn/l2vpn-point-to-point';

// Devices r1 and r2 with interfaces et1/et2; L2VPN "pw" (of the given type) on line 2 of vpn.yaml,
// "other" (vpws) on line 3, and the terminations from line 5 on.
const compileL2vpn = (type: string, terminations: string[]) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/x-4.yaml': DEVICE_TYPE,
    'devices.yaml': `devices:\n  - {name: r1, device_type: acme-x-4, role: leaf, site: ams1}\n  - {name: r2, device_type: acme-x-4, role: leaf, site: ams1}\nvlans:\n  - {vid: 100, name: v100}\n`,
    'vpn.yaml': `l2vpns:\n  - {name: pw, slug: pw, type: ${type}}\n  - {name: other, slug: other, type: vpws}\nl2vpn_terminations:\n${terminations
      .map((t) => {
        const [l2vpn, object] = t.split(' ');
        const kind = object.includes(':') ? 'dcim.interface' : 'ipam.vlan';
        return `  - {l2vpn: ${l2vpn}, assigned_object_type: ${kind}, assigned_object: ${object}}`;
      })
      .join('\n')}\n`,
  });

const report = (type: string, terminations: string[]) => compileL2vpn(type, terminations).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts two terminations on a point-to-point L2VPN, and more on a multipoint one', () => {
    for (const type of ['vpws', 'epl', 'ep-lan', 'ep-tree']) {
      expect(report(type, ['pw r1:et1', 'pw r2:et1', 'other r1:et2', 'other r2:et2']), type).toEqual([]);
    }
    for (const type of ['vpls', 'evpl', 'evp-lan', 'evp-tree', 'vxlan', 'evpn-vpws']) {
      expect(report(type, ['pw r1:et1', 'pw r2:et1', 'pw r1:et2', 'pw v100']), type).toEqual([]);
    }
  });

  it('reports each termination after the second, at its l2vpn, whatever it terminates', () => {
    const message = (type: string) => `L2VPN "pw" is point-to-point (type ${type}) and already has two terminations; it takes no more`;
    expect(report('vpws', ['pw r1:et1', 'other r1:et2', 'pw r2:et1', 'pw v100'])).toEqual([
      [RULE, 'vpn.yaml:8:13', 'error', message('vpws'), { type: 'vpws' }],
    ]);
    expect(report('ep-tree', ['pw r1:et1', 'pw r2:et1', 'pw r1:et2', 'pw r2:et2'])).toEqual([
      [RULE, 'vpn.yaml:7:13', 'error', message('ep-tree'), { type: 'ep-tree' }],
      [RULE, 'vpn.yaml:8:13', 'error', message('ep-tree'), { type: 'ep-tree' }],
    ]);
  });

  it('names the first two terminations as related locations', () => {
    const [d] = compileL2vpn('epl', ['pw r1:et1', 'pw r2:et1', 'pw r1:et2']).diagnostics;
    expect(d.related?.map((r) => [r.location.file, r.location.path, r.message])).toEqual([
      ['vpn.yaml', ['l2vpn_terminations', 0, 'l2vpn'], 'a termination of L2VPN "pw"'],
      ['vpn.yaml', ['l2vpn_terminations', 1, 'l2vpn'], 'a termination of L2VPN "pw"'],
    ]);
  });

  it('skips a termination whose L2VPN does not resolve', () => {
    expect(compileL2vpn('vpws', ['pw r1:et1', 'pw r2:et1', 'nope r1:et2']).diagnostics.map((d) => d.rule)).toEqual(['resolve/dangling-reference']);
  });
});

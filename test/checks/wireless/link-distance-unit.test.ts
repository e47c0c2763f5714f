import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'wireless/link-distance-unit';

// Two access points with one radio each; the link's extra fields go on line 2 of w.yaml.
const compileLink = (extra: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/AP-1.yaml': 'manufacturer: Acme\nmodel: AP-1\nslug: acme-ap-1\ninterfaces:\n  - name: wlan0\n    type: ieee802.11ax\n',
    'aps.yaml': 'devices:\n  - {name: ap1, device_type: acme-ap-1, role: leaf, site: ams1}\n  - {name: ap2, device_type: acme-ap-1, role: leaf, site: ams2}\n',
    'w.yaml': `wireless_links:\n  - {interface_a: "ap1:wlan0", interface_b: "ap2:wlan0"${extra}}\n`,
  });

describe(RULE, () => {
  it('accepts a distance with a unit, no distance, and a distance of zero without one', () => {
    for (const extra of [', distance: 1.25, distance_unit: km', '', ', distance: 0']) {
      expect(compileLink(extra).diagnostics.map((d) => [d.rule, at(d)])).toEqual([]);
    }
  });

  it('reports a distance without a unit, at the distance, negative ones too', () => {
    const r = compileLink(', distance: 1.25').diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'w.yaml:2:68', 'error', 'wireless link has distance 1.25 but no distance_unit', { distance: 1.25 }],
    ]);
    expect(compileLink(', distance: -3').diagnostics.map((d) => [d.rule, at(d), d.data])).toEqual([[RULE, 'w.yaml:2:68', { distance: -3 }]]);
  });
});

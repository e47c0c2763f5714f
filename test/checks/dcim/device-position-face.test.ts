import { describe, expect, it } from 'vitest';
import { at, compileRack } from '../../helpers/racks.js';

const RULE = 'dcim/device-position-face';

describe(RULE, () => {
  it('accepts a position with a face, a face without a position, and a device with neither', () => {
    expect(compileRack(['a t1f 10 front', 'b t1h 12 rear', 'c t1f - front', 'd t1f - -']).diagnostics.map((d) => [d.rule, at(d)])).toEqual([]);
  });

  it('reports a racked device with a position but no face, at its position', () => {
    const r = compileRack(['a t1f 10 front', 'b t2f 12 -']).diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'dc.yaml:6:77', 'error', 'device "b" in site "AMS1" has a rack position but no face', { position: 12 }],
    ]);
  });

  it('leaves a position without a rack to dcim/device-placement-without-rack', () => {
    expect(compileRack(['a t1f 10 - -']).diagnostics.map((d) => d.rule)).toEqual(['dcim/device-placement-without-rack']);
  });
});

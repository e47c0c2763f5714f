import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/weight-unit';

/** A device type, module type and rack type (weight fields from line 4, one per line) and a rack (line 2 of dc.yaml). */
const compileWeights = (w: { deviceType?: string; moduleType?: string; rackType?: string; rack?: string }) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/DT.yaml': `manufacturer: Acme\nmodel: DT\nslug: dt\n${w.deviceType ?? ''}`,
    'module-types/Acme/MT.yaml': `manufacturer: Acme\nmodel: MT\npart_number: mt-1\n${w.moduleType ?? ''}`,
    'rack-types/Acme/RT.yaml': `manufacturer: Acme\nmodel: RT\nslug: rt\n${w.rackType ?? ''}form_factor: 4-post-cabinet\n`,
    'dc.yaml': `racks:\n  - {name: R1, site: ams1${w.rack ?? ''}}\n`,
  });

const findings = (w: Parameters<typeof compileWeights>[0]) =>
  compileWeights(w)
    .diagnostics.filter((d) => d.rule === RULE)
    .map((d) => ({ at: at(d), data: d.data }));

describe(RULE, () => {
  it('accepts weights with a unit, no weight, and a weight of zero without one', () => {
    const all = (w: Parameters<typeof compileWeights>[0]) => compileWeights(w).diagnostics.map((d) => [d.rule, at(d)]);
    expect(all({ deviceType: 'weight: 1.5\nweight_unit: kg\n', moduleType: 'weight: 300\nweight_unit: g\n', rackType: 'weight: 125\nmax_weight: 1701\nweight_unit: kg\n', rack: ', weight: 90, max_weight: 1000, weight_unit: lb' })).toEqual([]);
    expect(all({})).toEqual([]);
    expect(all({ deviceType: 'weight: 0\n', rackType: 'weight: 0\nmax_weight: 0\n', rack: ', weight: 0, max_weight: 0' })).toEqual([]);
  });

  it('reports a weight without a unit on device types, module types, rack types and racks, at the weight', () => {
    const r = compileWeights({ deviceType: 'weight: 1.5\n', moduleType: 'weight: 300\n', rackType: 'weight: 125\n', rack: ', weight: 90' }).diagnostics.filter((d) => d.rule === RULE);
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'dc.yaml:2:36', 'error', 'rack "R1" in site "AMS1" has weight but no weight_unit', { fields: ['weight'] }],
      [RULE, 'device-types/Acme/DT.yaml:4:9', 'error', 'device type "DT" in manufacturer "Acme" has weight but no weight_unit', { fields: ['weight'] }],
      [RULE, 'module-types/Acme/MT.yaml:4:9', 'error', 'module type "MT" in manufacturer "Acme" has weight but no weight_unit', { fields: ['weight'] }],
      [RULE, 'rack-types/Acme/RT.yaml:4:9', 'error', 'rack type "RT" in manufacturer "Acme" has weight but no weight_unit', { fields: ['weight'] }],
    ]);
  });

  it('reports a maximum weight without a unit, once per object with the weight', () => {
    expect(findings({ rackType: 'max_weight: 1701\n', rack: ', max_weight: 1000' })).toEqual([
      { at: 'dc.yaml:2:40', data: { fields: ['max_weight'] } },
      { at: 'rack-types/Acme/RT.yaml:4:13', data: { fields: ['max_weight'] } },
    ]);
    expect(findings({ rackType: 'weight: 125\nmax_weight: 1701\n', rack: ', weight: 90, max_weight: 1000' })).toEqual([
      { at: 'dc.yaml:2:36', data: { fields: ['weight', 'max_weight'] } },
      { at: 'rack-types/Acme/RT.yaml:4:9', data: { fields: ['weight', 'max_weight'] } },
    ]);
  });

  it('reports a rack\'s own weight without a unit even when it has a rack type (NetBox checks it before copying the type\'s)', () => {
    expect(findings({ rackType: 'weight: 125\nweight_unit: kg\n', rack: ', rack_type: rt, weight: 90' })).toEqual([{ at: 'dc.yaml:2:51', data: { fields: ['weight'] } }]);
  });

  it('reads a weight written as 1.10 as the number it is', () => {
    expect(findings({ deviceType: 'weight: 1.10\n' })).toEqual([{ at: 'device-types/Acme/DT.yaml:4:9', data: { fields: ['weight'] } }]);
  });
});

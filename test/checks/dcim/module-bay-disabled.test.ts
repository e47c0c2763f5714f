import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/module-bay-disabled';

/** Device type DT with module bays s1 and s2; device d1 with the given bay lines from line 7 of d.yaml, then module lines. */
const compile = (bays: string, modules: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/DT.yaml': 'manufacturer: Acme\nmodel: DT\nslug: dt\nmodule-bays:\n  - {name: s1, position: "1"}\n  - {name: s2, position: "2"}\n',
    'module-types/Acme/LC.yaml': 'manufacturer: Acme\nmodel: LC\ninterfaces:\n  - {name: "et{module}", type: 10gbase-x-sfpp}\n',
    'd.yaml': `devices:\n  - name: d1\n    device_type: Acme/DT\n    role: leaf\n    site: ams1\n    module_bays:\n${bays}modules:\n${modules}`,
  });
const all = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data, d.related?.map((x) => at({ location: x.location } as any))]);

describe(RULE, () => {
  it('accepts modules in enabled bays, and a disabled bay left empty', () => {
    expect(all(compile('      - {name: s1, enabled: true}\n      - {name: s2, enabled: false}\n', '  - {device: d1, module_bay: s1, module_type: Acme/LC}\n'))).toEqual([]);
    expect(all(compile('      - {name: s3, position: "3"}\n', '  - {device: d1, module_bay: s3, module_type: Acme/LC}\n'))).toEqual([]);
  });

  it('reports a module in a disabled bay, at its module_bay', () => {
    expect(all(compile('      - {name: s2, enabled: false}\n', '  - {device: d1, module_bay: s1, module_type: Acme/LC}\n  - {device: d1, module_bay: s2, module_type: Acme/LC}\n'))).toEqual([
      [RULE, 'd.yaml:10:30', 'error', 'module "s2" in device "d1" is installed in module bay "s2" of device "d1", which is disabled (enabled: false)', { moduleBay: 's2' }, ['d.yaml:7:29']],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ref } from '../src/model/model.js';
import { BASE, briefs, compileFiles } from './helpers/compile.js';

const CHASSIS = `manufacturer: Acme
model: C-2
slug: acme-c-2
u_height: 2
module-bays:
  - name: Slot 1
    position: '1'
  - name: Slot 2
    position: '2'
  - name: Slot 3
`;
const LINECARD = `manufacturer: Acme
model: LC-2
interfaces:
  - name: et{module}/1
    type: 10gbase-x-sfpp
  - name: et{module}/2
    type: 10gbase-x-sfpp
module-bays:
  - name: SFP {module}/1
    position: '{module}/1'
`;
const SFP = `manufacturer: Acme
model: SFP-LR
interfaces:
  - name: xcvr{module}{module}
    type: 10gbase-lr
`;
const files = (modules: string) => ({
  'base.yaml': BASE,
  'device-types/Acme/C-2.yaml': CHASSIS,
  'module-types/Acme/LC-2.yaml': LINECARD,
  'module-types/Acme/SFP-LR.yaml': SFP,
  'd.yaml': `devices:\n  - {name: r1, device_type: Acme/C-2, role: leaf, site: ams1}\nmodules:\n${modules}`,
});

describe('modules', () => {
  it('adds the module type\'s components with {module} replaced by the bay position, nested bays inheriting', () => {
    const r = compileFiles(files('  - {device: r1, module_bay: SFP 2/1, module_type: Acme/SFP-LR}\n  - {device: r1, module_bay: Slot 2, module_type: Acme/LC-2}\n'));
    expect(briefs(r)).toEqual([]);
    const names = r.model.byKind.get('dcim.interface')!.map((i) => i.data.name);
    expect(names).toEqual(['et2/1', 'et2/2', 'xcvr22/1']);
    const bay = r.model.byKind.get('dcim.modulebay')!.find((b) => b.data.name === 'SFP 2/1')!;
    expect([bay.data.position, ref(bay, 'module')?.data.module_bay]).toEqual(['2/1', 'Slot 2']);
  });

  it('reports a placeholder in a bay without position, and one module per bay', () => {
    const r = compileFiles(files('  - {device: r1, module_bay: Slot 3, module_type: Acme/LC-2}\n  - {device: r1, module_bay: Slot 1, module_type: Acme/LC-2}\n  - {device: r1, module_bay: Slot 1, module_type: Acme/LC-2}\n'));
    expect(briefs(r)).toEqual(['d.yaml:4:30 error resolve/module-placeholder', 'd.yaml:6:30 error resolve/duplicate-key']);
  });

  it('reports a bay that exists nowhere', () => {
    const r = compileFiles(files('  - {device: r1, module_bay: Slot 9, module_type: Acme/LC-2}\n'));
    expect(r.diagnostics.map((d) => [d.rule, d.message])).toEqual([['resolve/dangling-reference', 'no module bay "Slot 9" in device "r1" in site "AMS1"; did you mean "Slot 1"?']]);
  });
});

// A cassette whose front ports name their rear ports, and whose outlets name their power port, with
// {module} (as patch-panel cassettes of the devicetype-library do): NetBox resolves those names with
// the same module, so each installed copy links to its own rear port and power port.
const CASSETTE = `manufacturer: Acme
model: CAS-2
rear-ports:
  - name: '{module}-MPO'
    type: mpo
    positions: 2
front-ports:
  - name: '{module}-LC1'
    type: lc
    rear_port: '{module}-MPO'
    rear_port_position: 1
  - name: '{module}-LC2'
    type: lc
    rear_port: '{module}-MPO'
    rear_port_position: 2
power-ports:
  - name: '{module}-PSU'
    type: iec-60320-c14
power-outlets:
  - name: '{module}-OUT'
    type: iec-60320-c13
    power_port: '{module}-PSU'
`;

describe('module types whose templates name each other', () => {
  const cassettes = (rearPort: string) => ({
    ...files('  - {device: r1, module_bay: Slot 1, module_type: Acme/CAS-2}\n  - {device: r1, module_bay: Slot 2, module_type: Acme/CAS-2}\n'),
    'module-types/Acme/CAS-2.yaml': CASSETTE.replace("rear_port: '{module}-MPO'\n    rear_port_position: 2", `rear_port: '${rearPort}'\n    rear_port_position: 2`),
  });

  it("resolves a front port's rear port and an outlet's power port in the same module", () => {
    const r = compileFiles(cassettes('{module}-MPO'));
    expect(briefs(r)).toEqual([]);
    const fronts = r.model.byKind.get('dcim.frontport')!.map((p) => [p.data.name, ref(p, 'rear_port')?.data.name, ref(ref(p, 'rear_port')!, 'module')?.data.module_bay]);
    expect(fronts).toEqual([
      ['1-LC1', '1-MPO', 'Slot 1'],
      ['1-LC2', '1-MPO', 'Slot 1'],
      ['2-LC1', '2-MPO', 'Slot 2'],
      ['2-LC2', '2-MPO', 'Slot 2'],
    ]);
    expect(r.model.byKind.get('dcim.poweroutlet')!.map((o) => [o.data.name, ref(o, 'power_port')?.data.name])).toEqual([
      ['1-OUT', '1-PSU'],
      ['2-OUT', '2-PSU'],
    ]);
  });

  it('reports a template reference that names no template of the module once, at the module type', () => {
    const r = compileFiles(cassettes('{module}-MPX'));
    expect(r.diagnostics.map((d) => [d.rule, d.message])).toEqual([
      ['dcim/template-reference', 'front port template "{module}-LC2" of module type "CAS-2" in manufacturer "Acme" names rear port "{module}-MPX", which is not one of the type\'s rear ports'],
    ]);
    expect(r.model.byKind.get('dcim.frontport')!.map((p) => [p.data.name, ref(p, 'rear_port')?.data.name])).toEqual([
      ['1-LC1', '1-MPO'],
      ['1-LC2', undefined],
      ['2-LC1', '2-MPO'],
      ['2-LC2', undefined],
    ]);
  });
});

describe('a module whose bay is written as a mapping', () => {
  it('is installed like one whose bay is written by name', () => {
    const r = compileFiles(files('  - {device: r1, module_bay: {device: r1, name: Slot 1}, module_type: Acme/LC-2}\n'));
    expect(briefs(r)).toEqual([]);
    expect(r.model.byKind.get('dcim.interface')!.map((i) => i.data.name)).toEqual(['et1/1', 'et1/2']);
  });
});

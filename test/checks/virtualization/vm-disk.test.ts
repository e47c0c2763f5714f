import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'virtualization/vm-disk';

// vm1 (disk on line 4) with two disks under it (sizes a and b), and a third of 5 written in the
// top-level collection; vm2 without disks.
const diagnostics = (disk: string, a = 100, b = 50) =>
  compileFiles({
    'base.yaml': BASE,
    'v.yaml': `virtual_machines:
  - name: vm1
    site: ams1
    ${disk}
    virtual_disks:
      - {name: sda, size: ${a}}
      - {name: sdb, size: ${b}}
  - {name: vm2, site: ams1, disk: 300}
virtual_disks:
  - {virtual_machine: vm1, name: sdc, size: 5}
`,
  }).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts the total of the virtual disks, no disk at all, and any disk for a VM without virtual disks', () => {
    expect(diagnostics('disk: 155')).toEqual([]);
    expect(diagnostics('status: active')).toEqual([]);
  });

  it('accepts any disk when the virtual disks add up to zero, as NetBox does', () => {
    expect(
      compileFiles({
        'base.yaml': BASE,
        'v.yaml': 'virtual_machines:\n  - {name: vm1, site: ams1, disk: 10, virtual_disks: [{name: sda, size: 0}]}\n',
      }).diagnostics,
    ).toEqual([]);
  });

  it('reports a disk that differs from the total, counting disks written apart from the VM, at disk', () => {
    expect(diagnostics('disk: 150')).toEqual([
      [RULE, 'v.yaml:4:11', 'error', 'disk of virtual machine "vm1" is 150, but its virtual disks add up to 155', { disk: 150, total: 155 }],
    ]);
    expect(diagnostics('disk: 156')).toEqual([
      [RULE, 'v.yaml:4:11', 'error', 'disk of virtual machine "vm1" is 156, but its virtual disks add up to 155', { disk: 156, total: 155 }],
    ]);
  });

  it('stays silent when a size is invalid (the schema reports it)', () => {
    expect(diagnostics('disk: 150', -1).map((d) => d[0])).toEqual(['schema/invalid-value']);
    expect(diagnostics('disk: -150').map((d) => d[0])).toEqual(['schema/invalid-value']);
  });
});

import { describe, objectsOf, ref, type Obj } from '../../model/model.js';
import type { Finding, Rule } from '../rule.js';

/** A size the schema accepts: a whole number of MB, not negative. */
function validSize(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0;
}

export const vmDisk: Rule = {
  id: 'virtualization/vm-disk',
  description: "A virtual machine's disk differs from the total size of its virtual disks.",
  severity: 'error',
  help: 'leave disk out when the virtual machine has virtual disks (NetBox sets it to their total), or write their total',
  run(model) {
    // Each virtual machine's virtual disks, in one pass; a size the schema refused makes the total unknown.
    const totals = new Map<Obj, number | undefined>();
    for (const disk of objectsOf(model, 'virtualization.virtualdisk')) {
      const vm = disk.owner ?? ref(disk, 'virtual_machine');
      if (!vm) continue;
      const size = disk.data.size;
      const before = totals.has(vm) ? totals.get(vm) : 0;
      totals.set(vm, before === undefined || !validSize(size) ? undefined : before + size);
    }
    const findings: Finding[] = [];
    for (const [vm, total] of totals) {
      const disk = vm.data.disk;
      // NetBox compares only when the disks add up to more than zero.
      if (!total || !validSize(disk) || disk === total) continue;
      findings.push({
        obj: vm,
        field: 'disk',
        message: `disk of ${describe(vm)} is ${disk}, but its virtual disks add up to ${total}`,
        data: { disk, total },
      });
    }
    return findings;
  },
};

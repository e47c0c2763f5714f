import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/device-type-child-height';

/** A device type with the given lines from line 4. */
const compileType = (lines: string) => compileFiles({ 'base.yaml': BASE, 'device-types/Acme/DT.yaml': `manufacturer: Acme\nmodel: DT\nslug: dt\n${lines}` });

describe(RULE, () => {
  it('accepts a 0U child type, and parent or plain types of any height', () => {
    const all = (lines: string) => compileType(lines).diagnostics.map((d) => [d.rule, at(d)]);
    expect(all('u_height: 0\nsubdevice_role: child\n')).toEqual([]);
    expect(all('u_height: 2\nsubdevice_role: parent\n')).toEqual([]);
    expect(all('u_height: 1\n')).toEqual([]);
    expect(all('subdevice_role: parent\n')).toEqual([]);
  });

  it('reports a child type with a height at its u_height, and one without u_height (1U by default) at its subdevice_role', () => {
    const r = compileType('u_height: 1.5\nsubdevice_role: child\n').diagnostics;
    expect(r.map((d) => [d.rule, at(d), d.severity, d.message, d.data])).toEqual([
      [RULE, 'device-types/Acme/DT.yaml:4:11', 'error', 'device type "DT" in manufacturer "Acme" is a child device type but 1.5U tall: child device types are 0U', { uHeight: 1.5, written: true }],
    ]);
    const d = compileType('subdevice_role: child\n').diagnostics;
    expect(d.map((x) => [x.rule, at(x), x.message, x.data])).toEqual([
      [RULE, 'device-types/Acme/DT.yaml:4:17', 'device type "DT" in manufacturer "Acme" is a child device type but by default 1U tall: child device types are 0U', { uHeight: 1, written: false }],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { displayName, refs } from '../src/model/model.js';
import { BASE, DEVICE_TYPE, briefs, compileFiles } from './helpers/compile.js';

const files = (cables: string) => ({
  'base.yaml': BASE,
  'device-types/Acme/X-4.yaml': DEVICE_TYPE,
  'd.yaml': 'devices:\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams1}\n  - {name: leaf2, device_type: Acme/X-4, role: leaf, site: ams1}\n  - {name: leaf1, device_type: Acme/X-4, role: leaf, site: ams2, console_server_ports: [{name: cs1, type: rj-45}]}\n',
  'power.yaml': 'power_panels:\n  - {name: PP-A, site: ams1}\npower_feeds:\n  - {name: feed-1, power_panel: ams1/PP-A}\n',
  'c.yaml': `cables:\n${cables}`,
});

describe('cables', () => {
  it('resolve compact and mapping ends, scoping ambiguous device names by site', () => {
    const r = compileFiles(
      files(
        '  - {a: "ams1/leaf1:et1", b: "leaf2:et1", type: smf, label: C-0001}\n' +
          '  - a_terminations: [{device: leaf2, console_port: con}]\n    b_terminations: [{device: ams2/leaf1, console_server_port: cs1}]\n',
      ),
    );
    expect(briefs(r)).toEqual([]);
    const [c1, c2] = r.model.byKind.get('dcim.cable')!;
    expect(refs(c1, 'a_terminations').map((o) => `${displayName(o.owner!)}:${displayName(o)}`)).toEqual(['leaf1:et1']);
    expect(refs(c2, 'a_terminations')[0].kind.kind).toBe('dcim.consoleport');
    expect(refs(c2, 'b_terminations')[0].owner!.refs.site).toMatchObject({ data: { name: 'AMS2' } });
  });

  it('reports an ambiguous device, a dangling interface and a malformed end', () => {
    const r = compileFiles(files('  - {a: "leaf1:et1", b: "leaf2:et9"}\n  - {a: {device: leaf2, interface: et1, rear_port: x}, b_terminations: [{power_panel: ams1/PP-A, power_feed: feed-1}]}\n'));
    expect(r.diagnostics.map((d) => `${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1} ${d.rule}`)).toEqual([
      '2:9 resolve/ambiguous-reference',
      '2:25 resolve/dangling-reference',
      '3:9 resolve/invalid-reference',
    ]);
  });

  it('needs both sides, each written once', () => {
    const r = compileFiles(files('  - {a: "leaf2:et1"}\n  - {a: "leaf2:et2", a_terminations: ["leaf2:mgmt"], b: "ams1/leaf1:et1"}\n'));
    expect(briefs(r)).toEqual(['c.yaml:2:5 error resolve/invalid-reference', 'c.yaml:3:9 error resolve/invalid-reference']);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'the cable has no B side: add "b" or "b_terminations"',
      'a cable\'s A side is written twice: use "a" or "a_terminations", not both',
    ]);
  });

  it('lets labels repeat (NetBox keeps cable labels unique nowhere)', () => {
    const r = compileFiles(files('  - {a: "leaf2:et1", b: "ams1/leaf1:et1", label: X}\n  - {a: "leaf2:et2", b: "ams1/leaf1:et2", label: X}\n'));
    expect(briefs(r)).toEqual([]);
    expect(r.model.byKind.get('dcim.cable')!.map((c) => [c.data.label, refs(c, 'a_terminations').map((o) => `${displayName(o.owner!)}:${displayName(o)}`)])).toEqual([
      ['X', ['leaf2:et1']],
      ['X', ['leaf2:et2']],
    ]);
  });

});

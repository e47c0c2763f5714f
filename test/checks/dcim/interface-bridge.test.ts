import { describe, expect, it } from 'vitest';
import { BASE, compileFiles } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'dcim/interface-bridge';

// Device type BR (et1, and br0 whose template line 8 gives `bridge`), module type MB (line 6 the
// same), two devices of type BR, and leaf1's own interfaces written from line 7 of d.yaml on.
const compileBridge = (typeBridge: string, moduleBridge: string, lines: string[]) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/BR.yaml': `manufacturer: Acme\nmodel: BR\nslug: br\ninterfaces:\n  - { name: et1, type: 1000base-t }\n  - name: br0\n    type: bridge\n    bridge: ${typeBridge}\n`,
    'module-types/Acme/MB.yaml': `manufacturer: Acme\nmodel: MB\ninterfaces:\n  - { name: 'm{module}', type: 1000base-t }\n  - name: mbr\n    bridge: ${moduleBridge}\n    type: bridge\n`,
    'd.yaml': `devices:
  - name: leaf1
    device_type: BR
    role: leaf
    site: ams1
    interfaces:
${lines.map((l) => `      - ${l}`).join('\n')}
  - { name: leaf2, device_type: BR, role: leaf, site: ams1 }
`,
  });

const all = (typeBridge: string, moduleBridge: string, lines: string[]) =>
  compileBridge(typeBridge, moduleBridge, lines).diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data]);

describe(RULE, () => {
  it('accepts interfaces and templates bridged to another interface of their device or type', () => {
    expect(all('et1', "'m{module}'", ['{ name: et2, type: 1000base-t, bridge: br0 }', '{ name: br1, type: bridge, bridge: br0 }'])).toEqual([]);
  });

  it('reports an interface written bridged to itself, at its bridge', () => {
    expect(all('et1', "'m{module}'", ['{ name: br1, type: bridge, bridge: br1 }'])).toEqual([
      [RULE, 'd.yaml:7:44', 'error', 'interface "br1" of device "leaf1" is bridged to itself', { bridge: 'br1' }],
    ]);
  });

  it('reports a device or module type template bridged to itself once, at the type, not on every device or where a device completes it', () => {
    expect(all('br0', 'mbr', ['{ name: br0, description: completed }'])).toEqual([
      [RULE, 'device-types/Acme/BR.yaml:8:13', 'error', 'interface template "br0" of device type "BR" in manufacturer "Acme" is bridged to itself', { bridge: 'br0' }],
      [RULE, 'module-types/Acme/MB.yaml:6:13', 'error', 'interface template "mbr" of module type "MB" in manufacturer "Acme" is bridged to itself', { bridge: 'mbr' }],
    ]);
  });

  it('reports a device that bridges a template to itself where the template does not', () => {
    expect(all('et1', "'m{module}'", ['{ name: br0, bridge: br0 }']).map((d) => [d[0], d[1], d[3]])).toEqual([
      [RULE, 'd.yaml:7:30', 'interface "br0" of device "leaf1" is bridged to itself'],
    ]);
  });
});

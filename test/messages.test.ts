import { describe, expect, it } from 'vitest';
import { compileFiles } from './helpers/compile.js';

// Messages that say what is wrong in the user's words.

const BASE = `sites:
  - { name: S, slug: s }
manufacturers:
  - { name: Acme, slug: acme }
device_roles:
  - { name: Leaf, slug: leaf }
`;
const TYPE = 'manufacturer: Acme\nmodel: X\nslug: x\ninterfaces:\n  - { name: et1, type: 1000base-t }\n';
const devices = (interfaces: string) => `devices:\n  - name: d1\n    device_type: Acme/X\n    role: leaf\n    site: s\n    interfaces:\n      - ${interfaces}\n  - { name: d2, device_type: Acme/X, role: leaf, site: s }\n`;

function report(files: Record<string, string>) {
  return compileFiles({ 'device-types/Acme/X.yaml': TYPE, 'base.yaml': BASE, ...files }).diagnostics.map((d) => [
    d.rule,
    `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`,
    d.message,
    d.modelPath,
  ]);
}

describe('messages', () => {
  it('a device type file written as collections is one mistake, its layout; devices of the type are not reported again', () => {
    expect(report({ 'device-types/Acme/Y.yaml': 'device_types:\n  - { manufacturer: Acme, model: Y, slug: y }\n', 'd.yaml': 'devices:\n  - { name: d3, device_type: Acme/Y, role: leaf, site: s }\n' })).toEqual([
      ['schema/wrong-type', 'device-types/Acme/Y.yaml:1:1', 'a file under device-types/ holds one device type, its fields at the top (the devicetype-library layout), not collections like "device_types"', undefined],
    ]);
  });

  it('an address without its prefix length says so', () => {
    expect(report({ 'd.yaml': devices('{ name: et1, ip_addresses: [10.255.0.1, "2001:db8::1"] }') })).toEqual([
      ['schema/invalid-value', 'd.yaml:7:37', '"10.255.0.1" is not a valid ip_addresses: the prefix length is missing (write 10.255.0.1/32 for a host, or the length of its subnet)', 'devices[name=d1].interfaces[name=et1].ip_addresses[0]'],
      ['schema/invalid-value', 'd.yaml:7:49', '"2001:db8::1" is not a valid ip_addresses: the prefix length is missing (write 2001:db8::1/128 for a host, or the length of its subnet)', 'devices[name=d1].interfaces[name=et1].ip_addresses[1]'],
    ]);
  });

  it('a component written under a device whose device field names another device is an error there', () => {
    expect(report({ 'd.yaml': devices('{ name: et1, device: d2 }') })).toEqual([
      ['resolve/wrong-scope', 'd.yaml:7:30', '"device" names device "d2" in site "S", but this interface is written under device "d1" in site "S"', 'devices[name=d1]'],
    ]);
    // Naming its own device is only redundant.
    expect(report({ 'd.yaml': devices('{ name: et1, device: d1 }') })).toEqual([]);
  });

  it('an unlabelled cable is named by its ends', () => {
    expect(report({ 'd.yaml': devices('{ name: et1 }'), 'c.yaml': 'cables:\n  - { a: d1:et1, b: d2:zz }\n  - { a_terminations: [d2:et1], b_terminations: [d1:et9, d2:et8] }\n' })).toEqual([
      ['resolve/dangling-reference', 'c.yaml:2:21', 'no interface "d2:zz"', 'cables[a=d1:et1,b=d2:zz]'],
      ['resolve/dangling-reference', 'c.yaml:3:50', 'no interface "d1:et9"', 'cables[a=d2:et1,b=d1:et9+d2:et8]'],
      ['resolve/dangling-reference', 'c.yaml:3:58', 'no interface "d2:et8"', 'cables[a=d2:et1,b=d1:et9+d2:et8]'],
    ]);
  });
});

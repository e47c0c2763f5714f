import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { readExample } from './hostile/mutations.js';
import { BASE, DEVICE_TYPE, compileFiles } from './helpers/compile.js';

// One mistake, one error: what follows from a problem already reported (a name that could not be read,
// a file that could not be parsed, an object left out) is not reported again elsewhere.

const example = readExample();

/** Every diagnostic of inventory-example with one file edited: `file:line:col severity rule message`. */
function editExample(file: string, edit: (text: string) => string): string[] {
  const text = example.get(file)!;
  const edited = edit(text);
  expect(edited).not.toBe(text);
  const files = [...example].map(([f, t]) => ({ file: f, text: f === file ? edited : t }));
  return compile(files).diagnostics.map(show);
}

function show(d: { location: { file: string; range?: { start: { line: number; column: number } } }; severity: string; rule: string; message: string }): string {
  return `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1} ${d.severity} ${d.rule} ${d.message}`;
}

describe('a mistake in inventory-example is reported once, where it was made', () => {
  it('a tab in a site file: one syntax error, and no reference to what the file defines dangles', () => {
    expect(editExample('sites/ams2.yaml', (t) => t.replace('    status: active\n    region: amsterdam', '    status: active\n\tregion: amsterdam'))).toEqual([
      'sites/ams2.yaml:12:1 error yaml/syntax a tab indents this line: YAML indents with spaces only',
    ]);
  });

  it('a mis-indented list item: one syntax error in plain words', () => {
    expect(editExample('sites/ams2.yaml', (t) => t.replace('  - name: Roof\n', ' - name: Roof\n'))).toEqual([
      'sites/ams2.yaml:31:1 error yaml/syntax this line is not indented like the lines around it (A block sequence may not be used as an implicit map key)',
    ]);
  });

  it('a wrong device type: its components are not missing on the cables that use them', () => {
    expect(editExample('sites/ams2.yaml', (t) => t.replace('device_type: Opengear/CM8148', 'device_type: Opengear/CM8149'))).toEqual([
      'sites/ams2.yaml:52:18 error resolve/dangling-reference no device type "Opengear/CM8149"; did you mean "opengear-cm8148"?',
    ]);
  });

  it('an address without its prefix length: the primary IP that names it does not dangle', () => {
    expect(editExample('ipam/ip-addresses.yaml', (t) => t.replace('  - address: 10.1.255.1/32\n', '  - address: 10.1.255.1\n'))).toEqual([
      'ipam/ip-addresses.yaml:6:14 error schema/invalid-value "10.1.255.1" is not a valid address: the prefix length is missing (write 10.1.255.1/32 for a host, or the length of its subnet)',
    ]);
  });

  it('a forbidden key is reported and left out: the object is read, and what refers to it resolves', () => {
    expect(editExample('sites/ams2.yaml', (t) => t.replace('  - name: AMS2\n', '  - __proto__: x\n    name: AMS2\n'))).toEqual([
      'sites/ams2.yaml:9:5 error yaml/forbidden-key the key "__proto__" is not allowed anywhere in an inventory',
    ]);
  });
});

const rack = (extra: string) => `racks:\n  - name: R1\n    site: ams1\n${extra}`;
const lines = (files: Record<string, string>) => compileFiles({ 'base.yaml': BASE, 'device-types/Acme/X-4.yaml': DEVICE_TYPE, ...files }).diagnostics.map(show);

describe('what is not the same mistake is still reported', () => {
  it('a site whose slug is a mapping: references to sites are not reported, a reference to another kind is', () => {
    expect(lines({ 's.yaml': 'sites:\n  - name: LON1\n    slug: { x: 1 }\n', 'r.yaml': rack('  - name: R2\n    site: lon1\n    role: nope\n') })).toEqual([
      'r.yaml:6:11 error resolve/dangling-reference no rack role "nope"',
      's.yaml:3:11 error schema/wrong-type "slug" must be a text, not a mapping',
    ]);
  });

  it('with every key readable, a reference to a missing site dangles', () => {
    expect(lines({ 'r.yaml': rack('  - name: R2\n    site: lon1\n') })).toEqual(['r.yaml:5:11 error resolve/dangling-reference no site "lon1"']);
  });

  it('a misspelt field is one error, not a missing field too', () => {
    expect(lines({ 'r.yaml': 'racks:\n  - name: R1\n    sitee: ams1\n' })).toEqual(['r.yaml:3:5 error schema/unknown-field unknown field "sitee" in rack; did you mean "site"?']);
  });

  it('a required field missing is one error, not also the partner another field needs', () => {
    expect(lines({ 'p.yaml': 'prefixes:\n  - prefix: 10.0.0.0/24\n    scope: ams1\n' })).toEqual(['p.yaml:3:5 error schema/missing-field "scope" needs "scope_type" as well']);
  });
});

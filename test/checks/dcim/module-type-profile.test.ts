import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../helpers/compile.js';

const PROFILE = 'module_type_profiles:\n  - name: PSU\n    schema: {type: object, properties: {watts: {type: integer, minimum: 1}}, additionalProperties: false}\n';
const type = (attributes: string) => `manufacturer: Acme\nmodel: PSU-1\nprofile: PSU\n${attributes}`;

const findings = (attributes: string) =>
  compileFiles({ 'p.yaml': PROFILE, 'module-types/Acme/PSU-1.yaml': type(attributes) })
    .diagnostics.filter((d) => d.rule === 'dcim/module-type-profile')
    .map((d) => [`${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.message]);

describe('dcim/module-type-profile', () => {
  it('accepts attribute data that conforms', () => {
    expect(findings('attribute_data: {watts: 650}\n')).toEqual([]);
  });
  it('reports attribute data that does not conform', () => {
    expect(findings('attribute_data: {watts: 0, volts: 12}\n')).toEqual([
      ['module-types/Acme/PSU-1.yaml:4:17', 'attribute_data does not conform to the schema of profile "PSU": the data must NOT have additional properties; watts must be >= 1'],
    ]);
  });
});

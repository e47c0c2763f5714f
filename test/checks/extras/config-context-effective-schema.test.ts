import { describe, expect, it } from 'vitest';
import type { CompileResult } from '../../../src/compile.js';
import { BASE, compileFiles, DEVICE_TYPE } from '../../helpers/compile.js';
import { at } from '../../helpers/racks.js';

const RULE = 'extras/config-context-effective-schema';
const DEVICES = `devices:
  - { name: leaf1, site: AMS1, device_type: Acme/X-4, role: leaf }
  - { name: leaf2, site: AMS1, device_type: Acme/X-4, role: leaf }
  - { name: leaf3, site: AMS2, device_type: Acme/X-4, role: leaf, local_context_data: { ntp: { servers: [] } } }
`;

const SCHEMA = '{ type: object, required: [ntp], properties: { ntp: { type: object, required: [servers], properties: { servers: { type: array, minItems: 1, items: { type: string } } } } } }';

const rows = (r: CompileResult) => r.diagnostics.map((d) => [d.rule, at(d), d.severity, d.message, d.data, d.related?.map((x) => at({ location: x.location } as any))]);
const compileContexts = (contexts: string) =>
  compileFiles({ 'base.yaml': BASE, 'device-types/acme-x-4.yaml': DEVICE_TYPE, 'd.yaml': DEVICES, 'c.yaml': `config_contexts:\n${contexts}` });

describe(RULE, () => {
  it('accepts merged contexts that meet the schema however the parts are spread, and reports local data that breaks it', () => {
    expect(
      rows(
        compileContexts(`  - { name: shape, effective_schema: ${SCHEMA}, data: {} }
  - { name: ntp, weight: 10, data: { ntp: { servers: [192.0.2.1] } } }
  - { name: ams2, weight: 20, sites: [AMS2], data: { ntp: { servers: [192.0.2.2] } } }
`),
      ),
    ).toEqual([
      // leaf3's own empty list wins over every context: that one is its own mistake.
      [RULE, 'd.yaml:4:105', 'error', 'the config context of device "leaf3" in site "AMS2" does not meet the effective_schema of context "shape": ntp.servers must NOT have fewer than 1 items', { schema: 'shape', problem: 'ntp.servers must NOT have fewer than 1 items', objects: ['leaf3'] }, ['c.yaml:2:38']],
    ]);
  });

  it('reports a bad value once, where it is written, naming every object that inherits it', () => {
    expect(
      rows(
        compileContexts(`  - { name: shape, effective_schema: ${SCHEMA}, data: {} }
  - { name: ntp, weight: 10, sites: [AMS1], data: { ntp: { servers: [1] } } }
  - { name: ams2, sites: [AMS2], data: { ntp: { servers: [192.0.2.2] } } }
`),
      ),
    ).toEqual([
      [RULE, 'c.yaml:3:70', 'error', 'the config context of 2 objects ("leaf1", "leaf2") does not meet the effective_schema of context "shape": ntp.servers.0 must be string', { schema: 'shape', problem: 'ntp.servers.0 must be string', objects: ['leaf1', 'leaf2'] }, ['c.yaml:2:38']],
      [RULE, 'd.yaml:4:105', 'error', 'the config context of device "leaf3" in site "AMS2" does not meet the effective_schema of context "shape": ntp.servers must NOT have fewer than 1 items', { schema: 'shape', problem: 'ntp.servers must NOT have fewer than 1 items', objects: ['leaf3'] }, ['c.yaml:2:38']],
    ]);
  });

  it('reports a key that no context supplies at the schema that requires it, through a profile too', () => {
    const r = compileFiles({
      'base.yaml': BASE,
      'device-types/acme-x-4.yaml': DEVICE_TYPE,
      'd.yaml': DEVICES.split('\n').slice(0, 3).join('\n') + '\n',
      'c.yaml': `config_context_profiles:\n  - { name: Mgmt, effective_schema: ${SCHEMA} }\nconfig_contexts:\n  - { name: dns, profile: Mgmt, data: { dns: [192.0.2.53] } }\n`,
    });
    expect(rows(r)).toEqual([
      [RULE, 'c.yaml:2:37', 'error', 'the config context of 2 objects ("leaf1", "leaf2") does not meet the effective_schema of profile "Mgmt": the config context must have required property \'ntp\'', { schema: 'Mgmt', problem: "the config context must have required property 'ntp'", objects: ['leaf1', 'leaf2'] }, undefined],
    ]);
  });

  it('reports an effective_schema that is not a JSON Schema once, and judges nothing with it', () => {
    const r = compileContexts(`  - { name: shape, effective_schema: { type: bogus }, data: {} }\n`);
    expect(rows(r).map((row) => [row[1], String(row[3]).split(':')[0]])).toEqual([['c.yaml:2:38', 'the effective_schema of context "shape" is not a valid JSON Schema']]);
  });
  it('a context whose data contains itself through a YAML alias is one error at the alias, before any schema sees it', () => {
    const r = compileContexts(`  - name: tree
    effective_schema: {type: object, properties: {child: {$ref: '#'}}}
    data: &d
      child: *d
`);
    expect(rows(r).map((row) => [row[0], row[1]])).toEqual([['yaml/alias-cycle', 'c.yaml:5:14']]);
  });

});

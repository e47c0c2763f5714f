import { describe, expect, it } from 'vitest';
import { BASE, DEVICE_TYPE, compileFiles } from '../../helpers/compile.js';

const findings = (tags: string) =>
  compileFiles({
    'base.yaml': BASE,
    'device-types/Acme/X-4.yaml': DEVICE_TYPE,
    't.yaml': 'tags:\n  - {name: Uplink, slug: uplink, object_types: [dcim.interface]}\n  - {name: Prod, slug: prod}\n',
    'd.yaml': `devices:\n  - name: d1\n    device_type: acme-x-4\n    role: leaf\n    site: ams1\n    tags: ${tags}\n    interfaces:\n      - {name: et1, tags: [uplink]}\n`,
  })
    .diagnostics.filter((d) => d.rule === 'extras/tag-object-type')
    .map((d) => [`${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`, d.data]);

describe('extras/tag-object-type', () => {
  it('accepts tags limited to the kind, and tags limited to nothing', () => {
    expect(findings('[prod, Prod]')).toEqual([]);
  });
  it('reports a tag applied to a kind it is not limited to, at the tag', () => {
    expect(findings('[prod, uplink]')).toEqual([['d.yaml:6:18', { tag: 'uplink', kind: 'dcim.device', allowed: ['dcim.interface'] }]]);
  });
});

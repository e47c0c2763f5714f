import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectsOf, type Obj } from '../../src/model/model.js';
import { TemplateRenderer } from '../../src/outputs/render.js';
import { compareNatural, templateEnvironment, vlanRanges } from '../../src/outputs/template-helpers.js';
import { compileFiles } from '../helpers/compile.js';

const { hb, knownHelpers } = templateEnvironment();
const run = (text: string, context: Record<string, unknown> = {}) => hb.compile(text, { knownHelpersOnly: true, knownHelpers, noEscape: true })(context);

describe('template helpers', () => {
  it('IP helpers read address/len text', () => {
    const a = '10.1.2.3/24';
    expect(run('{{address a}} {{prefix_length a}} {{netmask a}} {{wildcard a}} {{hostmask a}} {{network a}} {{broadcast a}} {{family a}}', { a })).toBe(
      '10.1.2.3 24 255.255.255.0 0.0.0.255 0.0.0.255 10.1.2.0 10.1.2.255 4',
    );
    const b = '2001:DB8:0:0:1::5/64';
    expect(run('{{address b}} {{netmask b}} {{network b}} {{broadcast b}} {{family b}}', { b })).toBe('2001:db8::1:0:0:5 ffff:ffff:ffff:ffff:: 2001:db8:: 2001:db8::ffff:ffff:ffff:ffff 6');
    expect(() => run('{{address a}}', { a: '10.0.0.1' })).toThrow('address takes an address with its length (address/len), not "10.0.0.1"');
  });

  it('sort_natural orders names as devices list them', () => {
    const names = ['Ethernet1/10', 'Ethernet1/2', 'et-0/0/10', 'et-0/0/2', 'Ethernet2', 'Ethernet10'];
    expect(run('{{#each (sort_natural l)}}{{this}} {{/each}}', { l: names })).toBe('Ethernet1/2 Ethernet1/10 Ethernet2 Ethernet10 et-0/0/2 et-0/0/10 ');
    expect(run('{{#each (sort_natural l)}}{{name}},{{/each}}', { l: [{ name: 'xe-0/0/10' }, { name: 'xe-0/0/9' }] })).toBe('xe-0/0/9,xe-0/0/10,');
  });

  it('compareNatural is a total order consistent with equality', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
        expect(Math.sign(compareNatural(a, b)) + Math.sign(compareNatural(b, a))).toBe(0);
        expect(compareNatural(a, b) === 0).toBe(a === b);
        if (compareNatural(a, b) < 0 && compareNatural(b, c) < 0) expect(compareNatural(a, c)).toBeLessThan(0);
      }),
    );
  });

  it('vlan_ranges joins runs; every VID is covered once', () => {
    expect(run('{{vlan_ranges l}}', { l: [5, 1, 3, 2, 3] })).toBe('1-3,5');
    expect(run('{{vlan_ranges l " "}}', { l: [{ vid: 10 }, { vid: 11 }, { vid: 20 }] })).toBe('10-11 20');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4094 })), (vids) => {
        const back = vlanRanges(vids)
          .split(',')
          .filter(Boolean)
          .flatMap((r) => {
            const [lo, hi] = r.split('-').map(Number);
            return Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);
          });
        expect(back).toEqual([...new Set(vids)].sort((a, b) => a - b));
      }),
    );
  });

  it('join, default, comparisons, case, json, indent, replace', () => {
    expect(run('{{join l}}|{{join l " "}}', { l: ['a', 'b'] })).toBe('a,b|a b');
    expect(run('{{default x "y"}}|{{default z "y"}}', { x: '', z: 'z' })).toBe('y|z');
    expect(run('{{eq a a}} {{ne a b}} {{lt a b}} {{gt a b}} {{and a l}} {{or a l}} {{not l}}', { a: 1, b: 2, l: [] })).toBe('true true true false false true true');
    expect(run('{{lower "AbC"}}{{upper "AbC"}}')).toBe('abcABC');
    expect(run('{{json o}}', { o: { b: 1, a: [true] } })).toBe('{\n  "a": [\n    true\n  ],\n  "b": 1\n}');
    expect(run('{{#indent 3}}a\n\nb\n{{/indent}}|{{indent "x" 1}}')).toBe('   a\n\n   b\n| x');
    expect(run('{{replace "Port-Channel12" "Port-Channel" ""}}')).toBe('12');
  });

  it('only sot\'s helpers exist', () => {
    expect(() => run('{{log "x"}}')).toThrow('knownHelpersOnly');
    expect(() => run('{{nope x}}')).toThrow('knownHelpersOnly');
  });
});

const INVENTORY = {
  'data.yaml': `
sites: [{name: AMS1, slug: ams1}]
manufacturers: [{name: Acme, slug: acme}]
device_types: [{manufacturer: acme, model: X, slug: x}]
device_roles: [{name: Leaf, slug: leaf, config_template: by-role}, {name: Plain, slug: plain}]
platforms: [{name: EOS, slug: eos, config_template: by-platform}]
config_templates:
  - name: by-role
    template_code: |
      hostname {{device.name}} at {{device.site.name}}
      {{#each (sort_natural device.interfaces)}}
      interface {{name}}{{#each ip_addresses}} {{this.address}} in {{prefix.prefix}}{{/each}}{{#each link_peers}} peer {{device.name}}:{{name}}{{/each}}
      {{/each}}
      ntp {{join ntp.servers " "}}
  - name: by-platform
    template_code: "platform {{device.nmae}}"
  - name: own
    file: own.hbs
  - name: broken
    template_code: |
      ok
      {{#if x}}
  - name: proto
    template_code: "[{{constructor}}]"
  - name: proto-nested
    template_code: "[{{device.constructor}}{{device.__proto__}}{{device.interfaces.constructor}}]"
  - name: helper-arg
    template_code: |
      hostname {{device.name}}
      ntp {{join ntp.servers " "}}
prefixes: [{prefix: 10.0.0.0/24}]
devices:
  - name: d1
    device_type: acme/x
    role: leaf
    site: ams1
    interfaces:
      - {name: et10, type: 10gbase-x-sfpp, ip_addresses: [{address: 10.0.0.1/24}]}
      - {name: et2, type: 10gbase-x-sfpp}
  - {name: d2, device_type: acme/x, role: plain, platform: eos, site: ams1, interfaces: [{name: et1, type: 10gbase-x-sfpp}]}
  - {name: d3, device_type: acme/x, role: plain, site: ams1, config_template: own}
  - {name: d4, device_type: acme/x, role: plain, site: ams1, config_template: broken}
  - {name: d5, device_type: acme/x, role: plain, site: ams1, config_template: proto}
  - {name: d6, device_type: acme/x, role: plain, site: ams1, config_template: proto-nested}
  - {name: d7, device_type: acme/x, role: plain, site: ams1, config_template: helper-arg}
cables:
  - {a: d1:et2, b: d2:et1}
`,
};

describe('rendering', () => {
  const result = compileFiles(INVENTORY);
  const device = (name: string): Obj => objectsOf(result.model, 'dcim.device').find((d) => d.data.name === name)!;
  const renderer = new TemplateRenderer(result.model, { root: '/nonexistent', texts: new Map([['data.yaml', INVENTORY['data.yaml']]]) });
  const brief = (r: ReturnType<TemplateRenderer['render']>) =>
    'text' in r ? r.text : r.diagnostics.map((d) => `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1} ${d.rule} ${d.message}`);

  it('the inventory is valid', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('renders the resolved device with its role\'s template and its config context at the top level', () => {
    expect(brief(renderer.render(device('d1'), { ntp: { servers: ['192.0.2.1', '192.0.2.2'] } }))).toBe(
      'hostname d1 at AMS1\ninterface et2 peer d2:et1\ninterface et10 10.0.0.1/24 in 10.0.0.0/24\nntp 192.0.2.1 192.0.2.2\n',
    );
  });

  it('a missing variable is located in the template_code block and names the device', () => {
    const r = renderer.render(device('d2'), {});
    expect(brief(r)).toEqual(['data.yaml:16:20 template/missing-variable device d2 has no "device.nmae" for config template "by-platform"']);
    expect('diagnostics' in r && r.diagnostics[0].data).toEqual({ template: 'by-platform', device: 'd2', variable: 'device.nmae', templateLine: 1, templateColumn: 12 });
  });

  it('a template that does not compile, or whose file is missing', () => {
    expect(brief(renderer.render(device('d3')))).toEqual(['data.yaml:18:11 template/missing-file config template "own" names "own.hbs", which is not a file of the inventory']);
  });

  it('a missing object inside a helper argument ({{join ntp.servers}}) is a missing variable at the argument', () => {
    expect(brief(renderer.render(device('d7'), { ntp: { servers: ['192.0.2.1'] } }))).toBe('hostname d7\nntp 192.0.2.1\n');
    expect(brief(renderer.render(device('d7'), {}))).toEqual(['data.yaml:30:18 template/missing-variable device d7 has no "ntp" for config template "helper-arg" (read as ntp.servers)']);
  });
  it('a block never closed is located at its opening inside the template_code block', () => {
    expect(brief(renderer.render(device('d4')))).toEqual(['data.yaml:22:7 template/syntax config template "broken" is not valid Handlebars: {{#if}} is never closed with {{/if}}']);
  });
  it('prototype members are never readable', () => {
    expect(brief(renderer.render(device('d5')))).toEqual(['data.yaml:24:20 template/missing-variable device d5 has no "constructor" for config template "proto"']);
    const r = brief(renderer.render(device('d6')));
    expect(r).toEqual(['data.yaml:26:20 template/missing-variable device d6 has no "device.constructor" for config template "proto-nested"']);
  });

  it('compiles each template once', () => {
    const c = renderer.compile(objectsOf(result.model, 'extras.configtemplate')[0]);
    expect(renderer.compile(objectsOf(result.model, 'extras.configtemplate')[0])).toBe(c);
  });
});

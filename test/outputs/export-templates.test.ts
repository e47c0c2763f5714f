import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { objectsOf, type Obj } from '../../src/model/model.js';
import { exportPaths, renderExports } from '../../src/outputs/build.js';
import { exportQueryset, TemplateRenderer } from '../../src/outputs/render.js';
import { compileFiles } from '../helpers/compile.js';

const DATA = `
sites:
  - {name: AMS10, slug: ams10, description: "Fish & <Chips>"}
  - {name: AMS2, slug: ams2}
  - {name: AMS1, slug: ams1, description: 'say "hi"'}
tenants: [{name: NetOps, slug: netops}]
export_templates:
  - name: Sites
    object_types: [dcim.site]
    file_extension: html
    template_code: |
      {{#each queryset}}
      <tr><td>{{name}}</td><td>{{description}}</td><td>{{{description}}}</td></tr>
      {{/each}}
  - name: Everything
    object_types: [dcim.site, tenancy.tenant]
    template_code: "{{#each queryset}}{{display}};{{/each}}"
  - name: Strict
    object_types: [dcim.site]
    template_code: |
      {{#each queryset}}
      {{name}} {{#if region}}{{region.name}}{{/if}} {{tenant.name}}
      {{/each}}
  - name: From a file
    object_types: [tenancy.tenant]
    file: exports/tenants.hbs
  - name: Built in
    object_types: [tenancy.tenant]
    file: builtin:nonesuch.hbs
  - name: Broken
    object_types: [tenancy.tenant]
    template_code: |
      ok
      {{#each queryset}}
`;

const brief = (d: Diagnostic) => `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1} ${d.rule} ${d.message}`;

describe('export templates', () => {
  const root = mkdtempSync(join(tmpdir(), 'sot-export-'));
  mkdirSync(join(root, 'exports'));
  writeFileSync(join(root, 'exports/tenants.hbs'), '{{#each queryset}}{{slug}}\n{{/each}}');
  const result = compileFiles({ 'data.yaml': DATA });
  const template = (name: string): Obj => objectsOf(result.model, 'extras.exporttemplate').find((t) => t.data.name === name)!;
  const renderer = new TemplateRenderer(result.model, { root, texts: new Map([['data.yaml', DATA]]) });
  const render = (name: string) => {
    const r = renderer.renderExport(template(name));
    return 'text' in r ? r.text : r.diagnostics.map(brief);
  };

  it('the inventory is valid, with template_code or file', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('sees its objects as queryset, by name in natural order, and escapes HTML in {{ }} but not in {{{ }}}', () => {
    expect(render('Sites')).toBe(
      '<tr><td>AMS1</td><td>say &quot;hi&quot;</td><td>say "hi"</td></tr>\n' +
        '<tr><td>AMS2</td><td></td><td></td></tr>\n' +
        '<tr><td>AMS10</td><td>Fish &amp; &lt;Chips&gt;</td><td>Fish & <Chips></td></tr>\n',
    );
  });

  it('exports the kinds of object_types in the order written', () => {
    expect(exportQueryset(result.model, template('Everything')).map((o) => o.data.name)).toEqual(['AMS1', 'AMS2', 'AMS10', 'NetOps']);
    expect(render('Everything')).toBe('AMS1;AMS2;AMS10;NetOps;');
  });

  it('is strict: a missing variable is located in the template and names the first object without it', () => {
    const r = renderer.renderExport(template('Strict'));
    expect('diagnostics' in r && r.diagnostics.map(brief)).toEqual(['data.yaml:22:55 template/missing-variable site AMS1 has no "tenant.name" for export template "Strict"']);
    expect('diagnostics' in r && r.diagnostics[0].data).toEqual({ template: 'Strict', object: 'AMS1', kind: 'dcim.site', variable: 'tenant.name', templateLine: 2, templateColumn: 49 });
  });

  it('reads a file of the inventory; a missing built-in or a syntax error is a template problem', () => {
    expect(render('From a file')).toBe('netops\n');
    expect(render('Built in')).toEqual(['data.yaml:29:11 template/missing-file export template "Built in" names "builtin:nonesuch.hbs", which is not one of sot\'s built-in templates']);
    expect(render('Broken')).toEqual([
      'data.yaml:34:7 template/syntax export template "Broken" is not valid Handlebars: {{#each}} is never closed with {{/each}}',
    ]);
  });

  it('renderExports writes exports/<file_name or name>.<file_extension or txt>, and reports every problem', () => {
    const out = renderExports(result.model, { root, texts: new Map([['data.yaml', DATA]]) });
    expect(out.files.map((f) => f.path)).toEqual(['exports/Sites.html', 'exports/Everything.txt', 'exports/From a file.txt']);
    expect(out.diagnostics.map((d) => d.rule)).toEqual(['template/missing-variable', 'template/missing-file', 'template/syntax']);
  });
});

describe('export paths', () => {
  const paths = (templates: Record<string, unknown>[]) =>
    [...exportPaths(templates.map((data, id) => ({ id, data, kind: { kind: 'extras.exporttemplate', key: { names: ['name'] } } }) as unknown as Obj)).values()];

  it('take file_name over the name, drop leading dots of the extension, and number names taken (in any case)', () => {
    expect(paths([{ name: 'Devices', file_name: 'devices', file_extension: '.csv' }, { name: 'b', file_name: 'DEVICES', file_extension: 'csv' }, { name: 'devices-2', file_extension: 'csv' }, { name: 'x', file_extension: '' }])).toEqual([
      'exports/devices.csv',
      'exports/DEVICES-2.csv',
      'exports/devices-2-2.csv',
      'exports/x.txt',
    ]);
  });
});

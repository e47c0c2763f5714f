import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/checks/index.js';
import { allRules } from '../src/diagnostics/catalog.js';
import { loadSchemas } from '../src/model/kinds.js';
import { Validators, loadAjv, makeAjv } from '../src/validate/ajv.js';
import { kindsDoc } from '../src/outputs/kinds-doc.js';

const ROOT = join(import.meta.dirname, '..');

describe('conventions', () => {
  it('every rule id has a docs page and a line in the rules index', () => {
    const index = readFileSync(join(ROOT, 'docs/rules/README.md'), 'utf8');
    const missing = Object.keys(allRules()).filter((id) => !existsSync(join(ROOT, 'docs/rules', `${id}.md`)) || !index.includes(`${id}.md`));
    expect(missing).toEqual([]);
  });

  it('the NetBox coverage table (docs/rules.md) names every NetBox rule of the registry, and only rules that exist', () => {
    const table = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
    const cited = new Set([...table.matchAll(/\]\(rules\/([a-z]+\/[a-z0-9-]+)\.md\)/g)].map((m) => m[1]));
    expect([...cited].filter((id) => !(id in allRules()))).toEqual([]);
    // Opt-in lint rules go beyond NetBox; the table lists those that stand in for a rule NetBox's UI applies.
    expect(RULES.filter((r) => !r.optIn && !cited.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('every semantic rule has its own file, registry entry and test file', () => {
    for (const rule of RULES) {
      const [app, name] = rule.id.split('/');
      expect(existsSync(join(ROOT, 'src/checks', app, `${name}.ts`)), rule.id).toBe(true);
      expect(existsSync(join(ROOT, 'test/checks', app, `${name}.test.ts`)), rule.id).toBe(true);
    }
    const files = readdirSync(join(ROOT, 'src/checks'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(ROOT, 'src/checks', d.name)).map((f) => `${d.name}/${f.replace(/\.ts$/, '')}`));
    expect(files.sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('every rule id that the source emits is in the catalog', () => {
    const ids = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/(?:rule|id): '([a-z]+\/[a-z-]+)'/g)) ids.add(m[1]);
      }
    };
    walk(join(ROOT, 'src'));
    const known = Object.keys(allRules());
    expect([...ids].filter((id) => !known.includes(id))).toEqual([]);
  });

  it('every schema compiles in strict mode, in both variants', () => {
    const schemas = loadSchemas();
    for (const allErrors of [false, true]) {
      const ajv = loadAjv(makeAjv(allErrors), schemas);
      for (const kind of schemas.kinds.values()) expect(() => ajv.getSchema(kind.schemaId), kind.schemaFile).not.toThrow();
      expect(() => ajv.getSchema('urn:sot:settings')).not.toThrow();
    }
  });

  it('the build has compiled the validators of these very schemas (npm run build)', () => {
    expect(new Validators(loadSchemas()).precompiled).toBe(true);
    expect(new Validators(loadSchemas(), { 'dcim.Site.status+': ['closed'] }).precompiled).toBe(false);
  });

  it('docs/kinds.md is what the schemas generate (npm run docs)', () => {
    expect(readFileSync(join(ROOT, 'docs/kinds.md'), 'utf8')).toBe(kindsDoc(loadSchemas()));
  });
});

describe('object types', () => {
  it('the object-type choice lists exactly the kinds sot knows', () => {
    const schemas = loadSchemas();
    const common = schemas.documents.get('urn:sot:defs:common')!;
    expect(common.$defs['object-type'].enum).toEqual([...schemas.kinds.keys()].sort());
  });
});

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { _ } from 'ajv/dist/compile/codegen/index.js';
import { packageRoot, type SchemaSet } from '../model/kinds.js';

const ANNOTATIONS = [
  'x-kind',
  'x-collection',
  'x-key',
  'x-tree',
  'x-parent',
  'x-required-when-new',
  'x-file-folder',
  'x-unknown-keys',
  'x-groups',
  'x-field-choices-key',
  'x-deprecated',
  'x-asdot',
  'x-unique',
  'x-labels',
];

/** NetBox's FIELD_CHOICES: `app.Model.field` replaces a choice list, `app.Model.field+` extends it. */
export type FieldChoices = Record<string, (string | number)[]>;

/** Where `npm run build` writes the validators compiled ahead of time (see precompile.ts). */
export const PRECOMPILED_DIR = join(packageRoot(), 'dist', 'validators');

type Precompiled = { hash: string; validators: Record<string, ValidateFunction> };

function loadPrecompiled(variant: 'fast' | 'full', hash: string): Record<string, ValidateFunction> | undefined {
  const file = join(PRECOMPILED_DIR, `${variant}.cjs`);
  if (!existsSync(file)) return undefined;
  const mod = createRequire(import.meta.url)(file) as Precompiled;
  return mod.hash === hash ? mod.validators : undefined;
}

export class Validators {
  private fast?: Ajv2020;
  private full?: Ajv2020;
  private readonly fastCache = new Map<string, ValidateFunction>();
  private readonly fullCache = new Map<string, ValidateFunction>();
  private readonly fastBuilt?: Record<string, ValidateFunction>;
  private readonly fullBuilt?: Record<string, ValidateFunction>;

  constructor(
    readonly schemas: SchemaSet,
    private readonly fieldChoices: FieldChoices = {},
  ) {
    // Compiling ~130 schemas costs most of a second: the build compiles them once, ahead of time.
    // They serve when they were built from these very schemas and no FIELD_CHOICES changes a list.
    if (Object.keys(fieldChoices).length === 0) {
      this.fastBuilt = loadPrecompiled('fast', schemas.hash);
      this.fullBuilt = loadPrecompiled('full', schemas.hash);
    }
  }

  /** Whether validators compiled at build time serve (else each is compiled on first use). */
  get precompiled(): boolean {
    return this.fastBuilt !== undefined && this.fullBuilt !== undefined;
  }

  // Two variants: the fast one stops at the first error and is all that clean objects pay for;
  // the full one runs only on objects that failed, to report every problem with its schema.
  fastFor(schemaRef: string): ValidateFunction {
    const built = this.fastBuilt?.[exportName(schemaRef)];
    if (built) return built;
    this.fast ??= loadAjv(makeAjv(false), this.schemas, this.fieldChoices);
    return compiled(this.fast, this.fastCache, schemaRef);
  }

  fullFor(schemaRef: string): ValidateFunction {
    const built = this.fullBuilt?.[exportName(schemaRef)];
    if (built) return built;
    this.full ??= loadAjv(makeAjv(true), this.schemas, this.fieldChoices);
    return compiled(this.full, this.fullCache, schemaRef);
  }
}

/** `urn:sot:dcim:device-type` → `dcim_device_type`: the name a precompiled validator is exported as. */
export function exportName(schemaId: string): string {
  return schemaId.replace(/^urn:sot:/, '').replace(/[^A-Za-z0-9]/g, '_');
}

export function loadAjv(ajv: Ajv2020, schemas: SchemaSet, fieldChoices: FieldChoices = {}): Ajv2020 {
  for (const [id, doc] of schemas.documents) ajv.addSchema(id === 'urn:sot:defs:choices' ? applyFieldChoices(doc, fieldChoices) : doc);
  return ajv;
}

function compiled(ajv: Ajv2020, cache: Map<string, ValidateFunction>, ref: string): ValidateFunction {
  let fn = cache.get(ref);
  if (!fn) {
    fn = ajv.getSchema(ref);
    if (!fn) throw new Error(`sot: no schema ${ref}`);
    cache.set(ref, fn);
  }
  return fn;
}

export function makeAjv(allErrors: boolean, source = false): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors,
    verbose: allErrors,
    code: { source, esm: false },
    strict: true,
    allowUnionTypes: true,
    // Decimal fields: 1.14 is a multiple of 0.01 and 52.303921 of 0.000001, although neither quotient is an
    // integer in binary floating point; 1e-6 of slack holds for quotients up to 1e9, far beyond any field.
    multipleOfPrecision: 6,
  });
  ajv.addVocabulary(ANNOTATIONS);
  // A reference is a name (string) or a plain mapping of key fields; anything else (a PlainScalar, a
  // list) is the wrong type. Generated code rather than a function, so precompiled validators carry it.
  ajv.addKeyword({
    keyword: 'x-ref',
    schemaType: 'object',
    code(cxt) {
      const d = cxt.data;
      cxt.fail(_`!(typeof ${d} == "string" || (${d} !== null && typeof ${d} == "object" && Object.getPrototypeOf(${d}) === Object.prototype))`);
    },
  });
  return ajv;
}

export function applyFieldChoices(doc: Record<string, any>, fieldChoices: FieldChoices): Record<string, any> {
  const entries = Object.entries(fieldChoices);
  if (entries.length === 0) return doc;
  const copy = structuredClone(doc);
  for (const def of Object.values<any>(copy.$defs)) {
    const key = def['x-field-choices-key'];
    if (!key) continue;
    for (const [setting, values] of entries) {
      const extend = setting.endsWith('+');
      const name = extend ? setting.slice(0, -1) : setting;
      if (name.toLowerCase() !== String(key).toLowerCase()) continue;
      const labels = choiceLabels(def);
      def.enum = extend ? [...def.enum, ...values.filter((v) => !def.enum.includes(v))] : [...values];
      // FIELD_CHOICES here gives values only: a value NetBox did not define is its own label.
      def['x-labels'] = def.enum.map((v: string | number) => labels.get(v) ?? String(v));
      delete def['x-groups'];
    }
  }
  return copy;
}

/** A choice set's labels by value (`x-labels`, parallel to `enum`). */
export function choiceLabels(def: { enum?: (string | number)[]; 'x-labels'?: string[] }): Map<string | number, string> {
  const labels = def['x-labels'] ?? [];
  return new Map((def.enum ?? []).map((v, i) => [v, labels[i] ?? String(v)]));
}

/** Every FIELD_CHOICES key the schemas know, for validating the setting itself. */
export function fieldChoiceKeys(schemas: SchemaSet): string[] {
  const doc = schemas.documents.get('urn:sot:defs:choices');
  return Object.values<any>(doc?.$defs ?? {})
    .map((d) => d['x-field-choices-key'])
    .filter((k): k is string => typeof k === 'string');
}

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaSet } from '../model/kinds.js';

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
];

/** A reference is a name (string) or a plain mapping of key fields; anything else is the wrong type. */
export function isRefValue(data: unknown): boolean {
  if (typeof data === 'string') return true;
  return data !== null && typeof data === 'object' && Object.getPrototypeOf(data) === Object.prototype;
}

/** NetBox's FIELD_CHOICES: `app.Model.field` replaces a choice list, `app.Model.field+` extends it. */
export type FieldChoices = Record<string, (string | number)[]>;

export class Validators {
  private readonly fast: Ajv2020;
  private readonly full: Ajv2020;
  private readonly fastCache = new Map<string, ValidateFunction>();
  private readonly fullCache = new Map<string, ValidateFunction>();

  constructor(readonly schemas: SchemaSet, fieldChoices: FieldChoices = {}) {
    // Two instances: the fast one stops at the first error and is all that clean objects pay for;
    // the full one runs only on objects that failed, to report every problem with its schema.
    this.fast = makeAjv(false);
    this.full = makeAjv(true);
    for (const [id, doc] of schemas.documents) {
      const schema = id === 'urn:sot:defs:choices' ? applyFieldChoices(doc, fieldChoices) : doc;
      this.fast.addSchema(schema);
      this.full.addSchema(schema);
    }
  }

  fastFor(schemaRef: string): ValidateFunction {
    return compiled(this.fast, this.fastCache, schemaRef);
  }

  fullFor(schemaRef: string): ValidateFunction {
    return compiled(this.full, this.fullCache, schemaRef);
  }
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

function makeAjv(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors,
    verbose: allErrors,
    strict: true,
    allowUnionTypes: true,
    // Decimal fields: 1.14 is a multiple of 0.01 and 52.303921 of 0.000001, although neither quotient is an
    // integer in binary floating point; 1e-6 of slack holds for quotients up to 1e9, far beyond any field.
    multipleOfPrecision: 6,
  });
  ajv.addVocabulary(ANNOTATIONS);
  ajv.addKeyword({
    keyword: 'x-ref',
    schemaType: 'object',
    errors: false,
    validate: (_schema: unknown, data: unknown) => isRefValue(data),
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
      def.enum = extend ? [...def.enum, ...values.filter((v) => !def.enum.includes(v))] : [...values];
      delete def['x-groups'];
    }
  }
  return copy;
}

/** Every FIELD_CHOICES key the schemas know, for validating the setting itself. */
export function fieldChoiceKeys(schemas: SchemaSet): string[] {
  const doc = schemas.documents.get('urn:sot:defs:choices');
  return Object.values<any>(doc?.$defs ?? {})
    .map((d) => d['x-field-choices-key'])
    .filter((k): k is string => typeof k === 'string');
}

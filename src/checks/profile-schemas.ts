import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Obj } from '../model/model.js';
import { schemaRegExp, unsupportedSchemaPatterns } from '../model/schema-regex.js';
import type { Finding } from './rule.js';

// Profiles (config context profiles, module type profiles) carry a JSON Schema that their objects'
// data must meet. The schemas come from the inventory, so they get an ajv of their own: no remote
// references, no formats or keywords beyond the standard, and one compile per profile. Their patterns run
// on RE2, in time linear in the value (src/model/schema-regex.ts).
const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: true, loadSchema: undefined, code: { regExp: schemaRegExp } });

const compiled = new WeakMap<object, ValidateFunction | string | null>();

/**
 * The profile's validator, or why its schema is not one, or null when a pattern of it is one RE2
 * cannot run: such a schema checks nothing, and extras/schema-pattern-unsupported says so at the
 * pattern. Matching every value, or none, would make some schemas stricter than NetBox's
 * (`patternProperties` with `additionalProperties: false`).
 */
export function profileValidator(schema: object): ValidateFunction | string | null {
  let v = compiled.get(schema);
  if (v === undefined) {
    try {
      v = ajv.compile(schema);
      if (unsupportedSchemaPatterns(schema).length > 0) v = null;
    } catch (err) {
      v = err instanceof Error ? err.message : String(err);
    }
    compiled.set(schema, v);
  }
  return v;
}

/** What a schema says of data: valid, its errors, or 'too-deep' when validation overflows the stack. */
export function runSchema(validate: ValidateFunction, data: unknown): true | ErrorObject[] | 'too-deep' {
  try {
    return validate(data) ? true : (validate.errors ?? []);
  } catch (err) {
    // A recursive schema (`$ref: '#'`) over data that contains itself (a YAML alias inside its own
    // anchor) recurses without end: ajv has no depth limit, so the stack is the limit.
    if (err instanceof RangeError) return 'too-deep';
    throw err;
  }
}

export const TOO_DEEP = 'nests deeper than validation can follow (does the data contain itself through a YAML alias?)';

function describeError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the data';
  return `${where} ${e.message ?? e.keyword}`;
}

/**
 * Checks `objects`' `dataField` against their profile's `schema`: a profile whose schema does not
 * compile is reported once, on the profile; data that does not conform, on the object.
 */
export function checkAgainstProfiles(objects: readonly Obj[], profileField: string, dataField: string): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<Obj>();
  for (const obj of objects) {
    const profile = obj.refs[profileField] as Obj | undefined;
    const schema = profile?.data.schema;
    if (!profile || !schema || typeof schema !== 'object') continue;
    const validate = profileValidator(schema);
    if (validate === null) continue;
    if (typeof validate === 'string') {
      if (!reported.has(profile)) {
        reported.add(profile);
        findings.push({ obj: profile, field: 'schema', message: `the schema of profile "${profile.data.name}" is not a valid JSON Schema: ${validate}`, data: { profile: profile.data.name } });
      }
      continue;
    }
    const data = obj.data[dataField] ?? {};
    const result = runSchema(validate, data);
    if (result === true) continue;
    const problems = result === 'too-deep' ? [`${dataField} ${TOO_DEEP}`] : result.map(describeError);
    findings.push({
      obj,
      field: obj.data[dataField] === undefined ? profileField : dataField,
      message: `${dataField} does not conform to the schema of profile "${profile.data.name}": ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
      data: { profile: profile.data.name, problems },
      related: [{ obj: profile, field: 'schema', message: `the schema of profile "${profile.data.name}"` }],
    });
  }
  return findings;
}

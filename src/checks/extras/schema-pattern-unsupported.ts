import { objectsOf } from '../../model/model.js';
import { unsupportedSchemaPatterns } from '../../model/schema-regex.js';
import { profileValidator } from '../profile-schemas.js';
import type { Finding, Rule } from '../rule.js';

/** The inventory's JSON Schemas: profiles' schemas, and the effective_schema of contexts and their profiles. */
const SCHEMA_FIELDS: [kind: string, field: string][] = [
  ['dcim.moduletypeprofile', 'schema'],
  ['extras.configcontextprofile', 'schema'],
  ['extras.configcontextprofile', 'effective_schema'],
  ['extras.configcontext', 'effective_schema'],
];

export const schemaPatternUnsupported: Rule = {
  id: 'extras/schema-pattern-unsupported',
  description: "A `pattern` or `patternProperties` pattern of a profile's JSON Schema uses a construct sot cannot run in linear time, so data is not checked against that schema.",
  severity: 'warning',
  help: 'write the pattern without that construct (backreferences and lookaround have no linear-time equivalent), or accept that sot does not check it',
  run(model) {
    const findings: Finding[] = [];
    for (const [kind, field] of SCHEMA_FIELDS) {
      for (const obj of objectsOf(model, kind)) {
        const schema = obj.data[field];
        // A schema that does not compile is reported on its own, with ajv's reason.
        if (schema === null || typeof schema !== 'object' || typeof profileValidator(schema) === 'string') continue;
        for (const u of unsupportedSchemaPatterns(schema)) {
          findings.push({
            obj,
            field,
            subPath: u.path,
            target: u.target,
            message: `sot cannot run the pattern ${JSON.stringify(u.pattern)}, which uses ${u.construct}; data is not checked against this schema`,
            data: { pattern: u.pattern, construct: u.construct },
          });
        }
      }
    }
    return findings;
  },
};

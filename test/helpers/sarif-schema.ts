import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';

/**
 * A validator for the official SARIF 2.1.0 schema (OASIS, errata01), vendored under
 * test/fixtures/sarif with its notice. The schema is draft-04; ajv reads it as draft-07 once its `id`
 * is spelled `$id` — the keywords it uses mean the same in both. ajv ships no format checks, so the
 * three formats the schema names are checked here.
 */
export function sarifValidator(): (doc: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // An absolute URI: a scheme, then no spaces or control characters.
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:[^\s\x00-\x1f]*$/i.test(s) && URL.canParse(s));
  // A URI reference (RFC 3986): no spaces, control characters, or `%` not followed by two hex digits.
  ajv.addFormat('uri-reference', (s: string) => !/[\s\x00-\x1f"<>\\^`{|}]|%(?![0-9a-f]{2})/i.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  const validate = ajv.compile({ ...rest, $id: id });
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

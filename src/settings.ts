import type { Diagnostic } from './diagnostics/diagnostic.js';
import { didYouMean } from './diagnostics/suggest.js';
import type { KindInfo, SchemaSet } from './model/kinds.js';
import type { ParsedFile } from './parse/parse-file.js';
import { fieldChoiceKeys, type FieldChoices, type Validators } from './validate/ajv.js';
import { validateItem } from './validate/validate.js';

export const SETTINGS_FILE = 'sot.yaml';

export interface Settings {
  format: 1;
  name?: string;
  /** NetBox's ENFORCE_GLOBAL_UNIQUE, default true. */
  enforceGlobalUnique: boolean;
  fieldChoices: FieldChoices;
  /** Severity per rule id, from sot.yaml's `rules:` (opt-in lint rules are off unless named here). */
  rules: Record<string, 'off' | 'warning' | 'error'>;
}

export const DEFAULT_SETTINGS: Settings = { format: 1, enforceGlobalUnique: true, fieldChoices: {}, rules: {} };

const SETTINGS_KIND = {
  kind: 'sot.settings',
  collection: 'sot.yaml',
  title: 'Settings',
  schemaId: 'urn:sot:settings',
  key: { scope: [], names: [], caseInsensitive: false },
  refs: [],
  requiredWhenNew: [],
} as unknown as KindInfo;

/** Reads sot.yaml. Any diagnostic here is a configuration error (exit code 2). */
export function readSettings(parsed: ParsedFile, schemas: SchemaSet, validators: Validators, out: Diagnostic[]): Settings {
  const before = out.length;
  out.push(...parsed.diagnostics);
  const data = parsed.data;
  if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) {
    if (out.length === before) {
      out.push({
        rule: 'settings/invalid',
        severity: 'error',
        message: `${SETTINGS_FILE} must be a mapping with at least "format: 1"`,
        location: { file: parsed.file, path: [] },
      });
    }
    return DEFAULT_SETTINGS;
  }
  if (!validateItem({ kind: SETTINGS_KIND, data: data as Record<string, any>, file: parsed.file, path: [] }, validators, out)) {
    return DEFAULT_SETTINGS;
  }
  const d = data as Record<string, any>;
  const fieldChoices: FieldChoices = d.options?.field_choices ?? {};
  const known = fieldChoiceKeys(schemas);
  const knownLower = new Set(known.map((k) => k.toLowerCase()));
  for (const key of Object.keys(fieldChoices)) {
    const bare = key.replace(/\+$/, '');
    if (!knownLower.has(bare.toLowerCase())) {
      out.push({
        rule: 'settings/invalid',
        severity: 'error',
        message: `"${bare}" is not a choice set NetBox lets FIELD_CHOICES change${didYouMean(bare, known)}`,
        location: { file: parsed.file, path: ['options', 'field_choices', key], target: 'key' },
        help: 'see the choice sets with a FIELD_CHOICES key in docs/kinds.md',
        data: { key },
      });
    }
  }
  return {
    format: 1,
    name: d.name,
    enforceGlobalUnique: d.options?.enforce_global_unique ?? true,
    fieldChoices,
    rules: d.rules ?? {},
  };
}

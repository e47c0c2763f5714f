import { readCustomValidators, type CustomValidator } from './custom-validators.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { didYouMean } from './diagnostics/suggest.js';
import type { KindInfo, SchemaSet } from './model/kinds.js';
import type { ParsedFile } from './parse/parse-file.js';
import { fieldChoiceKeys, type FieldChoices, type Validators } from './validate/ajv.js';
import { validateItem } from './validate/validate.js';
import { compileGlob, fileSelector, type Glob } from './sources/glob.js';

export const SETTINGS_FILE = 'sot.yaml';

export interface Settings {
  format: 1;
  name?: string;
  /** NetBox's ENFORCE_GLOBAL_UNIQUE, default true. */
  enforceGlobalUnique: boolean;
  fieldChoices: FieldChoices;
  /** Severity per rule id, from sot.yaml's `rules:` (opt-in lint rules are off unless named here). */
  rules: Record<string, 'off' | 'warning' | 'error'>;
  /** NetBox's CUSTOM_VALIDATORS, checked and compiled (see custom-validators.ts). */
  customValidators: CustomValidator[];
  /** `options: custom_validators:` names this inventory file, which holds them (read by compile()). */
  customValidatorsFile?: string;
  /** Which YAML files are inventory, from `include` and `exclude` (every file without either). */
  selects: (file: string) => boolean;
}

export const DEFAULT_SETTINGS: Settings = { format: 1, enforceGlobalUnique: true, fieldChoices: {}, rules: {}, customValidators: [], selects: () => true };

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
  const cv = d.options?.custom_validators;
  let customValidators: CustomValidator[] = [];
  let customValidatorsFile: string | undefined;
  if (typeof cv === 'string') {
    customValidatorsFile = cv.replace(/^\.\//, '');
    if (!/\.ya?ml$/i.test(customValidatorsFile)) {
      out.push({
        rule: 'settings/invalid',
        severity: 'error',
        message: `custom_validators names "${cv}", which is not a YAML file (.yaml or .yml; JSON is YAML too)`,
        location: { file: parsed.file, path: ['options', 'custom_validators'] },
        help: 'see "Custom validators" in README.md',
        data: { key: 'custom_validators' },
      });
      customValidatorsFile = undefined;
    }
  } else if (cv !== undefined) {
    customValidators = readCustomValidators(cv, parsed.file, ['options', 'custom_validators'], schemas, out);
  }
  const include = d.include === undefined ? undefined : readGlobs(d.include, 'include', parsed.file, out);
  const exclude = readGlobs(d.exclude ?? [], 'exclude', parsed.file, out);
  return {
    format: 1,
    name: d.name,
    selects: fileSelector(include, exclude),
    enforceGlobalUnique: d.options?.enforce_global_unique ?? true,
    fieldChoices,
    rules: d.rules ?? {},
    customValidators,
    customValidatorsFile,
  };
}

/** Compiles sot.yaml's `include` or `exclude` patterns; a bad one is a settings error at its line. */
function readGlobs(patterns: readonly string[], key: 'include' | 'exclude', file: string, out: Diagnostic[]): Glob[] {
  const globs: Glob[] = [];
  patterns.forEach((pattern, i) => {
    const glob = compileGlob(pattern);
    if (typeof glob === 'string') {
      out.push({
        rule: 'settings/invalid',
        severity: 'error',
        message: `${key} pattern "${pattern}" is not a valid glob: ${glob}`,
        location: { file, path: [key, i] },
        help: 'see "Which files are inventory" in README.md',
        data: { key, pattern },
      });
    } else globs.push(glob);
  });
  return globs;
}

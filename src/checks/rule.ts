import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { namedPath, type Model, type Obj } from '../model/model.js';
import type { Settings } from '../settings.js';

/** What a rule reports: the object and field at fault, in model terms; locations come from the object. */
export interface Finding {
  obj: Obj;
  field?: string;
  /** Deeper than the field: `custom_fields` → the custom field's name. */
  subPath?: (string | number)[];
  /** Point at the mapping key (an unknown name) rather than its value. */
  target?: 'key' | 'value';
  message: string;
  data?: Record<string, unknown>;
  related?: { obj: Obj; field?: string; subPath?: (string | number)[]; message: string }[];
}


export interface CheckContext {
  settings: Settings;
}

/** One rule, one file: a stable id, a default severity, and a pure function from the model to findings. */
export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  /** A lint rule beyond NetBox: off unless sot.yaml's `rules:` turns it on. */
  optIn?: boolean;
  help: string;
  run(model: Model, ctx: CheckContext): Finding[];
}

export function findingToDiagnostic(rule: Rule, f: Finding, severity: Severity = rule.severity): Diagnostic {
  return {
    rule: rule.id,
    severity,
    message: f.message,
    location: { file: f.obj.file, path: f.field ? [...f.obj.path, f.field, ...(f.subPath ?? [])] : f.obj.path, target: f.target },
    modelPath: namedPath(f.obj),
    related: f.related?.map((r) => ({ location: { file: r.obj.file, path: r.field ? [...r.obj.path, r.field, ...(r.subPath ?? [])] : r.obj.path }, message: r.message })),
    help: rule.help,
    data: f.data,
  };
}

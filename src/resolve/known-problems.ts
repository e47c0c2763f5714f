import type { Diagnostic, DocPath } from '../diagnostics/diagnostic.js';
import type { SchemaSet } from '../model/kinds.js';

// One mistake, one error: what parse and validate reported already, in the form resolve and the checks
// need to stay silent about its consequences (a reference to an object whose name could not be read, a
// check of a field that was misspelt).

export interface KnownProblems {
  /**
   * The fields of the object at `path` in `file` that have a schema error (reported already); for a
   * list's path, its items with one as `#<index>`.
   */
  fieldsWithErrors(file: string, path: DocPath): ReadonlySet<string> | undefined;
  /** Kinds that a file which could not be read may define: what it defines is unknown. */
  readonly unreadableKinds: ReadonlySet<string>;
}

export const NO_KNOWN_PROBLEMS: KnownProblems = { fieldsWithErrors: () => undefined, unreadableKinds: new Set() };

const SUGGESTION = /did you mean "([^"]+)"\?$/;

/**
 * Reads the schema errors of `diagnostics` by the object and field they are about, and the kinds the
 * files in `unreadable` (no object read, an error reported) may define: a type folder's kind, else the
 * collections written at the start of a line (enough to find them in a file YAML cannot read).
 */
export function knownProblems(diagnostics: readonly Diagnostic[], unreadable: readonly { file: string; text: string }[], schemas: SchemaSet): KnownProblems {
  const fields = new Map<string, Set<string>>();
  const add = (file: string, path: readonly (string | number)[], field: unknown) => {
    if (typeof field !== 'string' && typeof field !== 'number') return;
    const key = pathKey(file, path);
    let set = fields.get(key);
    if (!set) fields.set(key, (set = new Set()));
    set.add(typeof field === 'number' ? `#${field}` : field);
  };
  for (const d of diagnostics) {
    const path = d.location.path;
    // A forbidden key is left out of its mapping: what the mapping then lacks is the same mistake.
    if (d.severity !== 'error' || !(d.rule.startsWith('schema/') || d.rule === 'yaml/forbidden-key') || !path) continue;
    // The object a diagnostic is about is one of its path's prefixes; which one, resolve knows.
    for (let k = 0; k < path.length; k++) add(d.location.file, path.slice(0, k), path[k]);
    const field = d.data?.field;
    if (d.rule === 'schema/missing-field') {
      add(d.location.file, d.data?.with !== undefined ? path.slice(0, -1) : path, field);
    } else if (d.rule === 'schema/unknown-field') {
      // A misspelt field stands for the field it was meant to be, which the object then lacks.
      const meant = SUGGESTION.exec(d.message)?.[1];
      if (meant) add(d.location.file, path.slice(0, -1), meant);
    }
  }
  const unreadableKinds = new Set<string>();
  for (const { file, text } of unreadable) {
    const folder = file.split('/').slice(0, -1).map((f) => schemas.byFolder.get(f)).find((k) => k !== undefined);
    if (folder) {
      unreadableKinds.add(folder.kind);
      continue;
    }
    for (const m of text.matchAll(/^["']?([A-Za-z_][\w-]*)["']?[ \t]*:/gm)) {
      const kind = schemas.byCollection.get(m[1]!);
      if (kind) unreadableKinds.add(kind.kind);
    }
  }
  return {
    fieldsWithErrors: (file, path) => (fields.size ? fields.get(pathKey(file, path)) : undefined),
    unreadableKinds,
  };
}

function pathKey(file: string, path: readonly (string | number)[]): string {
  return `${file}\0${path.join('\0')}`;
}

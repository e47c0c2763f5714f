// Parsed and validated files kept between compiles, so that compiling a second commit (the other side
// of a diff, the next commit of a log) parses only the files that differ. A file's front depends on
// its path, its bytes (the git blob id names them) and the field choices of sot.yaml (the validators);
// nothing else from other files reaches it (see front.ts).
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { FileFront } from './front.js';
import type { SchemaSet } from './model/kinds.js';
import type { Settings } from './settings.js';

/** What a file's validation depends on besides its own bytes. */
export function validationFingerprint(settings: Pick<Settings, 'fieldChoices'>): string {
  return JSON.stringify(settings.fieldChoices);
}

export interface ParseCacheStats {
  /** Files whose front came from the cache. */
  hits: number;
  /** Files parsed and validated (then kept). */
  misses: number;
}

/**
 * Fronts by file, blob id and validation fingerprint, the oldest dropped beyond `maxEntries`.
 * A front's items are shared by every compile that takes it (two models alive at once, for a diff):
 * this is safe because nothing after the front writes parsed data (ARCHITECTURE.md, *The model is
 * read-only*).
 */
export class ParseCache {
  readonly stats: ParseCacheStats = { hits: 0, misses: 0 };
  private readonly entries = new Map<string, FileFront>();
  private schemas?: SchemaSet;

  constructor(readonly maxEntries = 200_000) {}

  /** Fronts made with other schemas are of no use: a cache serves one schema set at a time. */
  useSchemas(schemas: SchemaSet): void {
    if (this.schemas !== schemas) this.entries.clear();
    this.schemas = schemas;
  }

  /** A front made before, with diagnostics of its own (the compile fills in their ranges). */
  get(file: string, blob: string, fingerprint: string): FileFront | undefined {
    const key = keyOf(file, blob, fingerprint);
    const front = this.entries.get(key);
    if (!front) return undefined;
    this.stats.hits++;
    // Most recently used last, so the oldest go first.
    this.entries.delete(key);
    this.entries.set(key, front);
    return { ...front, diagnostics: front.diagnostics.map(copyDiagnostic) };
  }

  set(file: string, blob: string, fingerprint: string, front: FileFront): void {
    this.stats.misses++;
    this.entries.set(keyOf(file, blob, fingerprint), { ...front, diagnostics: front.diagnostics.map(copyDiagnostic) });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Drops every front and text but those of `files` as they are now: a cache that follows one working
   * tree through many saves (sot watch) would otherwise keep every version of every file it saw.
   */
  keepOnly(files: readonly { file: string; blob: string }[]): void {
    const blobs = new Set(files.map((f) => f.blob));
    const live = new Set(files.map((f) => `${f.blob}\0${f.file}`));
    for (const key of this.entries.keys()) if (!live.has(key.slice(key.indexOf('\0') + 1))) this.entries.delete(key);
    for (const blob of this.texts.keys()) if (!blobs.has(blob)) this.texts.delete(blob);
  }

  /** Texts by blob id: a second commit need not read again from git what the first one read. */
  private readonly texts = new Map<string, string>();

  rememberText(blob: string, text: string): void {
    this.texts.set(blob, text);
  }

  textOf(blob: string): string | undefined {
    return this.texts.get(blob);
  }
}

function keyOf(file: string, blob: string, fingerprint: string): string {
  return `${fingerprint}\0${blob}\0${file}`;
}

/** Locations get their ranges filled in place after the front; each compile needs its own. */
function copyDiagnostic(d: Diagnostic): Diagnostic {
  const copy: Diagnostic = { ...d, location: { ...d.location } };
  if (d.related) copy.related = d.related.map((r) => ({ ...r, location: { ...r.location } }));
  return copy;
}

// A diff's places name files from the inventory folder (the JSON format keeps them so); shown to a
// person they name them as the other reports around them do: from the current folder in a terminal,
// from the repository root in a pull request.
import type { DiffResult, Place } from './types.js';

/** The diff with every file of a place passed through `path`. */
export function withDisplayPaths(result: DiffResult, path: (file: string) => string): DiffResult {
  const at = (p: Place | undefined) => (p ? { ...p, file: path(p.file) } : undefined);
  const place = <T extends { base?: Place; head?: Place }>(o: T): T => {
    const out = { ...o };
    if (o.base) out.base = at(o.base);
    if (o.head) out.head = at(o.head);
    return out;
  };
  return {
    ...result,
    objects: result.objects.map(place),
    diagnostics: {
      introduced: result.diagnostics.introduced.map((d) => ({ ...d, at: at(d.at)! })),
      fixed: result.diagnostics.fixed.map((d) => ({ ...d, at: at(d.at)! })),
      preexisting: result.diagnostics.preexisting.map((d) => ({ ...d, at: at(d.at)! })),
    },
  };
}

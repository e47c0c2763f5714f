// sot.yaml's include and exclude: glob patterns over paths relative to the inventory root, with
// forward slashes. A small matcher of our own (no dependency): `*` and `?` within one path segment,
// `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) character classes, `**` as a whole segment for any number
// of folders, `\` before a character to take it literally. A pattern is anchored at the inventory root
// (`mkdocs.yml` is the root's file; `**/mkdocs.yml` is any folder's) and matches a folder's whole
// content when it matches the folder (`ansible` and `ansible/**` are the same); a trailing `/`
// matches folders only. Matching is case-sensitive, as git's paths are.

/** A compiled pattern. */
export interface Glob {
  source: string;
  regex: RegExp;
  /** The pattern ended with `/`: it matches folders only. */
  dirOnly: boolean;
}

/** Compiles a pattern; a string is a problem with it, said to the user. */
export function compileGlob(pattern: string): Glob | string {
  if (pattern.trim() === '') return 'an empty pattern matches nothing';
  if (pattern.startsWith('/')) return 'patterns are relative to the inventory root: leave out the leading "/"';
  const dirOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  const body = dirOnly ? pattern.slice(0, -1) : pattern;
  // Consecutive `**` segments are one.
  const segments = body.split('/').filter((seg, i, all) => !(seg === '**' && all[i - 1] === '**'));
  if (segments.some((s) => s === '')) return 'a pattern has no empty folder names ("//")';
  if (segments.some((s) => s === '.' || s === '..')) return 'patterns name paths inside the inventory: no "." or ".." folders';
  let re = '';
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const first = i === 0;
    const last = i === segments.length - 1;
    if (seg === '**') {
      // Any number of whole folders, none included: a leading one ends with its "/", the others
      // start with theirs; a trailing one is anything below.
      re += first ? (last ? '.*' : '(?:[^/]+/)*') : last ? '(?:/.*)?' : '(?:/[^/]+)*';
      continue;
    }
    if (!first && !(i === 1 && segments[0] === '**')) re += '/';
    const part = segmentRegex(seg);
    if (typeof part !== 'string') return part.error;
    re += part;
  }
  return { source: pattern, regex: new RegExp(`^${re}$`), dirOnly };
}

function segmentRegex(seg: string): string | { error: string } {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\') {
      if (i + 1 >= seg.length) return { error: 'a "\\" at the end escapes nothing' };
      re += escapeRegex(seg[++i]);
    } else if (c === '*') {
      if (seg[i + 1] === '*') return { error: '"**" stands for whole folders: write it as a segment of its own (a/**/b), or "*" within a name' };
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const cls = classRegex(seg, i);
      if (typeof cls !== 'string' && 'error' in cls) return cls;
      re += cls.re;
      i = cls.end;
    } else if (c === '{' || c === '}') return { error: 'braces ({a,b}) are not supported: write one pattern for each alternative' };
    else re += escapeRegex(c);
  }
  return re;
}

/** A character class starting at seg[start] === '[': its regex and the index of its closing ']'. */
function classRegex(seg: string, start: number): { re: string; end: number } | { error: string } {
  let i = start + 1;
  let negate = false;
  if (seg[i] === '!' || seg[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < seg.length; i++) {
    const c = seg[i];
    if (c === ']' && !first) {
      if (body === '') return { error: `the character class at "${seg.slice(start)}" is empty` };
      return { re: negate ? `[^/${body}]` : `(?!/)[${body}]`, end: i };
    }
    first = false;
    if (c === '\\') {
      if (i + 1 >= seg.length) break;
      body += escapeClass(seg[++i]);
    } else if (c === '-' && body !== '' && seg[i + 1] !== ']' && i + 1 < seg.length) {
      const lo = lastChar(body);
      const hi = seg[i + 1] === '\\' ? seg[i + 2] : seg[i + 1];
      if (hi === undefined) break;
      if (hi < lo) return { error: `the range "${lo}-${hi}" in "${seg.slice(start)}" is out of order` };
      body += '-';
    } else body += escapeClass(c);
  }
  return { error: `the character class in "${seg.slice(start)}" has no closing "]"` };
}

function lastChar(escaped: string): string {
  return escaped.length >= 2 && escaped[escaped.length - 2] === '\\' ? escaped[escaped.length - 1] : escaped[escaped.length - 1];
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function escapeClass(c: string): string {
  return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
}

/** Whether the glob matches the file or one of the folders it lies in. */
export function globMatches(glob: Glob, file: string): boolean {
  for (let i = file.indexOf('/'); i >= 0; i = file.indexOf('/', i + 1)) if (glob.regex.test(file.slice(0, i))) return true;
  return !glob.dirOnly && glob.regex.test(file);
}

/** The files sot.yaml selects: matched by an include pattern (every file without any) and by no exclude pattern. */
export function fileSelector(include: readonly Glob[] | undefined, exclude: readonly Glob[]): (file: string) => boolean {
  return (file) => (include === undefined || include.some((g) => globMatches(g, file))) && !exclude.some((g) => globMatches(g, file));
}

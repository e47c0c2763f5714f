// What sot says about an input it cannot read as a file: an unreadable file or folder, a name that is
// not UTF-8, a path too long for the system, a FIFO or device, a symbolic link that leaves the
// repository. Each is a located problem, never an exception: the rest of the inventory is still checked.
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The location of a problem with the inventory folder itself (as opposed to a file or folder in it). */
export const ROOT_FOLDER = '.';

const AT_START = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

export function sourceProblem(rule: 'sources/unreadable' | 'sources/not-a-file' | 'sources/symlink', file: string, message: string, data: Record<string, unknown>, help: string): Diagnostic {
  return { rule, severity: 'error', message, location: { file, range: { start: { ...AT_START.start }, end: { ...AT_START.end } } }, help, data };
}

/** The error code of a failed system call. */
export function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** Why the system refused, in words; the error code stays in the diagnostic's data. */
export function reason(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'its path is longer than the system allows';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOENT':
      return 'it disappeared while sot read the inventory';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ? `the system said ${code}` : 'the system gave no reason';
  }
}

const UNREADABLE_HELP = 'give the user running sot read access to it (and search access to the folders above it), or move it out of the inventory';

/** A file or folder the system would not read (EACCES, ENAMETOOLONG…). */
export function unreadable(file: string, what: 'file' | 'folder', code: string | undefined): Diagnostic {
  const where = file === ROOT_FOLDER ? 'the inventory folder' : `this ${what}`;
  const help =
    code === 'ENAMETOOLONG'
      ? 'shorten the folder names: the whole path, from the filesystem root, must fit within the system\'s limit (4096 bytes on Linux)'
      : UNREADABLE_HELP;
  return sourceProblem('sources/unreadable', file, `cannot ${what === 'folder' ? 'list' : 'read'} ${where}: ${reason(code)}`, what === 'folder' ? { reason: code ?? 'unknown', folder: true } : { reason: code ?? 'unknown' }, help);
}

/** A YAML file whose path is not UTF-8: shown with U+FFFD in place of the bytes that are not. */
export function notUtf8(file: string): Diagnostic {
  return sourceProblem(
    'sources/unreadable',
    file,
    'cannot read this file: its path is not valid UTF-8',
    { reason: 'not-utf8' },
    'rename the file (or the folder) with a UTF-8 name; sot reports paths as text, and git, GitHub and NetBox expect UTF-8',
  );
}

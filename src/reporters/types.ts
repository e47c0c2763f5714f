import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** What a finished `sot check` hands to a reporter. Diagnostics are sorted and located (range set). */
export interface Report {
  diagnostics: readonly Diagnostic[];
  /** What `# sot-ignore` comments silenced (each with `suppression`); counted in summaries, listed in SARIF. */
  suppressed?: readonly Diagnostic[];
  filesRead: number;
  elapsedMs: number;
  /** Tool version, for SARIF's driver block and the JSON header. */
  version: string;
  /** Warnings left out of `diagnostics` by --quiet: the summary still counts them. */
  hiddenWarnings?: number;
}

export interface ReporterContext {
  /** Path to show for an inventory-relative file (relative to the user's cwd, forward slashes). */
  displayPath(file: string): string;
  /** Source text of an inventory file, for code frames; undefined when unknown. */
  source(file: string): string | undefined;
  /** ANSI colour allowed (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
  /**
   * Paths from the repository root, for the formats GitHub reads (annotations, SARIF). Absent: those
   * formats use displayPath and the current folder.
   */
  repository?: RepositoryPaths;
}

/** Where an inventory's files are in its repository (see repository.ts). */
export interface RepositoryPaths {
  /** Absolute `file://` URI of the repository root, ending in `/` (SARIF's `%SRCROOT%`). */
  rootUri(): string;
  /** Path of an inventory-relative file from the repository root, forward slashes. */
  path(file: string): string;
}

/** A reporter is a pure function from a report to the exact text written to stdout. */
export type Reporter = (report: Report, ctx: ReporterContext) => string;

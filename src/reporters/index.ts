import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { Reporter } from './types.js';

export type FormatName = 'pretty' | 'json' | 'github' | 'sarif' | 'junit' | 'gitlab';

export const reporters: Record<FormatName, Reporter> = { pretty, json, github, sarif, junit, gitlab };

export const FORMAT_NAMES = Object.keys(reporters) as FormatName[];

/**
 * The reporter a format name on the command line names. An own-property lookup: `constructor` or
 * `toString` are names of every object's prototype, not formats.
 */
export function reporterFor(name: string): Reporter | undefined {
  return Object.hasOwn(reporters, name) ? reporters[name as FormatName] : undefined;
}

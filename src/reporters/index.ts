import { github } from './github.js';
import { json } from './json.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { Reporter } from './types.js';

export type FormatName = 'pretty' | 'json' | 'github' | 'sarif';

export const reporters: Record<FormatName, Reporter> = { pretty, json, github, sarif };

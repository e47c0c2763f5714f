import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchemas } from '../model/kinds.js';
import { PRECOMPILED_DIR } from '../validate/ajv.js';
import { precompiledSource } from '../validate/precompile.js';

// Part of `npm run build`: compiles every schema's validators once, so `sot check` need not.
const schemas = loadSchemas();
mkdirSync(PRECOMPILED_DIR, { recursive: true });
for (const variant of ['fast', 'full'] as const) writeFileSync(join(PRECOMPILED_DIR, `${variant}.cjs`), precompiledSource(schemas, variant));

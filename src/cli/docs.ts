import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchemas, packageRoot } from '../model/kinds.js';
import { kindsDoc } from '../outputs/kinds-doc.js';

// `npm run docs`: regenerates docs/kinds.md from the schemas.
writeFileSync(join(packageRoot(), 'docs', 'kinds.md'), kindsDoc(loadSchemas()));

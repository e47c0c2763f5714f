import { loadSchemas } from '../model/kinds.js';
import { schemaBundle } from '../outputs/schema-bundle.js';
import { assertFolderPath, writeFilesSafely } from './write-files.js';

export function writeSchemas(dir: string): string[] {
  assertFolderPath(dir);
  const bundle = schemaBundle(loadSchemas());
  const files = new Map([...bundle.files].map(([name, schema]) => [name, `${JSON.stringify(schema, null, 2)}\n`]));
  return writeFilesSafely(dir, files);
}

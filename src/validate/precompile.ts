import standaloneCode from 'ajv/dist/standalone/index.js';
import type { SchemaSet } from '../model/kinds.js';
import { exportName, loadAjv, makeAjv } from './ajv.js';

/**
 * CommonJS source of every kind's validator (and sot.yaml's), compiled ahead of time by ajv's
 * standalone code generator, tagged with the hash of the schemas it was built from.
 */
export function precompiledSource(schemas: SchemaSet, variant: 'fast' | 'full'): string {
  const ajv = loadAjv(makeAjv(variant === 'full', true), schemas);
  const refs: Record<string, string> = { [exportName('urn:sot:settings')]: 'urn:sot:settings' };
  for (const kind of schemas.kinds.values()) refs[exportName(kind.schemaId)] = kind.schemaId;
  const code = (standaloneCode as unknown as (ajv: unknown, refs: Record<string, string>) => string)(ajv, refs);
  return `${code}\nmodule.exports = { hash: ${JSON.stringify(schemas.hash)}, validators: module.exports };\n`;
}

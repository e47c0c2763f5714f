import jsyaml from 'js-yaml';

/**
 * A plain scalar whose typed reading loses its source text (`08` → 8, `1.10` → 1.1, `True` → true,
 * `yes` → true under YAML 1.1). It carries both readings; validation picks the source text where the
 * schema wants a string and the typed value elsewhere, as the devicetype-library's YAML 1.1 readers do
 * for part numbers and port names.
 */
export class PlainScalar {
  constructor(
    /** The text as written. */
    readonly source: string,
    /** The typed reading (YAML 1.2 core, or YAML 1.1 for yes/no/on/off). */
    readonly value: number | boolean,
    /** What a YAML 1.2 core reader makes of it; used where no schema says which reading applies. */
    readonly core: string | number | boolean,
  ) {}
}

/** Counts PlainScalars made while parsing the current file, so clean files skip the clean-up walk. */
export const scalarStats = { made: 0 };

// Plain decimal integers without leading zeros read back as written: no need to compare strings.
const CANONICAL_INT = /^-?(?:0|[1-9][0-9]{0,14})$/;

function lossless<T extends number | boolean>(source: string, value: T): T | PlainScalar {
  if ((typeof value === 'number' && CANONICAL_INT.test(source)) || String(value) === source) return value;
  scalarStats.made++;
  return new PlainScalar(source, value, value);
}

// js-yaml's built-in scalar types (present at run time, absent from its type declarations).
const builtin = (jsyaml as unknown as { types: Record<string, jsyaml.Type & Record<string, any>> }).types;
const { int, float, bool } = builtin;
const nul = builtin.null;

const YAML11_BOOL = new Set(['yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);

/**
 * Whether a plain scalar is anything but text: null, a YAML 1.2 boolean or number, or a YAML 1.1
 * yes/no/on/off. Every plain scalar of a file passes through here, so the first character decides
 * cheaply for the many that are names and descriptions.
 */
function typedScalar(data: string): boolean {
  const n = data.length;
  if (n === 0) return true;
  const c = data.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return int.resolve(data) || float.resolve(data);
  if (n > 5) return false;
  return nul.resolve(data) || bool.resolve(data) || YAML11_BOOL.has(data);
}

function constructScalar(data: string): unknown {
  if (data === 'true') return true;
  if (data === 'false') return false;
  if (nul.resolve(data)) return null;
  if (bool.resolve(data)) return lossless(data, bool.construct(data) as boolean);
  if (YAML11_BOOL.has(data)) {
    // yes/no/on/off stay text unless the schema asks for a boolean, so `name: on` is still "on".
    scalarStats.made++;
    return new PlainScalar(data, /^[yo]/i.test(data) && data.toLowerCase() !== 'off', data);
  }
  if (int.resolve(data)) return lossless(data, int.construct(data) as number);
  return lossless(data, float.construct(data) as number);
}

/** One implicit type for null, booleans and numbers: one resolver call per plain scalar, not four. */
const typedScalarType = new jsyaml.Type('tag:yaml.org,2002:sot-scalar', {
  kind: 'scalar',
  resolve: typedScalar,
  construct: constructScalar,
});

/**
 * YAML 1.2 core types with source-keeping numbers and booleans, plus merge keys. No timestamps (dates
 * stay strings, as NetBox's API takes them), no binary/set/omap, and no custom tags: any other tag is a
 * parse error.
 */
export const SOT_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [typedScalarType, builtin.merge],
});

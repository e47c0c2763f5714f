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

const intType = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: int.resolve,
  construct: (data: string) => lossless(data, int.construct(data) as number),
});

const floatType = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: float.resolve,
  construct: (data: string) => lossless(data, float.construct(data) as number),
});

const YAML11_BOOL = new Set(['yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);

// YAML 1.2 booleans plus the YAML 1.1 words (yes/no/on/off): the latter stay strings unless the schema
// asks for a boolean, so `name: on` is still the text "on".
const boolType = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  // Every plain scalar passes through here: the length test keeps it cheap for the rest.
  resolve: (data: string) => data.length <= 5 && (bool.resolve(data) || YAML11_BOOL.has(data)),
  construct: (data: string) => {
    if (data === 'true') return true;
    if (data === 'false') return false;
    if (bool.resolve(data)) return lossless(data, bool.construct(data) as boolean);
    scalarStats.made++;
    return new PlainScalar(data, /^[yo]/i.test(data) && data.toLowerCase() !== 'off', data);
  },
});

/**
 * YAML 1.2 core types with source-keeping numbers and booleans, plus merge keys. No timestamps (dates
 * stay strings, as NetBox's API takes them), no binary/set/omap, and no custom tags: any other tag is a
 * parse error.
 */
export const SOT_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [builtin.null, boolType, intType, floatType, builtin.merge],
});

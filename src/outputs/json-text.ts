// JSON text as `JSON.stringify(value, null, 2)` writes it, byte for byte, for a value nested `depth`
// levels deep. The JSON export writes each object's fields itself, in its kind's known order, and uses
// this for the values: a full object is never built only to be stringified (see netbox-export.ts).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const INDENT = '  ';

export class PrettyJson {
  private readonly indents: string[] = [''];
  private readonly quoted = new Map<string, string>();

  /** The value's text as it reads `depth` levels deep: its lines after the first indented `depth` times. */
  text(value: Json, depth = 0): string {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value);
      case 'number':
        return Number.isFinite(value) ? String(value) : 'null';
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        return value === null ? 'null' : this.compound(value, depth);
      default:
        // undefined (and functions) become null in arrays; objects leave such keys out (see compound()).
        return 'null';
    }
  }

  private compound(value: Json[] | { [key: string]: Json }, depth: number): string {
    const inner = this.indent(depth + 1);
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      let out = `[\n${inner}${this.text(value[0], depth + 1)}`;
      for (let i = 1; i < value.length; i++) out += `,\n${inner}${this.text(value[i], depth + 1)}`;
      return `${out}\n${this.indent(depth)}]`;
    }
    let out = '';
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === undefined || typeof v === 'function') continue;
      out += `${out ? ',\n' : '{\n'}${inner}${this.key(key)}: ${this.text(v, depth + 1)}`;
    }
    return out ? `${out}\n${this.indent(depth)}}` : '{}';
  }

  /** The indentation of a line `depth` levels deep. */
  indent(depth: number): string {
    for (let d = this.indents.length; d <= depth; d++) this.indents.push(this.indents[d - 1] + INDENT);
    return this.indents[depth];
  }

  /** A key as JSON writes it (quoted and escaped), remembered: objects of a kind share their keys. */
  key(key: string): string {
    let q = this.quoted.get(key);
    if (q === undefined) this.quoted.set(key, (q = JSON.stringify(key)));
    return q;
  }
}

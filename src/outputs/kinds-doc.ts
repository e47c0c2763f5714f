import { type KindInfo, type SchemaSet, kindLabel } from '../model/kinds.js';

/** docs/kinds.md, generated from the schemas so that it cannot drift from them (a test compares). */
export function kindsDoc(schemas: SchemaSet): string {
  const choices = schemas.documents.get('urn:sot:defs:choices')?.$defs ?? {};
  const common = schemas.documents.get('urn:sot:defs:common')?.$defs ?? {};
  const kinds = [...schemas.kinds.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
  const out: string[] = [
    '# Kinds',
    '',
    'Generated from `schema/` by `npm run docs`; do not edit by hand. Every kind, its collection name,',
    'natural key, fields with types and allowed values, and references. See `docs/format.md` for the format.',
    '',
    '| Kind | Collection | Natural key | Schema |',
    '| --- | --- | --- | --- |',
    ...kinds.map((k) => `| [${k.title}](#${anchor(k)}) | \`${k.collection}\` | ${keyText(k)} | \`${k.schemaFile}\` |`),
    '',
  ];
  for (const k of kinds) {
    out.push(`## ${k.title}`, '', `\`${k.kind}\` — ${k.schema.description ?? ''}`, '');
    out.push(`- Collection: \`${k.collection}\`${k.fileFolder ? `, or one per file under \`${k.fileFolder}/<Manufacturer>/\`` : ''}`);
    out.push(`- Referred to by: ${keyText(k)}`);
    out.push(`- Unique (as in NetBox): ${uniqueText(k)}`);
    if (k.parent) out.push(`- Written under a ${kindTitle(schemas, k.parent.kind)} as \`${k.parent.inline}:\`, or top-level with \`${k.parent.field}\``);
    if (k.tree) out.push(`- Hierarchy: \`${k.tree}\` (loops are errors)`);
    out.push('', '| Field | Type | Required | Notes |', '| --- | --- | --- | --- |');
    const required = new Set<string>(k.schema.required ?? []);
    for (const [name, prop] of Object.entries<any>(k.schema.properties ?? {})) {
      out.push(`| \`${name}\` | ${typeText(prop, choices, common)} | ${required.has(name) ? 'yes' : ''} | ${notes(prop, choices, common, schemas)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function anchor(k: KindInfo): string {
  return kindLabel(k).replace(/[^a-z0-9]+/g, '-');
}

function keyText(k: KindInfo): string {
  const names = k.key.names.map((n) => `\`${n}\``).join(' or ');
  const scope = k.key.scope.length ? ` within its ${k.key.scope.map((s) => `\`${s}\``).join(', ')}` : '';
  const parts = [`${names || 'no name'}${scope}${k.key.caseInsensitive ? ' (case-insensitive)' : ''}`];
  if (k.key.compact.length) parts.push(`compact form${k.key.compact.length > 1 ? 's' : ''} ${k.key.compact.map((c) => `\`${c.form}\``).join(', ')}`);
  for (const h of k.key.handles) parts.push(`without a name, a mapping of ${h.map((f) => `\`${f}\``).join(', ')}`);
  if (k.key.filters.length) parts.push(`a mapping may add ${k.key.filters.map((f) => `\`${f}\``).join(', ')} to pick one of several`);
  return parts.join('; ');
}

function uniqueText(k: KindInfo): string {
  if (!k.unique.length) return 'nothing';
  return k.unique
    .map((u) => {
      const fields = u.fields.map((f) => (u.lower?.includes(f) ? `\`${f}\` (case-insensitive)` : `\`${f}\``)).join(', ');
      return `(${fields})${u.whenEmpty?.length ? ` when ${u.whenEmpty.map((f) => `\`${f}\``).join(', ')} is empty` : ''}`;
    })
    .join('; ');
}

function deref(prop: any, choices: any, common: any): { def: any; name?: string; kind?: 'choice' | 'common' } {
  const ref: string | undefined = prop?.$ref;
  if (ref?.startsWith('urn:sot:defs:choices#/$defs/')) {
    const name = ref.slice('urn:sot:defs:choices#/$defs/'.length);
    return { def: choices[name], name, kind: 'choice' };
  }
  if (ref?.startsWith('urn:sot:defs:common#/$defs/')) {
    const name = ref.slice('urn:sot:defs:common#/$defs/'.length);
    return { def: { ...common[name], ...prop, $ref: undefined }, name, kind: 'common' };
  }
  return { def: prop };
}

function kindTitle(schemas: SchemaSet, kind: string): string {
  const info = schemas.kinds.get(kind);
  return info ? kindLabel(info) : kind;
}

function refText(xref: any): string {
  return xref.kinds ? `reference → one of ${xref.kinds.map((k: string) => `\`${k}\``).join(', ')} (named by \`${xref.typeField}\`)` : `reference → \`${xref.kind}\``;
}

function typeText(prop: any, choices: any, common: any): string {
  if (prop?.['x-ref']) return refText(prop['x-ref']);
  if (prop?.type === 'array' && prop.items?.['x-ref']) return `list of ${refText(prop.items['x-ref']).replace(/^reference/, 'references')}`;
  const itemRef: string | undefined = prop?.type === 'array' ? prop.items?.$ref : undefined;
  if (itemRef?.startsWith('urn:sot:defs:')) return `list of \`${itemRef.replace(/^.*\//, '')}\``;
  if (itemRef?.startsWith('urn:sot:')) return `list of \`${itemRef.replace(/^urn:sot:/, '').replace(/[:#].*$/, '')}\` entries`;
  const { def, name, kind } = deref(prop, choices, common);
  if (kind === 'choice') return `choice (\`${name}\`)`;
  if (name === 'tags') return 'list of references → `extras.tag`';
  const t = def?.type ?? (def?.const !== undefined ? 'constant' : 'any');
  return Array.isArray(t) ? t.join(' or ') : String(t);
}

function notes(prop: any, choices: any, common: any, schemas: SchemaSet): string {
  const { def, kind } = deref(prop, choices, common);
  const parts: string[] = [];
  if (prop?.['x-ref']?.scope) parts.push(`same ${Object.keys(prop['x-ref'].scope).join(', ')} as this object`);
  if (prop?.['x-ref']?.implicit) parts.push('created when undeclared');
  if (kind === 'choice' || (kind === undefined && Array.isArray(def?.enum))) {
    if (def?.enum) parts.push(def.enum.length > 12 ? `${def.enum.slice(0, 12).join(', ')}, … (${def.enum.length} values)` : def.enum.join(', '));
    else if (def?.pattern) parts.push(`pattern \`${def.pattern}\``);
  }
  for (const [kw, label] of [['minimum', 'min'], ['maximum', 'max'], ['maxLength', 'max length'], ['multipleOf', 'multiple of']] as const) {
    if (def?.[kw] !== undefined) parts.push(`${label} ${def[kw]}`);
  }
  if (def?.pattern && kind !== 'choice') parts.push(`pattern \`${def.pattern}\``);
  const d = prop?.description ?? (kind === 'common' ? def?.description : undefined);
  if (d && !prop?.['x-ref']) parts.push(d);
  void schemas;
  return parts.join('; ').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

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
      const component = componentList(schemas, k, name);
      const note = [component, notes(prop, choices, common, schemas)].filter(Boolean).join('; ');
      out.push(`| \`${name}\` | ${typeText(prop, choices, common)} | ${required.has(name) ? 'yes' : ''} | ${note} |`);
    }
    out.push('');
  }
  out.push(...patternsSection(common, longPatterns(kinds)));
  return `${out.join('\n')}\n`;
}

/** Patterns longer than this are named in the tables and written out once, in the Patterns section. */
const LONG_PATTERN = 60;

/** What a list of a kind's components written under an object holds. */
function componentList(schemas: SchemaSet, owner: KindInfo, field: string): string | undefined {
  const kind = [...schemas.kinds.values()].find((c) => c.parent?.kind === owner.kind && c.parent.inline === field);
  if (!kind) return undefined;
  const typed = owner.kind === 'dcim.device' || owner.kind === 'dcim.module';
  return typed
    ? `the ${kindLabel(owner)}'s ${kindLabel(kind)}s: an entry whose \`name\` its type defines completes that one (\`remove: true\` drops it, \`template:\` renames it); any other adds one`
    : `the ${kindLabel(owner)}'s ${kindLabel(kind)}s, each a full ${kindLabel(kind)} without \`${kind.parent!.field}\``;
}

/**
 * Long patterns the schemas write inline, known by what they accept and refuse (so that a change to
 * the pattern that changes its meaning loses the name, and the doc shows the pattern again).
 */
const INLINE_PATTERNS: { name: string; description: string; accepts: string[]; refuses: string[] }[] = [
  {
    name: 'ip-with-length',
    description: 'An IPv4 or IPv6 address or prefix with its prefix length, as NetBox stores them: `10.0.0.1/24`, `2001:db8::/64`.',
    accepts: ['10.0.0.1/24', '192.0.2.0/32', '2001:db8::/64', '2001:db8::1/128'],
    refuses: ['10.0.0.1', '10.0.0.256/24', '10.0.0.1/33', '2001:db8::1/129', 'ams1'],
  },
];

function inlinePattern(pattern: string): (typeof INLINE_PATTERNS)[number] | undefined {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  return INLINE_PATTERNS.find((p) => p.accepts.every((x) => re.test(x)) && !p.refuses.some((x) => re.test(x)));
}

/** The name a long pattern goes by in the Patterns section, if it has one. */
function patternName(pattern: string, common: Record<string, any>): string | undefined {
  const fromCommon = Object.entries(common).find(([, def]) => def?.pattern === pattern);
  return fromCommon ? fromCommon[0] : inlinePattern(pattern)?.name;
}

function patternsSection(common: Record<string, any>, inline: ReadonlySet<string>): string[] {
  const named: [string, { description?: string; pattern: string }][] = Object.entries(common).filter(([, def]) => typeof def?.pattern === 'string' && def.pattern.length > LONG_PATTERN);
  for (const pattern of inline) {
    const known = inlinePattern(pattern);
    if (known && !named.some(([n]) => n === known.name)) named.push([known.name, { description: known.description, pattern }]);
  }
  if (!named.length) return [];
  const out = ['## Patterns', '', 'The long patterns the tables above name, as the schemas write them.', ''];
  for (const [name, def] of named.sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`### \`${name}\``, '', def.description ?? '', '', '```text', def.pattern, '```', '');
  }
  return out;
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
  // urn:sot:dcim:front-port → schema/dcim/front-port.json's kind; a $defs part names a shape inside it.
  if (itemRef?.startsWith('urn:sot:')) return `list of \`${itemRef.replace(/^urn:sot:/, '').replace(/#.*$/, '').replace(':', '/')}\` entries`;
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
  if (def?.pattern && kind !== 'choice') {
    const named = def.pattern.length > LONG_PATTERN ? patternName(def.pattern, common) : undefined;
    parts.push(named ? `pattern [\`${named}\`](#${named.replace(/[^a-z0-9]+/g, '-')})` : `pattern \`${def.pattern}\``);
  }
  const d = prop?.description ?? (kind === 'common' ? def?.description : undefined);
  if (d && !prop?.['x-ref']) parts.push(d);
  void schemas;
  return parts.join('; ').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Every long pattern a kind's fields or their list items write inline. */
function longPatterns(kinds: readonly KindInfo[]): Set<string> {
  const out = new Set<string>();
  const visit = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.pattern === 'string' && node.pattern.length > LONG_PATTERN) out.add(node.pattern);
    for (const v of Object.values(node)) visit(v);
  };
  for (const k of kinds) visit(k.schema.properties);
  return out;
}

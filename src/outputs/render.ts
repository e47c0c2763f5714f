import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import type { Diagnostic, DocPath, Location, Range } from '../diagnostics/diagnostic.js';
import { locate } from '../compile.js';
import { kindLabel, packageRoot } from '../model/kinds.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';
import { SourceMap } from '../parse/locate.js';
import { compareNatural, CONFIG_LIMITS, EXPORT_LIMITS, HelperArgumentError, TemplateLimitError, templateEnvironment, withinLimits, type RenderLimits } from './template-helpers.js';
import { exportContext, templateContext } from './template-context.js';

// Config templates rendered per device, and export templates rendered over the objects of their kinds,
// through one path: the same text lookup (inline, an inventory file, or built in), the same compile,
// the same diagnostics. Each template is compiled once, on first use, and the compiled function is
// reused for every device that renders with it, so a build costs one compile per template and one
// render per device. Templates are strict: a variable the data does not have stops the render with a
// diagnostic at the template's line and column, naming the device, instead of an empty string.

/** `file: builtin:arista-eos.hbs` names a template of the package's `templates/` folder. */
export const BUILTIN_PREFIX = 'builtin:';

/** A template's text and where its first character is. */
export interface TemplateSource {
  template: Obj;
  text: string;
  /** The file diagnostics point into: the template file, or the YAML file of `template_code`. */
  file: string;
  /** In a YAML file: the template_code field. */
  path?: DocPath;
  /** Where the template's line 1, column 0 is in `file` (0-based); absent when lines cannot be mapped. */
  origin?: { line: number; column: number };
}

export interface RenderOptions {
  /** The inventory folder: `file:` paths are relative to it. */
  root: string;
  /** The inventory's YAML texts by file, to locate inline templates. */
  texts: ReadonlyMap<string, string>;
  /**
   * Reads a template file by its path from the inventory folder (undefined: no such file); without
   * it, files are read from `root` on disk. A commit's inventory reads them from the commit.
   */
  readFile?: (file: string) => string | undefined;
  /** What one config render, and one export render, may write and take (default CONFIG_LIMITS, EXPORT_LIMITS). */
  limits?: { config?: RenderLimits; export?: RenderLimits };
}

export type RenderResult = { text: string; template: Obj } | { diagnostics: Diagnostic[] };

type Compiled = { fn: Handlebars.TemplateDelegate; source: TemplateSource; paths: Map<string, string> } | { diagnostics: Diagnostic[] };

/** The config template a device renders with, as NetBox picks it: the device's own, its role's, its platform's. */
export function configTemplateOf(device: Obj): Obj | undefined {
  const role = ref(device, 'role');
  const platform = ref(device, 'platform');
  return ref(device, 'config_template') ?? (role && ref(role, 'config_template')) ?? (platform && ref(platform, 'config_template'));
}

/** `config template` or `export template`, for messages. */
function noun(template: Obj): string {
  return template.kind.kind === 'extras.exporttemplate' ? 'export template' : 'config template';
}

/**
 * Export templates keep Handlebars' default: `{{ }}` escapes HTML (`&`, `<`, `>`, quotes, `` ` ``,
 * `=`), `{{{ }}}` writes text as is, so an HTML export is safe by default. Config templates write text
 * as is: a configuration is not HTML, and NetBox does not escape it either.
 */
function escapes(template: Obj): boolean {
  return template.kind.kind === 'extras.exporttemplate';
}

/**
 * The objects an export template exports, as NetBox would list them: each of its object_types in the
 * order written, objects by name in natural order (then as written, for names shared).
 */
export function exportQueryset(model: Model, template: Obj): Obj[] {
  const types = Array.isArray(template.data.object_types) ? (template.data.object_types as unknown[]).filter((t): t is string => typeof t === 'string') : [];
  return types.flatMap((t) => {
    const objects = objectsOf(model, t).map((o, i) => ({ o, i, name: displayName(o) }));
    objects.sort((a, b) => compareNatural(a.name, b.name) || a.i - b.i);
    return objects.map((x) => x.o);
  });
}

/** Renders devices' configs and export templates; holds each template compiled once. */
export class TemplateRenderer {
  private readonly env = templateEnvironment();
  private readonly compiled = new Map<Obj, Compiled>();
  /** Template files read, by the name diagnostics use: reporters quote their lines. */
  readonly files = new Map<string, string>();

  constructor(
    readonly model: Model,
    private readonly options: RenderOptions,
  ) {}

  /** One device's config, or why it cannot be rendered. contextData: its effective config context data. */
  render(device: Obj, contextData: Record<string, unknown> = {}): RenderResult {
    const template = configTemplateOf(device);
    if (!template) return { diagnostics: [] };
    return this.run(template, () => templateContext(this.model, device, contextData), device);
  }

  /** A template's source text, or undefined when it cannot be read (the render reports why). */
  templateText(template: Obj): string | undefined {
    const source = this.sourceOf(template);
    return 'text' in source ? source.text : undefined;
  }

  /** An export template's text over its queryset, or why it cannot be rendered. */
  renderExport(template: Obj): RenderResult {
    const queryset = exportQueryset(this.model, template);
    const out = this.run(template, () => exportContext(this.model, queryset));
    if ('text' in out || out.diagnostics[0]?.rule !== 'template/missing-variable') return out;
    // Strict mode names the variable, not the object that lacks it: find the first object that fails
    // alone (renders again only when there is a problem to report).
    for (const obj of queryset) {
      const one = this.run(template, () => exportContext(this.model, [obj]), obj);
      if ('diagnostics' in one && one.diagnostics[0]?.rule === 'template/missing-variable') return one;
    }
    return out;
  }

  /** Compiles (once) and runs a template; `device` is named in the problems of a config render. */
  private run(template: Obj, context: () => unknown, device?: Obj): RenderResult {
    const c = this.compile(template);
    if ('diagnostics' in c) return this.located(c.diagnostics);
    const limits = escapes(template) ? (this.options.limits?.export ?? EXPORT_LIMITS) : (this.options.limits?.config ?? CONFIG_LIMITS);
    try {
      const text = withinLimits(limits, () =>
        c.fn(context(), {
          // Explicitly off, so that Handlebars neither allows nor logs a lookup of a prototype's member.
          allowProtoMethodsByDefault: false,
          allowProtoPropertiesByDefault: false,
        }),
      );
      // Helpers count UTF-16 units as they go, and text written by `{{x}}` outside them is not counted:
      // the whole output, in bytes, is the measure.
      if (Buffer.byteLength(text, 'utf8') > limits.maxBytes) throw new TemplateLimitError('too-large', limits, { start: { line: 1, column: 0 } });
      return { text, template };
    } catch (err) {
      return this.located([this.renderProblem(err, c.source, c.paths, device)]);
    }
  }

  private located(diagnostics: Diagnostic[]): { diagnostics: Diagnostic[] } {
    locate(diagnostics, this.options.texts);
    return { diagnostics };
  }

  /** A template compiled (once), or its problems. */
  compile(template: Obj): Compiled {
    let c = this.compiled.get(template);
    if (!c) this.compiled.set(template, (c = this.compileNew(template)));
    return c;
  }

  private compileNew(template: Obj): Compiled {
    const source = this.sourceOf(template);
    if ('diagnostics' in source) return source;
    const { hb, knownHelpers } = this.env;
    const options = { strict: true, knownHelpersOnly: true, knownHelpers, noEscape: !escapes(template) };
    let ast: hbs.AST.Program;
    try {
      ast = hb.parse(source.text);
    } catch (err) {
      const text = (err as Error).message;
      const expecting = /Expecting (.*)$/m.exec(text)?.[1];
      // A block still open at the end of the template is the mistake to point at, not the end.
      const open = / got 'EOF'/.test(text) ? unclosedBlock(source.text) : undefined;
      const at = open ?? parsePlace(text, (hb as any).Parser?.lexer?.yylloc);
      const message = open
        ? `${noun(template)} "${displayName(template)}" is not valid Handlebars: {{#${open.name}}} is never closed with {{/${open.name}}}`
        : `${noun(template)} "${displayName(template)}" is not valid Handlebars${expecting ? `: expecting ${expecting}` : ''}`;
      return { diagnostics: [this.problem('template/syntax', message, source, at, template)] };
    }
    const unsupported = findUnsupported(ast);
    if (unsupported) {
      const message = `${noun(template)} "${displayName(template)}" uses ${unsupported.what}, which sot's templates do not have`;
      return { diagnostics: [this.problem('template/syntax', message, source, unsupported.at, template)] };
    }
    try {
      // What Handlebars.compile does on first call, done now: errors (unknown helpers) surface here once.
      const environment = new (hb as any).Compiler().compile(ast, options);
      const spec = new (hb as any).JavaScriptCompiler().compile(environment, options, undefined, true);
      return { fn: hb.template(spec), source, paths: pathsByPlace(ast) };
    } catch (err) {
      const e = err as { message: string; lineNumber?: number; column?: number };
      const message = `${noun(template)} "${displayName(template)}": ${e.message.replace(/ - \d+:\d+$/, '').replace('You specified knownHelpersOnly, but used the unknown helper', 'no helper named')}`;
      return { diagnostics: [this.problem('template/syntax', message, source, e.lineNumber ? { line: e.lineNumber, column: e.column ?? 0 } : undefined, template)] };
    }
  }

  /** The template's text: inline, from a file of the inventory, or built in. */
  private sourceOf(template: Obj): TemplateSource | { diagnostics: Diagnostic[] } {
    const code = template.data.template_code;
    if (typeof code === 'string') {
      const path = [...template.path, 'template_code'];
      const yaml = this.options.texts.get(template.file);
      return { template, text: code, file: template.file, path, origin: yaml === undefined ? undefined : blockOrigin(new SourceMap(yaml), path, code) };
    }
    const file = String(template.data.file ?? '');
    const builtin = file.startsWith(BUILTIN_PREFIX);
    let text: string | undefined;
    if (builtin) text = readText(join(packageRoot(), 'templates', file.slice(BUILTIN_PREFIX.length)));
    else text = this.options.readFile ? this.options.readFile(file) : readText(join(this.options.root, file));
    if (text === undefined) {
      return {
        diagnostics: [
          {
            rule: 'template/missing-file',
            severity: 'error',
            message: builtin
              ? `${noun(template)} "${displayName(template)}" names "${file}", which is not one of sot's built-in templates`
              : `${noun(template)} "${displayName(template)}" names "${file}", which is not a file of the inventory`,
            location: { file: template.file, path: [...template.path, 'file'] },
            help: builtin ? 'the built-in templates are the files of the templates/ folder of the sot package (docs/templates.md)' : 'give the path of the template file from the inventory folder (where sot.yaml is)',
            data: { template: displayName(template), file },
          },
        ],
      };
    }
    this.files.set(file, text);
    return { template, text, file, origin: { line: 0, column: 0 } };
  }

  private renderProblem(err: unknown, source: TemplateSource, paths: Map<string, string>, obj?: Obj): Diagnostic {
    const template = source.template;
    const name = obj ? displayName(obj) : undefined;
    // Who the problem is about: the device rendered (or the exported object), else the template itself.
    const what = obj ? (obj.kind.kind === 'dcim.device' ? 'device' : kindLabel(obj.kind)) : '';
    const subject = name !== undefined ? `${what} ${name}` : `${noun(template)} "${displayName(template)}"`;
    const about = name !== undefined ? (obj!.kind.kind === 'dcim.device' ? { device: name } : { object: name, kind: obj!.kind.kind }) : {};
    if (err instanceof TemplateLimitError) {
      const at = err.loc ? { line: err.loc.start.line, column: err.loc.start.column } : undefined;
      const help =
        err.limit === 'too-large'
          ? 'a loop inside a loop over big lists, or a helper that multiplies text (replace, indent, json of a whole device), writes more than any config: loop over what the device needs'
          : 'a loop inside a loop over big lists takes as long as their sizes multiplied: loop over what the device needs';
      const limit = err.limit === 'too-large' ? { maxBytes: err.limits.maxBytes } : { maxMs: err.limits.maxMs };
      return this.problem(`template/${err.limit}`, `${subject}: ${err.message}`, source, at, template, { ...about, ...limit }, help);
    }
    if (err instanceof HelperArgumentError) {
      const at = err.loc ? { line: err.loc.start.line, column: err.loc.start.column } : undefined;
      return this.problem('template/invalid-argument', `${subject}: ${err.message}`, source, at, template, { ...about, helper: err.helper });
    }
    const e = err as { message?: string; lineNumber?: number; column?: number };
    const at = e.lineNumber ? { line: e.lineNumber, column: e.column ?? 0 } : undefined;
    const missing = /^"([^"]*)" not defined in /.exec(e.message ?? '');
    if (missing) {
      const variable = (at && paths.get(`${at.line}:${at.column}`)) ?? missing[1];
      return this.problem(
        'template/missing-variable',
        name !== undefined
          ? `${subject} has no "${variable}" for ${noun(template)} "${displayName(template)}"`
          : `${subject} reads "${variable}", which is not defined`,
        source,
        at,
        template,
        { ...about, variable },
        'test it first ({{#if x}}…{{/if}}), give a fallback ({{default x "…"}}), or add the data (a field, or a config context key)',
      );
    }
    // In strict mode a helper's argument `ntp.servers` reads `servers` of a missing `ntp` without a
    // check of its own: the TypeError names the property, and the template's paths say whose it is.
    // A member of text or a number (`device.name.constructor`) is looked for with `in`, which throws.
    const read = /^Cannot read properties of (?:undefined|null) \(reading '([^']*)'\)|^Cannot use 'in' operator to search for '([^']*)'/.exec(e.message ?? '');
    const member = read?.[1] ?? read?.[2];
    const place = member !== undefined ? [...paths].find(([, p]) => p.split(/[./]/).slice(1).includes(member)) : undefined;
    if (read && member !== undefined && place) {
      const segments = place[1].split(/[./]/);
      const variable = segments.slice(0, segments.indexOf(member, 1) + (read[2] !== undefined ? 1 : 0)).join('.');
      const [line, column] = place[0].split(':').map(Number);
      return this.problem(
        'template/missing-variable',
        name !== undefined
          ? `${subject} has no "${variable}" for ${noun(template)} "${displayName(template)}" (read as ${place[1]})`
          : `${subject} reads "${place[1]}", and "${variable}" is not defined`,
        source,
        { line, column },
        template,
        { ...about, variable },
        'test it first ({{#if x}}…{{/if}}), give a fallback ({{default x "…"}}), or add the data (a field, or a config context key)',
      );
    }
    const message = (e.message ?? String(err)).replace(/ - \d+:\d+$/, '');
    return this.problem('template/invalid-argument', `${subject}: ${message}`, source, at, template, about);
  }

  /** A diagnostic at a template position (Handlebars' 1-based line, 0-based column). */
  private problem(rule: string, message: string, source: TemplateSource, at: { line: number; column: number } | undefined, template: Obj, data: Record<string, unknown> = {}, help?: string): Diagnostic {
    let location: Location;
    if (at && source.origin) {
      const start = { line: source.origin.line + at.line - 1, column: source.origin.column + at.column };
      const range: Range = { start, end: start };
      location = { file: source.file, range };
    } else location = source.path ? { file: source.file, path: source.path } : { file: source.file, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } };
    const where = at ? { line: at.line, column: at.column + 1 } : undefined;
    return {
      rule,
      severity: 'error',
      message,
      location,
      ...(help ? { help } : {}),
      data: { template: displayName(template), ...data, ...(where ? { templateLine: where.line, templateColumn: where.column } : {}) },
    };
  }
}

/**
 * Where a `template_code: |` block's text starts: the line after the indicator, at the block's
 * indentation. Other scalar styles (quoted, folded) do not keep lines as written: those are located
 * at the field.
 */
function blockOrigin(map: SourceMap, path: DocPath, code: string): { line: number; column: number } | undefined {
  const range = map.locate(path);
  const lines = map.text.split('\n');
  const head = lines[range.start.line]?.slice(range.start.column) ?? '';
  if (!/^\|[0-9+-]*\s*(#.*)?$/.test(head)) return undefined;
  const first = code.split('\n').findIndex((l) => l.trim() !== '');
  if (first < 0) return undefined;
  const line = range.start.line + 1;
  const text = lines[line + first] ?? '';
  const indent = text.length - text.trimStart().length - (code.split('\n')[first].length - code.split('\n')[first].trimStart().length);
  return { line, column: Math.max(0, indent) };
}

/** The last block opened and not closed (`{{#if x}}` without `{{/if}}`): its name and place (1-based line). */
function unclosedBlock(text: string): { name: string; line: number; column: number } | undefined {
  const stack: { name: string; line: number; column: number }[] = [];
  const tag = /\{\{~?\s*([#/])\s*([^\s}~]+)/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[1] === '#') {
      const before = text.slice(0, m.index);
      const line = before.split('\n').length;
      stack.push({ name: m[2].replace(/^[>*]/, ''), line, column: m.index - (before.lastIndexOf('\n') + 1) });
    } else stack.pop();
  }
  return stack.pop();
}

/** Where Handlebars' parser stopped: the line its message names, the column where it was reading. */
function parsePlace(message: string, yylloc: { first_line: number; first_column: number } | undefined): { line: number; column: number } | undefined {
  const line = Number(/Parse error on line (\d+)/.exec(message)?.[1]);
  if (!line) return yylloc ? { line: yylloc.first_line, column: yylloc.first_column } : undefined;
  return { line, column: yylloc && yylloc.first_line === line ? yylloc.first_column : 0 };
}

/** Every path expression's text by its `line:column`, to name a missing variable in full (`bgp.asn`, not `asn`). */
function pathsByPlace(ast: hbs.AST.Program): Map<string, string> {
  const out = new Map<string, string>();
  walk(ast, (node) => {
    if (node.type === 'PathExpression' && node.loc) out.set(`${node.loc.start.line}:${node.loc.start.column}`, (node as hbs.AST.PathExpression).original);
  });
  return out;
}

/** Partials and decorators: Handlebars features that need registrations sot does not make. */
function findUnsupported(ast: hbs.AST.Program): { what: string; at?: { line: number; column: number } } | undefined {
  let found: { what: string; at?: { line: number; column: number } } | undefined;
  walk(ast, (node) => {
    if (found) return;
    const what = /^Partial/.test(node.type) ? 'a partial ({{> …}})' : /^Decorator/.test(node.type) ? 'a decorator ({{* …}})' : undefined;
    if (what) found = { what, at: node.loc ? { line: node.loc.start.line, column: node.loc.start.column } : undefined };
  });
  return found;
}

function walk(node: unknown, visit: (n: hbs.AST.Node) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  const n = node as hbs.AST.Node & Record<string, unknown>;
  if (typeof n.type === 'string') visit(n);
  for (const key of ['body', 'program', 'inverse', 'path', 'params', 'hash', 'pairs', 'value', 'name']) if (key in n) walk(n[key], visit);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

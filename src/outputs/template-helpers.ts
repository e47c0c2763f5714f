import Handlebars from 'handlebars';
import { formatAddress, hostMask, networkOf, parseCidr, type Cidr } from '../model/ip-space.js';

// The helpers a config template may call, and nothing else: templates compile with knownHelpersOnly,
// so a helper not listed here is a template/syntax error rather than a silent empty string. Each one
// is what network configs ask for: addresses and masks of `address/len` text, interfaces in the
// order a switch lists them, VLAN lists as ranges, and a few comparisons for conditions.

type HelperOptions = Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };

/** A helper given a value it cannot use: rendering stops and reports it at the helper's place. */
export class HelperArgumentError extends Error {
  constructor(
    readonly helper: string,
    message: string,
    readonly loc?: { start: { line: number; column: number } },
  ) {
    super(message);
  }
}

/**
 * What one render may write and how long it may take (docs/templates.md): a template cannot loop
 * without data, but nested loops over big lists, or text multiplied by helpers, can grow without end.
 */
export interface RenderLimits {
  /** Bytes of output (UTF-8). */
  maxBytes: number;
  /** Milliseconds from the start of the render. */
  maxMs: number;
}

/** A device's or virtual machine's config: 16 MB, 10 s; a config is kilobytes, rendered in milliseconds. */
export const CONFIG_LIMITS: RenderLimits = { maxBytes: 16 * 1024 * 1024, maxMs: 10_000 };
/** An export template, over every exported object at once: 256 MB, 60 s. */
export const EXPORT_LIMITS: RenderLimits = { maxBytes: 256 * 1024 * 1024, maxMs: 60_000 };

/** A render stopped by its limits, at the helper or block that passed them. */
export class TemplateLimitError extends Error {
  constructor(
    readonly limit: 'too-large' | 'too-slow',
    readonly limits: RenderLimits,
    readonly loc?: { start: { line: number; column: number } },
  ) {
    super(limit === 'too-large' ? `the output passes ${megabytes(limits.maxBytes)}, the most one render may write` : `the render takes longer than ${limits.maxMs / 1000} s, the most one render may take`);
  }
}

function megabytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

/**
 * The render in progress: its limits, its deadline, how deep in helpers it is and the text the
 * outermost helpers returned. Helpers run synchronously, so there is one render at a time per thread.
 */
interface Budget {
  limits: RenderLimits;
  deadline: number;
  depth: number;
  total: number;
  /** Ticks so far: the clock is read every TICKS_PER_CLOCK of them, a render being millions of small ones. */
  ticks: number;
}

const TICKS_PER_CLOCK = 64;

let budget: Budget | undefined;

/** Runs one render within `limits`: helpers and blocks throw TemplateLimitError past them. */
export function withinLimits<T>(limits: RenderLimits, render: () => T): T {
  const outer = budget;
  budget = { limits, deadline: performance.now() + limits.maxMs, depth: 0, total: 0, ticks: 0 };
  try {
    return render();
  } finally {
    budget = outer;
  }
}

function limitsNow(): RenderLimits {
  return budget?.limits ?? CONFIG_LIMITS;
}

/** Stops the render when its time is up; called at every helper call and every block iteration. */
function tick(loc: HelperOptions['loc']): void {
  if (budget && ++budget.ticks % TICKS_PER_CLOCK === 0 && performance.now() > budget.deadline) throw new TemplateLimitError('too-slow', budget.limits, loc);
}

/**
 * Text a helper is about to make, by its length in UTF-16 units (never more than its UTF-8 bytes, so
 * this never stops a render within the limit): checked before the text is built, so that no string
 * past the limit is ever made.
 */
function checkSize(units: number, loc: HelperOptions['loc']): void {
  const limits = limitsNow();
  if (units > limits.maxBytes) throw new TemplateLimitError('too-large', limits, loc);
}

/**
 * A helper (sot's or Handlebars' own) that keeps the render within its limits: every call and every
 * run of its block checks the deadline; what its block runs accumulate, and what it returns, is
 * checked for size; what the outermost helpers return adds up to the render's total. So nested
 * `{{#each}}` over big lists stop at the loop that passes the limit, not after building the text.
 */
export function bounded(fn: (...args: any[]) => unknown): (...args: any[]) => unknown {
  return function (this: unknown, ...args: unknown[]) {
    const b = budget;
    if (!b) return fn.apply(this, args);
    const options = args[args.length - 1] as HelperOptions;
    tick(options.loc);
    if (options && typeof options.fn === 'function') {
      let made = 0;
      const run =
        (program: Handlebars.TemplateDelegate) =>
        (context: unknown, opts?: Handlebars.RuntimeOptions): string => {
          tick(options.loc);
          const text = program(context, opts);
          made += text.length;
          if (made > b.limits.maxBytes) throw new TemplateLimitError('too-large', b.limits, options.loc);
          return text;
        };
      // Handlebars makes the options object for this one call: it is ours to change.
      options.fn = run(options.fn);
      options.inverse = run(options.inverse);
    }
    b.depth++;
    let out: unknown;
    try {
      out = fn.apply(this, args);
    } finally {
      b.depth--;
    }
    if (typeof out === 'string') {
      checkSize(out.length, options.loc);
      if (b.depth === 0 && (b.total += out.length) > b.limits.maxBytes) throw new TemplateLimitError('too-large', b.limits, options.loc);
    }
    return out;
  };
}

/** Splits the trailing Handlebars options object from a helper's own arguments. */
function split(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

function cidrArg(helper: string, value: unknown, options: HelperOptions): Cidr {
  const c = parseCidr(value);
  if (!c) throw new HelperArgumentError(helper, `${helper} takes an address with its length (address/len), not ${show(value)}`, options.loc);
  return c;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** One IP helper: `address/len` text in, text or a number out. */
function ipHelper(name: string, fn: (c: Cidr) => string | number) {
  return (...args: unknown[]) => {
    const { values, options } = split(args);
    return fn(cidrArg(name, values[0], options));
  };
}

const ALL_ONES: Record<4 | 6, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/** `Ethernet1/10` → ['Ethernet', 1, '/', 10]: text and whole numbers, compared each in its own way. */
function naturalParts(text: string): (string | number)[] {
  return (text.match(/\d+|\D+/g) ?? []).map((p) => (/^\d/.test(p) ? Number(p) : p));
}

/**
 * Natural name order, as a device lists its ports: numbers compare as numbers (Ethernet1/2 before
 * Ethernet1/10, et-0/0/2 before et-0/0/10), text by code points; full text breaks ties (`01` vs `1`).
 */
export function compareNatural(a: string, b: string): number {
  const pa = naturalParts(a);
  const pb = naturalParts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `[1, 2, 3, 5, 10, 11]` → `1-3,5,10-11`: VLAN IDs sorted, duplicates dropped, runs joined. */
export function vlanRanges(vids: readonly number[], separator = ','): string {
  const sorted = [...new Set(vids)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(separator);
}

/** A list argument: an array, or a Handlebars-iterable that is one. */
function listArg(helper: string, value: unknown, options: HelperOptions): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  throw new HelperArgumentError(helper, `${helper} takes a list, not ${show(value)}`, options.loc);
}

/** A field of an item, as sort_natural and join read it. */
function field(item: unknown, key: string | undefined): unknown {
  if (key === undefined) return item;
  return item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(item, key) ? (item as any)[key] : undefined;
}

/**
 * JSON of template data, keys sorted so that output never depends on insertion order. An object met
 * again inside itself (a device's interface's device) is written as its `display` text.
 */
export function toJson(value: unknown, indent = 2, loc?: HelperOptions['loc']): string {
  const stack: unknown[] = [];
  // Every value walked writes at least one character, a string its length and quotes: a walk past the
  // limit is output past it (views share objects, so a walk of a device's relations can grow far
  // beyond the model). Checked every 1024 values, before the text is made.
  let units = 0;
  let values = 0;
  const walk = (v: unknown): unknown => {
    units += typeof v === 'string' ? v.length + 2 : 1;
    if (++values % 1024 === 0) {
      checkSize(units, loc);
      tick(loc);
    }
    if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? String(v) : v;
    if (stack.includes(v)) return (v as any).display ?? '[cycle]';
    stack.push(v);
    const out = Array.isArray(v) ? v.map(walk) : Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk((v as any)[k])]));
    stack.pop();
    return out;
  };
  return JSON.stringify(walk(value), null, indent) ?? 'null';
}

/** Prefixes every line that has text with `width` spaces; empty lines stay empty. */
export function indentText(text: string, width: number, loc?: HelperOptions['loc']): string {
  const lines = text.match(/^(?=.)/gm)?.length ?? 0;
  checkSize(text.length + lines * width, loc);
  const pad = ' '.repeat(width);
  return text.replace(/^(?=.)/gm, pad);
}

function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

/** sot's helpers by name. */
export const HELPERS: Record<string, (...args: any[]) => unknown> = {
  address: ipHelper('address', (c) => formatAddress(c.family, c.value)),
  prefix_length: ipHelper('prefix_length', (c) => c.length),
  netmask: ipHelper('netmask', (c) => formatAddress(c.family, ALL_ONES[c.family] ^ hostMask(c.family, c.length))),
  wildcard: ipHelper('wildcard', (c) => formatAddress(c.family, hostMask(c.family, c.length))),
  hostmask: ipHelper('hostmask', (c) => formatAddress(c.family, hostMask(c.family, c.length))),
  network: ipHelper('network', (c) => formatAddress(c.family, networkOf(c).first)),
  broadcast: ipHelper('broadcast', (c) => formatAddress(c.family, networkOf(c).last)),
  family: ipHelper('family', (c) => c.family),

  sort_natural(...args: unknown[]) {
    const { values, options } = split(args);
    const key = values[1] === undefined ? undefined : String(values[1]);
    const list = listArg('sort_natural', values[0], options);
    const text = (item: unknown) => {
      const v = field(item, key ?? (item !== null && typeof item === 'object' ? 'name' : undefined));
      return v === undefined || v === null ? '' : String(v);
    };
    return list
      .map((item, i) => ({ item, i, t: text(item) }))
      .sort((a, b) => compareNatural(a.t, b.t) || a.i - b.i)
      .map((x) => x.item);
  },
  join(...args: unknown[]) {
    const { values, options } = split(args);
    const separator = values[1] === undefined ? ',' : String(values[1]);
    const texts = listArg('join', values[0], options).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? String((v as any).display ?? '') : String(v)));
    checkSize(texts.reduce((n, t) => n + t.length, 0) + Math.max(0, texts.length - 1) * separator.length, options.loc);
    return texts.join(separator);
  },
  default(...args: unknown[]) {
    const { values } = split(args);
    const [value, fallback] = values;
    return value === undefined || value === null || value === '' ? fallback : value;
  },
  vlan_ranges(...args: unknown[]) {
    const { values, options } = split(args);
    const vids = listArg('vlan_ranges', values[0], options).map((v) => {
      const vid = v !== null && typeof v === 'object' ? field(v, 'vid') : v;
      const n = typeof vid === 'string' && /^\d+$/.test(vid) ? Number(vid) : vid;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw new HelperArgumentError('vlan_ranges', `vlan_ranges takes VLAN IDs or VLANs, not ${show(v)} in the list`, options.loc);
      return n;
    });
    const separator = values[1] === undefined ? ',' : String(values[1]);
    checkSize(vids.length * separator.length, options.loc);
    return vlanRanges(vids, separator);
  },

  eq: (...args: unknown[]) => split(args).values[0] === split(args).values[1],
  ne: (...args: unknown[]) => split(args).values[0] !== split(args).values[1],
  lt: (...args: unknown[]) => (split(args).values[0] as any) < (split(args).values[1] as any),
  gt: (...args: unknown[]) => (split(args).values[0] as any) > (split(args).values[1] as any),
  and: (...args: unknown[]) => split(args).values.every(truthy),
  or: (...args: unknown[]) => split(args).values.some(truthy),
  not: (...args: unknown[]) => !truthy(split(args).values[0]),

  replace: (...args: unknown[]) => {
    const { values, options } = split(args);
    const [text, from, to] = values.map(stringOf);
    const parts = text.split(from);
    // Replacing "" puts `to` between every character: the text may grow by its length times `to`'s.
    checkSize(text.length + (parts.length - 1) * (to.length - from.length), options.loc);
    return parts.join(to);
  },
  lower: (...args: unknown[]) => stringOf(split(args).values[0]).toLowerCase(),
  upper: (...args: unknown[]) => stringOf(split(args).values[0]).toUpperCase(),
  json(...args: unknown[]) {
    const { values, options } = split(args);
    return toJson(values[0], values[1] === undefined ? 2 : Number(values[1]), options.loc);
  },
  indent(this: unknown, ...args: unknown[]) {
    const { values, options } = split(args);
    // Block form `{{#indent 3}}…{{/indent}}` indents what the block renders; inline form its argument.
    const [text, width] = options.fn ? [options.fn(this), values[0]] : [stringOf(values[0]), values[1]];
    const n = width === undefined ? 2 : Number(width);
    if (!Number.isInteger(n) || n < 0) throw new HelperArgumentError('indent', `indent takes a number of spaces, not ${show(width)}`, options.loc);
    return indentText(text, n, options.loc);
  },
};

function stringOf(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Handlebars' built-in helpers a template may use; `log` (which writes to the console) is not one. */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

/**
 * A Handlebars environment of its own (never the module's global one) with sot's helpers, and the
 * compile options that allow only them.
 */
export function templateEnvironment(): { hb: typeof Handlebars; knownHelpers: Record<string, boolean> } {
  const hb = Handlebars.create();
  hb.unregisterHelper('log');
  // Handlebars' own block helpers too (blockHelperMissing runs `{{#list}}…{{/list}}` through each).
  for (const name of [...BUILTIN_HELPERS, 'blockHelperMissing']) hb.registerHelper(name, bounded(hb.helpers[name] as (...args: any[]) => unknown));
  for (const name of Object.keys(HELPERS)) hb.registerHelper(name, bounded(HELPERS[name]));
  const knownHelpers: Record<string, boolean> = { log: false };
  for (const name of [...BUILTIN_HELPERS, ...Object.keys(HELPERS)]) knownHelpers[name] = true;
  return { hb, knownHelpers };
}

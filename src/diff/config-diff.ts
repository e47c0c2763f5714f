// The rendered configs a change alters, and their unified diffs: the blast radius of a pull request.
// Rendering every device on both sides would make a one-line change cost two full builds, so only the
// devices a change can reach are rendered: those whose template view leads, within a few relations, to
// an object that changed (see affectedDevices), those whose template text changed and, when a config
// context changed, those whose effective context differs. `all` renders every device instead.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { endsOn, sideOf } from '../model/cable-ends.js';
import { farEnd, TRACEABLE_KINDS } from '../model/cable-paths.js';
import { effectiveContext } from '../model/config-context.js';
import { ipSpace, parseCidr, prefixContaining } from '../model/ip-space.js';
import { objectsOf, ref, type Model, type Obj } from '../model/model.js';
import { configPathsOf } from '../outputs/build.js';
import { unifiedDiff } from '../outputs/line-diff.js';
import { configTemplateOf, TemplateRenderer, type RenderOptions } from '../outputs/render.js';
import { sameValue } from './snapshot.js';
import type { ConfigChange } from './types.js';

export const RENDERED_KINDS = ['dcim.device', 'virtualization.virtualmachine'] as const;

/**
 * How many relations a template may follow from its device to an object whose change is looked for:
 * device → interface → IP address → prefix, device → interface → link peer → peer device. One more
 * would reach every component of every cable neighbour (device → interface → peer → peer device →
 * its interfaces), rendering some fifty devices for one changed port; a template that reads that far
 * is covered by `all`.
 */
export const REACH = 3;

export interface ConfigSide {
  model: Model;
  render: RenderOptions;
}

type KeyFn = (obj: Obj) => string;

export interface ConfigDiffOptions {
  /**
   * Each side's natural keys (src/diff/identity.ts), equal for the two versions of one object: a
   * renamed device's base version is keyed by its head key.
   */
  keys: { base: KeyFn; head: KeyFn };
  /** Render every device on both sides rather than those a change can reach. */
  all?: boolean;
}

export interface ConfigDiffResult {
  configs: ConfigChange[];
  /** Render problems of the devices rendered, per side (a template the change breaks shows in head). */
  problems: { base: Diagnostic[]; head: Diagnostic[] };
  /** Devices and virtual machines rendered on each side. */
  rendered: { base: number; head: number };
}

/** The config changes between two sides, given the objects that differ on each side. */
export function configDiff(base: ConfigSide, head: ConfigSide, changed: { base: Iterable<Obj>; head: Iterable<Obj> }, options: ConfigDiffOptions): ConfigDiffResult {
  const { keys: keyOf } = options;
  const devices = { base: renderedDevices(base.model, keyOf.base), head: renderedDevices(head.model, keyOf.head) };
  const renderers = { base: new TemplateRenderer(base.model, base.render), head: new TemplateRenderer(head.model, head.render) };

  let keys: Set<string>;
  if (options.all) keys = new Set([...devices.base.keys(), ...devices.head.keys()]);
  else {
    keys = new Set<string>();
    const changedBase = [...changed.base];
    const changedHead = [...changed.head];
    for (const d of affectedDevices(base.model, changedBase)) keys.add(sideKey(d, keyOf.base));
    for (const d of affectedDevices(head.model, changedHead)) keys.add(sideKey(d, keyOf.head));
    for (const k of templateTextChanges(devices, renderers)) keys.add(k);
    if ([...changedBase, ...changedHead].some((o) => CONTEXT_KINDS.has(o.kind.kind))) {
      for (const k of contextChanges(base.model, head.model, devices)) keys.add(k);
    }
  }

  const paths = { base: configPathsOf(base.model), head: configPathsOf(head.model) };
  const problems = { base: [] as Diagnostic[], head: [] as Diagnostic[] };
  const rendered = { base: 0, head: 0 };
  const configs: ConfigChange[] = [];
  for (const both of [...keys].sort()) {
    const b = devices.base.get(both);
    const h = devices.head.get(both);
    const before = b ? renderOne(base.model, renderers.base, b, problems.base) : undefined;
    const after = h ? renderOne(head.model, renderers.head, h, problems.head) : undefined;
    if (b) rendered.base++;
    if (h) rendered.head++;
    if (before === after || (before === undefined && after === undefined)) continue;
    const obj = (h ?? b)!;
    const key = h ? keyOf.head(h) : keyOf.base(b!);
    const path = (h ? paths.head.get(h) : paths.base.get(b!))!;
    const action = before === undefined ? 'create' : after === undefined ? 'delete' : 'update';
    const basePath = b ? paths.base.get(b)! : path;
    const diff = unifiedDiff(before ?? '', after ?? '', { expected: before === undefined ? '/dev/null' : `a/${basePath}`, actual: after === undefined ? '/dev/null' : `b/${path}` });
    const counts = countLines(diff);
    configs.push({ action, kind: obj.kind.kind as ConfigChange['kind'], key, path, ...counts, diff });
  }
  configs.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { configs, problems, rendered };
}

/** Devices and virtual machines with a config template, by kind and natural key. */
function renderedDevices(model: Model, keyOf: KeyFn): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const kind of RENDERED_KINDS) {
    for (const o of objectsOf(model, kind)) if (configTemplateOf(o)) out.set(sideKey(o, keyOf), o);
  }
  return out;
}

/** A device and a virtual machine may share a name: the kind keeps them apart. */
function sideKey(o: Obj, keyOf: KeyFn): string {
  return `${o.kind.kind}\u0000${keyOf(o)}`;
}

function renderOne(model: Model, renderer: TemplateRenderer, device: Obj, problems: Diagnostic[]): string | undefined {
  const out = renderer.render(device, effectiveContext(model, device).data);
  if ('text' in out) return out.text;
  problems.push(...out.diagnostics);
  return undefined;
}

function countLines(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++ ')) added++;
    else if (line.startsWith('-') && !line.startsWith('--- ')) removed++;
  }
  return { added, removed };
}

/** Kinds whose change can alter a device's effective config context without touching the device. */
const CONTEXT_KINDS = new Set(['extras.configcontext', 'extras.configcontextprofile']);

/** Devices whose effective config context data differs between the sides. */
function contextChanges(baseModel: Model, headModel: Model, devices: { base: Map<string, Obj>; head: Map<string, Obj> }): string[] {
  const out: string[] = [];
  for (const [key, h] of devices.head) {
    const b = devices.base.get(key);
    if (b && !sameValue(effectiveContext(baseModel, b).data, effectiveContext(headModel, h).data)) out.push(key);
  }
  return out;
}

/** Devices whose config template's text (inline or in its file) differs between the sides. */
function templateTextChanges(
  devices: { base: Map<string, Obj>; head: Map<string, Obj> },
  renderers: { base: TemplateRenderer; head: TemplateRenderer },
): string[] {
  const out: string[] = [];
  const same = new Map<Obj, Map<Obj, boolean>>();
  for (const [key, h] of devices.head) {
    const b = devices.base.get(key);
    if (!b) continue;
    const tb = configTemplateOf(b)!;
    const th = configTemplateOf(h)!;
    let byHead = same.get(tb);
    if (!byHead) same.set(tb, (byHead = new Map()));
    let equal = byHead.get(th);
    if (equal === undefined) byHead.set(th, (equal = renderers.base.templateText(tb) === renderers.head.templateText(th)));
    if (!equal) out.push(key);
  }
  return out;
}

/**
 * Devices and virtual machines whose template view can reach one of `changed` within REACH relations:
 * a walk backwards along the relations a view offers (src/outputs/template-context.ts), from each changed
 * object towards the devices that see it.
 */
export function affectedDevices(model: Model, changed: readonly Obj[]): Set<Obj> {
  const found = new Set<Obj>();
  if (changed.length === 0) return found;
  const seers = new Seers(model);
  let frontier = new Set(changed);
  const seen = new Set(changed);
  for (let depth = 0; depth <= REACH && frontier.size > 0; depth++) {
    const next = new Set<Obj>();
    for (const o of frontier) {
      if (o.kind.kind === 'dcim.device' || o.kind.kind === 'virtualization.virtualmachine') found.add(o);
      if (depth === REACH) continue;
      for (const s of seers.of(o)) {
        if (seen.has(s)) continue;
        seen.add(s);
        next.add(s);
      }
    }
    frontier = next;
  }
  return found;
}

/** Which objects' views lead to an object in one relation: the reverse of the view's relations. */
class Seers {
  private referrers?: Map<Obj, Obj[]>;
  private ipsByPrefix?: Map<Obj, Obj[]>;

  constructor(private readonly model: Model) {}

  of(o: Obj): Obj[] {
    const out: Obj[] = [...(this.referrersOf().get(o) ?? [])];
    // An owner's view lists its components.
    if (o.owner) out.push(o.owner);
    // An interface's view lists its IP addresses and its LAG members.
    if (o.kind.kind === 'ipam.ipaddress') pushRef(out, o, 'assigned_object');
    pushRef(out, o, 'lag');
    if (TRACEABLE_KINDS.has(o.kind.kind)) {
      // The far side of its cable sees it as a link peer, the far end of its path as a connected endpoint.
      for (const end of endsOn(this.model, o)) {
        out.push(end.cable);
        for (const peer of sideOf(this.model, end.cable, end.side === 'a' ? 'b' : 'a')) out.push(peer.termination);
      }
      out.push(...farEnd(this.model, o));
    }
    if (o.kind.kind === 'ipam.prefix') out.push(...(this.ipsIn().get(o) ?? []));
    return out;
  }

  /** Objects by the objects their references name (a cable names its terminations, so they see it too). */
  private referrersOf(): Map<Obj, Obj[]> {
    if (this.referrers) return this.referrers;
    const index = new Map<Obj, Obj[]>();
    const add = (target: Obj, from: Obj) => {
      const list = index.get(target);
      if (list) list.push(from);
      else index.set(target, [from]);
    };
    for (const o of this.model.objects) {
      for (const r of Object.values(o.refs)) {
        if (Array.isArray(r)) for (const t of r) add(t, o);
        else add(r, o);
      }
    }
    return (this.referrers = index);
  }

  /** IP addresses by the prefix an IP's view names as its `prefix`. */
  private ipsIn(): Map<Obj, Obj[]> {
    if (this.ipsByPrefix) return this.ipsByPrefix;
    const index = new Map<Obj, Obj[]>();
    const space = ipSpace(this.model);
    for (const ip of objectsOf(this.model, 'ipam.ipaddress')) {
      const c = parseCidr(ip.data.address);
      const table = space.tables.get(ref(ip, 'vrf'));
      const node = c && table ? prefixContaining(table, c.family, c.value) : undefined;
      if (!node) continue;
      const list = index.get(node.obj);
      if (list) list.push(ip);
      else index.set(node.obj, [ip]);
    }
    return (this.ipsByPrefix = index);
  }
}

function pushRef(out: Obj[], o: Obj, field: string): void {
  const r = ref(o, field);
  if (r) out.push(r);
}

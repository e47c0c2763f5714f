import { cableName, endName } from '../model/cable-ends.js';
import { positionsOf, TRACEABLE_KINDS, type CablePath, type Hop, type PortMapping } from '../model/cable-paths.js';
import { kindLabel } from '../model/kinds.js';
import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';

/** `--kind` values and the kinds they name. */
export const TRACE_KINDS: Record<string, string> = {
  interface: 'dcim.interface',
  'console-port': 'dcim.consoleport',
  'console-server-port': 'dcim.consoleserverport',
  'power-port': 'dcim.powerport',
  'power-outlet': 'dcim.poweroutlet',
  'front-port': 'dcim.frontport',
  'rear-port': 'dcim.rearport',
  'circuit-termination': 'circuits.circuittermination',
  'power-feed': 'dcim.powerfeed',
};

const kindOption = (kind: string) => Object.entries(TRACE_KINDS).find(([, k]) => k === kind)![0];

export type Lookup = { found: Obj } | { error: string };

/**
 * The termination a command line names: `<device>:<port>`, `<circuit>:<A|Z>` or `<power panel>:<feed>`,
 * as cable ends name them (`provider/cid:A` and `site/panel:feed` too); `kind` picks one of several.
 */
export function findTermination(model: Model, name: string, kind?: string): Lookup {
  const hits: Obj[] = [];
  for (const k of TRACEABLE_KINDS) {
    if (kind && k !== kind) continue;
    for (const t of objectsOf(model, k)) if (namesOf(t).includes(name)) hits.push(t);
  }
  if (hits.length === 1) return { found: hits[0] };
  const what = kind ? `${kindLabel(objectsOfKind(model, kind))} ` : '';
  if (!hits.length) {
    return { error: `no ${what || 'interface, port, outlet, circuit termination or power feed '}"${name}" in the inventory (write <device>:<port>, <circuit>:<A|Z> or <power panel>:<feed>)` };
  }
  const kinds = [...new Set(hits.map((t) => t.kind.kind))];
  if (kinds.length > 1) {
    const labels = kinds.map((k) => kindLabel(hits.find((t) => t.kind.kind === k)!.kind));
    return { error: `"${name}" names ${labels.map((l) => `${/^[aeiou]/.test(l) ? 'an' : 'a'} ${l}`).join(' and ')}: say which with ${kinds.map((k) => `--kind ${kindOption(k)}`).join(' or ')}` };
  }
  return { error: `"${name}" names ${hits.length} ${kindLabel(hits[0].kind)}s (${hits.map((t) => describeOwner(t)).join(', ')}): name the device, circuit or panel by a name it alone has` };
}

function objectsOfKind(model: Model, kind: string): { title: string; label?: string } {
  const o = objectsOf(model, kind)[0];
  return o ? o.kind : { title: kindOption(kind).replace(/-/g, ' ') };
}

function describeOwner(t: Obj): string {
  const scopeField = t.kind.key.scope[0];
  const scope = t.owner ?? (scopeField ? ref(t, scopeField) : undefined);
  const place = scope && ref(scope, scope.kind.key.scope[0] ?? '');
  return place ? `in ${displayName(place)}` : `#${t.id}`;
}

/** The names a termination answers to on the command line. */
function namesOf(t: Obj): string[] {
  const names = [endName(t)];
  const scopeField = t.kind.key.scope[0];
  const scope = t.owner ? undefined : scopeField ? ref(t, scopeField) : undefined;
  // A circuit as provider/cid, a power panel as site/name: the compact forms cable ends take.
  const parentField = scope?.kind.key.scope[0];
  const parent = scope && parentField ? ref(scope, parentField) : undefined;
  if (scope && parent) {
    for (const p of new Set([displayName(parent), parent.data.slug].filter((v) => typeof v === 'string' && v))) names.push(`${p}/${displayName(scope)}:${displayName(t)}`);
  }
  return names;
}

const name = (t: Obj): string => (TRACEABLE_KINDS.has(t.kind.kind) ? endName(t) : `${kindLabel(t.kind)} "${displayName(t)}"`);

function terms(objs: Obj[], positions?: Map<Obj, number[]>): string {
  if (!objs.length) return '(nothing)';
  return objs
    .map((t) => {
      if (!TRACEABLE_KINDS.has(t.kind.kind)) return name(t);
      const p = positions?.get(t);
      return `${name(t)} (${kindLabel(t.kind)}${p && positionsOf(t) > 1 ? `, position ${p.join(', ')}` : ''})`;
    })
    .join(', ');
}

function linkName(model: Model, link: Obj): string {
  const status = typeof link.data.status === 'string' && link.data.status !== 'connected' ? ` (${link.data.status})` : '';
  if (link.kind.kind === 'dcim.cable') return `cable ${cableName(model, link)}${status}`;
  const [a, b] = [ref(link, 'interface_a'), ref(link, 'interface_b')];
  const label = typeof link.data.ssid === 'string' && link.data.ssid ? `"${link.data.ssid}"` : `${a ? endName(a) : '?'} – ${b ? endName(b) : '?'}`;
  return `wireless link ${label}${status}`;
}

function mappingLine(m: PortMapping): string {
  const side = (t: Obj, p: number) => `${kindLabel(t.kind)} ${displayName(t)}${positionsOf(t) > 1 ? ` position ${p}` : ''}`;
  return `  ${displayName(m.from.owner!)}: ${side(m.from, m.fromPosition)} → ${side(m.to, m.toPosition)}`;
}

function crossingLines(hop: Hop): string[] {
  if (!hop.via) return [];
  if (hop.via.type === 'ports') return hop.via.mappings.map(mappingLine);
  return hop.near.map((ct) => `  circuit ${displayName(ref(ct, 'circuit')!)}: ${ct.data.term_side === 'A' ? 'Z → A' : 'A → Z'}`);
}

/** Positions each near port of a hop is entered at (for multi-position ports). */
function nearPositions(hop: Hop): Map<Obj, number[]> | undefined {
  if (hop.via?.type !== 'ports') return undefined;
  const map = new Map<Obj, number[]>();
  for (const m of hop.via.mappings) map.set(m.to, [...(map.get(m.to) ?? []), m.toPosition]);
  return map;
}

/** The path as text: a line per hop, the port mappings and circuits crossed, and where it ends. */
export function pathText(model: Model, path: CablePath): string {
  const lines: string[] = [];
  if (path.stop === 'not-connected') return `${terms(path.origin)} is not connected\n`;
  for (const hop of path.hops) {
    lines.push(...crossingLines(hop));
    const near = terms(hop.near, nearPositions(hop));
    if (!hop.links.length) lines.push(near);
    else lines.push(`${near} → ${hop.links.map((l) => linkName(model, l)).join(', ')} → ${terms(hop.far)}`);
  }
  if (path.attachment) {
    lines.push(...path.attachment.terminations.map((ct) => `  circuit ${displayName(ref(ct, 'circuit')!)}: ${ct.data.term_side === 'A' ? 'Z → A' : 'A → Z'}`));
    lines.push(`${terms(path.attachment.terminations)} → ${path.attachment.to.map(name).join(', ')}`);
  }
  lines.push(endLine(model, path));
  if (!path.active) {
    const down = path.hops.flatMap((h) => h.links).filter((l) => typeof l.data.status === 'string' && l.data.status !== 'connected');
    lines.push(`not active: ${down.map((l) => `${linkName(model, l).replace(/ \([^)]*\)$/, '')} is ${l.data.status}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function endLine(model: Model, path: CablePath): string {
  const last = path.hops[path.hops.length - 1];
  switch (path.stop) {
    case 'endpoint':
    case 'provider-network':
      return `far end: ${terms(path.farEnd)}${path.split ? ' (split: not every branch reaches it)' : ''}`;
    case 'no-cable':
      return `incomplete: ${terms(last.links.length ? last.far : last.near)} ${last.links.length ? 'lead nowhere' : 'has no cable'}`;
    case 'no-mapping':
      return `incomplete: ${terms(last.far)} ${last.far[0].kind.kind === 'dcim.frontport' ? 'is not mapped to a rear port' : 'has no front port mapped to it'}`;
    case 'no-far-side':
      return `incomplete: ${last.far.map((ct) => `circuit ${displayName(ref(ct, 'circuit')!)} has no ${ct.data.term_side === 'A' ? 'Z' : 'A'} side`).join(', ')}`;
    case 'attached':
      return `incomplete: ${terms(path.attachment!.terminations)} has no cable`;
    case 'split':
      return `split: ${splitText(model, path)}`;
    case 'loop':
      return `loop: ${path.loopAt!.reason === 'circuit' ? `${terms(path.loopAt!.terminations)} is on ${linkName(model, path.loopAt!.cable!)}, which the path has just crossed` : `the path comes back to ${terms(path.loopAt!.terminations)}`}`;
    case 'unsupported':
      return `refused by NetBox: ${terms(path.unsupportedAt!.terminations)} are pass-through ports of several devices`;
    case 'profiled-cable':
      return `not traced further: ${linkName(model, last.links[0])} has a profile`;
    default:
      return `stopped: ${path.stop}`;
  }
}

function splitText(model: Model, path: CablePath): string {
  const at = path.splitAt!;
  switch (at.reason) {
    case 'no-position':
      return `${terms([at.termination!])} has ${positionsOf(at.termination!)} positions and the path brings none to choose from`;
    case 'positions':
      return `${terms(at.terminations)} lead to different cables with ${at.terminations.length} ports for a different number of positions`;
    case 'asymmetric':
      return `some of ${terms(at.terminations)} have no cable`;
    default:
      return `the far end of ${linkName(model, at.cable!)} mixes kinds of termination`;
  }
}

const ref1 = (o: Obj) => (TRACEABLE_KINDS.has(o.kind.kind) ? { kind: o.kind.kind, name: endName(o) } : { kind: o.kind.kind, name: displayName(o) });

/** The path as data, for `--format json`. */
export function pathJson(model: Model, path: CablePath): unknown {
  const link = (l: Obj) => ({
    kind: l.kind.kind,
    name: l.kind.kind === 'dcim.cable' ? cableName(model, l).replace(/^"(.*)"$/, '$1') : linkName(model, l).replace(/^wireless link /, ''),
    ...(typeof l.data.label === 'string' && l.data.label ? { label: l.data.label } : {}),
    status: typeof l.data.status === 'string' ? l.data.status : 'connected',
  });
  return {
    origin: path.origin.map(ref1),
    hops: path.hops.map((h) => ({
      ...(h.via
        ? {
            via:
              h.via.type === 'ports'
                ? { type: 'ports', mappings: h.via.mappings.map((m) => ({ from: ref1(m.from), fromPosition: m.fromPosition, to: ref1(m.to), toPosition: m.toPosition })) }
                : { type: 'circuit' },
          }
        : {}),
      near: h.near.map(ref1),
      links: h.links.map(link),
      far: h.far.map(ref1),
    })),
    ...(path.attachment ? { attachment: { terminations: path.attachment.terminations.map(ref1), to: path.attachment.to.map(ref1) } } : {}),
    stop: path.stop,
    complete: path.complete,
    active: path.active,
    split: path.split,
    ...(path.splitAt ? { splitAt: { reason: path.splitAt.reason, terminations: path.splitAt.terminations.map(ref1) } } : {}),
    ...(path.loopAt ? { loopAt: { reason: path.loopAt.reason, terminations: path.loopAt.terminations.map(ref1) } } : {}),
    farEnd: path.farEnd.map(ref1),
  };
}

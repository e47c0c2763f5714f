import { cableEnds, endPlace, type CableEnd, type CableEnds, type CableSide } from './cable-ends.js';
import { describe, objectsOf, ref, type Model, type Obj } from './model.js';

// Cable paths as NetBox traces them (CablePath.from_origin): from a set of terminations on one cable
// end, across cables (and wireless links), through front and rear ports by their mappings and
// positions, and across circuits from one side to the other, to the far end or to where it stops.
// Built on the cable ends; each path is computed once per model and origin, in time linear in its
// length.

/** Terminations that own a path in NetBox (its path endpoints). */
export const ENDPOINT_KINDS: ReadonlySet<string> = new Set([
  'dcim.interface',
  'dcim.consoleport',
  'dcim.consoleserverport',
  'dcim.powerport',
  'dcim.poweroutlet',
  'dcim.powerfeed',
]);

/** Every kind a path may start from: the endpoints, pass-through ports and circuit terminations. */
export const TRACEABLE_KINDS: ReadonlySet<string> = new Set([...ENDPOINT_KINDS, 'dcim.frontport', 'dcim.rearport', 'circuits.circuittermination']);

const FRONT = 'dcim.frontport';
const REAR = 'dcim.rearport';
const CIRCUIT_TERMINATION = 'circuits.circuittermination';

/** One crossing of a front/rear port mapping: `from` at `fromPosition` leads to `to` at `toPosition`. */
export interface PortMapping {
  from: Obj;
  fromPosition: number;
  to: Obj;
  toPosition: number;
}

/** How a hop's near terminations were reached from the previous hop's far ones. */
export type Crossing = { type: 'ports'; mappings: PortMapping[] } | { type: 'circuit' };

/** One hop: near terminations, the links (cables or wireless links) they share, the far terminations. */
export interface Hop {
  near: Obj[];
  /** Absent for the origin. */
  via?: Crossing;
  links: Obj[];
  far: Obj[];
}

/** Why a trace ended where it did. */
export type Stop =
  /** Complete: the far end is a set of path endpoints (interfaces, console, power ports…). */
  | 'endpoint'
  /** Complete: a circuit's far side is attached to a provider network. */
  | 'provider-network'
  /** The origin has no cable or wireless link: there is no path. */
  | 'not-connected'
  /** The path reaches terminations without a cable. */
  | 'no-cable'
  /** A front or rear port with no mapping to the other side. */
  | 'no-mapping'
  /** A circuit without a termination on its other side. */
  | 'no-far-side'
  /** A circuit whose other side has no cable and is attached to a site, location, region or site group. */
  | 'attached'
  | 'split'
  | 'loop'
  /** NetBox refuses the cable that makes this path (pass-through ports of several devices on one end). */
  | 'unsupported'
  /** A cable with a profile: its connectors and positions are not traced. */
  | 'profiled-cable';

export type SplitReason =
  /** A multi-position front or rear port reached with no position to choose its mappings. */
  | 'no-position'
  /** Ports whose cables differ, with a number of positions that does not match them. */
  | 'positions'
  /** Some of the terminations continue on a cable and others have none. */
  | 'asymmetric'
  /** The far end mixes kinds of termination. */
  | 'mixed';

export type LoopReason =
  /** A circuit whose far side is on a cable the path has just crossed. */
  | 'circuit'
  /** The walk comes back to terminations it has already left with the same positions. */
  | 'cycle';

export interface CablePath {
  origin: Obj[];
  hops: Hop[];
  /** A circuit's far side that ends the path without a cable, and what it attaches to. */
  attachment?: { terminations: Obj[]; to: Obj[] };
  stop: Stop;
  /** NetBox's flags: reached an endpoint or provider network; every link connected; diverged. */
  complete: boolean;
  active: boolean;
  split: boolean;
  /** Where and why a split path divided (the first split; an asymmetric split lets the trace go on). */
  splitAt?: { reason: SplitReason; terminations: Obj[]; cable?: Obj; termination?: Obj; positions?: number };
  loopAt?: { reason: LoopReason; terminations: Obj[]; cable?: Obj; termination?: Obj };
  /** Where a path NetBox refuses goes wrong: the terminations of several devices. */
  unsupportedAt?: { terminations: Obj[]; cable?: Obj; termination?: Obj };
  /** The last node set of a complete path (endpoints or provider networks), else empty. */
  farEnd: Obj[];
}

interface Index {
  ends: CableEnds;
  /** Termination → its link: the cable end that holds it, or its wireless link. */
  links: Map<Obj, Link>;
  /** Rear port → the front ports mapped to it, in model order. */
  frontsOfRear: Map<Obj, Obj[]>;
  /** Circuit → its terminations by side. */
  circuitSides: Map<Obj, Map<string, Obj>>;
  /** First origin → its path. */
  paths: Map<Obj, CablePath>;
  /** Every stored path, once asked for (allPaths). */
  all?: CablePath[];
}

/**
 * A termination's link. A cable end is one object for all the terminations on it, with those
 * terminations: they are the origin of a path from any of them.
 */
type Link = { obj: Obj; side: CableSide; terminations: Obj[]; wireless?: undefined } | { obj: Obj; wireless: Obj };

const memo = new WeakMap<Model, Index>();

function index(model: Model): Index {
  let idx = memo.get(model);
  if (idx) return idx;
  const ends = cableEnds(model);
  // A termination's link is the first cable end it is on, in inventory order.
  const links = new Map<Obj, Link>();
  for (const [cable, sides] of ends.byCable) {
    sideLinks(cable, 'a', sides.a, links);
    sideLinks(cable, 'b', sides.b, links);
  }
  // NetBox's interface link is its cable, else its wireless link.
  for (const link of objectsOf(model, 'wireless.wirelesslink')) {
    const [a, b] = [ref(link, 'interface_a'), ref(link, 'interface_b')];
    if (!a || !b) continue;
    if (!links.has(a)) links.set(a, { obj: link, wireless: b });
    if (!links.has(b)) links.set(b, { obj: link, wireless: a });
  }
  const frontsOfRear = new Map<Obj, Obj[]>();
  for (const front of objectsOf(model, FRONT)) {
    const rear = ref(front, 'rear_port');
    if (!rear) continue;
    const list = frontsOfRear.get(rear);
    if (list) list.push(front);
    else frontsOfRear.set(rear, [front]);
  }
  const circuitSides = new Map<Obj, Map<string, Obj>>();
  for (const ct of objectsOf(model, CIRCUIT_TERMINATION)) {
    const circuit = ref(ct, 'circuit');
    if (!circuit || (ct.data.term_side !== 'A' && ct.data.term_side !== 'Z')) continue;
    let sides = circuitSides.get(circuit);
    if (!sides) circuitSides.set(circuit, (sides = new Map()));
    if (!sides.has(ct.data.term_side)) sides.set(ct.data.term_side, ct);
  }
  idx = { ends, links, frontsOfRear, circuitSides, paths: new Map() };
  memo.set(model, idx);
  return idx;
}

/** One link for a cable end, entered for each of its terminations that is on no earlier cable end. */
function sideLinks(cable: Obj, side: CableSide, ends: readonly CableEnd[], links: Map<Obj, Link>): void {
  if (!ends.length) return;
  const link: Link = { obj: cable, side, terminations: ends.map((e) => e.termination) };
  for (const e of ends) if (!links.has(e.termination)) links.set(e.termination, link);
}

/** A port's number of positions (NetBox's default 1). */
export function positionsOf(port: Obj): number {
  return typeof port.data.positions === 'number' ? port.data.positions : 1;
}

/** The rear port position a front port is mapped to (NetBox's default 1). */
function rearPosition(front: Obj): number {
  return typeof front.data.rear_port_position === 'number' ? front.data.rear_port_position : 1;
}

/**
 * The terminations NetBox traces together with this one: every termination on the same end of its
 * cable (a wireless link's interface alone; a termination without a link alone).
 */
export function originOf(model: Model, termination: Obj): Obj[] {
  return originIn(index(model), termination).slice();
}

/** originOf, shared: the cable end's own list. */
function originIn(idx: Index, termination: Obj): Obj[] {
  const link = idx.links.get(termination);
  return !link || link.wireless ? [termination] : link.terminations;
}

/** The path traced from a termination (with the others on its cable end), computed once per model. */
export function pathFrom(model: Model, termination: Obj): CablePath {
  return pathIn(model, index(model), termination);
}

function pathIn(model: Model, idx: Index, termination: Obj): CablePath {
  const origin = originIn(idx, termination);
  let path = idx.paths.get(origin[0]);
  if (!path) idx.paths.set(origin[0], (path = trace(model, idx, origin)));
  return path;
}

/** Where a termination's path ends when it is complete (endpoints or provider networks), else nothing. */
export function farEnd(model: Model, termination: Obj): readonly Obj[] {
  return pathFrom(model, termination).farEnd;
}

/**
 * Every path NetBox stores: one from each cable end whose terminations are endpoints, and one from
 * each interface of a wireless link, in inventory order.
 */
export function allPaths(model: Model): readonly CablePath[] {
  const idx = index(model);
  if (idx.all) return idx.all;
  const out: CablePath[] = [];
  const seen = new Set<Obj>();
  for (const termination of idx.links.keys()) {
    if (!ENDPOINT_KINDS.has(termination.kind.kind)) continue;
    const path = pathIn(model, idx, termination);
    if (seen.has(path.origin[0])) continue;
    seen.add(path.origin[0]);
    out.push(path);
  }
  return (idx.all = out);
}

function linkStatus(link: Obj): string {
  return typeof link.data.status === 'string' ? link.data.status : 'connected';
}

/** The items without repeats, in order. Takes a fresh array, and may hand it back: most have one item. */
function unique<T>(items: T[]): T[] {
  return items.length < 2 ? items : [...new Set(items)];
}

/** A place the walk has been: the terminations, with the positions it carries. */
function walkKey(terminations: readonly Obj[], stack: readonly number[][]): string {
  return `${terminations.map((t) => t.id).join(',')}|${JSON.stringify(stack)}`;
}

function trace(model: Model, idx: Index, origin: Obj[]): CablePath {
  const hops: Hop[] = [];
  const stack: number[][] = [];
  const path: CablePath = { origin, hops, stop: 'no-cable', complete: false, active: true, split: false, farEnd: [] };
  // Only a walk through ports or a circuit can come back: most paths end at their first cable's far
  // end, and never need the places they have been.
  let visited: Set<string> | undefined;
  let terminations = origin;
  let via: Crossing | undefined;
  for (;;) {
    // The same terminations with the same positions again: the walk would never end.
    if (via) {
      visited ??= new Set([walkKey(origin, [])]);
      const key = walkKey(terminations, stack);
      if (visited.has(key)) {
        path.stop = 'loop';
        path.split = true;
        path.loopAt = { reason: 'cycle', terminations };
        return path;
      }
      visited.add(key);
    }
    const kind = terminations[0].kind.kind;
    // Pass-through ports of several devices on one end: NetBox refuses the cable.
    if (!ENDPOINT_KINDS.has(kind) && kind !== CIRCUIT_TERMINATION && terminations.some((t) => t.owner !== terminations[0].owner)) {
      path.stop = 'unsupported';
      // The cable end to blame: the far end, on a port of another device than the first's.
      const last = hops[hops.length - 1];
      const other = last?.far.find((t) => t.owner !== last.far[0].owner);
      path.unsupportedAt = { terminations, cable: other && last.links.find((l) => endOnCable(model, other, l)), termination: other };
      return path;
    }
    const own = terminations.map((t) => idx.links.get(t));
    const links = unique(own.filter((l): l is Link => !!l).map((l) => l.obj));
    // Ports on different cables that the positions on the stack do not match one for one.
    if (stack.length && terminations.length !== stack[stack.length - 1].length && unique(own.map((l) => l?.obj)).length > 1) {
      path.stop = 'split';
      path.split = true;
      path.splitAt = { reason: 'positions', terminations, cable: links[0], termination: terminations.find((t) => idx.links.get(t)?.obj === links[0]), positions: stack[stack.length - 1].length };
      return path;
    }
    if (!links.length) {
      path.stop = hops.length === 0 && !via ? 'not-connected' : 'no-cable';
      if (via) hops.push({ near: terminations, via, links: [], far: [] });
      return path;
    }
    const hop: Hop = { near: terminations, via, links, far: [] };
    hops.push(hop);
    if (own.some((l) => !l) && !path.split) {
      path.split = true;
      path.splitAt = { reason: 'asymmetric', terminations, cable: links[0], termination: terminations.find((t) => idx.links.get(t)?.obj === links[0]) };
    }
    if (links.some((l) => linkStatus(l) !== 'connected')) path.active = false;
    if (links[0].kind.kind === 'dcim.cable' && links[0].data.profile) {
      path.stop = 'profiled-cable';
      return path;
    }
    // The far end: every termination on the other end of these cables, or the wireless peers.
    const far: Obj[] = [];
    for (const l of own) {
      if (!l) continue;
      if (l.wireless) far.push(l.wireless);
    }
    for (const link of links) if (link.kind.kind === 'dcim.cable') farOfCable(idx, own, link, far);
    hop.far = unique(far);
    if (!hop.far.length) {
      path.stop = 'no-cable';
      return path;
    }
    const farKind = hop.far[0].kind.kind;
    if (hop.far.some((t) => t.kind.kind !== farKind)) {
      path.stop = 'split';
      path.complete = false;
      path.split = true;
      path.splitAt = { reason: 'mixed', terminations: hop.far, cable: links[0] };
      return path;
    }
    if (farKind === FRONT || farKind === REAR) {
      const front = farKind === FRONT;
      let mappings: PortMapping[];
      if (positionsOf(hop.far[0]) > 1) {
        const positions = stack.pop();
        if (!positions) {
          path.stop = 'split';
          path.split = true;
          const termination = hop.far[0];
          const cable = idx.links.get(termination)?.obj;
          path.splitAt = { reason: 'no-position', terminations: hop.far, cable: cable && links.includes(cable) ? cable : links[0], termination };
          return path;
        }
        mappings = mappingsOf(idx, hop.far, front).filter((m) => positions.includes(m.fromPosition));
      } else {
        mappings = mappingsOf(idx, hop.far, front);
      }
      if (!mappings.length) {
        path.stop = 'no-mapping';
        return path;
      }
      terminations = unique(mappings.map((m) => m.to));
      if (terminations.some((t) => positionsOf(t) > 1)) stack.push(mappings.map((m) => m.toPosition));
      via = { type: 'ports', mappings };
      continue;
    }
    if (farKind === CIRCUIT_TERMINATION) {
      const others: Obj[] = [];
      for (const ct of hop.far) {
        const circuit = ref(ct, 'circuit');
        const other = circuit && idx.circuitSides.get(circuit)?.get(ct.data.term_side === 'A' ? 'Z' : 'A');
        if (other) others.push(other);
      }
      const opposite = unique(others).sort((x, y) => x.id - y.id);
      if (!opposite.length) {
        path.stop = 'no-far-side';
        return path;
      }
      if (opposite.every((ct) => ct.data.termination_type === 'circuits.providernetwork')) {
        path.attachment = { terminations: opposite, to: opposite.map((ct) => ref(ct, 'termination')).filter((o): o is Obj => !!o) };
        path.stop = 'provider-network';
        path.complete = true;
        path.farEnd = path.attachment.to;
        return path;
      }
      if (opposite.every((ct) => ct.data.termination_type && !idx.links.has(ct))) {
        path.attachment = { terminations: opposite, to: opposite.map((ct) => ref(ct, 'termination')).filter((o): o is Obj => !!o) };
        path.stop = 'attached';
        return path;
      }
      const back = opposite.find((ct) => links.includes(idx.links.get(ct)?.obj as Obj));
      if (back) {
        path.stop = 'loop';
        path.split = true;
        path.loopAt = { reason: 'circuit', terminations: opposite, cable: idx.links.get(back)!.obj, termination: back };
        return path;
      }
      terminations = opposite;
      via = { type: 'circuit' };
      continue;
    }
    // Endpoints: the path is complete.
    path.stop = 'endpoint';
    path.complete = true;
    path.farEnd = hop.far;
    return path;
  }
}

/**
 * The terminations on the far ends of a cable that some of `own` are on: its other side from each
 * side they hold, sides in the order they are first met.
 */
function farOfCable(idx: Index, own: (Link | undefined)[], cable: Obj, far: Obj[]): void {
  const sides = idx.ends.byCable.get(cable);
  if (!sides) return;
  let fromA = false;
  let fromB = false;
  for (const l of own) {
    if (!l || l.wireless || l.obj !== cable) continue;
    if (l.side === 'a' && !fromA) {
      fromA = true;
      for (const e of sides.b) far.push(e.termination);
    } else if (l.side === 'b' && !fromB) {
      fromB = true;
      for (const e of sides.a) far.push(e.termination);
    }
  }
}

/** The mappings of front ports to their rear ports, or of rear ports to the front ports mapped to them. */
function mappingsOf(idx: Index, ports: Obj[], front: boolean): PortMapping[] {
  const out: PortMapping[] = [];
  if (front) {
    for (const f of ports) {
      const rear = ref(f, 'rear_port');
      if (rear) out.push({ from: f, fromPosition: 1, to: rear, toPosition: rearPosition(f) });
    }
    return out;
  }
  for (const r of ports) for (const f of idx.frontsOfRear.get(r) ?? []) out.push({ from: r, fromPosition: rearPosition(f), to: f, toPosition: 1 });
  // NetBox reads the mappings of several rear ports in the order they were made: by front port.
  return ports.length > 1 ? out.sort((x, y) => x.to.id - y.to.id) : out;
}

/** The end of `cable` on `termination`, for a finding's place. */
export function endOnCable(model: Model, termination: Obj, cable: Obj): CableEnd | undefined {
  return cableEnds(model).byTermination.get(termination)?.find((e) => e.cable === cable);
}

/** A path's origin in a message: its first termination, and how many more start with it. */
export function pathOrigin(path: CablePath): string {
  return `${describe(path.origin[0])}${path.origin.length > 1 ? ` (and ${path.origin.length - 1} more on its cable end)` : ''}`;
}

/** Where a path starts, as a finding's related location: the origin's end on its first cable. */
export function pathStart(model: Model, path: CablePath): { obj: Obj; field: string; subPath?: number[]; message: string }[] | undefined {
  const cable = path.hops[0]?.links[0];
  const end = cable && endOnCable(model, path.origin[0], cable);
  return end ? [{ obj: cable, ...endPlace(end), message: `the path starts at ${describe(path.origin[0])}` }] : undefined;
}

/** Where a path stops, on a cable end: the cable, the termination and the end's place on the cable. */
export interface PathStop<T> {
  path: CablePath;
  at: T;
  cable: Obj;
  termination: Obj;
  place: { field: string; subPath?: number[] };
}

/**
 * The paths that stop in one way (`pick` gives the stop and its cable and termination, or nothing),
 * each place on a cable once: every origin whose path meets the same cable end is one finding.
 */
export function stopsOnCableEnds<T>(model: Model, pick: (path: CablePath) => { at: T; cable?: Obj; termination?: Obj } | undefined): PathStop<T>[] {
  const out: PathStop<T>[] = [];
  const seen = new Set<string>();
  for (const path of allPaths(model)) {
    const stop = pick(path);
    if (!stop?.cable || !stop.termination) continue;
    const end = endOnCable(model, stop.termination, stop.cable);
    if (!end) continue;
    const place = endPlace(end);
    const key = `${stop.cable.id}|${place.field}|${place.subPath?.[0] ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, at: stop.at, cable: stop.cable, termination: stop.termination, place });
  }
  return out;
}

import { objectsOf, ref, type Model, type Obj } from './model.js';

// What racks hold, derived once per model and shared by the rack rules: each rack's unit numbering,
// which device takes each half-unit of each face, and which reservation holds each unit.

export type Face = 'front' | 'rear';
export const FACES: readonly Face[] = ['front', 'rear'];

/** NetBox's defaults for a rack (and a rack type) that does not say. */
const DEFAULT_U_HEIGHT = 42;
const DEFAULT_STARTING_UNIT = 1;

/**
 * A rack's units as NetBox numbers them: half-units from `startingUnit` up to
 * `startingUnit + uHeight − 0.5` (a 42U rack from 1: 1, 1.5 … 42.5). `descUnits` only turns the
 * numbering top to bottom in the elevation; the set of units, and what fits where, is the same.
 */
export interface RackUnits {
  uHeight: number;
  startingUnit: number;
  descUnits: boolean;
  /** The number of the highest whole unit (42 for a 42U rack from 1). */
  lastUnit: number;
}

/** A device that takes rack units: a type of some height (not 0U, not a child) at a position. */
export interface Placement {
  device: Obj;
  rack: Obj;
  deviceType: Obj;
  position: number;
  uHeight: number;
  /** The face as written (a position needs one; a device without is reported elsewhere). */
  face?: Face;
  fullDepth: boolean;
  /** The faces whose units it takes: both for a full-depth type, else its own face. */
  faces: readonly Face[];
}

export interface RackOccupancy {
  rack: Obj;
  /** Undefined when the rack's numbering is unknown (its rack type or height does not resolve). */
  units?: RackUnits;
  /** Devices that take units, in inventory order. */
  placements: Placement[];
  /** Devices in the rack that take no units (a 0U or child type, or no position), in inventory order. */
  unplaced: Obj[];
  /** Per face, half-unit (as twice its number: U10.5 → 21) → the first device, in inventory order, to take it. */
  cells: Record<Face, Map<number, Placement>>;
  /** The rack's reservations, in inventory order. */
  reservations: Obj[];
  /** Unit → the first reservation, in inventory order, to list it. */
  reserved: Map<number, Obj>;
}

export interface Occupancy {
  racks: Map<Obj, RackOccupancy>;
  placements: Map<Obj, Placement>;
}

const memo = new WeakMap<Model, Occupancy>();

/** Every rack's occupancy, computed on first use and shared by every rule that asks. */
export function rackOccupancy(model: Model): Occupancy {
  let occ = memo.get(model);
  if (!occ) memo.set(model, (occ = build(model)));
  return occ;
}

/** The rack's occupancy (also for a rack nothing is placed in). */
export function occupancyOf(model: Model, rack: Obj): RackOccupancy {
  const occ = rackOccupancy(model);
  return occ.racks.get(rack) ?? emptyOccupancy(rack);
}

/** The device's place in its rack, when it takes units. */
export function placementOf(model: Model, device: Obj): Placement | undefined {
  return rackOccupancy(model).placements.get(device);
}

/** The first device, in inventory order, that takes the half-unit starting at `unit` on `face`. */
export function occupant(occ: RackOccupancy, face: Face, unit: number): Placement | undefined {
  return occ.cells[face].get(unit * 2);
}

/** The half-units a placement takes, bottom up: [position, position + height) in steps of 0.5. */
export function* halfUnits(p: { position: number; uHeight: number }): Generator<number> {
  for (let k = p.position * 2, top = (p.position + p.uHeight) * 2; k < top; k++) yield k / 2;
}

/** Whether the rack has the half-unit starting at `unit`. */
export function hasUnit(units: RackUnits, unit: number): boolean {
  return Number.isInteger(unit * 2) && unit >= units.startingUnit && unit < units.startingUnit + units.uHeight;
}

/** `U10`, `U10.5`: a unit as NetBox names it. */
export function unitName(unit: number): string {
  return `U${unit}`;
}

/**
 * The units a device of `uHeight` at `position` spans, as people count them: `U10` for one unit,
 * `U10–U11` for two (from its position to position + height − 1), `U10.5–U11.5` from a half unit.
 */
export function unitSpan(position: number, uHeight: number): string {
  const last = position + uHeight - 1;
  return last > position ? `${unitName(position)}–${unitName(last)}` : unitName(position);
}

/** `U1–U42`: the units of a rack. */
export function rackSpan(units: RackUnits): string {
  return `${unitName(units.startingUnit)}–${unitName(units.lastUnit)}`;
}

/** The unit numbering of a rack, from its rack type when it has one (NetBox copies the type's on save). */
export function rackUnits(rack: Obj): RackUnits | undefined {
  let source = rack;
  if (rack.data.rack_type != null) {
    const type = ref(rack, 'rack_type');
    if (!type) return undefined;
    source = type;
  }
  const { u_height: h = DEFAULT_U_HEIGHT, starting_unit: s = DEFAULT_STARTING_UNIT, desc_units: d = false } = source.data;
  if (!Number.isInteger(h) || h < 1 || !Number.isInteger(s) || s < 1) return undefined;
  return { uHeight: h, startingUnit: s, descUnits: d === true, lastUnit: s + h - 1 };
}

/**
 * A device's height as its type gives it (NetBox's default is 1U), or 0 when it takes no units: a 0U
 * type or a child type (a child sits in its parent's device bay). Undefined when the type is unknown.
 */
export function deviceUnits(device: Obj): { deviceType: Obj; uHeight: number; child: boolean; fullDepth: boolean } | undefined {
  const deviceType = ref(device, 'device_type');
  if (!deviceType) return undefined;
  const h = deviceType.data.u_height ?? 1;
  if (typeof h !== 'number' || !Number.isInteger(h * 2) || h < 0) return undefined;
  return { deviceType, uHeight: h, child: deviceType.data.subdevice_role === 'child', fullDepth: deviceType.data.is_full_depth !== false };
}

function emptyOccupancy(rack: Obj): RackOccupancy {
  return { rack, units: rackUnits(rack), placements: [], unplaced: [], cells: { front: new Map(), rear: new Map() }, reservations: [], reserved: new Map() };
}

function build(model: Model): Occupancy {
  const racks = new Map<Obj, RackOccupancy>();
  const placements = new Map<Obj, Placement>();
  const of = (rack: Obj) => {
    let o = racks.get(rack);
    if (!o) racks.set(rack, (o = emptyOccupancy(rack)));
    return o;
  };

  for (const device of objectsOf(model, 'dcim.device')) {
    const rack = ref(device, 'rack');
    if (!rack) continue;
    const position = device.data.position;
    const type = deviceUnits(device);
    if (typeof position !== 'number' || !type || type.uHeight === 0 || type.child) {
      if (position == null || (type && (type.uHeight === 0 || type.child))) of(rack).unplaced.push(device);
      continue;
    }
    if (!Number.isInteger(position * 2)) continue;
    const face: Face | undefined = device.data.face === 'front' || device.data.face === 'rear' ? device.data.face : undefined;
    const p: Placement = {
      device,
      rack,
      deviceType: type.deviceType,
      position,
      uHeight: type.uHeight,
      face,
      fullDepth: type.fullDepth,
      faces: type.fullDepth ? FACES : face ? [face] : [],
    };
    const o = of(rack);
    o.placements.push(p);
    placements.set(device, p);
    for (const f of p.faces) {
      const cells = o.cells[f];
      for (let k = position * 2, top = (position + p.uHeight) * 2; k < top; k++) if (!cells.has(k)) cells.set(k, p);
    }
  }

  for (const reservation of objectsOf(model, 'dcim.rackreservation')) {
    const rack = ref(reservation, 'rack');
    if (!rack) continue;
    const o = of(rack);
    o.reservations.push(reservation);
    const units = Array.isArray(reservation.data.units) ? reservation.data.units : [];
    for (const u of units) if (typeof u === 'number' && !o.reserved.has(u)) o.reserved.set(u, reservation);
  }
  return { racks, placements };
}

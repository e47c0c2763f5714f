import { displayName, objectsOf, ref, type Model, type Obj } from '../model/model.js';
import { FACES, deviceUnits, occupancyOf, occupant, unitName, type Face, type RackOccupancy } from '../model/rack-occupancy.js';

// A rack's elevation, the way NetBox draws it: its units top to bottom, what each face holds at each
// half-unit, its reservations and the devices that take no units. Read from the shared rack occupancy;
// the text, SVG and JSON views render this structure and nothing else.

/** NetBox's colour for a device role that does not give one. */
export const DEFAULT_ROLE_COLOR = '9e9e9e';

export interface ElevationDevice {
  /** The device's name as NetBox shows it. */
  name: string;
  role?: string;
  /** The role's colour, six lower-case hex digits. */
  color: string;
  /** `Manufacturer Model`. */
  deviceType: string;
  position: number;
  uHeight: number;
  face?: Face;
  fullDepth: boolean;
  /** The faces it shows on: both when full depth. */
  faces: Face[];
}

export interface UnplacedDevice {
  name: string;
  role?: string;
  color: string;
  deviceType: string;
  /** Why it takes no units. */
  reason: '0U' | 'child' | 'no position';
}

export interface ElevationReservation {
  /** `R1`, `R2` … in inventory order: how the text view marks its units. */
  label: string;
  units: number[];
  status: string;
  user: string;
  tenant?: string;
  description: string;
}

export interface RackElevation {
  site: string;
  location?: string;
  rack: string;
  uHeight: number;
  startingUnit: number;
  /** Units numbered from the top (U1 at the top), as the rack's `desc_units` says. */
  descUnits: boolean;
  /** The whole units from the top of the drawing to the bottom. */
  units: number[];
  /** Devices that take units, in inventory order. */
  devices: ElevationDevice[];
  /** Per face, half-unit (twice its number: U10.5 → 21) → index in `devices`. */
  cells: Record<Face, Map<number, number>>;
  reservations: ElevationReservation[];
  /** Unit → index in `reservations` (the first to list it). */
  reserved: Map<number, number>;
  /** Devices in the rack that take no units (NetBox's non-racked devices), in inventory order. */
  unplaced: UnplacedDevice[];
}

/** The elevation of a rack whose numbering is known (undefined when its rack type or height is not). */
export function rackElevation(model: Model, rack: Obj): RackElevation | undefined {
  const occ: RackOccupancy = occupancyOf(model, rack);
  const units = occ.units;
  if (!units) return undefined;
  const site = ref(rack, 'site');
  const location = ref(rack, 'location');

  const devices: ElevationDevice[] = [];
  const index = new Map<Obj, number>();
  for (const p of occ.placements) {
    index.set(p.device, devices.length);
    devices.push({
      ...who(p.device),
      position: p.position,
      uHeight: p.uHeight,
      ...(p.face ? { face: p.face } : {}),
      fullDepth: p.fullDepth,
      faces: [...p.faces],
    });
  }
  const cells: Record<Face, Map<number, number>> = { front: new Map(), rear: new Map() };
  for (const face of FACES) {
    for (let k = units.startingUnit * 2; k < (units.startingUnit + units.uHeight) * 2; k++) {
      const p = occupant(occ, face, k / 2);
      if (p) cells[face].set(k, index.get(p.device)!);
    }
  }

  const reservations = occ.reservations.map((r, i): ElevationReservation => {
    const tenant = ref(r, 'tenant');
    return {
      label: `R${i + 1}`,
      units: (Array.isArray(r.data.units) ? r.data.units.filter((u: unknown) => typeof u === 'number') : []).sort((a: number, b: number) => a - b),
      status: typeof r.data.status === 'string' ? r.data.status : 'active',
      user: String(r.data.user ?? ''),
      ...(tenant ? { tenant: displayName(tenant) } : {}),
      description: String(r.data.description ?? ''),
    };
  });
  const reserved = new Map<number, number>();
  const reservationIndex = new Map(occ.reservations.map((r, i) => [r, i]));
  for (const [unit, r] of occ.reserved) reserved.set(unit, reservationIndex.get(r)!);

  // A child device installed in a bay of its parent shows in the parent, not among the rack's devices.
  const installed = new Set<Obj>();
  if (occ.unplaced.length) {
    for (const bay of objectsOf(model, 'dcim.devicebay')) {
      const d = ref(bay, 'installed_device');
      if (d) installed.add(d);
    }
  }
  const unplaced: UnplacedDevice[] = [];
  for (const device of occ.unplaced) {
    if (installed.has(device)) continue;
    const type = deviceUnits(device);
    const reason = type?.child ? 'child' : type?.uHeight === 0 ? '0U' : 'no position';
    unplaced.push({ ...who(device), reason });
  }

  const numbers: number[] = [];
  for (let u = units.startingUnit; u <= units.lastUnit; u++) numbers.push(u);
  if (!units.descUnits) numbers.reverse();

  return {
    site: site ? displayName(site) : '',
    ...(location ? { location: displayName(location) } : {}),
    rack: displayName(rack),
    uHeight: units.uHeight,
    startingUnit: units.startingUnit,
    descUnits: units.descUnits,
    units: numbers,
    devices,
    cells,
    reservations,
    reserved,
    unplaced,
  };
}

function who(device: Obj): { name: string; role?: string; color: string; deviceType: string } {
  const role = ref(device, 'role');
  const type = ref(device, 'device_type');
  const manufacturer = type ? ref(type, 'manufacturer') : undefined;
  const color = typeof role?.data.color === 'string' && /^[0-9a-fA-F]{6}$/.test(role.data.color) ? role.data.color.toLowerCase() : DEFAULT_ROLE_COLOR;
  return {
    name: displayName(device),
    ...(role ? { role: displayName(role) } : {}),
    color,
    deviceType: type ? `${manufacturer ? `${displayName(manufacturer)} ` : ''}${displayName(type)}` : '',
  };
}

/** The device (index) at the half-unit starting at `unit` on `face`, if any. */
export function deviceAt(e: RackElevation, face: Face, unit: number): number | undefined {
  return e.cells[face].get(unit * 2);
}

/** The two halves of a whole unit in the order they are drawn, top first. */
export function halvesTopFirst(e: RackElevation, unit: number): [number, number] {
  return e.descUnits ? [unit, unit + 0.5] : [unit + 0.5, unit];
}

/**
 * The offset from the top of the drawing, in units, of the top edge of a span from `position` of
 * `height` units: a rack numbered from the bottom draws higher numbers higher.
 */
export function topOffset(e: RackElevation, position: number, height: number): number {
  return e.descUnits ? position - e.startingUnit : e.startingUnit + e.uHeight - (position + height);
}

/** `U1–U16, U45–U48`: units as runs. */
export function unitRuns(units: readonly number[]): string {
  const sorted = [...new Set(units)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(j > i ? `${unitName(sorted[i])}–${unitName(sorted[j])}` : unitName(sorted[i]));
    i = j + 1;
  }
  return runs.join(', ');
}

/** The structured elevation (`--format json`): the rack, each unit top to bottom, the devices. */
export function elevationJson(e: RackElevation): string {
  const half = (face: Face, unit: number) => {
    const d = deviceAt(e, face, unit);
    return d === undefined ? null : e.devices[d].name;
  };
  const doc = {
    site: e.site,
    location: e.location ?? null,
    rack: e.rack,
    uHeight: e.uHeight,
    startingUnit: e.startingUnit,
    descUnits: e.descUnits,
    units: e.units.map((unit) => ({
      unit,
      front: { lower: half('front', unit), upper: half('front', unit + 0.5) },
      rear: { lower: half('rear', unit), upper: half('rear', unit + 0.5) },
      reservation: e.reserved.has(unit) ? e.reservations[e.reserved.get(unit)!].label : null,
    })),
    devices: e.devices.map((d) => ({
      name: d.name,
      role: d.role ?? null,
      color: d.color,
      deviceType: d.deviceType,
      position: d.position,
      uHeight: d.uHeight,
      face: d.face ?? null,
      fullDepth: d.fullDepth,
      faces: d.faces,
    })),
    reservations: e.reservations.map((r) => ({ ...r, tenant: r.tenant ?? null })),
    unplaced: e.unplaced.map((d) => ({ name: d.name, role: d.role ?? null, color: d.color, deviceType: d.deviceType, reason: d.reason })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

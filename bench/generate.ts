// A deterministic generator of realistic sot inventories for the benchmark (docs/performance.md).
//
// Same seed and size → byte-identical files: all randomness comes from a seeded PRNG (no Date, no
// Math.random), and files are written in a fixed order. Files are streamed to disk one site at a time,
// so the 100,000-device scale never holds more than one site's YAML in memory.
//
//   node dist/bench/generate.js --scale S|M|L [--devices N] [--seed N] [--errors N] [--out DIR] [--force] [--json]
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsyaml from 'js-yaml';

/** Bump when the generated text changes, so that reused outputs of an older generator are regenerated. */
export const GENERATOR_VERSION = 5;
export const SCALES = { S: 100, M: 10_000, L: 100_000 } as const;
export type ScaleName = keyof typeof SCALES;
export const DEFAULT_SEED = 1;
export const MANIFEST = 'bench-manifest.json';

/** The kinds of error `--errors N` seeds, N of each, with the rule id sot reports for each. */
export const ERROR_KINDS = {
  'unknown-field': 'schema/unknown-field',
  'wrong-type': 'schema/wrong-type',
  'invalid-choice': 'schema/invalid-choice',
  'dangling-reference': 'resolve/dangling-reference',
  'duplicate-name': 'resolve/duplicate-key',
  'yaml-syntax': 'yaml/syntax',
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;
/** The kinds seeded into device entries; YAML syntax errors get files of their own. */
const DEVICE_ERROR_KINDS: ErrorKind[] = ['unknown-field', 'wrong-type', 'invalid-choice', 'dangling-reference', 'duplicate-name'];

export interface GenerateOptions {
  /** Number of devices (SCALES[scale]). */
  devices: number;
  /** Output folder; created or replaced (only when empty or holding a previous bench output). */
  out: string;
  seed?: number;
  /** Seed this many errors of each kind in ERROR_KINDS. */
  errors?: number;
  /** Regenerate even when the folder's manifest matches. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface Manifest {
  generator: number;
  complete: boolean;
  seed: number;
  devices: number;
  errors: number;
  /** sha256 of the device-type files copied into the inventory and of this generator's own code. */
  deviceTypes: string;
  files: number;
  bytes: number;
  sites: number;
  racks: number;
  /** Interface entries written inline under devices (the device types add the others). */
  interfacesWritten: number;
  /** IP addresses written inline under device and VM interfaces (each one object in the model). */
  ipAddresses: number;
  vlans: number;
  /** Prefixes, all site-scoped. */
  prefixes: number;
  circuits: number;
  virtualMachines: number;
  /** Cables between devices: each uplink to its peer's port, each management port to its rack's OOB switch. */
  cables: number;
  /** sha256 over every file's path and bytes, in write order: equal digests mean identical inventories. */
  digest: string;
  generateMs: number;
}

export interface GenerateResult extends Manifest {
  out: string;
  reused: boolean;
}

// ---------------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through splitmix32 — small, fast, and the same on every platform.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: number[]) {
    let s = 0x9e3779b9;
    for (const x of seeds) s = mix32(s ^ (x >>> 0));
    const next = () => (s = mix32((s + 0x9e3779b9) >>> 0));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let x = this.float() * total;
    for (const [v, w] of choices) if ((x -= w) < 0) return v;
    return choices[choices.length - 1][0];
  }
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// Device types: real devicetype-library files, copied verbatim from bench/device-types/.

interface Port {
  name: string;
  type: string;
}

export interface DeviceTypeInfo {
  /** Path below device-types/, e.g. `Arista/DCS-7050SX3-48YC8-F.yaml`. */
  file: string;
  manufacturer: string;
  model: string;
  /** How devices name it: `Manufacturer/model`. */
  ref: string;
  uHeight: number;
  fullDepth: boolean;
  mgmt: Port[];
  /** Front-panel ports below 40G, in the type's order. */
  access: Port[];
  /** 40G and faster ports, in the type's order. */
  uplinks: Port[];
  bytes: Buffer;
}

/** The folder holding bench/device-types, found from this module (dist/bench or bench under vitest). */
export function benchRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bench', 'device-types', 'README.md'))) return join(dir, 'bench');
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: cannot find bench/device-types');
    dir = up;
  }
}

export function loadDeviceTypes(dir = join(benchRoot(), 'device-types')): DeviceTypeInfo[] {
  const out: DeviceTypeInfo[] = [];
  for (const maker of readdirSync(dir).sort()) {
    const mdir = join(dir, maker);
    if (!statSync(mdir).isDirectory()) continue;
    for (const name of readdirSync(mdir).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const bytes = readFileSync(join(mdir, name));
      const d = jsyaml.load(bytes.toString('utf8')) as Record<string, any>;
      const ports: (Port & { mgmt_only?: boolean })[] = d.interfaces ?? [];
      out.push({
        file: `${maker}/${name}`,
        manufacturer: d.manufacturer,
        model: d.model,
        ref: `${d.manufacturer}/${d.model}`,
        uHeight: Number(d.u_height ?? 1),
        fullDepth: d.is_full_depth !== false,
        mgmt: ports.filter((p) => p.mgmt_only),
        access: ports.filter((p) => !p.mgmt_only && !/^(40|50|100|200|400|800)gbase/.test(p.type)),
        uplinks: ports.filter((p) => !p.mgmt_only && /^(40|50|100|200|400|800)gbase/.test(p.type)),
        bytes,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The organisation: regions (continent → country → metro), site groups, tenants, tags, roles.

interface Metro {
  name: string;
  code: string;
  country: string;
}

const CONTINENTS: [string, string, [string, string, [string, string][]][]][] = [
  ['Europe', 'europe', [
    ['Netherlands', 'nl', [['Amsterdam', 'ams'], ['Rotterdam', 'rtm']]],
    ['Germany', 'de', [['Frankfurt', 'fra'], ['Berlin', 'ber'], ['Munich', 'muc']]],
    ['United Kingdom', 'gb', [['London', 'lon'], ['Manchester', 'man']]],
    ['France', 'fr', [['Paris', 'par'], ['Marseille', 'mrs']]],
    ['Sweden', 'se', [['Stockholm', 'sto']]],
    ['Poland', 'pl', [['Warsaw', 'waw']]],
    ['Spain', 'es', [['Madrid', 'mad']]],
    ['Italy', 'it', [['Milan', 'mil']]],
  ]],
  ['North America', 'north-america', [
    ['United States', 'us', [['New York', 'nyc'], ['Ashburn', 'iad'], ['Chicago', 'chi'], ['Dallas', 'dfw'], ['San Jose', 'sjc'], ['Los Angeles', 'lax'], ['Seattle', 'sea'], ['Atlanta', 'atl'], ['Miami', 'mia']]],
    ['Canada', 'ca', [['Toronto', 'yyz'], ['Montreal', 'yul']]],
  ]],
  ['Asia Pacific', 'asia-pacific', [
    ['Japan', 'jp', [['Tokyo', 'tyo'], ['Osaka', 'osa']]],
    ['Singapore', 'sg', [['Jurong', 'sin']]],
    ['Australia', 'au', [['Sydney', 'syd'], ['Melbourne', 'mel']]],
    ['Hong Kong', 'hk', [['Tseung Kwan O', 'hkg']]],
    ['India', 'in', [['Mumbai', 'bom']]],
  ]],
  ['South America', 'south-america', [
    ['Brazil', 'br', [['Sao Paulo', 'gru']]],
    ['Chile', 'cl', [['Santiago', 'scl']]],
  ]],
];

const TENANTS: [string, string, string][] = [
  ['Platform Engineering', 'platform-engineering', 'internal'],
  ['Corporate IT', 'corporate-it', 'internal'],
  ['Network Operations', 'network-operations', 'internal'],
  ['Acme Cloud', 'acme-cloud', 'customers'],
  ['Globex', 'globex', 'customers'],
  ['Initech', 'initech', 'customers'],
  ['Umbrella Health', 'umbrella-health', 'customers'],
  ['Stark Logistics', 'stark-logistics', 'customers'],
  ['Wayne Media', 'wayne-media', 'customers'],
  ['Hooli', 'hooli', 'customers'],
  ['Vandelay Imports', 'vandelay-imports', 'customers'],
  ['Soylent Foods', 'soylent-foods', 'customers'],
];

const TAGS: [string, string, string][] = [
  ['Production', 'production', 'e53935'],
  ['Staging', 'staging', 'fb8c00'],
  ['Lab', 'lab', '8e24aa'],
  ['Monitored', 'monitored', '43a047'],
  ['PCI', 'pci', 'd81b60'],
  ['Dual-homed', 'dual-homed', '1e88e5'],
  ['Edge', 'edge', '00acc1'],
  ['Core', 'core', '5e35b1'],
];

const ROLES: [string, string, string][] = [
  ['Spine', 'spine', '3f51b5'],
  ['Leaf', 'leaf', '2196f3'],
  ['Border leaf', 'border-leaf', 'ff5722'],
  ['OOB switch', 'oob-switch', '9e9e9e'],
  ['Access switch', 'access-switch', '4caf50'],
];

const PLATFORM_OF: Record<string, string> = { Arista: 'eos', Juniper: 'junos' };

type Role = 'spine' | 'leaf' | 'border-leaf' | 'oob-switch' | 'access-switch';
type Tier = 'pop' | 'dc' | 'campus';

interface Fabric {
  vendor: string;
  spine: DeviceTypeInfo;
  leaf: DeviceTypeInfo;
  border: DeviceTypeInfo;
  oob: DeviceTypeInfo;
  access: DeviceTypeInfo;
}

function fabrics(types: DeviceTypeInfo[]): Fabric[] {
  const t = (ref: string) => {
    const hit = types.find((x) => x.ref === ref);
    if (!hit) throw new Error(`bench: device type ${ref} missing from bench/device-types`);
    return hit;
  };
  const sx3 = t('Arista/DCS-7050SX3-48YC8-F');
  const sr = t('Arista/DCS-7280SR-48C6-F');
  const ex = t('Juniper/EX4300-48T');
  const qfx = t('Juniper/QFX5120-48Y-AFO2');
  return [
    { vendor: 'arista', spine: sr, leaf: sx3, border: sr, oob: ex, access: sx3 },
    { vendor: 'juniper', spine: qfx, leaf: qfx, border: sr, oob: ex, access: ex },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Plans: sites → locations → racks → devices, with rack units allocated per face.

interface DevicePlan {
  name: string;
  role: Role;
  type: DeviceTypeInfo;
  rack: RackPlan;
  position: number;
  face: 'front' | 'rear';
  /** Devices this one's uplinks lead to (descriptions only). */
  peers: DevicePlan[];
  /** Devices whose uplinks lead here, in port order. */
  downlinks: DevicePlan[];
}

interface RackPlan {
  name: string;
  location: LocationPlan;
  uHeight: number;
  role: 'network' | 'compute';
  devices: DevicePlan[];
  front: Uint8Array;
  rear: Uint8Array;
}

interface LocationPlan {
  name: string;
  slug: string;
  parent?: LocationPlan;
  racks: RackPlan[];
}

interface SitePlan {
  index: number;
  tier: Tier;
  count: number;
  metro: Metro;
  name: string;
  slug: string;
}

/** Allocates rack units: a device occupies [position, position + u_height) on its face, or on both faces when full depth. */
function fits(rack: RackPlan, pos: number, h: number, face: 'front' | 'rear', full: boolean): boolean {
  if (pos < 1 || pos + h - 1 > rack.uHeight) return false;
  for (let u = pos; u < pos + h; u++) {
    if (full || face === 'front') if (rack.front[u]) return false;
    if (full || face === 'rear') if (rack.rear[u]) return false;
  }
  return true;
}

function occupy(rack: RackPlan, pos: number, h: number, face: 'front' | 'rear', full: boolean): void {
  for (let u = pos; u < pos + h; u++) {
    if (full || face === 'front') rack.front[u] = 1;
    if (full || face === 'rear') rack.rear[u] = 1;
  }
}

/**
 * Places a device: from `start` downwards, the first free slot. Half-depth devices sometimes go on the
 * rear face, sharing a unit with a half-depth device in front (as top-of-rack switches often do).
 */
function place(rng: Rng, rack: RackPlan, type: DeviceTypeInfo, start: number): { position: number; face: 'front' | 'rear' } | undefined {
  const h = Math.max(1, Math.ceil(type.uHeight));
  if (!type.fullDepth && rng.chance(0.35)) {
    for (let pos = rack.uHeight - h + 1; pos >= 1; pos--) {
      if (rack.front[pos] && fits(rack, pos, h, 'rear', false)) {
        occupy(rack, pos, h, 'rear', false);
        return { position: pos, face: 'rear' };
      }
    }
  }
  for (let pos = Math.min(start, rack.uHeight - h + 1); pos >= 1; pos--) {
    if (fits(rack, pos, h, 'front', type.fullDepth)) {
      occupy(rack, pos, h, 'front', type.fullDepth);
      return { position: pos, face: 'front' };
    }
  }
  for (let pos = rack.uHeight - h + 1; pos > start; pos--) {
    if (fits(rack, pos, h, 'front', type.fullDepth)) {
      occupy(rack, pos, h, 'front', type.fullDepth);
      return { position: pos, face: 'front' };
    }
  }
  return undefined;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const ROW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

class SiteBuilder {
  readonly locations: LocationPlan[] = [];
  readonly halls: LocationPlan[] = [];
  readonly racks: RackPlan[] = [];
  readonly devices: DevicePlan[] = [];
  private readonly rackCount = new Map<LocationPlan, number>();

  constructor(
    readonly rng: Rng,
    readonly site: SitePlan,
    readonly fabric: Fabric,
  ) {}

  hall(name: string, slug: string, parent?: LocationPlan): LocationPlan {
    const loc: LocationPlan = { name, slug, parent, racks: [] };
    this.locations.push(loc);
    return loc;
  }

  rack(loc: LocationPlan, role: RackPlan['role']): RackPlan {
    const n = this.rackCount.get(loc) ?? 0;
    this.rackCount.set(loc, n + 1);
    const hallNo = this.halls.indexOf(loc) + 1;
    const uHeight = this.site.tier === 'pop' ? 42 : this.rng.chance(0.2) ? 48 : 42;
    const rack: RackPlan = {
      name: `R${hallNo}${ROW_LETTERS[Math.floor(n / 20) % ROW_LETTERS.length]}${pad((n % 20) + 1, 2)}`,
      location: loc,
      uHeight,
      role,
      devices: [],
      front: new Uint8Array(uHeight + 2),
      rear: new Uint8Array(uHeight + 2),
    };
    loc.racks.push(rack);
    this.racks.push(rack);
    return rack;
  }

  device(rack: RackPlan, role: Role, type: DeviceTypeInfo, name: string, start: number): DevicePlan | undefined {
    const at = place(this.rng, rack, type, start);
    if (!at) return undefined;
    const d: DevicePlan = { name, role, type, rack, position: at.position, face: at.face, peers: [], downlinks: [] };
    rack.devices.push(d);
    this.devices.push(d);
    return d;
  }
}

/** Builds one site's locations, racks and exactly `site.count` devices. */
function buildSite(rng: Rng, site: SitePlan, fabric: Fabric): SiteBuilder {
  const b = new SiteBuilder(rng, site, fabric);
  const s = site.slug;
  let left = site.count;
  const take = () => left > 0 && left-- > 0;

  if (site.tier === 'pop') {
    const cage = b.hall('Cage 1', 'cage-1');
    b.halls.push(cage);
    let borders: DevicePlan[] = [];
    let as = 0;
    while (left > 0) {
      const rack = b.rack(cage, 'network');
      const capacity = rng.range(6, 12);
      const placed: DevicePlan[] = [];
      let top = rack.uHeight - rng.int(3);
      const add = (role: Role, type: DeviceTypeInfo, name: string) => {
        if (!take()) return;
        const d = b.device(rack, role, type, name, top);
        if (!d) {
          left++;
          return;
        }
        placed.push(d);
        top = d.position - 1 - rng.int(2);
      };
      if (borders.length === 0) {
        add('border-leaf', fabric.border, `${s}-bl1`);
        add('border-leaf', fabric.border, `${s}-bl2`);
        borders = [...placed];
      }
      add('oob-switch', fabric.oob, `${s}-${rack.name.toLowerCase()}-oob`);
      while (placed.length < capacity && left > 0) {
        const before = placed.length;
        add('access-switch', fabric.access, `${s}-as${pad(++as, 3)}`);
        if (placed.length === before) break;
      }
      for (const d of placed) if (d.role === 'access-switch') d.peers = borders;
    }
    wire(b);
    return b;
  }

  // Data centres: halls (inside buildings on campuses), one network rack per hall with the spines and
  // border leaves, then compute racks with two leaves and an OOB switch each.
  const nHalls = site.tier === 'campus' ? rng.range(3, 6) : rng.range(1, 3);
  const buildings = site.tier === 'campus' ? rng.range(1, 2) : 0;
  const bldgs: LocationPlan[] = [];
  for (let i = 0; i < buildings; i++) bldgs.push(b.hall(`Building ${ROW_LETTERS[i]}`, `building-${ROW_LETTERS[i].toLowerCase()}`));
  for (let i = 0; i < nHalls; i++) {
    const parent = bldgs.length ? bldgs[i % bldgs.length] : undefined;
    const h = b.hall(`Hall ${i + 1}`, `hall-${i + 1}`, parent);
    b.halls.push(h);
  }
  const spinesPerHall = site.count > 600 ? 4 : 2;
  const hallSpines = new Map<LocationPlan, DevicePlan[]>();
  let spineNo = 0;
  let blNo = 0;
  for (const hall of b.halls) {
    const rack = b.rack(hall, 'network');
    let top = rack.uHeight - 1 - rng.int(3);
    const spines: DevicePlan[] = [];
    const add = (role: Role, type: DeviceTypeInfo, name: string) => {
      if (!take()) return undefined;
      const d = b.device(rack, role, type, name, top);
      if (!d) {
        left++;
        return undefined;
      }
      top = d.position - 1 - rng.int(2);
      return d;
    };
    for (let i = 0; i < spinesPerHall; i++) {
      const d = add('spine', fabric.spine, `${s}-spine${++spineNo}`);
      if (d) spines.push(d);
    }
    const borders: DevicePlan[] = [];
    for (let i = 0; i < 2; i++) {
      const d = add('border-leaf', fabric.border, `${s}-bl${++blNo}`);
      if (d) borders.push(d);
    }
    for (const sp of spines) sp.peers = borders;
    add('oob-switch', fabric.oob, `${s}-${rack.name.toLowerCase()}-oob`);
    hallSpines.set(hall, spines);
  }
  let h = 0;
  while (left > 0) {
    const hall = b.halls[h++ % b.halls.length];
    const rack = b.rack(hall, 'compute');
    const top = rack.uHeight - rng.int(2);
    const r = rack.name.toLowerCase();
    const spines = hallSpines.get(hall)!;
    for (const [role, type, name] of [
      ['leaf', fabric.leaf, `${s}-${r}-leaf1`],
      ['leaf', fabric.leaf, `${s}-${r}-leaf2`],
      ['oob-switch', fabric.oob, `${s}-${r}-oob`],
    ] as [Role, DeviceTypeInfo, string][]) {
      if (!take()) break;
      const d = b.device(rack, role, type, name, top);
      if (!d) throw new Error('bench: a compute rack ran out of units');
      if (role === 'leaf') d.peers = spines;
    }
  }
  wire(b);
  return b;
}

/** Records each device's downlinks (the devices whose uplinks name it), for port descriptions. */
function wire(b: SiteBuilder): void {
  for (const d of b.devices) for (const p of d.peers) p.downlinks.push(d);
}

function planSites(rng: Rng, devices: number): SitePlan[] {
  const metros: Metro[] = [];
  for (const [, , countries] of CONTINENTS) for (const [, country, cities] of countries) for (const [name, code] of cities) metros.push({ name, code, country });
  const perMetro = new Map<string, number>();
  const sites: SitePlan[] = [];
  let left = devices;
  while (left > 0) {
    const tier = rng.weighted<Tier>([['pop', 50], ['dc', 40], ['campus', 10]]);
    const wanted = tier === 'pop' ? rng.range(8, 24) : tier === 'dc' ? rng.range(60, 240) : rng.range(400, 1200);
    const count = Math.min(wanted, left);
    left -= count;
    const metro = rng.pick(metros);
    const n = (perMetro.get(metro.code) ?? 0) + 1;
    perMetro.set(metro.code, n);
    sites.push({ index: sites.length, tier, count, metro, name: `${metro.code.toUpperCase()}${n}`, slug: `${metro.code}${n}` });
  }
  return sites;
}

// ---------------------------------------------------------------------------------------------------
// Writing: one file per site (per hall for campus sites), streamed through a small buffered writer.

class Output {
  files = 0;
  bytes = 0;
  readonly digest: Hash = createHash('sha256');
  private fd = -1;
  private buf: string[] = [];
  private bufLen = 0;

  constructor(readonly root: string) {}

  open(rel: string): void {
    const abs = join(this.root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    this.fd = openSync(abs, 'w');
    this.files++;
    this.digest.update(`\0${rel}\0`);
  }

  write(s: string): void {
    this.buf.push(s);
    this.bufLen += s.length;
    if (this.bufLen > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    const chunk = Buffer.from(this.buf.join(''), 'utf8');
    this.buf = [];
    this.bufLen = 0;
    this.digest.update(chunk);
    this.bytes += chunk.length;
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  file(rel: string, text: string | Buffer): void {
    this.open(rel);
    if (typeof text === 'string') this.write(text);
    else {
      this.flush();
      this.digest.update(text);
      this.bytes += text.length;
      let off = 0;
      while (off < text.length) off += writeSync(this.fd, text, off);
    }
    this.close();
  }
}

function organisationFiles(out: Output): void {
  let regions = 'regions:\n';
  for (const [name, slug, countries] of CONTINENTS) {
    regions += `  - name: ${name}\n    slug: ${slug}\n`;
    for (const [cname, cslug, cities] of countries) {
      regions += `  - name: ${cname}\n    slug: ${cslug}\n    parent: ${slug}\n`;
      for (const [city, code] of cities) regions += `  - name: ${city}\n    slug: ${cityslug(city)}\n    parent: ${cslug}\n    description: metro ${code.toUpperCase()}\n`;
    }
  }
  out.file('organization/regions.yaml', regions);

  out.file(
    'organization/site-groups.yaml',
    [
      'site_groups:',
      '  - name: Data centers',
      '    slug: data-centers',
      '  - name: Core data centers',
      '    slug: core-dcs',
      '    parent: data-centers',
      '  - name: Campuses',
      '    slug: campuses',
      '    parent: data-centers',
      '  - name: Points of presence',
      '    slug: pops',
      '  - name: Metro POPs',
      '    slug: metro-pops',
      '    parent: pops',
      '',
    ].join('\n'),
  );

  let tenants = 'tenant_groups:\n  - name: Internal\n    slug: internal\n  - name: Customers\n    slug: customers\n\ntenants:\n';
  for (const [name, slug, group] of TENANTS) tenants += `  - name: ${name}\n    slug: ${slug}\n    group: ${group}\n`;
  out.file('organization/tenants.yaml', tenants);

  let tags = 'tags:\n';
  for (const [name, slug, color] of TAGS) tags += `  - name: ${name}\n    slug: ${slug}\n    color: '${color}'\n`;
  out.file('organization/tags.yaml', tags);

  let dcim = 'manufacturers:\n  - name: Arista\n    slug: arista\n  - name: Juniper\n    slug: juniper\n\nplatforms:\n';
  // Generator version 5: the network platforms render with sot's built-in config templates.
  dcim += '  - name: Arista EOS\n    slug: eos\n    manufacturer: arista\n    config_template: Arista EOS\n  - name: Juniper Junos\n    slug: junos\n    manufacturer: juniper\n    config_template: Juniper Junos\n';
  dcim += '  - name: Ubuntu 24.04\n    slug: ubuntu-24-04\n  - name: Red Hat Enterprise Linux 9\n    slug: rhel-9\n';
  dcim += '\ndevice_roles:\n';
  for (const [name, slug, color] of ROLES) dcim += `  - name: ${name}\n    slug: ${slug}\n    color: '${color}'\n`;
  dcim += "  - name: Server\n    slug: server\n    color: '009688'\n    vm_role: true\n";
  dcim += "\nrack_roles:\n  - name: Network\n    slug: network\n    color: '607d8b'\n  - name: Compute\n    slug: compute\n    color: '795548'\n";
  out.file('dcim/roles.yaml', dcim);

  out.file(
    'extras/templates.yaml',
    [
      'config_templates:',
      '  - name: Arista EOS',
      '    file: builtin:arista-eos.hbs',
      '    file_extension: cfg',
      '  - name: Juniper Junos',
      '    file: builtin:juniper-junos.hbs',
      '    file_extension: conf',
      '',
      'config_contexts:',
      '  - name: management',
      '    weight: 100',
      '    data:',
      '      ntp: {servers: [192.0.2.123, 198.51.100.123]}',
      '      dns: {domain: net.example.com, servers: [192.0.2.53, 198.51.100.53]}',
      '      syslog: {servers: [192.0.2.114], severity: informational}',
      '',
    ].join('\n'),
  );

  // IPAM: where the address space comes from, the VRFs and the roles prefixes and VLANs play.
  out.file(
    'ipam/registries.yaml',
    [
      'rirs:',
      '  - name: RIPE NCC',
      '    slug: ripe',
      '  - name: ARIN',
      '    slug: arin',
      '  - name: APNIC',
      '    slug: apnic',
      '  - name: LACNIC',
      '    slug: lacnic',
      '  - name: RFC 1918',
      '    slug: rfc1918',
      '    is_private: true',
      '',
      'aggregates:',
      '  - prefix: 10.0.0.0/8',
      '    rir: rfc1918',
      '    description: Loopbacks, fabric links, out-of-band and server networks (one /18 per site)',
      '  - prefix: 172.16.0.0/12',
      '    rir: rfc1918',
      '    description: Tenant VM networks (one /24 per site in each tenant VRF)',
      '  - prefix: 192.0.2.0/24',
      '    rir: apnic',
      '    date_added: 2020-02-17',
      '    tenant: network-operations',
      '  - prefix: 198.51.100.0/24',
      '    rir: ripe',
      '    date_added: 2019-03-12',
      '    tenant: network-operations',
      '  - prefix: 203.0.113.0/24',
      '    rir: arin',
      '    date_added: 2021-08-30',
      '    tenant: network-operations',
      '',
    ].join('\n'),
  );
  let vrfs = 'vrfs:\n  - name: MGMT\n    rd: "64496:100"\n    tenant: network-operations\n    enforce_unique: true\n    description: Out-of-band management\n';
  TENANTS.forEach(([name, slug], i) => {
    vrfs += `  - name: ${vrfOf(slug)}\n    rd: "64496:${1001 + i}"\n    tenant: ${slug}\n    enforce_unique: true\n    description: ${name} VMs\n`;
  });
  vrfs += '\nroles:\n';
  for (const [name, slug, weight] of IPAM_ROLES) vrfs += `  - name: ${name}\n    slug: ${slug}\n    weight: ${weight}\n`;
  out.file('ipam/vrfs.yaml', vrfs);

  let providers = 'providers:\n';
  for (const [name, slug, , asn] of PROVIDERS) providers += `  - name: ${name}\n    slug: ${slug}\n    description: IP transit, AS${asn}\n`;
  providers += '\nprovider_networks:\n';
  for (const [name, slug, , asn] of PROVIDERS) providers += `  - provider: ${slug}\n    name: ${name} Internet\n    description: AS${asn} IP backbone\n`;
  providers += "\ncircuit_types:\n  - name: Internet transit\n    slug: internet-transit\n    color: '673ab7'\n  - name: Dark fibre\n    slug: dark-fibre\n    color: '795548'\n";
  out.file('circuits/providers.yaml', providers);

  out.file(
    'virtualization/clusters.yaml',
    [
      'cluster_types:',
      '  - name: VMware vSphere',
      '    slug: vmware-vsphere',
      '  - name: Proxmox VE',
      '    slug: proxmox-ve',
      '',
      'cluster_groups:',
      '  - name: Production clusters',
      '    slug: production-clusters',
      '',
    ].join('\n'),
  );
}

function cityslug(city: string): string {
  return city.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

interface ErrorPlan {
  /** Global device index → the error kinds seeded there. */
  byDevice: Map<number, ErrorKind[]>;
  /** A duplicate name that could not go on the first device of a site waits for the next device. */
  pendingDuplicate: boolean;
}

function planErrors(devices: number, n: number): ErrorPlan {
  const byDevice = new Map<number, ErrorKind[]>();
  const slots = DEVICE_ERROR_KINDS.length * n;
  if (slots * 2 > devices) throw new Error(`bench: --errors ${n} needs at least ${slots * 2} devices (this scale has ${devices})`);
  for (let i = 0; i < slots; i++) {
    const at = Math.floor(((i + 0.5) * devices) / slots);
    const kinds = byDevice.get(at) ?? [];
    kinds.push(DEVICE_ERROR_KINDS[i % DEVICE_ERROR_KINDS.length]);
    byDevice.set(at, kinds);
  }
  return { byDevice, pendingDuplicate: false };
}

interface Counters {
  device: number;
  asset: number;
  interfaces: number;
  /** IP addresses written inline (device and VM interfaces). */
  ipAddresses: number;
  vlans: number;
  prefixes: number;
  circuits: number;
  virtualMachines: number;
  cables: number;
}

const SERVER_NICS = ['eth0', 'eth1', 'ens1f0', 'ens1f1'];

// ---------------------------------------------------------------------------------------------------
// IPAM, circuits and virtualization: the address plan, VLANs, transit circuits and VMs of each site.
//
// Every site k (0-based) gets the /18 10.0.0.0 + k·16384 of the global table:
//   +0      /21  loopbacks (one /32 per device)
//   +2048   /21  out-of-band management, in VRF MGMT (devices' management ports, VMs' second NIC)
//   +4096   /20  one /24 per VLAN of the site's VLAN group
//   +8192   /19  point-to-point /31s of the fabric links (first uplink to each peer)
// Tenant VMs get 172.16.0.0/12 + k·256 (/24) in their tenant's VRF: the same addresses recur in other
// tenants' VRFs, as overlapping customer space does.

const MAX_SITES = 1024;

interface VlanDef {
  vid: number;
  name: string;
  role: string;
}

const DC_VLANS: VlanDef[] = [
  { vid: 100, name: 'servers', role: 'servers' },
  { vid: 110, name: 'storage', role: 'storage' },
  { vid: 120, name: 'backup', role: 'storage' },
  { vid: 130, name: 'vmotion', role: 'servers' },
  { vid: 140, name: 'vm-guests', role: 'servers' },
  { vid: 150, name: 'k8s-nodes', role: 'servers' },
  { vid: 160, name: 'databases', role: 'servers' },
  { vid: 170, name: 'web', role: 'dmz' },
  { vid: 200, name: 'dmz', role: 'dmz' },
  { vid: 900, name: 'provisioning', role: 'provisioning' },
];

const POP_VLANS: VlanDef[] = [
  { vid: 10, name: 'data', role: 'access' },
  { vid: 20, name: 'voice', role: 'voice' },
  { vid: 30, name: 'printers', role: 'access' },
  { vid: 40, name: 'cameras', role: 'security' },
  { vid: 50, name: 'badge-readers', role: 'security' },
  { vid: 60, name: 'wifi-corp', role: 'wireless' },
  { vid: 61, name: 'wifi-guest', role: 'wireless' },
  { vid: 70, name: 'iot', role: 'security' },
  { vid: 80, name: 'building-mgmt', role: 'management' },
  { vid: 999, name: 'quarantine', role: 'access' },
];

/** Access-switch port uses → the VLAN (vid) the port is in; `ap` ports are trunks. */
const ACCESS_USES: [string, number][] = [['desk', 10], ['ap', 80], ['printer', 30], ['camera', 40], ['badge-reader', 50], ['phone', 20]];

const IPAM_ROLES: [string, string, number][] = [
  ['Loopbacks', 'loopbacks', 100],
  ['Point-to-point', 'p2p', 200],
  ['Management', 'management', 300],
  ['Servers', 'servers', 400],
  ['Storage', 'storage', 410],
  ['DMZ', 'dmz', 420],
  ['Provisioning', 'provisioning', 430],
  ['Tenant VMs', 'tenant-vms', 500],
  ['Access', 'access', 600],
  ['Voice', 'voice', 610],
  ['Wireless', 'wireless', 620],
  ['Security', 'security', 630],
];

/** Transit providers: name, slug, circuit ID prefix, AS number (descriptions only). */
const PROVIDERS: [string, string, string, number][] = [
  ['Lumen', 'lumen', 'LMN', 3356],
  ['Cogent', 'cogent', 'COG', 174],
  ['Telia Carrier', 'telia', 'TLA', 1299],
  ['NTT', 'ntt', 'NTT', 2914],
  ['GTT', 'gtt', 'GTT', 3257],
  ['Zayo', 'zayo', 'ZYO', 6461],
];

const VM_SERVICES = ['web', 'app', 'db', 'cache', 'mq', 'dns', 'log', 'ci', 'k8s', 'vault'];
/** vCPUs, memory (MB), disk (MB). */
const VM_SIZES: [number, number, number][] = [
  [2, 4096, 40960],
  [4, 8192, 81920],
  [8, 16384, 163840],
  [16, 65536, 204800],
];

function serial(rng: Rng, vendor: string): string {
  const chars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  let s = vendor === 'Arista' ? 'JPE' : 'WS';
  for (let i = 0; i < 8; i++) s += chars[rng.int(chars.length)];
  return s;
}

function ip4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function vrfOf(tenant: string): string {
  return tenant.toUpperCase();
}

function day(rng: Rng, from: number, to: number): string {
  return `${rng.range(from, to)}-${pad(rng.range(1, 12), 2)}-${pad(rng.range(1, 28), 2)}`;
}

interface CircuitPlan {
  provider: (typeof PROVIDERS)[number];
  cid: string;
  border?: DevicePlan;
  /** Index into the border leaf's access ports of the port the circuit is patched to. */
  port: number;
  portName?: string;
}

interface VmPlan {
  name: string;
  tenant: string;
  size: [number, number, number];
  status: string;
  platform: string;
  /** Host part in the tenant's /24 of this site. */
  host: number;
  mgmt: number;
}

/** What a site's devices, IPAM entries, circuits and VMs need to agree on. */
interface SiteNet {
  base: number;
  /** The site's IPv6 /48, without its trailing `::/48`: `2001:db8:2a`. */
  base6: string;
  /** Fabric links addressed in the site (a /31 and a /127 each). */
  linkCount: number;
  group: string;
  vlans: VlanDef[];
  /** Position of each device in the site: its loopback and management address. */
  index: Map<DevicePlan, number>;
  /** Link numbers of a device's addressed uplinks (uplink i, for i < peers.length). */
  links: Map<DevicePlan, number[]>;
  circuits: CircuitPlan[];
  cluster?: { name: string; type: string };
  vms: VmPlan[];
  /** Tenants with VMs here, in TENANTS order: each gets a /24 in its VRF. */
  vmTenants: string[];
}

function planNet(rng: Rng, site: SitePlan, b: SiteBuilder, tenant: string): SiteNet {
  if (site.index >= MAX_SITES) throw new Error(`bench: the address plan has room for ${MAX_SITES} sites (one /18 each of 10.0.0.0/8)`);
  const base = (10 * 2 ** 24 + site.index * 16384) >>> 0;
  const index = new Map<DevicePlan, number>();
  b.devices.forEach((d, i) => index.set(d, i));
  const links = new Map<DevicePlan, number[]>();
  let link = 0;
  for (const d of b.devices) {
    const n = Math.min(d.peers.length, d.type.uplinks.length);
    if (n === 0) continue;
    const list: number[] = [];
    for (let i = 0; i < n; i++) list.push(link++);
    links.set(d, list);
  }
  if (link > 4096) throw new Error(`bench: site ${site.name} has ${link} fabric links, more than its /19 holds`);

  // Two transit circuits, from two providers, patched to the first free port of the first two border leaves.
  const first = rng.int(PROVIDERS.length);
  const second = (first + 1 + rng.int(PROVIDERS.length - 1)) % PROVIDERS.length;
  const borders = b.devices.filter((d) => d.role === 'border-leaf');
  const circuits: CircuitPlan[] = [first, second].map((p, n) => {
    const provider = PROVIDERS[p];
    const border = borders[n];
    const port = border ? border.downlinks.length : -1;
    return { provider, cid: `${provider[2]}-${pad(100001 + site.index * 2 + n, 7)}`, border, port, portName: border?.type.access[port]?.name };
  });

  const dc = site.tier !== 'pop';
  const net: SiteNet = {
    base,
    base6: `2001:db8:${site.index.toString(16)}`,
    linkCount: link,
    group: `${site.slug}-${dc ? 'fabric' : 'access'}`,
    vlans: dc ? DC_VLANS : POP_VLANS,
    index,
    links,
    circuits,
    vms: [],
    vmTenants: [],
  };
  if (!dc) return net;

  // One cluster per data centre, about 2 VMs per 10 devices in it.
  const vsphere = rng.chance(0.7);
  net.cluster = { name: `${site.slug}-${vsphere ? 'vsphere' : 'pve'}01`, type: vsphere ? 'vmware-vsphere' : 'proxmox-ve' };
  const count = Math.round(site.count / 5);
  if (site.count + count > 2045) throw new Error(`bench: site ${site.name} has more devices and VMs than its management /21 holds`);
  const perService = new Map<string, number>();
  const perTenant = new Map<string, number>();
  for (let v = 0; v < count; v++) {
    const svc = rng.pick(VM_SERVICES);
    const n = (perService.get(svc) ?? 0) + 1;
    perService.set(svc, n);
    const vmTenant = rng.chance(0.5) ? tenant : rng.pick(TENANTS)[1];
    const host = (perTenant.get(vmTenant) ?? 9) + 1;
    if (host > 254) throw new Error(`bench: tenant ${vmTenant} has too many VMs in ${site.name}`);
    perTenant.set(vmTenant, host);
    net.vms.push({
      name: `${site.slug}-${svc}${pad(n, 2)}`,
      tenant: vmTenant,
      size: rng.weighted([[VM_SIZES[0], 30], [VM_SIZES[1], 40], [VM_SIZES[2], 20], [VM_SIZES[3], 10]]),
      status: rng.weighted([['active', 90], ['planned', 5], ['offline', 5]]),
      platform: rng.chance(0.7) ? 'ubuntu-24-04' : 'rhel-9',
      host,
      mgmt: base + 2048 + 1 + site.count + v,
    });
  }
  net.vmTenants = TENANTS.map((t) => t[1]).filter((t) => perTenant.has(t));
  return net;
}

function tenantNet(site: SitePlan): number {
  return ((172 * 2 ** 24 + 16 * 2 ** 16 + site.index * 256) >>> 0);
}

function vlanRef(net: SiteNet, vid: number): string {
  return `{group: ${net.group}, vid: ${vid}}`;
}

/** One device entry, as an engineer would write it: header fields, then ~48 interfaces inline. */
function deviceText(rng: Rng, site: SitePlan, d: DevicePlan, name: string, c: Counters, tenant: string, errors: ErrorKind[], net: SiteNet): string {
  const t = d.type;
  const platform = PLATFORM_OF[t.manufacturer];
  const loc = d.rack.location;
  const status = errors.includes('invalid-choice') ? 'actve' : rng.weighted([['active', 90], ['planned', 5], ['staged', 3], ['offline', 2]]);
  const role = errors.includes('dangling-reference') ? `${d.role}s` : d.role;
  const tags = ['production', 'monitored'];
  if (d.role === 'spine' || d.role === 'border-leaf') tags.push('core');
  if (site.tier === 'pop') tags.push('edge');
  if (rng.chance(0.05)) tags.push('pci');
  const j = net.index.get(d)!;
  const loopback = ip4(net.base + 1 + j);
  const loopback6 = `${net.base6}::${(j + 1).toString(16)}`;
  let s =
    `  - name: ${name}\n` +
    `    device_type: ${t.ref}\n` +
    `    role: ${role}\n` +
    `    platform: ${platform}\n` +
    `    tenant: ${tenant}\n` +
    `    site: ${site.slug}\n` +
    `    location: ${loc.slug}\n` +
    `    rack: ${d.rack.name}\n` +
    `    position: ${d.position}\n` +
    `    face: ${d.face}\n` +
    `    status: ${status}\n` +
    `    serial: ${serial(rng, t.manufacturer)}\n` +
    `    asset_tag: AT${pad(++c.asset, 7)}\n` +
    `    tags: [${tags.join(', ')}]\n` +
    `    primary_ip4: ${loopback}/32\n` +
    `    primary_ip6: "${loopback6}/128"\n`;
  if (rng.chance(0.1)) s += `    comments: installed under change CHG${pad(rng.int(1_000_000), 6)}\n`;
  s += '    interfaces:\n';

  // Which of the type's ports are written: management, all uplinks, and the first access ports, 48 in all.
  const budget = 48 - t.mgmt.length - t.uplinks.length;
  const access = t.access.slice(0, Math.max(0, budget));
  const oob = d.rack.devices.find((x) => x.role === 'oob-switch' && x !== d);
  let errUnknown = errors.includes('unknown-field');
  let errType = errors.includes('wrong-type');
  const entry = (name: string, lines: string[]) => {
    c.interfaces++;
    if (errType) {
      const i = lines.findIndex((l) => l.startsWith('mtu:'));
      if (i >= 0) {
        lines[i] = 'mtu: jumbo';
        errType = false;
      }
    }
    s += `      - name: ${name}\n`;
    for (const l of lines) s += `        ${l}\n`;
    if (errUnknown) {
      s += `        descripton: ${name.toLowerCase()}\n`;
      errUnknown = false;
    }
  };
  const p2p = (link: number, side: 0 | 1) => {
    c.ipAddresses += 2;
    return `ip_addresses: [${ip4(net.base + 8192 + 2 * link + side)}/31, "${net.base6}:1::${(2 * link + side).toString(16)}/127"]`;
  };

  t.mgmt.forEach((p, i) => {
    const port = oob ? oob.rack.devices.filter((x) => x !== oob).indexOf(d) : 0;
    const lines = [oob ? `description: oob ${oob.name} ${oob.type.access[port % oob.type.access.length].name}` : 'description: oob uplink', 'mtu: 1500'];
    if (i === 0) {
      c.ipAddresses++;
      lines.push(`ip_addresses: [{address: ${ip4(net.base + 2048 + 1 + j)}/21, vrf: MGMT, dns_name: ${name}.oob.example.net}]`);
    }
    entry(p.name, lines);
  });

  const dc = site.tier !== 'pop';
  const transit = net.circuits.find((x) => x.border === d);
  access.forEach((p, i) => {
    const lines: string[] = [];
    switch (d.role) {
      case 'leaf': {
        if (rng.chance(0.08)) {
          lines.push('description: unused', 'enabled: false');
          break;
        }
        lines.push(`description: srv ${site.slug}-${d.rack.name.toLowerCase()}-srv${pad(i + 1, 2)} ${rng.pick(SERVER_NICS)}`, 'mtu: 9216');
        if (rng.chance(0.7)) {
          // A hypervisor or container host: a trunk of a few server VLANs, sometimes with a native VLAN.
          const vlans = net.vlans.slice(0, -1);
          const k = rng.range(2, 3);
          const at = rng.int(vlans.length);
          const picked: number[] = [];
          for (let x = 0; x < k; x++) picked.push(vlans[(at + x) % vlans.length].vid);
          picked.sort((a, b) => a - b);
          lines.push('mode: tagged');
          if (rng.chance(0.3)) lines.push(`untagged_vlan: ${vlanRef(net, net.vlans[net.vlans.length - 1].vid)}`);
          lines.push(`tagged_vlans: [${picked.map((v) => vlanRef(net, v)).join(', ')}]`);
        } else {
          lines.push('mode: access', `untagged_vlan: ${vlanRef(net, rng.pick(net.vlans).vid)}`);
        }
        break;
      }
      case 'spine':
      case 'border-leaf': {
        const down = d.downlinks[i];
        if (down) {
          const upIdx = down.peers.indexOf(d);
          const up = down.type.uplinks[upIdx % Math.max(1, down.type.uplinks.length)];
          lines.push(`description: to ${down.name} ${up ? up.name : ''}`.trimEnd(), 'mtu: 9216');
          const link = net.links.get(down)?.[upIdx];
          if (link !== undefined) lines.push(p2p(link, 0));
        } else if (transit && i === transit.port) {
          lines.push(`description: transit ${transit.provider[0]} AS${transit.provider[3]} circuit ${transit.cid}`, 'mtu: 9192');
        } else if (d.role === 'border-leaf' && i < 4) {
          lines.push('description: reserved for transit', 'enabled: false');
        } else {
          lines.push('description: spare', 'enabled: false');
        }
        break;
      }
      case 'oob-switch': {
        const target = d.rack.devices.filter((x) => x !== d)[i];
        if (target) lines.push(`description: mgmt ${target.name} ${target.type.mgmt[0]?.name ?? 'mgmt'}`, 'mtu: 1500');
        else if (i < 6) lines.push(`description: ${['pdu-a', 'pdu-b', 'console', 'kvm', 'env-sensor', 'ups'][i]} ${d.rack.name.toLowerCase()}`, 'mtu: 1500');
        else if (rng.chance(0.5)) lines.push('enabled: false');
        else lines.push('description: reserved');
        break;
      }
      case 'access-switch': {
        if (rng.chance(0.1)) {
          lines.push('enabled: false');
          break;
        }
        const [use, vid] = rng.pick(ACCESS_USES);
        lines.push(`description: ${use} ${rng.range(1, 4)}.${pad(rng.range(1, 60), 2)}`);
        if (use === 'ap') lines.push('mode: tagged', `untagged_vlan: ${vlanRef(net, vid)}`, `tagged_vlans: [${vlanRef(net, 60)}, ${vlanRef(net, 61)}]`);
        else lines.push('mode: access', `untagged_vlan: ${vlanRef(net, vid)}`);
        if (rng.chance(0.3)) lines.push('mtu: 1500');
        break;
      }
    }
    entry(p.name, lines);
  });

  const links = net.links.get(d);
  t.uplinks.forEach((p, i) => {
    const peer = d.peers[i % Math.max(1, d.peers.length)];
    if (peer && i < d.peers.length * (dc ? 2 : 1)) {
      const port = peer.downlinks.indexOf(d);
      const pp = peer.type.access[port] ?? peer.type.uplinks[port % peer.type.uplinks.length];
      const lines = [`description: to ${peer.name} ${pp.name}`, `mtu: ${dc ? 9216 : 9192}`, 'tags: [monitored]'];
      if (links && i < links.length) lines.push(p2p(links[i], 1));
      entry(p.name, lines);
    } else if (d.role === 'spine' && i < 2) {
      entry(p.name, [`description: to ${site.slug}-core${i + 1}`, 'mtu: 9216']);
    } else {
      entry(p.name, ['description: spare uplink', 'enabled: false']);
    }
  });

  c.interfaces++;
  c.ipAddresses += 2;
  s +=
    '      - name: Loopback0\n' +
    '        type: virtual\n' +
    `        description: router-id ${loopback}\n` +
    `        ip_addresses: [${loopback}/32, "${loopback6}/128"]\n`;
  return s;
}

/**
 * The site's cables, as its interface descriptions tell: each device's first uplink to each peer, to
 * the peer's port that describes it, and each management port to its rack's OOB switch. Devices that
 * took a seeded duplicate name are left uncabled, so one seeded error stays one diagnostic.
 */
function cablesText(b: SiteBuilder, written: Map<DevicePlan, string>, c: Counters): string {
  let s = '';
  const cable = (a: DevicePlan, ap: string, z: DevicePlan, zp: string, type: string) => {
    const an = written.get(a);
    const zn = written.get(z);
    if (an === undefined || zn === undefined) return;
    s += `  - {a: "${an}:${ap}", b: "${zn}:${zp}", type: ${type}, status: connected}\n`;
    c.cables++;
  };
  for (const d of b.devices) {
    d.type.uplinks.forEach((p, i) => {
      const peer = d.peers[i];
      if (!peer) return;
      const pp = peer.type.access[peer.downlinks.indexOf(d)];
      if (pp) cable(d, p.name, peer, pp.name, 'smf');
    });
    const oob = d.rack.devices.find((x) => x.role === 'oob-switch' && x !== d);
    const mgmt = d.type.mgmt[0];
    if (oob && mgmt) {
      const port = oob.type.access[oob.rack.devices.filter((x) => x !== oob).indexOf(d)];
      if (port) cable(d, mgmt.name, oob, port.name, 'cat6');
    }
  }
  return s ? `\ncables:\n${s}` : '';
}

/** The site's VLAN group and VLANs, prefixes, transit circuits and cluster (written before its devices). */
function siteNetText(site: SitePlan, net: SiteNet, c: Counters, rng: Rng): string {
  const S = site.name;
  const at = `    scope_type: dcim.site\n    scope: ${site.slug}\n`;
  const dc = site.tier !== 'pop';
  let s =
    '\nvlan_groups:\n' +
    `  - name: ${S} ${dc ? 'fabric' : 'access'}\n` +
    `    slug: ${net.group}\n` +
    at +
    `    vid_ranges: [[${net.vlans[0].vid}, ${net.vlans[net.vlans.length - 1].vid}]]\n` +
    '    tenant: network-operations\n' +
    '\nvlans:\n';
  for (const v of net.vlans) {
    c.vlans++;
    s += `  - vid: ${v.vid}\n    name: ${v.name}\n    group: ${net.group}\n    role: ${v.role}\n    status: active\n`;
  }

  const b = net.base;
  const prefix = (lines: string) => {
    c.prefixes++;
    s += lines;
  };
  s += '\nprefixes:\n';
  prefix(`  - prefix: ${ip4(b)}/18\n    status: container\n${at}    tenant: network-operations\n    description: ${S} underlay, management and server networks\n`);
  prefix(`  - prefix: ${ip4(b)}/21\n${at}    role: loopbacks\n    description: ${S} router IDs\n`);
  prefix(`  - prefix: ${ip4(b + 2048)}/21\n    vrf: MGMT\n${at}    role: management\n    description: ${S} out-of-band\n`);
  net.vlans.forEach((v, i) => prefix(`  - prefix: ${ip4(b + 4096 + i * 256)}/24\n${at}    vlan: ${vlanRef(net, v.vid)}\n    role: ${v.role}\n`));
  prefix(`  - prefix: ${ip4(b + 8192)}/19\n    status: container\n${at}    role: p2p\n    description: ${S} fabric links\n`);
  // Each fabric link's /31 under the /19, in the compact form large plans are written in.
  for (let l = 0; l < net.linkCount; l++) prefix(`  - {prefix: ${ip4(b + 8192 + 2 * l)}/31, role: p2p}\n`);
  prefix(`  - prefix: "${net.base6}::/48"\n    status: container\n${at}    tenant: network-operations\n    description: ${S} IPv6\n`);
  prefix(`  - prefix: "${net.base6}::/64"\n${at}    role: loopbacks\n    description: ${S} IPv6 router IDs\n`);
  prefix(`  - prefix: "${net.base6}:1::/64"\n${at}    role: p2p\n    description: ${S} IPv6 fabric links (a /127 each)\n`);
  for (const t of net.vmTenants) prefix(`  - prefix: ${ip4(tenantNet(site))}/24\n    vrf: ${vrfOf(t)}\n${at}    role: tenant-vms\n    tenant: ${t}\n`);

  s += '\ncircuits:\n';
  for (const x of net.circuits) {
    c.circuits++;
    s +=
      `  - cid: ${x.cid}\n` +
      `    provider: ${x.provider[1]}\n` +
      '    type: internet-transit\n' +
      '    status: active\n' +
      '    tenant: network-operations\n' +
      `    install_date: ${day(rng, 2016, 2024)}\n` +
      `    commit_rate: ${rng.pick([1000000, 2000000, 5000000, 10000000])}\n` +
      (x.border ? `    description: ${x.border.name}${x.portName ? ` ${x.portName}` : ''}\n` : '');
  }
  s += '\ncircuit_terminations:\n';
  for (const x of net.circuits) {
    s +=
      `  - circuit: ${x.provider[1]}/${x.cid}\n` +
      '    term_side: A\n' +
      '    termination_type: dcim.site\n' +
      `    termination: ${site.slug}\n` +
      `    port_speed: ${dc ? 100000000 : 10000000}\n` +
      `    xconnect_id: XC-${site.slug.toUpperCase()}-${pad(rng.int(1_000_000), 6)}\n` +
      `  - circuit: ${x.provider[1]}/${x.cid}\n` +
      '    term_side: Z\n' +
      '    termination_type: circuits.providernetwork\n' +
      `    termination: ${x.provider[0]} Internet\n`;
  }

  if (net.cluster) {
    s +=
      '\nclusters:\n' +
      `  - name: ${net.cluster.name}\n` +
      `    type: ${net.cluster.type}\n` +
      '    group: production-clusters\n' +
      '    status: active\n' +
      '    tenant: platform-engineering\n' +
      at +
      `    description: ${S} virtualization\n`;
  }
  return s;
}

/** The site's virtual machines, each with two interfaces and a disk inline. */
function vmText(site: SitePlan, net: SiteNet, c: Counters): string {
  if (!net.vms.length) return '';
  let s = '\nvirtual_machines:\n';
  for (const vm of net.vms) {
    c.virtualMachines++;
    c.ipAddresses += 2;
    const [vcpus, memory, disk] = vm.size;
    const vrf = vrfOf(vm.tenant);
    const addr = `${ip4(tenantNet(site) + vm.host)}/24`;
    s +=
      `  - name: ${vm.name}\n` +
      `    cluster: ${net.cluster!.name}\n` +
      `    site: ${site.slug}\n` +
      '    role: server\n' +
      `    platform: ${vm.platform}\n` +
      `    tenant: ${vm.tenant}\n` +
      `    status: ${vm.status}\n` +
      `    vcpus: ${vcpus}\n` +
      `    memory: ${memory}\n` +
      `    disk: ${disk}\n` +
      `    primary_ip4: {vrf: ${vrf}, address: ${addr}}\n` +
      '    interfaces:\n' +
      '      - name: ens192\n' +
      '        description: service network\n' +
      `        ip_addresses: [{address: ${addr}, vrf: ${vrf}}]\n` +
      '      - name: ens224\n' +
      '        description: management\n' +
      `        ip_addresses: [{address: ${ip4(vm.mgmt)}/21, vrf: MGMT}]\n` +
      '    virtual_disks:\n' +
      '      - name: Hard disk 1\n' +
      `        size: ${disk}\n`;
  }
  return s;
}

function siteHeader(site: SitePlan, b: SiteBuilder, tenant: string): string {
  const group = site.tier === 'pop' ? 'metro-pops' : site.tier === 'campus' ? 'campuses' : 'core-dcs';
  let s =
    'sites:\n' +
    `  - name: ${site.name}\n` +
    `    slug: ${site.slug}\n` +
    `    status: active\n` +
    `    region: ${cityslug(site.metro.name)}\n` +
    `    group: ${group}\n` +
    `    tenant: ${tenant}\n` +
    `    facility: ${site.metro.name} ${site.tier === 'pop' ? 'POP' : 'DC'} ${site.slug.toUpperCase()}\n` +
    `    time_zone: ${TZ[site.metro.country] ?? 'UTC'}\n` +
    `    description: ${site.tier === 'pop' ? 'point of presence' : site.tier === 'campus' ? 'campus data center' : 'data center'} in ${site.metro.name}\n` +
    '\nlocations:\n';
  for (const loc of b.locations) {
    s += `  - name: ${loc.name}\n    slug: ${loc.slug}\n    site: ${site.slug}\n`;
    if (loc.parent) s += `    parent: ${loc.parent.slug}\n`;
  }
  s += '\nracks:\n';
  for (const r of b.racks) {
    s += `  - name: ${r.name}\n    site: ${site.slug}\n    location: ${r.location.slug}\n    role: ${r.role}\n    status: active\n    u_height: ${r.uHeight}\n`;
  }
  return s;
}

const TZ: Record<string, string> = {
  nl: 'Europe/Amsterdam', de: 'Europe/Berlin', gb: 'Europe/London', fr: 'Europe/Paris', se: 'Europe/Stockholm', pl: 'Europe/Warsaw',
  es: 'Europe/Madrid', it: 'Europe/Rome', us: 'America/New_York', ca: 'America/Toronto', jp: 'Asia/Tokyo', sg: 'Asia/Singapore',
  au: 'Australia/Sydney', hk: 'Asia/Hong_Kong', in: 'Asia/Kolkata', br: 'America/Sao_Paulo', cl: 'America/Santiago',
};

// ---------------------------------------------------------------------------------------------------

function hashInputs(types: DeviceTypeInfo[]): string {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const t of types) h.update(`\0${t.file}\0`).update(t.bytes);
  return h.digest('hex');
}

export function readManifest(out: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Where `npm run bench` keeps a scale's inventory: bench/out/<scale> (git-ignored). */
export function defaultOut(scale: string, errors = 0): string {
  return join(benchRoot(), 'out', errors ? `${scale}-errors${errors}` : scale);
}

/**
 * Writes an inventory of `devices` devices into `out`, or reuses the one there when its manifest says it
 * was made by this generator with the same seed, size, errors and device types.
 */
export function generate(opts: GenerateOptions): GenerateResult {
  const seed = opts.seed ?? DEFAULT_SEED;
  const errors = opts.errors ?? 0;
  const out = resolvePath(opts.out);
  const types = loadDeviceTypes();
  const typesDigest = hashInputs(types);
  const old = readManifest(out);
  if (
    !opts.force &&
    old?.complete &&
    old.generator === GENERATOR_VERSION &&
    old.seed === seed &&
    old.devices === opts.devices &&
    old.errors === errors &&
    old.deviceTypes === typesDigest
  ) {
    return { ...old, out, reused: true };
  }
  if (existsSync(out)) {
    if (!old && readdirSync(out).length > 0) throw new Error(`bench: ${out} is not empty and holds no ${MANIFEST}; refusing to overwrite it`);
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  const started = process.hrtime.bigint();
  const manifest: Manifest = {
    generator: GENERATOR_VERSION,
    complete: false,
    seed,
    devices: opts.devices,
    errors,
    deviceTypes: typesDigest,
    files: 0,
    bytes: 0,
    sites: 0,
    racks: 0,
    interfacesWritten: 0,
    ipAddresses: 0,
    vlans: 0,
    prefixes: 0,
    circuits: 0,
    virtualMachines: 0,
    cables: 0,
    digest: '',
    generateMs: 0,
  };
  writeFileSync(join(out, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');

  const o = new Output(out);
  o.file('sot.yaml', `# A generated benchmark inventory (bench/generate.ts, seed ${seed}, ${opts.devices} devices).\nformat: 1\nname: bench-${opts.devices}\noptions:\n  enforce_global_unique: true\n`);
  organisationFiles(o);
  for (const t of types) o.file(`device-types/${t.file}`, t.bytes);

  const rng = new Rng(seed);
  const fabricList = fabrics(types);
  const sites = planSites(rng, opts.devices);
  const errorPlan = planErrors(opts.devices, errors);
  const c: Counters = { device: 0, asset: 0, interfaces: 0, ipAddresses: 0, vlans: 0, prefixes: 0, circuits: 0, virtualMachines: 0, cables: 0 };
  let racks = 0;
  for (const site of sites) {
    const srng = new Rng(seed, site.index + 1);
    const fabric = srng.pick(fabricList);
    const b = buildSite(srng, site, fabric);
    if (b.devices.length !== site.count) throw new Error(`bench: site ${site.name} got ${b.devices.length} devices, not ${site.count}`);
    racks += b.racks.length;
    const tenant = srng.pick(TENANTS)[1];
    const dir = `sites/${site.metro.country}`;
    // IPAM, circuits and VMs draw from a stream of their own, so they leave the devices' draws alone.
    const nrng = new Rng(seed, site.index + 1, 2);
    const net = planNet(nrng, site, b, tenant);
    const header = siteHeader(site, b, tenant) + siteNetText(site, net, c, nrng);
    const names: string[] = [];
    const tenants: string[] = [];
    /** Devices under the name they were written with; one that took a seeded duplicate name is left out. */
    const written = new Map<DevicePlan, string>();
    const writeDevices = (list: DevicePlan[]) => {
      o.write('\ndevices:\n');
      for (const d of list) {
        const kinds = errorPlan.byDevice.get(c.device) ?? [];
        let name = d.name;
        let duplicate = false;
        if (kinds.includes('duplicate-name') || errorPlan.pendingDuplicate) {
          if (names.length) {
            name = names[names.length - 1];
            duplicate = true;
            errorPlan.pendingDuplicate = false;
          } else errorPlan.pendingDuplicate = true;
        }
        names.push(name);
        if (!duplicate) written.set(d, name);
        // NetBox keeps device names unique per site and tenant: a seeded duplicate shares its tenant.
        const drawn = d.rack.role === 'compute' && srng.chance(0.5) ? srng.pick(TENANTS)[1] : tenant;
        const deviceTenant = duplicate ? tenants[tenants.length - 1] : drawn;
        tenants.push(deviceTenant);
        o.write(deviceText(srng, site, d, name, c, deviceTenant, kinds, net));
        c.device++;
      }
    };
    if (site.tier === 'campus') {
      o.file(`${dir}/${site.slug}/site.yaml`, header);
      for (const hall of b.halls) {
        const list = b.devices.filter((d) => d.rack.location === hall);
        if (list.length === 0) continue;
        const bldg = hall.parent ? `${hall.parent.slug}-` : '';
        o.open(`${dir}/${site.slug}/${bldg}${hall.slug}.yaml`);
        o.write(`# ${site.name} ${hall.parent ? `${hall.parent.name}, ` : ''}${hall.name}\n`);
        writeDevices(list);
        o.close();
      }
      if (net.vms.length) o.file(`${dir}/${site.slug}/virtual-machines.yaml`, vmText(site, net, c).slice(1));
      const cables = cablesText(b, written, c);
      if (cables) o.file(`${dir}/${site.slug}/cables.yaml`, cables.slice(1));
    } else {
      o.open(`${dir}/${site.slug}.yaml`);
      o.write(header);
      writeDevices(b.devices);
      o.write(vmText(site, net, c));
      o.write(cablesText(b, written, c));
      o.close();
    }
  }
  for (let i = 0; i < errors; i++) {
    // A YAML syntax error in a file of its own: an unclosed flow sequence.
    o.file(`broken/syntax-error-${pad(i + 1, 4)}.yaml`, `tags:\n  - name: Broken ${i + 1}\n    slug: [broken-${i + 1}\n    color: '000000'\n`);
  }

  Object.assign(manifest, {
    complete: true,
    files: o.files,
    bytes: o.bytes,
    sites: sites.length,
    racks,
    interfacesWritten: c.interfaces,
    ipAddresses: c.ipAddresses,
    vlans: c.vlans,
    prefixes: c.prefixes,
    circuits: c.circuits,
    virtualMachines: c.virtualMachines,
    cables: c.cables,
    digest: o.digest.digest('hex'),
    generateMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
  });
  writeFileSync(join(out, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return { ...manifest, out, reused: false };
}

// ---------------------------------------------------------------------------------------------------
// Command line.

export function isMain(url: string): boolean {
  return !!process.argv[1] && url === pathToFileURL(resolvePath(process.argv[1])).href;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const scale = (arg('--scale') ?? 'S').toUpperCase() as ScaleName;
  if (!(scale in SCALES) && !arg('--devices')) {
    console.error('usage: node dist/bench/generate.js --scale S|M|L [--devices N] [--seed N] [--errors N] [--out DIR] [--force]');
    process.exit(2);
  }
  const devices = Number(arg('--devices') ?? SCALES[scale]);
  const errors = Number(arg('--errors') ?? 0);
  const r = generate({
    devices,
    seed: Number(arg('--seed') ?? DEFAULT_SEED),
    errors,
    out: arg('--out') ?? defaultOut(arg('--devices') ? `n${devices}` : scale, errors),
    force: args.includes('--force'),
  });
  if (args.includes('--json')) console.log(JSON.stringify(r));
  else
    console.log(
      `${r.reused ? 'reused' : 'generated'} ${r.out}: ${r.devices} devices, ${r.sites} sites, ${r.racks} racks, ${r.interfacesWritten} interfaces, ${r.ipAddresses} IP addresses, ${r.vlans} VLANs, ${r.prefixes} prefixes, ${r.circuits} circuits, ${r.virtualMachines} VMs, ${r.cables} cables written, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.generateMs} ms, digest ${r.digest.slice(0, 16)}`,
    );
}

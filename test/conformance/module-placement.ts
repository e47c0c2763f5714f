// Places one module of each module type into module bays, as deep as the type's `{module}` placeholders
// require, without two modules of one device creating components of the same kind and name. This is
// the test's own arrangement, written from NetBox (dcim/utils.py get_module_bay_positions and
// resolve_module_placeholder, ModularComponentTemplateModel.resolve_name/label/position); it does not
// use sot's code, so that sot's result can be compared with it. Clashes are avoided because NetBox
// refuses them (ComponentModel's unique (device, name) constraint per component kind): a clash would be
// the arrangement's mistake, not the corpus's.

const TOKEN = '{module}';

/** A module type's template lists, as js-yaml's FAILSAFE schema reads them (every scalar a string). */
export interface ModuleTypeFile {
  file: string;
  manufacturer: string;
  model: string;
  /** `interfaces`, `power-ports`, `module-bays`, … → templates with their name, label and position. */
  lists: [string, { name: string; label?: string; position?: string }[]][];
}

export function tokens(text: string | undefined): number {
  return text === undefined ? 0 : text.split(TOKEN).length - 1;
}

/** The most `{module}` placeholders in one name, label or bay position: the bay depth the type needs (at least 1). */
export function depthNeeded(t: ModuleTypeFile): number {
  let n = 1;
  for (const [, templates] of t.lists) for (const c of templates) n = Math.max(n, tokens(c.name), tokens(c.label), tokens(c.position));
  return n;
}

/**
 * NetBox's resolve_module_placeholder: one token is the leaf bay's position; N tokens need N levels.
 * Any other count NetBox refuses (ValueError): the text is kept as it is, for sot to report.
 */
export function resolveTokens(text: string, chain: string[]): string {
  const n = tokens(text);
  if (n === 0) return text;
  if (n === 1) return text.replace(TOKEN, chain[chain.length - 1]);
  if (n !== chain.length) return text;
  let i = 0;
  return text.replace(/\{module\}/g, () => chain[i++]);
}

export interface HostDevice {
  name: string;
  /** `list\0name` of every component the device has. */
  names: Set<string>;
}

export interface Bay {
  device: HostDevice;
  name: string;
  /** Positions from the device's bay down to this one (NetBox's get_module_bay_positions). */
  chain: string[];
  free: boolean;
}

export interface Placement {
  type: ModuleTypeFile;
  bay: Bay;
  /** `list name label` of every component the module creates, resolved. */
  components: string[];
}

export class Placer {
  readonly devices: HostDevice[] = [];
  readonly bays: Bay[] = [];
  readonly placements: Placement[] = [];

  constructor(
    private readonly hostBays: { name: string; position: string }[],
    private readonly hostName: (i: number) => string,
    /** A module type with only module bays, for the bays `level` + 1 levels deep; one per level, so bay names never clash. */
    private readonly carrier: (level: number) => ModuleTypeFile,
  ) {}

  /** Carrier modules installed, and the levels (carrier types) they were needed at. */
  carriersUsed = 0;
  readonly carrierLevels = new Set<number>();

  private newHost(): void {
    const device: HostDevice = { name: this.hostName(this.devices.length + 1), names: new Set() };
    this.devices.push(device);
    for (const b of this.hostBays) {
      device.names.add(`module-bays\0${b.name}`);
      this.bays.push({ device, name: b.name, chain: [b.position], free: true });
    }
  }

  private resolved(t: ModuleTypeFile, chain: string[]): { key: string; line: string; bay?: { name: string; position: string } }[] {
    const out: { key: string; line: string; bay?: { name: string; position: string } }[] = [];
    for (const [list, templates] of t.lists) {
      for (const c of templates) {
        const name = resolveTokens(c.name, chain);
        const label = c.label === undefined ? '' : resolveTokens(c.label, chain);
        const position = list === 'module-bays' && c.position !== undefined ? resolveTokens(c.position, chain) : undefined;
        out.push({ key: `${list}\0${name}`, line: `${list} ${name} ${label}`.trimEnd(), bay: position === undefined ? undefined : { name, position } });
      }
    }
    return out;
  }

  /**
   * Installs the type in the first free bay `depth` levels deep whose device takes its components without
   * a clash; failing that, in a new host device, through a chain of carrier modules when depth > 1.
   */
  place(t: ModuleTypeFile, depth: number): Placement {
    for (const bay of this.bays) {
      if (bay.free && bay.chain.length === depth && !this.resolved(t, bay.chain).some((c) => bay.device.names.has(c.key))) return this.install(t, bay);
    }
    this.newHost();
    let bay = this.bays.find((b) => b.device === this.devices[this.devices.length - 1])!;
    for (let level = 1; level < depth; level++) {
      this.carriersUsed++;
      this.carrierLevels.add(level);
      const before = this.bays.length;
      this.install(this.carrier(level), bay);
      bay = this.bays[before];
    }
    return this.install(t, bay);
  }

  private install(t: ModuleTypeFile, bay: Bay): Placement {
    const comps = this.resolved(t, bay.chain);
    bay.free = false;
    for (const c of comps) {
      bay.device.names.add(c.key);
      if (c.bay) this.bays.push({ device: bay.device, name: c.bay.name, chain: [...bay.chain, c.bay.position], free: true });
    }
    const p: Placement = { type: t, bay, components: comps.map((c) => c.line).sort() };
    this.placements.push(p);
    return p;
  }
}

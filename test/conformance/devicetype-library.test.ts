import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compile, type CompileResult } from '../../src/compile.js';
import { ref } from '../../src/model/model.js';
import { depthNeeded, Placer, type ModuleTypeFile, type Placement } from './module-placement.js';

// Every device and module type of the community devicetype-library must load as NetBox would take it.
// The corpus lives beside the repository (../shared); a clone without it skips this test, CI has it.
const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'devicetype-library');
const present = existsSync(CORPUS);
if (!present) console.warn(`skipping the devicetype-library conformance test: no corpus at ${CORPUS}`);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

describe.skipIf(!present)('devicetype-library corpus', () => {
  it('loads every device type and module type, edge cases included, with no errors but one real duplicate', () => {
    // Edge cases have the same relative paths as the library (7 of them are copies of library files):
    // merged as `cp -r` would, one file per path.
    const byPath = new Map<string, string>([['sot.yaml', 'format: 1\n']]);
    for (const base of [CORPUS, join(CORPUS, 'edge-cases')]) {
      for (const top of ['device-types', 'module-types']) {
        for (const p of yamlFiles(join(base, top))) byPath.set(relative(base, p).split('\\').join('/'), readFileSync(p, 'utf8'));
      }
    }
    const files = [...byPath].map(([file, text]) => ({ file, text }));
    expect(files.length).toBeGreaterThan(3500);
    const result = compile(files);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    // The library really holds two Juniper files with model "MX304" (MX304.yaml and MX304-BASE.yaml);
    // NetBox's unique (manufacturer, model) constraint rejects the second, and so does sot.
    expect(errors.map((d) => `${d.location.file} ${d.rule} ${d.message}`)).toEqual([
      'device-types/Juniper/MX304.yaml resolve/duplicate-key duplicate device type model "MX304" in manufacturer "Juniper"',
    ]);
    // Keys outside NetBox's template fields (poe-mode typos, speed, comments…) are warnings, each with a field name.
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.every((d) => d.rule === 'schema/unknown-field')).toBe(true);
    expect(warnings.filter((d) => d.data?.field === 'poe-mode').every((d) => d.message.endsWith('did you mean "poe_mode"?'))).toBe(true);
    // YAML 1.1 readings: part numbers and port names such as 08 or 02351930 stay text.
    const types = result.model.byKind.get('dcim.devicetype')!;
    expect(types.length).toBeGreaterThan(2500);
    expect(types.every((t) => typeof t.data.model === 'string' && (t.data.part_number === undefined || typeof t.data.part_number === 'string'))).toBe(true);
  });

  // One device of every device type and one module of every module type, each module in a bay as deep as
  // its `{module}` placeholders need (NetBox: one placeholder takes the leaf bay's position, N take the
  // positions of N nested bays from the device down, any other count is refused). Edge cases left out.
  const built = lazy(buildInventory);

  it('creates a device of every device type and installs a module of every module type, nested as deep as its placeholders', () => {
    const { result, deviceTypes, moduleTypes, placer, depths } = built();
    // The arrangement itself: every depth the corpus needs is exercised (1 and 2 today).
    expect(Math.max(...depths.keys())).toBeGreaterThanOrEqual(2);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.location.file} ${d.rule} ${d.message}`)).toEqual([]);
    const devices = result.model.byKind.get('dcim.device') ?? [];
    const modules = result.model.byKind.get('dcim.module') ?? [];
    expect(devices.length).toBe(deviceTypes + placer.devices.length);
    expect(new Set(devices.map((d) => ref(d, 'device_type'))).size).toBe(deviceTypes + 1);
    expect(modules.length).toBe(moduleTypes + placer.carriersUsed);
    expect(new Set(modules.map((m) => ref(m, 'module_type'))).size).toBe(moduleTypes + placer.carrierLevels.size);
  });

  it('gives each module the components NetBox would create, {module} replaced by the bay positions', () => {
    const { result, placer } = built();
    // What each module's components are, resolved by the test from NetBox's rules (module-placement.ts)…
    const expected = new Map<string, string[]>();
    for (const p of placer.placements) expected.set(`${p.bay.device.name} ${p.bay.name}`, p.components);
    // … and what sot made: every component owned by the module, with its name and label.
    const actual = new Map<string, string[]>();
    const modules = result.model.byKind.get('dcim.module') ?? [];
    const byModule = new Map(modules.map((m) => [m, [] as string[]]));
    for (const [kind, list] of COMPONENT_LISTS) {
      for (const c of result.model.byKind.get(kind) ?? []) {
        const m = ref(c, 'module');
        if (m) byModule.get(m)?.push(`${list} ${c.data.name} ${c.data.label ?? ''}`.trimEnd());
      }
    }
    for (const [m, comps] of byModule) actual.set(`${ref(m, 'device')?.data.name} ${ref(m, 'module_bay')?.data.name}`, comps.sort());
    expect(actual.size).toBe(expected.size);
    // The first few modules whose components differ, with both lists, so that a failure shows why.
    const differing = [...expected]
      .filter(([k, v]) => JSON.stringify(actual.get(k)) !== JSON.stringify(v))
      .map(([k, v]) => ({ module: k, expected: v, actual: actual.get(k) }));
    expect(differing.slice(0, 3)).toEqual([]);
    expect(differing.length).toBe(0);
  });
});

const COMPONENT_LISTS: [string, string][] = [
  ['dcim.consoleport', 'console-ports'],
  ['dcim.consoleserverport', 'console-server-ports'],
  ['dcim.powerport', 'power-ports'],
  ['dcim.poweroutlet', 'power-outlets'],
  ['dcim.interface', 'interfaces'],
  ['dcim.frontport', 'front-ports'],
  ['dcim.rearport', 'rear-ports'],
  ['dcim.modulebay', 'module-bays'],
];

function lazy<T>(f: () => T): () => T {
  let v: { value: T } | undefined;
  return () => (v ??= { value: f() }).value;
}

// The host: a device type of the test's own with numbered bays; and carrier module types of its own that
// only have bays (one per level, Test/Carrier-1 in a host's bay, Test/Carrier-2 in a Carrier-1's…), for a
// type needing a bay deeper than the corpus's bay-holding module types offer (none does today).
const HOST_BAYS = 16;
const HOST = `manufacturer: Test
model: Host
slug: test-host
u_height: 1
module-bays:
${Array.from({ length: HOST_BAYS }, (_, i) => `  - name: Slot ${i + 1}\n    position: '${i + 1}'\n`).join('')}`;
const carrier = (level: number) => `manufacturer: Test
model: Carrier-${level}
module-bays:
${Array.from({ length: 4 }, (_, i) => `  - name: L${level + 1} Bay ${i + 1}\n    position: '${i + 1}'\n`).join('')}`;

function readType(file: string, text: string): ModuleTypeFile {
  // FAILSAFE: every scalar is text, as sot keeps names and models (`model: 0101`, `name: 08`).
  const doc = jsyaml.load(text, { schema: jsyaml.FAILSAFE_SCHEMA }) as Record<string, unknown>;
  const lists: ModuleTypeFile['lists'] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (Array.isArray(v)) lists.push([k, v.filter((c) => c && typeof c === 'object' && typeof c.name === 'string')]);
  }
  return { file, manufacturer: String(doc.manufacturer), model: String(doc.model), lists };
}

interface Built {
  result: CompileResult;
  deviceTypes: number;
  moduleTypes: number;
  placer: Placer;
  /** Bay depth → number of corpus module types installed that deep. */
  depths: Map<number, number>;
}

function buildInventory(): Built {
  const read = (top: string) =>
    yamlFiles(join(CORPUS, top))
      .map((p) => relative(CORPUS, p).split('\\').join('/'))
      .sort()
      .map((file) => ({ file, text: readFileSync(join(CORPUS, file), 'utf8') }));
  // The library holds two Juniper files with model "MX304" (MX304-BASE.yaml and MX304.yaml), which
  // NetBox's unique (manufacturer, model) constraint refuses; the first test checks that sot reports it.
  // Here MX304.yaml is left out, so "Juniper/MX304" is the type of MX304-BASE.yaml.
  const deviceFiles = read('device-types').filter((f) => f.file !== 'device-types/Juniper/MX304.yaml');
  const moduleFiles = read('module-types');
  const deviceTypes = deviceFiles.map((f) => readType(f.file, f.text));
  const moduleTypes = moduleFiles.map((f) => readType(f.file, f.text));
  // Every type is named once: a clash here would be the test's mistake, not sot's.
  expect(new Set(deviceTypes.map((t) => `${t.manufacturer}/${t.model}`)).size).toBe(deviceTypes.length);
  expect(new Set(moduleTypes.map((t) => `${t.manufacturer}/${t.model}`)).size).toBe(moduleTypes.length);

  const placer = new Placer(
    Array.from({ length: HOST_BAYS }, (_, i) => ({ name: `Slot ${i + 1}`, position: String(i + 1) })),
    (i) => `host-${String(i).padStart(4, '0')}`,
    (level) => readType(`module-types/Test/Carrier-${level}.yaml`, carrier(level)),
  );
  // Shallow types first, so that bay-holding types (the corpus has some) offer bays to deeper ones.
  const depths = new Map<number, number>();
  const order = moduleTypes.map((t) => ({ t, depth: depthNeeded(t) })).sort((a, b) => a.depth - b.depth);
  for (const { t, depth } of order) {
    placer.place(t, depth);
    depths.set(depth, (depths.get(depth) ?? 0) + 1);
  }

  const q = JSON.stringify;
  const lines = [
    'sites:',
    '  - { name: Lab, slug: lab }',
    'device_roles:',
    '  - { name: Test, slug: test }',
    'devices:',
    ...deviceTypes.map((t, i) => `  - { name: ${q(`dt-${String(i + 1).padStart(4, '0')}`)}, device_type: ${q(`${t.manufacturer}/${t.model}`)}, role: test, site: lab }`),
    ...placer.devices.map((d) => `  - { name: ${q(d.name)}, device_type: Test/Host, role: test, site: lab }`),
    'modules:',
    ...placer.placements.map((p: Placement) => `  - { device: ${q(p.bay.device.name)}, module_bay: ${q(p.bay.name)}, module_type: ${q(`${p.type.manufacturer}/${p.type.model}`)} }`),
  ];
  const files = [
    { file: 'sot.yaml', text: 'format: 1\n' },
    ...deviceFiles,
    ...moduleFiles,
    { file: 'device-types/Test/Host.yaml', text: HOST },
    ...[...placer.carrierLevels].sort((a, b) => a - b).map((l) => ({ file: `module-types/Test/Carrier-${l}.yaml`, text: carrier(l) })),
    { file: 'inventory.yaml', text: lines.join('\n') + '\n' },
  ];
  return { result: compile(files), deviceTypes: deviceTypes.length, moduleTypes: moduleTypes.length, placer, depths };
}

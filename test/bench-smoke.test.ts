// The benchmark's generator makes inventories sot accepts: a smoke test of bench/generate.ts (not of speed).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_KINDS, GENERATOR_VERSION, generate, MANIFEST, SCALES } from '../bench/generate.js';
import { compile } from '../src/compile.js';
import { readWorktree } from '../src/sources/worktree.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sot-bench-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('bench/generate', () => {
  it('generates scale S as an inventory that compiles clean with the expected device count', () => {
    const out = join(tempDir(), 'S');
    const gen = generate({ devices: SCALES.S, out });
    expect(gen.reused).toBe(false);
    expect(gen.devices).toBe(100);

    const result = compile(readWorktree(out));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.location.file} ${d.rule} ${d.message}`)).toEqual([]);
    const of = (kind: string) => result.model.byKind.get(kind) ?? [];
    expect(of('dcim.device')).toHaveLength(100);
    // The device types' interfaces plus the Loopback0 each device adds.
    expect(of('dcim.interface').length).toBeGreaterThan(100 * 48);

    // IPAM: a loopback and a management address per device, /31s on fabric links, two per VM.
    expect(of('ipam.ipaddress')).toHaveLength(gen.ipAddresses);
    expect(gen.ipAddresses).toBeGreaterThan(100 * 2 + 2 * 20);
    expect(of('ipam.ipaddress').filter((ip) => !ip.refs.assigned_object)).toEqual([]);
    expect(of('dcim.device').filter((d) => !d.refs.primary_ip4)).toEqual([]);
    expect(of('ipam.vrf')).toHaveLength(13); // MGMT and one per tenant
    expect(of('ipam.rir')).toHaveLength(5);
    expect(of('ipam.aggregate')).toHaveLength(5);
    expect(of('ipam.vlangroup')).toHaveLength(gen.sites);
    expect(of('ipam.vlan')).toHaveLength(gen.vlans);
    expect(gen.vlans).toBe(10 * gen.sites);
    expect(of('ipam.prefix')).toHaveLength(gen.prefixes);
    const ifaces = of('dcim.interface');
    expect(ifaces.filter((i) => i.refs.untagged_vlan).length).toBeGreaterThan(100);
    expect(ifaces.filter((i) => Array.isArray(i.refs.tagged_vlans) && i.refs.tagged_vlans.length).length).toBeGreaterThan(100);

    // Circuits: two transit circuits per site, both sides terminated.
    expect(of('circuits.circuit')).toHaveLength(2 * gen.sites);
    expect(gen.circuits).toBe(2 * gen.sites);
    expect(of('circuits.circuittermination')).toHaveLength(4 * gen.sites);

    // Cables: an uplink cable per fabric link and a management cable per device with an OOB switch in its rack.
    expect(of('dcim.cable')).toHaveLength(gen.cables);
    expect(gen.cables).toBeGreaterThan(150);
    expect(of('dcim.cable').filter((c) => !c.refs.a_terminations || !c.refs.b_terminations)).toEqual([]);

    // Virtualization: one cluster per data-centre site, 2 VMs per 10 devices, 2 interfaces and a disk each.
    expect(of('virtualization.cluster')).toHaveLength(1); // S is one data centre
    expect(of('virtualization.virtualmachine')).toHaveLength(gen.virtualMachines);
    expect(gen.virtualMachines).toBe(20);
    expect(of('virtualization.vminterface')).toHaveLength(2 * gen.virtualMachines);
    expect(of('virtualization.virtualdisk')).toHaveLength(gen.virtualMachines);
    expect(of('virtualization.virtualmachine').filter((vm) => !vm.refs.primary_ip4 || !vm.refs.cluster)).toEqual([]);

    // A second call with the same seed reuses the folder.
    expect(generate({ devices: SCALES.S, out }).reused).toBe(true);
    // An output of an older generator is regenerated.
    const manifest = join(out, MANIFEST);
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), generator: GENERATOR_VERSION - 1 }));
    const again = generate({ devices: SCALES.S, out });
    expect(again.reused).toBe(false);
    expect(again.digest).toBe(gen.digest);
  });

  it('is deterministic: the same seed gives byte-identical files', () => {
    const a = generate({ devices: 40, out: join(tempDir(), 'a'), seed: 7 });
    const b = generate({ devices: 40, out: join(tempDir(), 'b'), seed: 7 });
    const c = generate({ devices: 40, out: join(tempDir(), 'c'), seed: 8 });
    expect(a.digest).toBe(b.digest);
    expect(c.digest).not.toBe(a.digest);
    const files = readWorktree(a.out).map((f) => f.file);
    expect(files).toEqual(readWorktree(b.out).map((f) => f.file));
    for (const f of files) expect(readFileSync(join(b.out, f), 'utf8')).toBe(readFileSync(join(a.out, f), 'utf8'));
  });

  it('seeds N errors of each kind when asked', () => {
    const out = join(tempDir(), 'errors');
    generate({ devices: SCALES.S, out, errors: 2 });
    const byRule: Record<string, number> = {};
    for (const d of compile(readWorktree(out)).diagnostics) if (d.severity === 'error') byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
    for (const rule of Object.values(ERROR_KINDS)) expect(byRule[rule], rule).toBe(2);
  });
});

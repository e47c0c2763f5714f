import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { formatAddress } from '../../src/model/ip-space.js';
import { availableIps } from '../../src/model/ip-utilization.js';
import { ipTree, ipTreeText, percentText, rangeName } from '../../src/outputs/ip-tree.js';
import { readWorktree } from '../../src/sources/worktree.js';

describe('outputs/ip-tree', () => {
  it('prints a utilization as NetBox\'s bar does: one decimal, a half rounded up', () => {
    const cases: [number, string][] = [
      [0, '0.0%'],
      [100, '100.0%'],
      [1.5625, '1.6%'],
      [0.25, '0.3%'],
      [0.05, '0.1%'],
      [0.0499, '0.0%'],
      [99.95, '100.0%'],
      [(1 / 3) * 100, '33.3%'],
      [(2 / 3) * 100, '66.7%'],
      [(3 / 2 ** 64) * 100, '0.0%'],
    ];
    expect(cases.map(([x]) => percentText(x))).toEqual(cases.map(([, t]) => t));
  });

  it('names an IP range as NetBox does: the end without the parts it shares with the start', () => {
    expect(rangeName('10.1.10.100/24', '10.1.10.199/24')).toBe('10.1.10.100-199/24');
    expect(rangeName('10.1.10.100/16', '10.1.11.5/16')).toBe('10.1.10.100-11.5/16');
    expect(rangeName('10.0.0.1/8', '11.0.0.1/8')).toBe('10.0.0.1-11.0.0.1/8');
    expect(rangeName('10.0.0.7/24', '10.0.0.7/24')).toBe('10.0.0.7-10.0.0.7/24');
    expect(rangeName('2001:db8::10/64', '2001:db8::1f/64')).toBe('2001:db8::10-1f/64');
  });
});

describe('the README example', () => {
  const ROOT = join(import.meta.dirname, '../..');
  const example = compile(readWorktree(join(ROOT, 'inventory-example')));

  it('shows the real text output of sot ipam tree inventory-example', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = readme.match(/```console\n\$ sot ipam tree inventory-example\n([\s\S]*?)```/)?.[1];
    expect(block).toBe(ipTreeText(ipTree(example.model)));
  });

  it('shows the real free addresses of 10.1.10.0/24', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = readme.match(/\$ sot ipam available 10\.1\.10\.0\/24 inventory-example --ips 3\n([\s\S]*?)\$/)?.[1];
    const prefix = example.model.byKind.get('ipam.prefix')!.find((p) => p.data.prefix === '10.1.10.0/24')!;
    expect(block).toBe(availableIps(example.model, prefix, 3).map((v) => `${formatAddress(4, v)}/24\n`).join(''));
  });
});

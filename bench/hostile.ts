// Hostile inventories for diagnostics (docs/performance.md, "Hostile inventories"):
//
//   npm run bench -- --hostile [--out DIR] [--only NAME,NAME]
//
// Each case is an inventory written to make diagnostics expensive (many problems in one entry, many
// names to suggest from, huge values). Each is checked by `sot check` in a child process, as a user
// runs it; the table gives its wall time, the bytes it printed and its peak RSS (from /usr/bin/time
// when the machine has it, else the child's resourceUsage as node reports it for children).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round, table } from './util.js';

const SOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sot.js');

const site = (n: string) => `  - name: ${n}\n    slug: ${n}\n    status: active\n`;

interface Case {
  name: string;
  format: 'json' | 'pretty';
  files(): Record<string, string>;
}

function typosBigFile(): Record<string, string> {
  const parts = ['sites:\n'];
  for (let i = 0; i < 20_000; i++) {
    parts.push(site(`site-${i}`), `    description: ${'lorem ipsum dolor sit amet '.repeat(4)}\n    comments: ${'more words here '.repeat(4)}\n`);
    if (i % 20 === 0) parts.push('    descripton: typo\n');
  }
  return { 'a.yaml': parts.join('') };
}

export const CASES: Case[] = [
  {
    name: '1,000 typos in one device entry',
    format: 'json',
    files: () => ({
      'a.yaml': `devices:\n  - name: d1\n    site: s1\n    role: r\n    device_type: m/t\n    interfaces:\n${Array.from({ length: 1000 }, (_, i) => `      - name: Ethernet${i}\n        type: 1000base-t\n        descripton: port ${i}\n`).join('')}`,
      'b.yaml': `sites:\n${site('s1')}device_roles:\n  - {name: r, slug: r}\nmanufacturers:\n  - {name: m, slug: m}\ndevice_types:\n  - {manufacturer: m, model: t, slug: t}\n`,
    }),
  },
  { name: 'a site duplicated 10,000 times', format: 'json', files: () => ({ 'a.yaml': `sites:\n${site('same').repeat(10_000)}` }) },
  { name: '100,000 unknown collections', format: 'json', files: () => ({ 'a.yaml': Array.from({ length: 100_000 }, (_, i) => `collection${i}: []\n`).join('') }) },
  {
    name: '100,000 unknown fields',
    format: 'json',
    files: () => ({ 'a.yaml': `sites:\n${site('s1')}${Array.from({ length: 100_000 }, (_, i) => `    field${i}: ${i}\n`).join('')}` }),
  },
  {
    name: '20,000 references to 200 long names',
    format: 'json',
    files: () => {
      const long = 'x'.repeat(2000);
      const tenants = Array.from({ length: 200 }, (_, i) => `  - {name: t${long}${i}, slug: t${i}}\n`).join('');
      const sites = Array.from({ length: 20_000 }, (_, i) => `  - {name: s${i}, slug: s${i}, status: active, tenant: t${long}${i}y}\n`).join('');
      return { 'a.yaml': `tenants:\n${tenants}sites:\n${sites}` };
    },
  },
  { name: '1,000 typos in a 3.4 MB file', format: 'json', files: typosBigFile },
  { name: '1,000 typos in a 3.4 MB file', format: 'pretty', files: typosBigFile },
  {
    name: '300,000 names, 1,000 misspelt references',
    format: 'json',
    files: () => {
      const tenants = Array.from({ length: 300_000 }, (_, i) => `  - {name: tenant-${i}, slug: tenant-${i}}\n`).join('');
      const sites = Array.from({ length: 1000 }, (_, i) => `  - {name: s${i}, slug: s${i}, status: active, tenant: tenamt-${i}}\n`).join('');
      return { 'a.yaml': `tenants:\n${tenants}sites:\n${sites}` };
    },
  },
  { name: 'a 50 MB value', format: 'json', files: () => ({ 'a.yaml': `sites:\n  - name: s1\n    slug: s1\n    status: "${'a'.repeat(50_000_000)}"\n` }) },
  { name: 'a 20 MB key', format: 'pretty', files: () => ({ 'a.yaml': `sites:\n${site('s1')}    ${'n'.repeat(20_000_000)}: 1\n` }) },
];

function write(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sot.yaml'), 'format: 1\nname: hostile\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

interface Row {
  name: string;
  format: string;
  seconds: number;
  exit: number | null;
  bytes: number;
  rssMb: number;
}

function runCase(c: Case, dir: string): Row {
  write(dir, c.files());
  const timed = existsSync('/usr/bin/time');
  const cmd = timed ? '/usr/bin/time' : process.execPath;
  const args = [...(timed ? ['-f', '%M', process.execPath] : []), SOT, 'check', dir, '--format', c.format];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, encoding: 'buffer' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = timed ? Number(/(\d+)\s*$/.exec(r.stderr.toString())?.[1] ?? NaN) : process.resourceUsage().maxRSS;
  return { name: c.name, format: c.format, seconds: round(seconds, 1), exit: r.status, bytes: r.stdout.length, rssMb: round(kb / 1024, 0) };
}

export function runHostileBench(out: string, only?: string[]): void {
  const rows: Row[] = [];
  CASES.forEach((c, i) => {
    if (only && !only.some((o) => c.name.includes(o))) return;
    rows.push(runCase(c, join(out, `case-${i}`)));
    const r = rows[rows.length - 1];
    console.error(`${r.name} (${r.format}): ${r.seconds} s`);
  });
  console.log(
    table(
      [['case', 'format', 'exit', 'seconds', 'output bytes', 'peak RSS MB'], ...rows.map((r) => [r.name, r.format, String(r.exit), r.seconds.toFixed(1), String(r.bytes), String(r.rssMb)])],
      [0, 1],
    ),
  );
  console.log(`load average: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
}

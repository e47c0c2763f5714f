import { compile, type CompileResult } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Compiles an in-memory inventory; sot.yaml defaults to `format: 1`. */
export function compileFiles(files: Record<string, string>): CompileResult {
  const all = { 'sot.yaml': 'format: 1\n', ...files };
  return compile(Object.entries(all).map(([file, text]) => ({ file, text })));
}

/** `file:line:col rule` with 1-based positions: what a user sees, compact enough to assert whole lists. */
export function brief(d: Diagnostic): string {
  const r = d.location.range!;
  return `${d.location.file}:${r.start.line + 1}:${r.start.column + 1} ${d.severity} ${d.rule}`;
}

export function briefs(result: CompileResult): string[] {
  return result.diagnostics.map(brief);
}

/** `[rule, 'file:line:col']` for every diagnostic of an in-memory inventory (1-based positions). */
export function rulesAt(files: Record<string, string>): [string, string][] {
  return compileFiles(files).diagnostics.map((d) => [d.rule, `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`]);
}

export const BASE = `
regions:
  - { name: Europe, slug: europe }
sites:
  - { name: AMS1, slug: ams1, region: europe }
  - { name: AMS2, slug: ams2, region: europe }
manufacturers:
  - { name: Acme, slug: acme }
device_roles:
  - { name: Leaf, slug: leaf }
`;

export const DEVICE_TYPE = `manufacturer: Acme
model: X-4
slug: acme-x-4
u_height: 1
is_full_depth: true
interfaces:
  - name: et1
    type: 10gbase-x-sfpp
  - name: et2
    type: 10gbase-x-sfpp
  - name: mgmt
    type: 1000base-t
    mgmt_only: true
console-ports:
  - name: con
    type: rj-45
`;

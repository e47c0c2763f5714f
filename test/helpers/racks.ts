import type { CompileResult } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { BASE, compileFiles } from './compile.js';

// Rack scenarios: device types by a three-letter slug (height, then f full depth, h half, d the default).
const TYPES: Record<string, string> = {
  t1f: 'u_height: 1\nis_full_depth: true',
  t2f: 'u_height: 2\nis_full_depth: true',
  t4f: 'u_height: 4\nis_full_depth: true',
  t1h: 'u_height: 1\nis_full_depth: false',
  t2h: 'u_height: 2\nis_full_depth: false',
  t1d: '', // neither field: NetBox's defaults, 1U and full depth
  t0f: 'u_height: 0\nis_full_depth: false',
  tch: 'u_height: 0\nsubdevice_role: child',
};

export const RACK_DEVICE_TYPES: Record<string, string> = Object.fromEntries(
  Object.entries(TYPES).map(([slug, body]) => [`device-types/Acme/${slug}.yaml`, `manufacturer: Acme\nmodel: ${slug.toUpperCase()}\nslug: ${slug}\n${body}\n`]),
);

/**
 * `a t2f 10 front` → a device line in rack R1 (a fifth word names another rack; `-` leaves a field
 * out). With a two-character position, `position`'s value is at column 77 and `face`'s at 87.
 */
export function deviceLine(spec: string): string {
  const [name, type, position, face, rack = 'R1'] = spec.split(' ');
  const fields = [`name: ${name}`, `device_type: ${type}`, 'role: leaf', 'site: ams1', rack !== '-' ? `rack: ${rack}` : '', position !== '-' ? `position: ${position}` : '', face !== '-' ? `face: ${face}` : ''];
  return `  - {${fields.filter(Boolean).join(', ')}}`;
}

/** An inventory whose `dc.yaml` has racks R1 (as given, line 2) and R2 (42U, line 3), then devices from line 5 on. */
export function compileRack(devices: string[], rack = '{name: R1, site: ams1}', extra: Record<string, string> = {}): CompileResult {
  return compileFiles({
    'base.yaml': BASE,
    ...RACK_DEVICE_TYPES,
    ...extra,
    'dc.yaml': `racks:\n  - ${rack}\n  - {name: R2, site: ams1}\ndevices:\n${devices.map(deviceLine).join('\n')}\n`,
  });
}

/** `file:line:col`, 1-based. */
export function at(d: Diagnostic): string {
  return `${d.location.file}:${d.location.range!.start.line + 1}:${d.location.range!.start.column + 1}`;
}

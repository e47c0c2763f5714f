import { FACES, unitName, type Face } from '../model/rack-occupancy.js';
import { deviceAt, halvesTopFirst, topOffset, unitRuns, type RackElevation } from './rack-elevation.js';

// A rack elevation as text: one line per unit, top to bottom as NetBox draws it, a column per face.
// A device taller than one line shows its name on its top line, then │ down to └ on its last one; a
// unit whose halves hold different things shows both, top half first.

const FREE = 'free';

export function rackText(e: RackElevation): string {
  const place = [e.site, e.location, e.rack].filter(Boolean).join(' / ');
  const numbering = e.descUnits ? 'numbered from the top' : 'numbered from the bottom';
  const last = e.startingUnit + e.uHeight - 1;
  const out: string[] = [`Rack ${place}: ${e.uHeight}U, ${unitName(e.startingUnit)}–${unitName(last)} ${numbering}`, ''];

  // Each device's first and last line (indices into e.units), from the half-units it shows in.
  const lines = e.devices.map((d) => {
    const top = topOffset(e, d.position, d.uHeight);
    return { first: Math.floor(top), last: Math.ceil(top + d.uHeight) - 1 };
  });
  const cell = (face: Face, row: number, unit: number): string => {
    const parts = halvesTopFirst(e, unit).map((h) => deviceAt(e, face, h));
    const label = (d: number | undefined) => {
      if (d === undefined) return FREE;
      const { first, last } = lines[d];
      if (first === last) return e.devices[d].name;
      return row === first ? `┌ ${e.devices[d].name}` : row === last ? '└' : '│';
    };
    if (parts[0] === parts[1]) return label(parts[0]);
    return `${label(parts[0])} (½) / ${label(parts[1])} (½)`;
  };

  const hasReserved = e.reservations.length > 0;
  const header = ['Unit', 'Front', 'Rear', ...(hasReserved ? ['Reserved'] : [])];
  const rows = e.units.map((unit, row) => [
    unitName(unit),
    ...FACES.map((face) => cell(face, row, unit)),
    ...(hasReserved ? [e.reserved.has(unit) ? e.reservations[e.reserved.get(unit)!].label : ''] : []),
  ]);
  out.push(...table([header, ...rows], [true, false, false, false]));

  if (hasReserved) {
    out.push('', 'Reservations:');
    const rs = e.reservations.map((r) => [r.label, unitRuns(r.units), r.status, r.tenant ? `${r.user} (${r.tenant})` : r.user, r.description]);
    out.push(...table(rs, []).map((l) => `  ${l}`));
  }
  if (e.unplaced.length) {
    out.push('', 'Not in units:');
    const ds = e.unplaced.map((d) => [d.name, d.deviceType, d.reason === 'child' ? 'child device' : d.reason]);
    out.push(...table(ds, []).map((l) => `  ${l}`));
  }
  return `${out.join('\n')}\n`;
}

/** Columns padded to their widest cell (right-aligned where `right` says), two spaces apart, no trailing blanks. */
function table(rows: string[][], right: boolean[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i] - [...c].length);
        return right[i] ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

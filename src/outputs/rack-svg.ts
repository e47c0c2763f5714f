import { FACES, unitName, unitSpan, type Face } from '../model/rack-occupancy.js';
import { topOffset, type RackElevation } from './rack-elevation.js';

// A rack elevation as SVG, laid out like NetBox's: the front and the rear side by side, unit numbers
// down the left of each, free units as empty slots, reserved units hatched, and each device a box in
// its role's colour labelled with its name (the full name, type and place in its tooltip).

export const UNIT_HEIGHT = 22;
export const UNIT_WIDTH = 220;
const LEGEND_WIDTH = 30;
const MARGIN = 15;
const GAP = 40;
const HEADER = 30;
/** Roughly the width of a character of the 12px label font; names longer than the box are cut with … */
const CHAR_WIDTH = 7;

export interface SvgSize {
  width: number;
  height: number;
}

/** The drawing's size in pixels (for screenshots and embedding). */
export function rackSvgSize(e: RackElevation): SvgSize {
  return { width: 2 * MARGIN + 2 * (LEGEND_WIDTH + UNIT_WIDTH) + GAP, height: 2 * MARGIN + HEADER + e.uHeight * UNIT_HEIGHT };
}

export function rackSvg(e: RackElevation): string {
  const { width, height } = rackSvgSize(e);
  const place = [e.site, e.location, e.rack].filter(Boolean).join(' / ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${xml(`Rack ${place}`)}</title>`,
    '<defs>',
    '<pattern id="reserved" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">',
    '<rect width="8" height="8" fill="#dfe3ff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#8c9eff" stroke-width="4"/>',
    '</pattern>',
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  FACES.forEach((face, i) => out.push(...faceSvg(e, face, MARGIN + i * (LEGEND_WIDTH + UNIT_WIDTH + GAP))));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function faceSvg(e: RackElevation, face: Face, x0: number): string[] {
  const x = x0 + LEGEND_WIDTH;
  const y0 = MARGIN + HEADER;
  const rackHeight = e.uHeight * UNIT_HEIGHT;
  const out: string[] = [
    `<g class="face ${face}">`,
    `<text x="${x + UNIT_WIDTH / 2}" y="${MARGIN + HEADER / 2}" text-anchor="middle" dominant-baseline="middle" font-size="15" font-weight="bold" fill="#212529">${face === 'front' ? 'Front' : 'Rear'}</text>`,
    `<rect class="rack" x="${x}" y="${y0}" width="${UNIT_WIDTH}" height="${rackHeight}" fill="#f7f7f7"/>`,
  ];
  e.units.forEach((unit, row) => {
    const y = y0 + row * UNIT_HEIGHT;
    out.push(
      `<text class="unit" x="${x - 6}" y="${y + UNIT_HEIGHT / 2}" text-anchor="end" dominant-baseline="middle" font-size="11" fill="#6c757d">${unit}</text>`,
    );
    const r = e.reserved.get(unit);
    if (r === undefined) {
      out.push(`<rect class="slot" x="${x}" y="${y}" width="${UNIT_WIDTH}" height="${UNIT_HEIGHT}" fill="#f7f7f7" stroke="#d0d0d0" stroke-width="1"/>`);
    } else {
      const res = e.reservations[r];
      out.push(
        `<rect class="slot reserved" x="${x}" y="${y}" width="${UNIT_WIDTH}" height="${UNIT_HEIGHT}" fill="url(#reserved)" stroke="#d0d0d0" stroke-width="1">` +
          `<title>${xml(`${unitName(unit)} reserved (${res.status}) for ${res.user}${res.tenant ? ` (${res.tenant})` : ''}: ${res.description}`)}</title></rect>`,
      );
    }
  });
  e.devices.forEach((d, i) => {
    if (!d.faces.includes(face)) return;
    // Only the half-units this device holds on this face (another may have taken some first).
    const spans = heldSpans(e, face, i);
    for (const [position, height] of spans) {
      const y = y0 + topOffset(e, position, height) * UNIT_HEIGHT;
      const h = height * UNIT_HEIGHT;
      const fontSize = h < UNIT_HEIGHT ? 9 : 12;
      const tip = `${d.name} — ${d.deviceType}, ${unitSpan(d.position, d.uHeight)} (${d.uHeight}U), ${d.face ?? face}${d.fullDepth ? ', full depth' : ''}${d.role ? `, ${d.role}` : ''}`;
      out.push(
        `<g class="device">`,
        `<title>${xml(tip)}</title>`,
        `<rect x="${x + 1}" y="${y + 1}" width="${UNIT_WIDTH - 2}" height="${h - 2}" rx="2" fill="#${d.color}" stroke="${shade(d.color)}" stroke-width="1"/>`,
        `<text x="${x + UNIT_WIDTH / 2}" y="${y + h / 2}" text-anchor="middle" dominant-baseline="central" font-size="${fontSize}" fill="${textColor(d.color)}">${xml(fit(d.name, UNIT_WIDTH - 12, fontSize))}</text>`,
        '</g>',
      );
    }
  });
  out.push(`<rect class="rack-frame" x="${x}" y="${y0}" width="${UNIT_WIDTH}" height="${rackHeight}" fill="none" stroke="#343a40" stroke-width="2"/>`);
  out.push('</g>');
  return out;
}

/** The runs of half-units device `i` holds on `face`, as [position, height], bottom up. */
function heldSpans(e: RackElevation, face: Face, i: number): [number, number][] {
  const d = e.devices[i];
  const spans: [number, number][] = [];
  for (let k = d.position * 2; k < (d.position + d.uHeight) * 2; k++) {
    if (e.cells[face].get(k) !== i) continue;
    const last = spans[spans.length - 1];
    if (last && (last[0] + last[1]) * 2 === k) last[1] += 0.5;
    else spans.push([k / 2, 0.5]);
  }
  return spans;
}

/** The name cut with … to fit `width` pixels at `fontSize`. */
function fit(name: string, width: number, fontSize: number): string {
  const max = Math.floor(width / ((CHAR_WIDTH * fontSize) / 12));
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

/** Black or white, whichever reads better on the colour (by its relative luminance). */
function textColor(hex: string): string {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#000000' : '#ffffff';
}

/** The colour darkened, for the box's outline. */
function shade(hex: string): string {
  return `#${[0, 2, 4].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * 0.7).toString(16).padStart(2, '0')).join('')}`;
}

/** Text escaped for XML content and attribute values (control characters XML cannot hold are dropped). */
export function xml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

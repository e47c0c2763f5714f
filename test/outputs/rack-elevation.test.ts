import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRack } from '../../src/cli/rack.js';
import { compile } from '../../src/compile.js';
import type { Obj } from '../../src/model/model.js';
import { elevationJson, rackElevation, unitRuns, type RackElevation } from '../../src/outputs/rack-elevation.js';
import { rackSvg, rackSvgSize, xml } from '../../src/outputs/rack-svg.js';
import { rackText } from '../../src/outputs/rack-text.js';
import { readWorktree } from '../../src/sources/worktree.js';
import { checkXml, unescapeXml } from '../helpers/xml.js';

// test/fixtures/valid/rack-elevation: R1 (6U from the bottom) with a 2U full-depth device, a half-depth
// rear device from a half unit, two half-unit devices, a reservation, a 0U and an unpositioned device;
// R2 (4U from U3, numbered from the top); two racks R3 in two locations, Hall A's with a parent device,
// the child installed in its bay, and a child in no bay.
const result = compile(readWorktree(join(import.meta.dirname, '../fixtures/valid/rack-elevation')));
const rack = (spec: string): Obj => {
  const found = findRack(result.model, spec);
  if ('error' in found) throw new Error(found.error);
  return found.rack;
};
const elevation = (spec: string): RackElevation => rackElevation(result.model, rack(spec))!;

describe('rack elevation', () => {
  it('the fixture is a valid inventory', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('as text: units top to bottom, both faces, half units, reservations, devices without units', () => {
    expect(rackText(elevation('ams1/R1'))).toBe(
      `Rack AMS1 / R1: 6U, U1–U6 numbered from the bottom

Unit  Front                   Rear                  Reserved
  U6  ┌ big                   ┌ big
  U5  └                       └
  U4  free                    free (½) / ┌ mid (½)
  U3  free                    └ (½) / free (½)      R1
  U2  h<&>"'b (½) / free (½)  free                  R1
  U1  free (½) / halfa (½)    free

Reservations:
  R1  U2–U3  active  alice (Netops)  spare <for> growth

Not in units:
  pdu    Acme T0F  0U
  loose  Acme T1H  no position
`,
    );
  });

  it('as text: a rack with desc_units is numbered from the top, from its starting unit', () => {
    expect(rackText(elevation('AMS1/R2'))).toBe(
      `Rack AMS1 / R2: 4U, U3–U6 numbered from the top

Unit  Front  Rear
  U3  free   free
  U4  d2     d2
  U5  free   free
  U6  free   free
`,
    );
  });

  it('names the location of a rack that has one', () => {
    expect(rackText(elevation('ams1/Hall B/R3')).split('\n')[0]).toBe('Rack AMS1 / Hall B / R3: 2U, U1–U2 numbered from the bottom');
  });

  it('lists a child device not in a device bay, not one installed in its parent\'s bay', () => {
    expect(rackText(elevation('ams1/hall-a/R3'))).toBe(
      `Rack AMS1 / Hall A / R3: 2U, U1–U2 numbered from the bottom

Unit  Front    Rear
  U2  free     free
  U1  chassis  chassis

Not in units:
  spare-blade  Acme TCH  child device
`,
    );
  });

  it('as JSON: each unit by halves and faces, the devices with their role colours, reservations, unplaced devices', () => {
    const doc = JSON.parse(elevationJson(elevation('ams1/R1')));
    expect([doc.site, doc.location, doc.rack, doc.uHeight, doc.startingUnit, doc.descUnits]).toEqual(['AMS1', null, 'R1', 6, 1, false]);
    expect(doc.units.map((u: any) => u.unit)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(doc.units[0]).toEqual({ unit: 6, front: { lower: 'big', upper: 'big' }, rear: { lower: 'big', upper: 'big' }, reservation: null });
    expect(doc.units[2]).toEqual({ unit: 4, front: { lower: null, upper: null }, rear: { lower: 'mid', upper: null }, reservation: null });
    expect(doc.units[3]).toEqual({ unit: 3, front: { lower: null, upper: null }, rear: { lower: null, upper: 'mid' }, reservation: 'R1' });
    expect(doc.units[5].front).toEqual({ lower: 'halfa', upper: null });
    expect(doc.devices.map((d: any) => [d.name, d.color, d.position, d.uHeight, d.face, d.fullDepth, d.faces])).toEqual([
      ['big', '3f51b5', 5, 2, 'front', true, ['front', 'rear']],
      ['mid', '9e9e9e', 3.5, 1, 'rear', false, ['rear']],
      ['halfa', '9e9e9e', 1, 0.5, 'front', false, ['front']],
      [`h<&>"'b`, '3f51b5', 2.5, 0.5, 'front', false, ['front']],
    ]);
    expect(doc.reservations).toEqual([{ label: 'R1', units: [2, 3], status: 'active', user: 'alice', tenant: 'Netops', description: 'spare <for> growth' }]);
    expect(doc.unplaced).toEqual([
      { name: 'pdu', role: 'Leaf', color: '9e9e9e', deviceType: 'Acme T0F', reason: '0U' },
      { name: 'loose', role: 'Leaf', color: '9e9e9e', deviceType: 'Acme T1H', reason: 'no position' },
    ]);
  });

  it('is the same every time', () => {
    const once = [rackText, rackSvg, elevationJson].map((f) => f(elevation('ams1/R1')));
    const again = [rackText, rackSvg, elevationJson].map((f) => f(elevation('ams1/R1')));
    expect(again).toEqual(once);
  });

  it('writes units as runs', () => {
    expect(unitRuns([3, 1, 2, 5, 7, 8])).toBe('U1–U3, U5, U7–U8');
    expect(unitRuns([])).toBe('');
  });
});

describe('rack elevation as SVG', () => {
  const e = elevation('ams1/R1');
  const svg = rackSvg(e);
  const { problems, elements } = checkXml(svg);
  const texts = (cls?: string) => elements.filter((el) => el.name === 'text' && (cls === undefined || el.attrs.class === cls)).map((el) => unescapeXml(el.text));

  it('is well-formed XML with the size it says', () => {
    expect(problems).toEqual([]);
    const root = elements[0];
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const { width, height } = rackSvgSize(e);
    expect([Number(root.attrs.width), Number(root.attrs.height)]).toEqual([width, height]);
  });

  it('has the face titles and every unit number on both faces, top down', () => {
    expect(texts().slice(0, 1)).toEqual(['Front']);
    expect(texts()).toContain('Rear');
    expect(texts('unit')).toEqual(['6', '5', '4', '3', '2', '1', '6', '5', '4', '3', '2', '1']);
  });

  it('labels each device box with its name (escaped), on both faces when full depth', () => {
    expect(texts().filter((t) => !/^\d+$/.test(t) && t !== 'Front' && t !== 'Rear')).toEqual(['big', 'halfa', `h<&>"'b`, 'big', 'mid']);
    expect(svg).toContain('h&lt;&amp;&gt;&quot;&apos;b');
    expect(svg).not.toContain(`h<&>"'b`);
  });

  it('fills devices with their role colour (NetBox grey without one) and hatches reserved units', () => {
    const fills = elements.filter((el) => el.name === 'rect' && el.attrs.rx !== undefined).map((el) => el.attrs.fill);
    expect(fills).toEqual(['#3f51b5', '#9e9e9e', '#3f51b5', '#3f51b5', '#9e9e9e']);
    const reserved = elements.filter((el) => el.name === 'rect' && el.attrs.fill === 'url(#reserved)');
    expect(reserved).toHaveLength(4); // U2 and U3, front and rear
    expect(elements.some((el) => el.name === 'pattern' && el.attrs.id === 'reserved')).toBe(true);
  });

  it('draws a device at its units: higher numbers higher, or lower with desc_units', () => {
    const box = (svgText: string, fill: string) => {
      const rect = checkXml(svgText).elements.find((el) => el.name === 'rect' && el.attrs.fill === fill)!;
      return [Number(rect.attrs.y), Number(rect.attrs.height)];
    };
    // big: U5–U6 of R1, the top two of six units (22px each, below a 45px header and margin).
    expect(box(svg, '#3f51b5')).toEqual([45 + 1, 44 - 2]);
    // d2: U4 of R2 (U3 on top), the second unit from the top.
    expect(box(rackSvg(elevation('ams1/R2')), '#3f51b5')).toEqual([45 + 22 + 1, 22 - 2]);
  });

  it('escapes every text it writes', () => {
    expect(xml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(xml('bell\u0007')).toBe('bell');
  });
});

describe('the README example', () => {
  const ROOT = join(import.meta.dirname, '../..');
  const example = compile(readWorktree(join(ROOT, 'inventory-example')));
  const found = findRack(example.model, 'iad1/A01');
  const a01 = 'rack' in found ? rackElevation(example.model, found.rack)! : undefined;

  it('shows the real text output of sot rack iad1/A01 inventory-example', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = readme.match(/```console\n\$ sot rack iad1\/A01 inventory-example\n([\s\S]*?)```/)?.[1];
    expect(block).toBe(rackText(a01!));
  });

  it('shows the real SVG output in docs/images/rack-iad1-a01.svg', () => {
    expect(readFileSync(join(ROOT, 'docs/images/rack-iad1-a01.svg'), 'utf8')).toBe(rackSvg(a01!));
  });

  it('a rack name in two locations of AMS1 needs its location', () => {
    expect(findRack(example.model, 'ams1/R101')).toEqual({
      error: 'rack "R101" is in 2 locations of site AMS1; name one as <site>/<location>/<rack>: ams1/cage-1-04/R101, ams1/cage-2-07/R101',
    });
    expect('rack' in findRack(example.model, 'ams1/cage-2-07/R101')).toBe(true);
  });
});

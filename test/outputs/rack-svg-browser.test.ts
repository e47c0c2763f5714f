import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findRack } from '../../src/cli/rack.js';
import { compile } from '../../src/compile.js';
import { rackElevation } from '../../src/outputs/rack-elevation.js';
import { rackSvg, rackSvgSize } from '../../src/outputs/rack-svg.js';
import { readWorktree } from '../../src/sources/worktree.js';
import { decodePng } from '../helpers/png.js';

// The SVG elevation as a browser draws it: headless Chromium takes a screenshot, and the picture must
// have the drawing's size and show the devices in their role's colour and the reserved units. Skipped
// where Chromium is not installed, unless CI is set: there it must run.
const CHROMIUM = '/usr/bin/chromium';
const run = existsSync(CHROMIUM) || !!process.env.CI;

describe.skipIf(!run)('rack SVG in headless Chromium', () => {
  it('renders front and rear with the device boxes in their role colour', { timeout: 180_000 }, () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing (CI is set, so this test must run)`).toBe(true);
    const result = compile(readWorktree(join(import.meta.dirname, '../fixtures/valid/rack-elevation')));
    const found = findRack(result.model, 'ams1/R1');
    if ('error' in found) throw new Error(found.error);
    const elevation = rackElevation(result.model, found.rack)!;
    const { width, height } = rackSvgSize(elevation);

    const dir = mkdtempSync(join(tmpdir(), 'sot-rack-svg-'));
    try {
      const svgFile = join(dir, 'r1.svg');
      const pngFile = join(dir, 'r1.png');
      writeFileSync(svgFile, rackSvg(elevation));
      const r = spawnSync(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--hide-scrollbars',
          '--force-device-scale-factor=1',
          `--user-data-dir=${join(dir, 'profile')}`,
          `--screenshot=${pngFile}`,
          `--window-size=${width},${height}`,
          pathToFileURL(svgFile).href,
        ],
        { encoding: 'utf8', timeout: 150_000 },
      );
      expect(existsSync(pngFile), `no screenshot; chromium exited ${r.status}: ${r.stderr}`).toBe(true);

      const png = decodePng(readFileSync(pngFile));
      expect([png.width, png.height]).toEqual([width, height]);
      const counts = new Map<string, number>();
      for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < png.width; x++) {
          const key = png.rgb(x, y).join(',');
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      const near = (rgb: [number, number, number]) =>
        [...counts].filter(([k]) => k.split(',').every((c, i) => Math.abs(Number(c) - rgb[i]) <= 3)).reduce((n, [, c]) => n + c, 0);
      // big (Spine, 3f51b5) is 2U and full depth: a box of about 218 × 42 px on each face.
      expect(near([0x3f, 0x51, 0xb5])).toBeGreaterThan(2 * 200 * 36);
      // mid and halfa (Leaf, no colour: NetBox's 9e9e9e).
      expect(near([0x9e, 0x9e, 0x9e])).toBeGreaterThan(200 * 8);
      // The reserved units' hatching (dfe3ff stripes) and a white background: not a blank picture.
      expect(near([0xdf, 0xe3, 0xff])).toBeGreaterThan(100);
      expect(near([0xff, 0xff, 0xff])).toBeGreaterThan(width * 10);
      expect(counts.size).toBeGreaterThan(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

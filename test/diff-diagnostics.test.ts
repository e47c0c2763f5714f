import { describe, expect, it } from 'vitest';
import { diagnosticsDelta } from '../src/diff/diagnostics-delta.js';
import { BASE, compileFiles } from './helpers/compile.js';

const racks = (...lines: string[]) => `racks:\n${lines.join('')}`;
const rack = (name: string, site: string) => `  - name: ${name}\n    site: ${site}\n`;

describe('diagnosticsDelta', () => {
  it('splits problems into introduced, fixed and pre-existing by rule, severity, file and message, whatever their lines', () => {
    const base = compileFiles({ 'base.yaml': BASE, 'r.yaml': racks(rack('R1', 'nosuch'), rack('R2', 'gone'), rack('R3', 'nosuch')) });
    // A rack added above moves the pre-existing problems down; one of the two "nosuch" is fixed.
    const head = compileFiles({ 'base.yaml': BASE, 'r.yaml': racks(rack('R0', 'ams1'), rack('R1', 'nosuch'), rack('R2', 'ams1'), rack('R3', 'AMS1'), rack('R4', 'elsewhere')) });
    expect(diagnosticsDelta(base.diagnostics, head.diagnostics)).toEqual({
      introduced: [{ rule: 'resolve/dangling-reference', severity: 'error', message: 'no site "elsewhere"', at: { file: 'r.yaml', line: 11, column: 11 } }],
      fixed: [
        { rule: 'resolve/dangling-reference', severity: 'error', message: 'no site "gone"', at: { file: 'r.yaml', line: 5, column: 11 } },
        { rule: 'resolve/dangling-reference', severity: 'error', message: 'no site "nosuch"', at: { file: 'r.yaml', line: 7, column: 11 } },
      ],
      preexisting: [{ rule: 'resolve/dangling-reference', severity: 'error', message: 'no site "nosuch"', at: { file: 'r.yaml', line: 5, column: 11 } }],
    });
  });

  it('is empty on both sides of the same diagnostics', () => {
    const r = compileFiles({ 'base.yaml': BASE, 'r.yaml': racks(rack('R1', 'nosuch')) });
    const d = diagnosticsDelta(r.diagnostics, r.diagnostics);
    expect([d.introduced, d.fixed, d.preexisting.map((e) => `${e.at.file}:${e.at.line}:${e.at.column} ${e.message}`)]).toEqual([[], [], ['r.yaml:3:11 no site "nosuch"']]);
  });
});

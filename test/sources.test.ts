import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorktree, readWorktree } from '../src/sources/worktree.js';

describe('worktree source', () => {
  it('lists YAML files in byte order, skipping hidden folders and node_modules', () => {
    const root = mkdtempSync(join(tmpdir(), 'sot-src-'));
    for (const f of ['sot.yaml', 'b.yml', 'A.yaml', 'sites/ams1-new.yaml', 'sites/ams1.yaml', '.git/x.yaml', '.github/workflows/ci.yaml', 'node_modules/p/x.yaml', 'notes.txt', 'device-types/Palo Alto/PA 1.yaml']) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), 'a: 1\n');
    }
    expect(listWorktree(root)).toEqual(['A.yaml', 'b.yml', 'device-types/Palo Alto/PA 1.yaml', 'sites/ams1-new.yaml', 'sites/ams1.yaml', 'sot.yaml']);
    expect(readWorktree(root)[0]).toEqual({ file: 'A.yaml', text: 'a: 1\n' });
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceFile {
  /** Inventory-relative path with forward slashes. */
  file: string;
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Every YAML file below the inventory root, in byte order of their paths so that output never depends
 * on the file system's listing order. Hidden folders (.git, .github, .vscode), node_modules and the
 * output of `sot build` (which may hold YAML, and may sit inside the inventory) are skipped.
 */
export function listWorktree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!isBuildFolder(join(dir, entry.name))) walk(join(dir, entry.name), childRel);
      }
      else if (entry.isFile() && YAML_FILE.test(entry.name)) out.push(childRel);
    }
  };
  walk(root, '');
  return out.sort(byteOrder);
}

export function readWorktree(root: string): SourceFile[] {
  return listWorktree(root).map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a folder holds a sot build: its manifest.json says so. */
export function isBuildFolder(dir: string): boolean {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  try {
    return typeof JSON.parse(readFileSync(manifest, 'utf8')).sot_build_format === 'number';
  } catch {
    return false;
  }
}

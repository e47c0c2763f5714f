import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceFile {
  /** Inventory-relative path with forward slashes. */
  file: string;
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;

// The rule of what belongs to an inventory, shared by the working tree and git (sources/git.ts):
// YAML files, outside hidden folders, node_modules and folders that hold a sot build.

/** Hidden entries (.git, .github, .vscode) and node_modules are never part of an inventory. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export function isYamlFile(name: string): boolean {
  return YAML_FILE.test(name);
}

/** A folder's manifest.json says it holds a sot build (which may hold YAML, and may sit inside the inventory). */
export function isBuildManifest(text: string): boolean {
  try {
    return typeof JSON.parse(text).sot_build_format === 'number';
  } catch {
    return false;
  }
}

/**
 * Every YAML file below the inventory root, in byte order of their paths so that output never depends
 * on the file system's listing order. Hidden folders (.git, .github, .vscode), node_modules and the
 * output of `sot build` (which may hold YAML, and may sit inside the inventory) are skipped.
 */
export function listWorktree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (isSkippedName(entry.name)) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!isBuildFolder(join(dir, entry.name))) walk(join(dir, entry.name), childRel);
      }
      else if (entry.isFile() && isYamlFile(entry.name)) out.push(childRel);
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
    return isBuildManifest(readFileSync(manifest, 'utf8'));
  } catch {
    return false;
  }
}

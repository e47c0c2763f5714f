import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Points TMPDIR (os.tmpdir() in the test workers and the sot processes they start) at one folder per run. */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'sot-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}

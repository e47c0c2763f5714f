// Checks every inventory of the hostile corpus (test/fixtures/hostile, copied to a temporary folder
// first) with the built `sot check`, one after the other in this process, and prints the process's
// peak resident memory in MB and the exit code of each: no case can have needed more than that peak.
// Used by test/hostile.test.ts.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root] = process.argv.slice(2);
const { main } = await import(pathToFileURL(`${root}/dist/src/cli/main.js`).href);
const corpus = join(root, 'test', 'fixtures', 'hostile');
const work = mkdtempSync(join(tmpdir(), 'sot-hostile-memory-'));
const codes = {};
try {
  for (const name of readdirSync(corpus).filter((n) => !n.includes('.')).sort()) {
    const dir = join(work, name, 'inventory');
    cpSync(join(corpus, name), dir, { recursive: true });
    codes[name] = await main(['check', dir, '--format', 'json'], { stdout: () => {}, stderr: () => {}, cwd: work, env: {}, isTTY: false });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024, codes }));

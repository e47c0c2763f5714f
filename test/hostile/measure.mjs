// Runs one `sot check` of the built code in this process and prints what it cost as JSON: the exit
// code, the milliseconds main() took (Node's start-up left out), the bytes it printed and the
// process's peak resident memory in MB. Used by test/hostile-large.test.ts.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [root, ...args] = process.argv.slice(2);
const { main } = await import(pathToFileURL(`${root}/dist/src/cli/main.js`).href);
let bytes = 0;
let stderr = '';
const started = performance.now();
const code = await main(args, {
  stdout: (t) => void (bytes += Buffer.byteLength(t)),
  stderr: (t) => void (stderr += t),
  cwd: process.cwd(),
  env: {},
  isTTY: false,
});
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ code, ms, bytes, stderr: stderr.slice(0, 2000), rssMb: process.resourceUsage().maxRSS / 1024 }));

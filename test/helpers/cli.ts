import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Runs a sot command in process (the same main() the binary runs, without a relaunch for heap), from
 * `cwd`; the elapsed time in a summary line is normalised to (0.00 s).
 */
export async function runCli(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, isTTY: false });
  return { code, stdout: stdout.replace(/\(\d+\.\d\d s\)/, '(0.00 s)'), stderr };
}

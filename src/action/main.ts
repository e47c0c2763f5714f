// The Action's entry point: action.yml runs `node dist/src/action/main.js` from the action's folder,
// with the inputs as INPUT_* variables and the runner's GITHUB_* variables.
import { runAction } from './run.js';

const code = await runAction(process.env, {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
});
process.exitCode = code;

// The pre-commit hook this repository offers: what pre-commit reads, and its entry run as pre-commit runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli, ROOT } from './helpers/cli.js';

describe('.pre-commit-hooks.yaml', () => {
  it('offers sot-check, which runs sot check once per commit on the inventory', async () => {
    const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    expect(hooks).toEqual([
      {
        id: 'sot-check',
        name: 'sot check',
        description: "Validate the NetBox inventory kept as YAML (schemas, references, NetBox's rules).",
        entry: 'sot check',
        language: 'node',
        pass_filenames: false,
        files: '\\.(ya?ml)$',
      },
    ]);
    const files = new RegExp(hooks[0].files);
    expect(['sites/ams1.yaml', 'a.yml', 'sot.yaml', 'README.md', 'x.yaml.bak'].map((f) => files.test(f))).toEqual([true, true, true, false, false]);
    // The entry as pre-commit runs it (the package's bin), with the folder a user gives in args.
    const [bin, ...args] = hooks[0].entry.split(' ');
    expect(bin).toBe('sot');
    const run = await runCli([...args, 'inventory-example']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✔ no problems in 56 files (0.00 s)\n');
  });
});

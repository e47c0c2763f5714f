// Times the semantic diff of two compiles of one inventory: `node dist/bench/diff-models.js [bench/out/M]`.
// Both sides are compiled from the same files (so every object is compared and none differs: the
// worst case for unchanged objects), then once with one device renamed in memory.
import { performance } from 'node:perf_hooks';
import { compileWorktree } from '../src/compile-worktree.js';
import { compile } from '../src/compile.js';
import { diffModels } from '../src/diff/model-diff.js';

const root = process.argv[2] ?? 'bench/out/M';
const a = await compileWorktree(root);
const b = await compileWorktree(root);
const texts = (files: { file: string; text: string }[]) => new Map(files.map((f) => [f.file, f.text]));
const base = { result: a.result, texts: texts(a.files) };
const head = { result: b.result, texts: texts(b.files) };
console.log(`objects: ${a.result.model.objects.length}`);
for (let run = 0; run < 3; run++) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const d = diffModels(base, head);
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  console.log(`identical: ${ms.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms cpu, changes ${d.objects.length}, derived ${d.derived.length}`);
}
// One edit: a device type's first interface gets a description (a folded change over its devices).
const dtFile = b.files.find((f) => f.file.startsWith('device-types/'));
if (dtFile) {
  const edited = b.files.map((f) => (f === dtFile ? { file: f.file, text: f.text.replace(/\ninterfaces:\n(\s*)- /, '\ninterfaces:\n$1- description: changed\n$1  ') } : f));
  const c = compile(edited);
  const t = performance.now();
  const d = diffModels(base, { result: c, texts: texts(edited) });
  console.log(`device type edited: ${(performance.now() - t).toFixed(0)} ms, changes ${d.objects.map((o) => `${o.action} ${o.kind} ${o.key}`).join(', ')}, derived ${d.derived.map((x) => `${x.kind} ${x.action} ×${x.count}`).join('; ')}`);
}

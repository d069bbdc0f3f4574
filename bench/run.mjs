// `npm run bench`: runs every benchmark in turn and prints its figures.
// Benchmarks print numbers; they are not timed tests. A bundle budget that is
// exceeded makes the run fail so that it is seen.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = [
  ['bundle', 'bundle-size.mjs'],
  ['memory', 'run-memory.mjs'],
  ['list', 'list.bench.mjs'],
  ['timeline', 'timeline.bench.mjs'],
  ['render', 'render-vs-aggrid.bench.mjs'],
];
let failed = 0;
for (const [name, file] of benches) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(resolve(here, file))) {
    console.log(`\n== ${name}: ${file} not present, skipped`);
    continue;
  }
  console.log(`\n== ${name} (${file})`);
  const r = spawnSync(process.execPath, [resolve(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

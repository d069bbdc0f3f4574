// `npm run bench`: runs every benchmark in turn and prints its figures.
// Benchmarks print numbers; they are not timed tests. A bundle budget that is
// exceeded makes the run fail so that it is seen.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Names first, then flags for the benches: `npm run bench -- postgres --activities 100000`.
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const only = firstFlag === -1 ? args : args.slice(0, firstFlag);
const passed = firstFlag === -1 ? [] : args.slice(firstFlag);
const benches = [
  ['bundle', 'bundle-size.mjs'],
  ['memory', 'run-memory.mjs'],
  ['list', 'list.bench.mjs'],
  ['demo', 'demo.bench.mjs'],
  ['timeline', 'timeline.bench.mjs'],
  ['overview', 'overview.bench.mjs'],
  ['actors', 'actors.bench.mjs'],
  ['render', 'render-vs-aggrid.bench.mjs'],
  // Minutes at full size (1M activities / 10M attempts): runs only when named.
  ['postgres', 'postgres.bench.mjs', 'named'],
];
let failed = 0;
for (const [name, file, when] of benches) {
  if (only.length ? !only.includes(name) : when === 'named') continue;
  if (!existsSync(resolve(here, file))) {
    console.log(`\n== ${name}: ${file} not present, skipped`);
    continue;
  }
  console.log(`\n== ${name} (${file})`);
  const r = spawnSync(process.execPath, [resolve(here, file), ...passed], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

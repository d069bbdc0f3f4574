// Bundles bench/memory-adapter.ts with esbuild (TypeScript sources, no other
// runner needed) into .tmp/ and runs it with plain node.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(root, '.tmp/bench/memory-adapter.mjs');
await build({
  entryPoints: [resolve(root, 'bench/memory-adapter.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

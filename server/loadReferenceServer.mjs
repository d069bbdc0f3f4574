// Bundles server/reference-server.ts (with the memory adapter) for Node with
// esbuild and imports it: how the mock-server command and the list benchmark
// get { startReferenceServer, createMemoryAdapter } without a TypeScript loader.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `outfile`: where the bundle is written (a .mjs path). */
export async function loadReferenceServer(outfile) {
  await build({
    stdin: {
      contents: [
        "export { startReferenceServer } from './server/reference-server';",
        "export { createMemoryAdapter } from './src/adapters/memory/index';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'reference-server-entry.ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * ESM output mirrors src one module per file: every relative import stays an
 * import of the other file's output, with the `.js` extension Node and strict
 * bundlers require, instead of esbuild's shared chunks. A host's bundler then
 * sees the modules in source order, as it would the source: the chunks
 * regrouped modules by which entries share them, and the root entry cost
 * 2 KB gzip more for the worse compression of that order.
 */
const SOURCE_EXTENSIONS = ['.ts', '.tsx'];
const keepModulesApart = {
  name: 'keep-modules-apart',
  setup(build: { onResolve: (o: { filter: RegExp }, cb: (a: { path: string; importer: string; kind: string }) => { path: string; external: boolean } | undefined) => void }) {
    build.onResolve({ filter: /^\.\.?\// }, ({ path, importer, kind }) => {
      if (kind === 'entry-point' || !importer) return undefined;
      const target = resolve(dirname(importer), path);
      for (const ext of SOURCE_EXTENSIONS) if (existsSync(target + ext)) return { path: `${path}.js`, external: true };
      if (existsSync(target) && statSync(target).isDirectory()) {
        for (const ext of SOURCE_EXTENSIONS) if (existsSync(resolve(target, `index${ext}`))) return { path: `${path}/index.js`, external: true };
      }
      throw new Error(`${importer}: cannot resolve ${path} to a source file`);
    });
  },
};

// ESM: one output file per source module (see keepModulesApart), so a host's
// bundler drops what it does not import: with
// `sideEffects` limited to CSS, importing `toCurl` alone costs only toCurl.
// CJS: one bundle per public entry (CommonJS cannot be tree-shaken anyway).
// Declarations once per public entry. The 'use client' banner lets React
// Server Component hosts import the package. Target ES2022 keeps class fields
// native in dist: lowering them here, before the host's bundler lowers for its
// own target anyway, cost 0.9 KB gzip on the root entry (webpack 5, Rollup,
// Vite and esbuild all parse ES2022).
const shared: Options = {
  sourcemap: true,
  target: 'es2022',
  external: ['react', 'react-dom', 'react/jsx-runtime'],
  banner: { js: "'use client';" },
};

export default defineConfig([
  {
    ...shared,
    // The server entry (Node only, pg) is built on its own below, never into the browser modules.
    entry: ['src/**/*.ts', 'src/**/*.tsx', '!src/server/**'],
    format: ['esm'],
    outDir: 'dist/esm',
    splitting: false,
    esbuildPlugins: [keepModulesApart],
    dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' } },
    clean: true,
  },
  {
    ...shared,
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['cjs'],
    outDir: 'dist',
    outExtension: () => ({ js: '.cjs' }),
    dts: { entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' } },
    clean: false,
  },
  {
    // threatdeck/server: Node only (pg, pg-copy-streams stay external peers); no 'use client' banner.
    entry: { server: 'src/server/index.ts' },
    format: ['esm', 'cjs'],
    outDir: 'dist',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: ['pg', 'pg-copy-streams'],
    dts: { entry: { server: 'src/server/index.ts' } },
    clean: false,
  },
]);

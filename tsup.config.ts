import { defineConfig, type Options } from 'tsup';

// ESM: one output file per source module (code splitting over every module as
// an entry), so a host's bundler drops what it does not import: with
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
    splitting: true,
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

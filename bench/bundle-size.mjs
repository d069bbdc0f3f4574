// Bundle cost as a host pays it: esbuild bundle of one import, minified,
// gzip -9, with react and react-dom external. Measured on the BUILT package
// (dist/), so tree-shaking is what a consumer gets. Comparison grids come
// from bench/node_modules (installed only for the benchmark).
// Exits non-zero when a budget is exceeded, printing the figure.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const KB = 1024;

if (!existsSync(resolve(root, "dist/esm/index.js"))) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
if (!existsSync(resolve(here, 'node_modules/ag-grid-react'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}

const threatdeck = resolve(root, "dist/esm/index.js");
const cases = [
  { name: 'threatdeck (whole root entry)', code: `export * from ${JSON.stringify(threatdeck)};`, budget: 160 * KB },
  { name: 'ThreatActivityList alone', code: `export { ThreatActivityList } from ${JSON.stringify(threatdeck)};` },
  { name: 'ThreatDrilldown alone', code: `export { ThreatDrilldown } from ${JSON.stringify(threatdeck)};` },
  { name: 'ThreatOverview alone', code: `export { ThreatOverview } from ${JSON.stringify(threatdeck)};` },
  { name: 'ThreatActors alone', code: `export { ThreatActors } from ${JSON.stringify(threatdeck)};` },
  { name: 'BlockIpButton alone', code: `export { BlockIpButton } from ${JSON.stringify(threatdeck)};`, budget: 40 * KB },
  // toCurl carries the redaction it applies (headers, cookies, query, bodies): 3 KB without it.
  { name: 'toCurl alone', code: `export { toCurl } from ${JSON.stringify(threatdeck)};`, budget: 7 * KB },
  {
    name: 'ag-grid-community + ag-grid-react',
    code: `import { ModuleRegistry, AllCommunityModule } from 'ag-grid-community';
ModuleRegistry.registerModules([AllCommunityModule]);
export { AgGridReact } from 'ag-grid-react';`,
    comparison: true,
  },
  { name: '@mui/x-data-grid', code: `export { DataGrid } from '@mui/x-data-grid';`, comparison: true },
];

async function measure(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: here, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const bytes = result.outputFiles[0].contents;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const rows = [];
for (const c of cases) rows.push({ ...c, ...(await measure(c.code)) });
const whole = rows[0].gzip;
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;
console.log('\nBundle cost (esbuild --minify, gzip -9, react/react-dom external)\n');
console.log('| bundle | minified | gzip -9 | budget | vs threatdeck |');
console.log('|---|---:|---:|---:|---:|');
let over = 0;
for (const r of rows) {
  const exceeded = r.budget !== undefined && r.gzip > r.budget;
  if (exceeded) over++;
  const budget = r.budget ? `${fmt(r.budget)}${exceeded ? ' **EXCEEDED**' : ' ok'}` : '';
  const ratio = r.comparison ? `${(r.gzip / whole).toFixed(2)}× larger` : '';
  console.log(`| ${r.name} | ${fmt(r.raw)} | ${fmt(r.gzip)} | ${budget} | ${ratio} |`);
}
if (over) {
  console.error(`\n${over} bundle budget(s) exceeded`);
  process.exitCode = 1;
}

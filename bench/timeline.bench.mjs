// Timeline benchmark: 100k attempts binned (core) and drawn (visx chart) in headless Chromium.
// Usage: node bench/timeline.bench.mjs   — prints the figures; exits 1 when the median total exceeds the target.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const TARGET_MS = 100;
const entry = fileURLToPath(new URL('./timeline.entry.tsx', import.meta.url));
// bench/ has its own node_modules (bundle-size comparisons); React must be the package's single copy.
const requireFromRoot = createRequire(new URL('../package.json', import.meta.url));
const singleReact = {
  name: 'single-react',
  setup(b) {
    b.onResolve({ filter: /^(react|react-dom|scheduler)(\/.*)?$/ }, (args) => ({ path: requireFromRoot.resolve(args.path) }));
  },
};

const bundle = await build({
  entryPoints: [entry],
  bundle: true,
  write: false,
  format: 'iife',
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
  plugins: [singleReact],
});
const script = bundle.outputFiles[0].text;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><html><body><div id="root" class="td-root"></div></body></html>');
  await page.addScriptTag({ content: script });
  await page.waitForFunction(() => window.__timelineBench || null, null, { timeout: 60_000 }).catch(() => {});
  const result = await page.evaluate(() => window.__timelineBench);
  if (!result) throw new Error(`benchmark did not finish: ${errors.join('; ')}`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pick = (k) => result.runs.map((r) => r[k]);
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  const total = median(pick('total'));
  console.log(`timeline: ${result.attempts.toLocaleString('en')} attempts, chart ${result.width}px wide, ${result.runs.length} runs (first includes warm-up)`);
  console.log(`  buckets:            ${result.runs[0].buckets}`);
  console.log(`  SVG elements:       ${result.runs[0].svgElements} (${(result.runs[0].svgElements / result.runs[0].buckets).toFixed(2)} per bucket)`);
  console.log(`  bin (median):       ${fmt(median(pick('bin')))}`);
  console.log(`  render (median):    ${fmt(median(pick('render')))}`);
  console.log(`  layout (median):    ${fmt(median(pick('layout')))}`);
  console.log(`  bin + draw median:  ${fmt(total)}   (first run ${fmt(result.runs[0].total)}, target < ${TARGET_MS} ms)`);
  console.log(`  all runs total:     ${pick('total').map((x) => x.toFixed(1)).join(', ')} ms`);
  if (total >= TARGET_MS) {
    console.log('  FAIL: over target');
    process.exitCode = 1;
  } else console.log('  OK');
} finally {
  await browser.close();
}

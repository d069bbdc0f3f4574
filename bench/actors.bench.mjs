// Actor-pivot benchmark: ThreatActors over 100k activities (memory adapter in the page) in headless Chromium.
// Prints dataset generation, time to first actor rows, filter change → regrouped rows (five changes) and a sort, with the
// `actors` capability and with the hooks' fallback over the newest list pages.
//   node bench/actors.bench.mjs [--activities 100000]
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const at = process.argv.indexOf('--activities');
const ACTIVITIES = at > -1 ? Number(process.argv[at + 1]) : 100_000;
const TARGETS = { firstRowsMs: 1000, filterMs: 300 };
const entry = fileURLToPath(new URL('./actors.entry.tsx', import.meta.url));
// bench/ has its own node_modules (bundle-size comparisons); React must be the package's single copy.
const requireFromRoot = createRequire(new URL('../package.json', import.meta.url));
const singleReact = {
  name: 'single-react',
  setup(b) {
    b.onResolve({ filter: /^(react|react-dom|scheduler)(\/.*)?$/ }, (args) => ({ path: requireFromRoot.resolve(args.path) }));
  },
};
const bundle = await build({
  entryPoints: [entry], bundle: true, write: false, format: 'iife', jsx: 'automatic', minify: true,
  define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'error', plugins: [singleReact],
});
const css = await build({ entryPoints: [fileURLToPath(new URL('../src/styles/index.css', import.meta.url))], bundle: true, write: false, logLevel: 'error' });
const html = `<!doctype html><html><head><style>${css.outputFiles[0].text}</style></head><body><div id="root" class="td-root" data-theme="light" style="width:1200px"></div><script>${bundle.outputFiles[0].text}</script></body></html>`;
const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  console.log(`\nThreatActors at ${ACTIVITIES.toLocaleString('en')} activities (memory adapter in the page), Chromium 1200 px`);
  console.log('| backend | generate dataset | first actor rows | filter → rows (median of 5) | filter max | sort → rows | actors | rows in DOM |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const fallback of [false, true]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}?activities=${ACTIVITIES}&fallback=${fallback ? 1 : 0}`);
    await page.waitForFunction(() => window.__actorsBench, null, { timeout: 300_000 });
    const r = await page.evaluate(() => window.__actorsBench);
    if (errors.length) throw new Error(errors.join('; '));
    const ms = (x) => `${Math.round(x)} ms`;
    console.log(`| ${fallback ? 'fallback (newest 5,000 list rows)' : 'actors capability'} | ${ms(r.generateMs)} | ${ms(r.firstRowsMs)} | ${ms(median(r.filterMs))} | ${ms(Math.max(...r.filterMs))} | ${ms(r.sortMs)} | ${r.actors.toLocaleString('en')} | ${r.domRows} |`);
    await page.close();
  }
  console.log(`targets: first rows < ${TARGETS.firstRowsMs} ms after the adapter exists, filter → rows < ${TARGETS.filterMs} ms`);
} finally {
  await browser.close();
  server.close();
}

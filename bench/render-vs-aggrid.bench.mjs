// Render at scale: ThreatActivityList vs AG Grid Community (default settings,
// client-side row model) on the same 100k activities, in headless Chromium.
//
// Both pages (bench/pages/render-*.tsx) are bundled with esbuild into
// .tmp/bench-pages/ with ONE React (react/react-dom aliased to the root
// node_modules; bench/node_modules has its own copy), served on 127.0.0.1 and
// measured by the same in-page harness (`measureInPage` below):
//   - time to first rows: mount start → first data row in the DOM
//   - filter-to-update: host filter applied → every rendered row shows that host
//   - scrolling: the grid's scroller moved by a fixed step on every animation
//     frame; frames > 50 ms (rAF deltas, beyond 1 ms jitter), the longest frame, and
//     long-animation-frame entries
//   - the most data rows in the DOM at any time
// Each page runs RUNS times (fresh browser context each); medians are printed.
// The dataset is generated before the clock starts, on both pages.
//
// `node bench/render-vs-aggrid.bench.mjs` (or `node bench/run.mjs render`).
// Env: BENCH_RUNS (3), BENCH_SCROLL_STEPS (300), BENCH_SCROLL_STEP_PX (240).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outdir = resolve(root, '.tmp/bench-pages');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCROLL_STEPS = Number(process.env.BENCH_SCROLL_STEPS ?? 300);
const SCROLL_STEP_PX = Number(process.env.BENCH_SCROLL_STEP_PX ?? 240);
const PAGES = [
  { id: 'threatdeck', label: 'threatdeck', entry: 'render-threatdeck.tsx' },
  { id: 'aggrid', label: 'AG Grid', entry: 'render-aggrid.tsx' },
];

// ---- bundle ----
async function bundlePages() {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: PAGES.map((p) => resolve(here, 'pages', p.entry)),
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    metafile: true,
    logLevel: 'warning',
    // One React for both pages and for ag-grid-react (which would otherwise
    // resolve bench/node_modules/react).
    alias: {
      react: resolve(root, 'node_modules/react'),
      'react-dom': resolve(root, 'node_modules/react-dom'),
    },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const reactCopies = new Set(
    Object.keys(result.metafile.inputs)
      .map((f) => /^(.*node_modules\/react(?:-dom)?)\//.exec(f)?.[1])
      .filter(Boolean),
  );
  const foreign = [...reactCopies].filter((d) => !resolve(d).startsWith(resolve(root, 'node_modules')));
  if (foreign.length) throw new Error(`more than one React in the bundles: ${[...reactCopies].join(', ')}`);
  for (const p of PAGES) {
    const base = p.entry.replace(/\.tsx$/, '');
    const css = Object.keys(result.metafile.outputs).some((o) => o.endsWith(`${base}.css`));
    writeFileSync(
      join(outdir, `${base}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${p.label}</title>` +
        (css ? `<link rel="stylesheet" href="${base}.css">` : '') +
        `</head><body style="margin:0;padding:8px"><div id="root"></div><script type="module" src="${base}.js"></script></body></html>`,
    );
    p.url = `${base}.html`;
  }
}

// ---- static server ----
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
function serve() {
  const server = createServer((req, res) => {
    const path = resolve(outdir, '.' + decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (relative(outdir, path).startsWith('..')) return void res.writeHead(403).end();
    try {
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---- the in-page harness (serialised into the page; same code for both grids) ----
async function measureInPage({ scrollSteps, scrollStepPx }) {
  const T = window.__renderBench;
  const container = document.getElementById('root');
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  let maxRows = 0;
  const sampleRows = () => {
    const n = T.rows().length;
    if (n > maxRows) maxRows = n;
    return n;
  };
  let lastMutation = performance.now();
  new MutationObserver(() => (lastMutation = performance.now())).observe(container, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });

  // Runs `action` and resolves with the ms until `pred` first holds, checked
  // after every DOM mutation batch and on every frame.
  function timeUntil(action, pred, timeoutMs = 60_000) {
    return new Promise((resolvePromise, reject) => {
      let done = false;
      const finish = (fn) => {
        done = true;
        mo.disconnect();
        clearTimeout(timer);
        fn();
      };
      const check = () => {
        if (done) return;
        sampleRows();
        if (pred()) {
          const at = performance.now();
          finish(() => resolvePromise(at - start));
        }
      };
      const loop = () => {
        check();
        if (!done) requestAnimationFrame(loop);
      };
      const mo = new MutationObserver(check);
      mo.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });
      const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms`))), timeoutMs);
      const start = performance.now();
      action();
      check();
      requestAnimationFrame(loop);
    });
  }
  // Quiet: no DOM mutation for `quietMs` and the grid is not showing stale rows.
  async function settle(quietMs = 500, maxMs = 20_000) {
    const until = performance.now() + maxMs;
    while (performance.now() < until) {
      await raf();
      sampleRows();
      if (T.idle() && performance.now() - lastMutation >= quietMs) return;
    }
  }

  // The filter host: the median host by activity count (neither the busiest nor a rare one).
  const counts = new Map();
  for (const a of T.activities) counts.set(a.endpoint.host, (counts.get(a.endpoint.host) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const [host, hostActivities] = byCount[Math.floor(byCount.length / 2)];

  await raf();
  await raf();
  const firstRowsMs = await timeUntil(() => T.mount(container), () => T.rows().length > 0);
  await settle();
  const rowsAfterMount = sampleRows();

  // Scroll: a fixed step per animation frame, as a fast flick would.
  const scroller = T.scroller();
  if (!scroller) throw new Error('no scroller found');
  const loafs = [];
  let po = null;
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    po = new PerformanceObserver((list) => loafs.push(...list.getEntries()));
    po.observe({ type: 'long-animation-frame' });
  }
  const deltas = [];
  let last = await raf();
  for (let i = 0; i < scrollSteps; i++) {
    scroller.scrollTop += scrollStepPx;
    const ts = await raf();
    deltas.push(ts - last);
    last = ts;
    sampleRows();
  }
  await raf();
  await raf();
  if (po) {
    loafs.push(...po.takeRecords());
    po.disconnect();
  }
  const scrolledPx = scroller.scrollTop;
  const sorted = [...deltas].sort((a, b) => a - b);
  const scroll = {
    frames: deltas.length,
    // Over 50 ms beyond timer jitter: a three-vsync frame (50.0 ms) reads 49.9-50.1 ms (see bench/list-page.tsx).
    longFrames: deltas.filter((d) => d > 51).length,
    maxFrameMs: sorted[sorted.length - 1] ?? 0,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    totalMs: deltas.reduce((s, d) => s + d, 0),
    loafCount: po ? loafs.length : null,
    loafMaxMs: po ? Math.max(0, ...loafs.map((e) => e.duration)) : null,
    scrolledPx,
  };

  scroller.scrollTop = 0;
  await settle();

  const filterMs = await timeUntil(
    () => T.setHostFilter(host),
    () => {
      if (!T.idle()) return false;
      const cells = T.hostCells();
      if (cells.length === 0) return false;
      for (const c of cells) if (c.textContent.trim() !== host) return false;
      return true;
    },
  );
  await settle();
  const rowsAfterFilter = sampleRows();

  return {
    name: T.name,
    setupMs: T.setupMs,
    host,
    hostActivities,
    firstRowsMs,
    rowsAfterMount,
    filterMs,
    rowsAfterFilter,
    scroll,
    maxRows,
    domNodes: container.getElementsByTagName('*').length,
  };
}

// ---- run ----
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

await bundlePages();
const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const chromiumVersion = browser.version();
const loadBefore = loadavg();
const results = Object.fromEntries(PAGES.map((p) => [p.id, []]));
try {
  for (let run = 1; run <= RUNS; run++) {
    // Alternate the order so drift in machine load does not favour one grid.
    const order = run % 2 ? PAGES : [...PAGES].reverse();
    for (const p of order) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${origin}/${p.url}`);
      await page.waitForFunction(() => window.__renderBench !== undefined, null, { timeout: 120_000 });
      const r = await page.evaluate(measureInPage, { scrollSteps: SCROLL_STEPS, scrollStepPx: SCROLL_STEP_PX });
      await context.close();
      if (errors.length) throw new Error(`${p.label} page errors:\n${errors.join('\n')}`);
      results[p.id].push(r);
      console.log(
        `run ${run} ${p.label.padEnd(10)} first rows ${r.firstRowsMs.toFixed(0)} ms, filter ${r.filterMs.toFixed(0)} ms, ` +
          `scroll long frames ${r.scroll.longFrames}/${r.scroll.frames} (max ${r.scroll.maxFrameMs.toFixed(0)} ms, LoAF ${r.scroll.loafCount}), ` +
          `max DOM rows ${r.maxRows}, load ${loadavg()[0].toFixed(2)}`,
      );
    }
  }
} finally {
  await browser.close();
  server.close();
}
const loadAfter = loadavg();

const td = results.threatdeck;
const ag = results.aggrid;
const first = td[0];
const rows = [
  ['Time to first rows (ms)', (r) => r.firstRowsMs, 0],
  ['Filter-to-update, host filter (ms)', (r) => r.filterMs, 0],
  [`Scroll: frames > 50 ms (of ${SCROLL_STEPS})`, (r) => r.scroll.longFrames, 0],
  ['Scroll: longest frame (ms)', (r) => r.scroll.maxFrameMs, 0],
  ['Scroll: p95 frame (ms)', (r) => r.scroll.p95FrameMs, 1],
  ['Scroll: long-animation-frame entries', (r) => r.scroll.loafCount ?? NaN, 0],
  ['Scroll: longest LoAF (ms)', (r) => r.scroll.loafMaxMs ?? NaN, 0],
  [`Scroll: wall time for ${SCROLL_STEPS} frames (ms)`, (r) => r.scroll.totalMs, 0],
  ['Scroll: distance reached (px)', (r) => r.scroll.scrolledPx, 0],
  ['Max data rows in the DOM', (r) => r.maxRows, 0],
  ['DOM elements in the page root (end)', (r) => r.domNodes, 0],
  ['Dataset generation, before timing (ms)', (r) => r.setupMs, 0],
];
const ratio = (a, b) => (b === 0 ? (a === 0 ? '1.00×' : '∞') : `${(a / b).toFixed(2)}×`);
console.log(
  `\nRender at scale: 100,000 activities (seed 5), headless Chromium ${chromiumVersion}, ` +
    `median of ${RUNS} runs; scroll ${SCROLL_STEPS} frames × ${SCROLL_STEP_PX} px.`,
);
console.log(
  `Host filter: ${first.host} (${first.hostActivities} of 100,000 activities). threatdeck shows the "Active" tab ` +
    `(default query, sorted by last seen, pages of 100 from the memory adapter); AG Grid holds all 100,000 rows.`,
);
console.log(
  `Load average (1/5/15 min): before ${loadBefore.map((x) => x.toFixed(2)).join(' / ')}, ` +
    `after ${loadAfter.map((x) => x.toFixed(2)).join(' / ')} on ${cpus().length} CPUs; figures are noisy under load.\n`,
);
console.log('| measure | threatdeck | AG Grid | AG Grid ÷ threatdeck |');
console.log('|---|---:|---:|---:|');
for (const [label, pick, digits] of rows) {
  const a = median(td.map(pick));
  const b = median(ag.map(pick));
  const show = (x) => (Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
  console.log(`| ${label} | ${show(a)} | ${show(b)} | ${Number.isNaN(a) || Number.isNaN(b) ? '' : ratio(b, a)} |`);
}

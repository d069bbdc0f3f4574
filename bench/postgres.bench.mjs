// `npm run bench -- postgres [--activities 1000000] [--attempts 10000000] [--clients 16] [--duration 60] [--pool 48]
//   [--ingest-streams 1] [--activity-merge-delay-ms 0] [--statements] [--one-at-a-time] [--no-load] [--database-url …]`
//
// Loads the seeded demo dataset into PostgreSQL with COPY (a throwaway cluster
// in a temporary folder unless --database-url is given), then runs N
// concurrent clients for D seconds mixing list (random filters and search),
// facet, detail, attempts, timeline and triage writes while an ingest loop
// feeds batches of 1000 events. Prints p50 / p95 / p99 per operation,
// throughput, the ingest rate, the load time and the database size.
// Figures, not a timed test. Targets on the 2-core box: list and timeline
// p95 < 200 ms, detail p95 < 50 ms, facet p95 < 400 ms, ingest ≥ 20 000 attempts/s.
//
// For work on ingest: `--clients 0` measures it alone, `--ingest-streams N` runs N
// concurrent loops (as N detectors or server processes would), `--activity-merge-delay-ms D`
// queues existing activities' updates for a merge every D ms (src/server/README.md, "Ingest"), `--new-actor-share S`
// sets the share of events from new actors (each creates an activity; default 0.2), and `--statements`
// prints where an ingest batch's time goes, per SQL statement (ingest has a pool
// and adapter of its own, so the readers' statements are not counted).
//
// For work on reads: `--one-at-a-time` runs every list and facet the mix can draw
// one after the other, without clients or ingest, and prints p50 / p95 / max and
// the slowest of each: which queries make the concurrent run's tail. With BENCH_CASES_DIR=D it also writes
// every case's time to D/list.json and D/facet.json, to compare two versions case by case.
import { build } from 'esbuild';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    activities: { type: 'string', default: '1000000' },
    attempts: { type: 'string', default: '10000000' },
    clients: { type: 'string', default: '16' },
    duration: { type: 'string', default: '60' },
    'no-load': { type: 'boolean', default: false },
    // Connections of the adapter's pool (reads and writes): more than the cores only queue in the scheduler.
    pool: { type: 'string', default: '48' },
    'ingest-streams': { type: 'string', default: '1' },
    'activity-merge-delay-ms': { type: 'string', default: '0' },
    // Share of ingested events from actors never seen before (each creates an activity).
    'new-actor-share': { type: 'string', default: '0.2' },
    statements: { type: 'boolean', default: false },
    'one-at-a-time': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const num = (k) => Number(values[k]);
const cpus = availableParallelism();
const outdir = resolve(root, '.tmp/pg-bench');
await build({
  entryPoints: { server: resolve(root, 'src/server/index.ts'), cluster: resolve(root, 'test/support/postgresCluster.ts'), core: resolve(root, 'src/core/query.ts') },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outdir, outExtension: { '.js': '.mjs' }, logLevel: 'warning',
});
const server = await import(pathToFileURL(resolve(outdir, 'server.mjs')).href);
const { createQuery } = await import(pathToFileURL(resolve(outdir, 'core.mjs')).href);
const { default: pg } = await import('pg');

let cluster = null;
let url = values['database-url'];
if (!url) {
  const { startPostgresCluster } = await import(pathToFileURL(resolve(outdir, 'cluster.mjs')).href);
  // Durable settings (fsync on), unlike the test clusters: the figures are meant to hold.
  cluster = await startPostgresCluster({ durable: true, sharedBuffers: '2GB' });
  cluster.createDatabase('bench');
  url = cluster.url('bench');
  console.log(`throwaway cluster on 127.0.0.1:${cluster.port}`);
}
const stop = () => cluster?.stop();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stop(); process.exit(130); });

/** Times each statement a client runs (from send to result), keyed by its first words. */
function timeStatements(client, into) {
  const query = client.query.bind(client);
  client.query = (text, ...rest) => {
    const started = performance.now();
    const result = query(text, ...rest);
    if (result && typeof result.then === 'function') {
      const sql = (typeof text === 'string' ? text : text?.text ?? '?').replace(/\s+/g, ' ').trim().slice(0, 90);
      const done = () => {
        const st = into.get(sql) ?? { n: 0, ms: 0 };
        st.n++;
        st.ms += performance.now() - started;
        into.set(sql, st);
      };
      result.then(done, done);
    }
    return result;
  };
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const fmt = (ms) => (Number.isFinite(ms) ? ms.toFixed(1).padStart(8) : '       -');

try {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  admin.on('error', () => {});
  let loadMs = 0;
  if (!values['no-load']) {
    console.log(`loading ${num('activities')} activities / ${num('attempts')} attempts …`);
    const result = await server.loadDemoDataset(admin, {
      activities: num('activities'), attempts: num('attempts'), seed: 1, hugeActivityAttempts: 100_000, reset: true,
      onProgress: (m) => console.log(`  ${m}`),
    });
    loadMs = result.ms;
  }
  const size = (await admin.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).rows[0].s;

  const pool = new pg.Pool({ connectionString: url, max: num('pool') });
  pool.on('error', () => {});
  const adapter = server.createPostgresAdapter({ pool, migrate: false });
  // Ingest through its own pool and adapter (a detector's server process), so its statements can be timed apart.
  const streams = num('ingest-streams');
  const ingestPool = new pg.Pool({ connectionString: url, max: Math.max(1, streams) });
  ingestPool.on('error', () => {});
  const statements = new Map();
  if (values.statements) ingestPool.on('connect', (c) => timeStatements(c, statements));
  const ingestAdapter = server.createPostgresAdapter({ pool: ingestPool, migrate: false, activityMergeDelayMs: num('activity-merge-delay-ms') });
  const signal = () => new AbortController().signal;
  const base = createQuery();
  const facet = async (field) => (await adapter.getFacet({ query: base, field, limit: 50, signal: signal() })).options.map((o) => o.value);
  const [hosts, urls, subs, actors] = await Promise.all([facet('host'), facet('url'), facet('subcategory'), facet('actor')]);
  const sample = await adapter.listActivities({ query: createQuery({ sort: { field: 'attemptCount', direction: 'desc' } }), pageSize: 200, signal: signal() });
  const ids = sample.items.map((a) => a.id);
  const recent = (await adapter.listActivities({ query: base, pageSize: 500, signal: signal() })).items;
  // Triage works on other rows than the ingest loop feeds, so the figures measure the database, not waits on one hot row.
  const triaged = (await adapter.listActivities({ query: createQuery({ sort: { field: 'firstSeen', direction: 'asc' } }), pageSize: 500, signal: signal() })).items;
  const searches = ['sql', 'api.', 'admin', '/v1/', 'login', '203.0', 'graphql', 'orders', 'bola', 'xss'];
  const SORTS = [{ field: 'lastSeen', direction: 'desc' }, { field: 'severity', direction: 'desc' }, { field: 'attemptCount', direction: 'desc' }, { field: 'firstSeen', direction: 'asc' }];
  const FACET_FIELDS = ['host', 'url', 'subcategory', 'severity', 'actor', 'type'];
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
  if (values['one-at-a-time']) {
    await oneAtATime({ hosts, urls, subs, actors });
    await adapter.close();
    await ingestAdapter.close();
    await Promise.all([pool.end(), ingestPool.end(), admin.end()]);
    stop();
    process.exit(0);
  }
  const randomQuery = () => {
    const r = Math.random();
    const filters = {};
    if (r < 0.25) filters.host = [pick(hosts)];
    else if (r < 0.4) filters.url = [pick(urls)];
    else if (r < 0.55) filters.subcategory = [pick(subs)];
    else if (r < 0.6) filters.actor = [pick(actors)];
    else if (r < 0.7) filters.severity = [pick(['critical', 'high', 'medium'])];
    const search = Math.random() < 0.3 ? pick(searches) : '';
    const sort = Math.random() < 0.8 ? SORTS[0] : pick(SORTS.slice(1));
    return createQuery({ filters, search, sort, status: Math.random() < 0.85 ? 'active' : 'under_review' });
  };
  /**
   * `--one-at-a-time`: every list and facet the mix can draw (each search, or none; no filter or one of the
   * first values of each filter; each sort and status for lists, each field for facets), one after the
   * other on an otherwise idle database: which queries make the concurrent run's tail, without the queueing.
   */
  async function oneAtATime({ hosts, urls, subs, actors }) {
    const filterSets = [{}, ...hosts.slice(0, 4).map((v) => ({ host: [v] })), ...urls.slice(0, 3).map((v) => ({ url: [v] })), ...subs.slice(0, 3).map((v) => ({ subcategory: [v] })),
      { actor: [actors[0]] }, { severity: ['high'] }, { severity: ['critical'] }];
    const report = async (name, cases) => {
      const timed = [];
      for (const [label, run] of cases) {
        const t = performance.now();
        const kind = await run().then(
          (r) => (r.totalIsEstimate || r.countsAreEstimates ? 'estimate' : 'exact'),
          (e) => (e?.code === 'timeout' ? 'timeout' : Promise.reject(e)),
        );
        timed.push([performance.now() - t, label, kind]);
      }
      if (process.env.BENCH_CASES_DIR) (await import('node:fs')).writeFileSync(`${process.env.BENCH_CASES_DIR}/${name}.json`, JSON.stringify(timed));
      const ms = timed.map((x) => x[0]).sort((a, b) => a - b);
      const timeouts = timed.filter((x) => x[2] === 'timeout').length;
      console.log(`\n${name}: ${ms.length} one at a time, p50 ${percentile(ms, 50).toFixed(1)} / p95 ${percentile(ms, 95).toFixed(1)} / max ${ms.at(-1).toFixed(1)} ms, ${timeouts} cancelled by the read timeout; the slowest:`);
      // How much of the database's time the slow cases take: under concurrency they are what the others queue behind.
      const sum = ms.reduce((a, b) => a + b, 0);
      const slow = ms.filter((t) => t > 200);
      console.log(`  sum ${(sum / 1000).toFixed(1)} s; ${slow.length} cases over 200 ms take ${((100 * slow.reduce((a, b) => a + b, 0)) / sum).toFixed(0)} % of it`);
      for (const [t, label, kind] of timed.sort((a, b) => b[0] - a[0]).slice(0, 12)) console.log(`${t.toFixed(0).padStart(7)} ms  ${kind.padEnd(8)}  ${label}`);
    };
    const q = (search, filters, extra = {}) => createQuery({ search, filters, ...extra });
    const label = (search, filters) => `search '${search}' ${JSON.stringify(filters)}`;
    const all = ['', ...searches];
    console.log(`one at a time on ${url.replace(/\/\/[^@]*@/, '//')} (load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    await report('list', all.flatMap((search) => filterSets.flatMap((filters) => SORTS.flatMap((sort) => ['active', 'under_review'].map((status) => [
      `${status} by ${sort.field}, ${label(search, filters)}`, () => adapter.listActivities({ query: q(search, filters, { sort, status }), pageSize: 50, signal: signal() }),
    ])))));
    await report('facet', all.flatMap((search) => filterSets.flatMap((filters) => FACET_FIELDS.map((field) => [
      `${field} of ${label(search, filters)}`, () => adapter.getFacet({ query: q(search, filters), field, limit: 20, signal: signal() }),
    ]))));
  }

  const ops = {
    list: () => adapter.listActivities({ query: randomQuery(), pageSize: 50, signal: signal() }),
    facet: () => adapter.getFacet({ query: randomQuery(), field: pick(FACET_FIELDS), limit: 20, signal: signal() }),
    detail: () => adapter.getActivity({ id: pick(ids), signal: signal() }),
    attempts: () => adapter.listAttempts({ id: pick(ids), pageSize: 50, signal: signal() }),
    timeline: () => {
      const a = pick(sample.items);
      return adapter.getTimeline({ id: a.id, bucketMs: Math.max(60_000, Math.ceil((a.lastSeen - a.firstSeen) / 120)), signal: signal() });
    },
    triage: () => adapter.setStatus({ ids: [pick(triaged).id], status: pick(['active', 'under_review']), idempotencyKey: `bench-${Math.random()}`, signal: signal() }),
  };
  const weights = [['list', 35], ['facet', 15], ['detail', 15], ['attempts', 15], ['timeline', 10], ['triage', 10]];
  const totalWeight = weights.reduce((n, [, w]) => n + w, 0);
  const chooseOp = () => {
    let r = Math.random() * totalWeight;
    for (const [name, w] of weights) if ((r -= w) < 0) return name;
    return 'list';
  };
  const latencies = Object.fromEntries(Object.keys(ops).map((k) => [k, []]));
  const errors = Object.fromEntries(Object.keys(ops).map((k) => [k, 0]));
  const deadline = Date.now() + num('duration') * 1000;

  // Ingest: batches of 1000 events, 80% on known actor + endpoint + policy keys, 20% new actors (--new-actor-share).
  let ingested = 0;
  let ingestBatches = 0;
  const ingestLatency = [];
  let eventSeq = 0;
  const runId = Date.now().toString(36);
  const makeEvent = () => {
    const like = pick(recent);
    const fresh = Math.random() < num('new-actor-share');
    const now = Date.now();
    return {
      eventId: `bench-${runId}-${++eventSeq}`,
      timestamp: now,
      actor: fresh ? { ip: `198.18.${(eventSeq >> 8) & 255}.${eventSeq & 255}` } : { ip: like.actor.ip },
      endpoint: like.endpoint, policy: like.policy, severity: like.severity, type: like.type, category: like.category, subcategory: like.subcategory,
      outcome: Math.random() < 0.6 ? 'blocked' : 'allowed',
      request: { method: like.endpoint.method, url: `https://${like.endpoint.host}${like.endpoint.path}?q=${eventSeq}`, httpVersion: 'HTTP/1.1', headers: [['Host', like.endpoint.host], ['User-Agent', 'bench']], body: null },
      response: { status: 403, httpVersion: 'HTTP/1.1', headers: [], body: null },
    };
  };
  const ingestLoop = async () => {
    while (Date.now() < deadline) {
      const events = Array.from({ length: 1000 }, makeEvent);
      const t = performance.now();
      try {
        const r = await ingestAdapter.ingestEvents({ events, signal: signal() });
        ingested += r.accepted;
        ingestBatches++;
        ingestLatency.push(performance.now() - t);
      } catch (e) {
        console.error('ingest failed', e?.code ?? e, e?.detail ?? '', e?.cause?.message ?? '');
      }
    }
  };
  const client = async () => {
    while (Date.now() < deadline) {
      const op = chooseOp();
      const t = performance.now();
      try {
        await ops[op]();
        latencies[op].push(performance.now() - t);
      } catch (e) {
        if (errors[op]++ < 3) console.error(`${op} failed`, e?.code ?? e, e?.detail ?? '', e?.cause?.message ?? '');
      }
    }
  };
  // The machine may be shared: the load average says how much of it the figures had.
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`running ${num('clients')} clients + ${streams} ingest loop${streams === 1 ? '' : 's'} for ${num('duration')} s on a pool of ${num('pool')} … (load average ${load()})`);
  const started = performance.now();
  await Promise.all([...Array.from({ length: num('clients') }, client), ...Array.from({ length: streams }, ingestLoop)]);
  const elapsed = (performance.now() - started) / 1000;

  console.log(`\noperation      count   p50 ms   p95 ms   p99 ms  errors`);
  let all = 0;
  for (const [name, xs] of Object.entries(latencies)) {
    xs.sort((a, b) => a - b);
    all += xs.length;
    console.log(`${name.padEnd(10)} ${String(xs.length).padStart(9)} ${fmt(percentile(xs, 50))} ${fmt(percentile(xs, 95))} ${fmt(percentile(xs, 99))} ${String(errors[name]).padStart(7)}`);
  }
  ingestLatency.sort((a, b) => a - b);
  console.log(`${'ingest/1000'.padEnd(10)} ${String(ingestBatches).padStart(9)} ${fmt(percentile(ingestLatency, 50))} ${fmt(percentile(ingestLatency, 95))} ${fmt(percentile(ingestLatency, 99))}`);
  if (values.statements && ingestBatches) {
    console.log(`\ningest statements, ms per batch of 1000 (summed over ${streams} stream${streams === 1 ? '' : 's'}; the rest of a batch is Node)`);
    for (const [sql, st] of [...statements].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(`${(st.ms / ingestBatches).toFixed(2).padStart(8)}  ${String(st.n).padStart(6)}×  ${sql}`);
    }
  }
  const finalSize = (await admin.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).rows[0].s;
  console.log(`\nthroughput ${(all / elapsed).toFixed(0)} ops/s over ${elapsed.toFixed(1)} s (${num('clients')} clients)`);
  console.log(`ingest ${(ingested / elapsed).toFixed(0)} attempts/s ${num('clients') ? 'while serving' : 'alone (no clients)'} (${ingested} attempts, ${streams} stream${streams === 1 ? '' : 's'})`);
  console.log(values['no-load']
    ? `load: not run (--no-load; scripts/load-postgres.mjs prints it); database size ${size} before the run, ${finalSize} after`
    : `load ${num('activities')} activities / ${num('attempts')} attempts: ${(loadMs / 1000).toFixed(1)} s; database size ${size} after load, ${finalSize} after the run`);
  console.log(`load average at the end ${load()} (${cpus} CPUs)`);
  await adapter.close();
  await ingestAdapter.close();
  await pool.end();
  await ingestPool.end();
  await admin.end();
} finally {
  stop();
}

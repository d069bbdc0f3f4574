/**
 * The Postgres-backed server as a host deploys it: the adapter contract over
 * HTTP (reference server + createHttpAdapter with an API key), and two real
 * `npm run server` processes on one database, where a write or an ingest
 * through one reaches a live client of the other (LISTEN/NOTIFY).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpAdapter, loadHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import type { LiveEvent, ThreatDeckAdapter } from '../../../src/core/adapter';
import { createQuery } from '../../../src/core/query';
import { runAdapterContract } from '../../../src/testing/index';
import { generateApiKey } from '../../../server/auth';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { detectionEvent, makeKeys } from '../../adapters/http/securedServerKit';
import { usePostgres } from './pgTestDatabase';

const pg = usePostgres();
const script = new URL('../../../server/serve.mjs', import.meta.url).pathname;

describe.runIf(pg.enabled)('postgres-backed reference server', () => {
  const { key, entry } = generateApiKey('contract-admin', 'admin');
  const servers: RunningReferenceServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  runAdapterContract({
    name: 'http adapter over the postgres-backed server',
    createAdapter: async () => {
      const running = await startReferenceServer({ adapter: pg.ctx().adapter(), apiKeys: [entry], live: { lingerMs: 50 } });
      servers.push(running);
      return loadHttpAdapter({ baseUrl: running.url, headers: { 'x-api-key': key }, retry: { retries: 1, baseDelayMs: 5 } });
    },
    test: it,
  });
});

/** Starts `node server/serve.mjs` on a free port; resolves with its URL once it listens. */
function serveProcess(databaseUrl: string, keysFile: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--database-url', databaseUrl, '--api-keys-file', keysFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

function waitFor(events: LiveEvent[], accept: (e: LiveEvent) => boolean, ms = 15_000): Promise<LiveEvent> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const hit = events.find(accept);
      if (hit) return resolve(hit);
      if (Date.now() - started > ms) return reject(new Error(`no matching live event in ${ms} ms (got ${events.length})`));
      setTimeout(poll, 25);
    };
    poll();
  });
}

describe.runIf(pg.enabled)('two server processes on one database', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'threatdeck-two-servers-'));
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a status change and an ingest through one process reach a live client of the other', { timeout: 180_000 }, async () => {
    const database = pg.ctx().freshDatabase();
    const url = pg.ctx().cluster.url(database);
    const { keys, entries } = makeKeys();
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, JSON.stringify({ keys: entries }));
    const [a, b] = await Promise.all([serveProcess(url, keysFile), serveProcess(url, keysFile)]);
    children.push(a.child, b.child);

    const viaA = (role: keyof typeof keys): ThreatDeckAdapter => createHttpAdapter({ baseUrl: a.url, headers: { 'x-api-key': keys[role] } });
    const watcher = await loadHttpAdapter({ baseUrl: b.url, headers: { 'x-api-key': keys.viewer } });
    const stop = new AbortController();
    const events: LiveEvent[] = [];
    try {
      await watcher.subscribe!({ query: createQuery({ status: 'under_review' }), onEvent: (e) => events.push(e), signal: stop.signal });
      const first = await viaA('viewer').listActivities({ query: createQuery({ status: 'active' }), pageSize: 1, signal: new AbortController().signal });
      const target = first.items[0]!;
      await viaA('analyst').setStatus({ ids: [target.id], status: 'under_review', idempotencyKey: 'two-proc-1', signal: new AbortController().signal });
      const moved = await waitFor(events, (e) => e.type === 'activity' && e.activity.id === target.id);
      expect(moved).toMatchObject({ type: 'activity', activity: { id: target.id, status: 'under_review' } });

      // The same client sees ingest through the other process (a fresh actor, so a new activity).
      const all: LiveEvent[] = [];
      const stopAll = new AbortController();
      await watcher.subscribe!({ query: createQuery({ status: 'active' }), onEvent: (e) => all.push(e), signal: stopAll.signal });
      const event = detectionEvent(1, { eventId: 'two-proc-evt-1', actor: { ip: '198.51.100.201', country: 'NL' } });
      const response = await fetch(`${a.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': keys.ingest }, body: JSON.stringify({ events: [event] }) });
      expect(response.status).toBe(200);
      const arrived = await waitFor(all, (e) => e.type === 'activity' && e.activity.actor.ip === '198.51.100.201');
      expect(arrived).toMatchObject({ type: 'activity', isNew: true });
      stopAll.abort();
    } finally {
      stop.abort();
    }
  });
});

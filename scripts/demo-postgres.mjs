#!/usr/bin/env node
// `npm run demo:postgres [-- --database-url postgres://… --activities 20000 --port 4010 --demo-port 5174]`
//
// The demo console against the PostgreSQL-backed server, with demo data:
//  1. a throwaway PostgreSQL 15 cluster (initdb in a temporary folder, loopback
//     only, removed on exit) unless --database-url names one;
//  2. the seeded demo dataset loaded into it (a given database that already
//     holds activities is used as it is);
//  3. a development API key generated for this run only (admin, so every
//     action of the console works; the keys file holds only its SHA-256 and
//     is deleted on exit) and `npm run server` started with it and a CORS
//     allowlist of exactly the demo's origin;
//  4. the console (Vite, demo/vite.postgres.config.ts) with the HTTP adapter
//     sending that key.
// Ctrl-C stops all of it. The key is printed so you can curl the API too.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    activities: { type: 'string', default: '20000' },
    port: { type: 'string', default: '4010' },
    'demo-port': { type: 'string', default: '5174' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run demo:postgres [-- --database-url postgres://… --activities 20000 --port 4010 --demo-port 5174]');
  process.exit(0);
}
const int = (name, lo, hi) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < lo || n > hi) {
    console.error(`--${name} must be an integer from ${lo} to ${hi}`);
    process.exit(2);
  }
  return n;
};
const activities = int('activities', 1, 10_000_000);
const apiPort = int('port', 1, 65535);
const demoPort = int('demo-port', 1, 65535);

const outdir = resolve(root, '.tmp/demo-postgres');
await build({
  entryPoints: { server: resolve(root, 'src/server/index.ts'), cluster: resolve(root, 'test/support/postgresCluster.ts'), auth: resolve(root, 'server/auth.ts') },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outdir, outExtension: { '.js': '.mjs' }, logLevel: 'warning',
});
const importBuilt = (name) => import(pathToFileURL(resolve(outdir, `${name}.mjs`)).href);
const { loadDemoDataset } = await importBuilt('server');
const { generateApiKey } = await importBuilt('auth');
const { default: pg } = await import('pg');

const children = [];
let cluster = null;
const secrets = mkdtempSync(join(tmpdir(), 'threatdeck-demo-'));
let stopping = false;
const stopAll = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(secrets, { recursive: true, force: true });
  try {
    cluster?.stop();
  } finally {
    process.exit(code);
  }
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  let url = values['database-url'];
  if (!url) {
    const { startPostgresCluster, requirePostgres } = await importBuilt('cluster');
    if (!requirePostgres()) throw new Error('PostgreSQL 15 binaries are missing (npm run ensure-system-deps installs them), or pass --database-url.');
    cluster = await startPostgresCluster();
    cluster.createDatabase('demo');
    url = cluster.url('demo');
    console.log(`throwaway PostgreSQL cluster on 127.0.0.1:${cluster.port} (removed on exit)`);
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  try {
    const result = await loadDemoDataset(pool, { activities, seed: 1 });
    console.log(`loaded ${result.activities} activities / ${result.attempts} attempts in ${(result.ms / 1000).toFixed(1)} s`);
  } catch (e) {
    // A given database that already holds data is served as it is.
    if (!/already holds activities/.test(String(e?.message))) throw e;
    console.log('the database already holds activities: serving them as they are');
  } finally {
    await pool.end();
  }

  const { key, entry } = generateApiKey('demo-console-dev', 'admin');
  const keysFile = join(secrets, 'keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: [entry] }), { mode: 0o600 });
  const demoOrigin = `http://127.0.0.1:${demoPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const start = (args, env) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`${args[0]} exited (${code}); stopping`);
        stopAll(1);
      }
    });
    children.push(child);
    return child;
  };
  // The database URL travels in the environment, not in process arguments other users can read.
  start(['server/serve.mjs', '--api-keys-file', keysFile, '--port', String(apiPort), '--cors-origin', demoOrigin], { THREATDECK_DATABASE_URL: url });
  start([resolve(root, 'node_modules/vite/bin/vite.js'), '--config', 'demo/vite.postgres.config.ts'], {
    VITE_THREATDECK_API_URL: apiUrl,
    VITE_THREATDECK_DEV_API_KEY: key,
    THREATDECK_DEMO_PORT: String(demoPort),
  });
  console.log(`\nconsole: ${demoOrigin}/   API: ${apiUrl} (CORS: ${demoOrigin} only)`);
  console.log(`development key for this run (admin; gone when this stops):\n  curl -H 'X-API-Key: ${key}' '${apiUrl}/activities?status=active&pageSize=5'\n`);
} catch (e) {
  console.error(`demo:postgres failed: ${e instanceof Error ? e.message : String(e)}`);
  stopAll(1);
}

#!/usr/bin/env node
// Fills a PostgreSQL database with the seeded demo dataset (the memory
// adapter's data: same seed, same activities) with COPY FROM STDIN, at any size.
//
//   node scripts/load-postgres.mjs --database-url postgres://user@host/db \
//     [--activities 100000] [--attempts 1000000] [--seed 1] [--huge-activity-attempts 0] [--reset]
//
// Migrates the schema first. --attempts caps the attempts stored (each activity
// keeps a proportional, evenly spread share; its attemptCount says what is stored).
// --reset empties the threatdeck tables first; without it a non-empty database is refused.
// Prints the load time and the database size. Bundles src/server with esbuild into .tmp/.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    activities: { type: 'string', default: '10000' },
    attempts: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'huge-activity-attempts': { type: 'string', default: '0' },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const usage = 'Usage: node scripts/load-postgres.mjs --database-url postgres://… [--activities N] [--attempts M] [--seed 1] [--huge-activity-attempts 0] [--reset]';
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const url = values['database-url'] ?? process.env.DATABASE_URL;
if (!url) {
  console.error(`--database-url is required\n${usage}`);
  process.exit(2);
}
const count = (name, value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer`);
    process.exit(2);
  }
  return n;
};

const outfile = resolve(root, '.tmp/server/index.mjs');
await build({ entryPoints: [resolve(root, 'src/server/index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
const { loadDemoDataset } = await import(pathToFileURL(outfile).href);
const { default: pg } = await import('pg');

const pool = new pg.Pool({ connectionString: url, max: 2 });
pool.on('error', () => {});
try {
  const result = await loadDemoDataset(pool, {
    activities: count('activities', values.activities),
    ...(values.attempts !== undefined ? { attempts: count('attempts', values.attempts) } : {}),
    seed: count('seed', values.seed),
    hugeActivityAttempts: count('huge-activity-attempts', values['huge-activity-attempts']),
    reset: values.reset,
    onProgress: (m) => console.log(`  ${m}`),
  });
  const { rows } = await pool.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS size, pg_database_size(current_database()) AS bytes');
  console.log(`loaded ${result.activities} activities and ${result.attempts} attempts in ${(result.ms / 1000).toFixed(1)} s; database size ${rows[0].size}`);
} catch (e) {
  console.error(`load failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}

#!/usr/bin/env node
// The deployable threatdeck server: the reference handler (REST contract,
// openapi/threatdeck.openapi.yaml) over the PostgreSQL adapter, with
// authentication ON by default.
//
//   npm run server -- --database-url postgres://… --api-keys-file keys.json
//                     [--port 4010] [--host 127.0.0.1] [--base-path /api]
//                     [--cors-origin https://console.example,https://b.example]
//                     [--skip-migrations] [--insecure-no-auth] [--activity-merge-delay-ms 0]
//   npm run server -- --generate-key alice:analyst     (prints a key and its keys-file entry)
//
// The database URL may come from THREATDECK_DATABASE_URL instead (process
// arguments are visible to every user of the machine; the environment is not).
// Several processes may serve one database behind any load balancer: nothing
// that must be shared lives in the process (see server/README.md).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run server -- --database-url postgres://… --api-keys-file keys.json [--port 4010] [--host 127.0.0.1]
                        [--base-path /api] [--cors-origin https://a,https://b] [--skip-migrations] [--insecure-no-auth]
                        [--activity-merge-delay-ms 0]
       npm run server -- --generate-key <id>:<viewer|analyst|admin|ingest>`;

const fail = (message) => {
  console.error(`threatdeck server: ${message}`);
  process.exit(2);
};

let values;
try {
  ({ values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      'api-keys-file': { type: 'string' },
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'base-path': { type: 'string', default: '' },
      'cors-origin': { type: 'string' },
      'skip-migrations': { type: 'boolean', default: false },
      'insecure-no-auth': { type: 'boolean', default: false },
      // Ingest's write shape (src/server/README.md, "Ingest"): 0 updates activities in each batch; e.g. 250 merges them.
      'activity-merge-delay-ms': { type: 'string', default: '0' },
      'generate-key': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** Bundles TypeScript sources for Node (pg stays external: it is loaded from node_modules). */
async function load(name, contents) {
  const outfile = join(root, '.tmp', `${name}-${process.pid}.mjs`);
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: `${name}-entry.ts` },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['pg', 'pg-copy-streams', 'pg-native'],
    logLevel: 'silent',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}

const server = await load(
  'threatdeck-server',
  [
    "export { startReferenceServer } from './server/reference-server';",
    "export { generateApiKey, validateApiKeyEntries } from './server/auth';",
    "export { normalizeOrigin } from './server/cors';",
    "export { SERVER_ROLES } from './server/permissions';",
  ].join('\n'),
);

if (values['generate-key'] !== undefined) {
  const [id = '', role = ''] = values['generate-key'].split(':');
  if (!server.SERVER_ROLES.includes(role)) fail(`--generate-key wants <id>:<role>, role one of ${server.SERVER_ROLES.join(', ')}`);
  let generated;
  try {
    generated = server.generateApiKey(id, role);
    server.validateApiKeyEntries([generated.entry]);
  } catch (error) {
    fail(error.message);
  }
  console.log(`key (give it to ${id}; it is shown once and never stored):\n  ${generated.key}`);
  console.log(`keys-file entry (only the SHA-256 is kept):\n  ${JSON.stringify(generated.entry)}`);
  process.exit(0);
}

const databaseUrl = values['database-url'] ?? process.env.THREATDECK_DATABASE_URL;
if (!databaseUrl) fail(`--database-url (or THREATDECK_DATABASE_URL) is required.\n${USAGE}`);
if (!/^postgres(ql)?:\/\//.test(databaseUrl)) fail('--database-url must be a postgres:// or postgresql:// URL.');

const mergeDelayMs = Number(values['activity-merge-delay-ms']);
if (!Number.isInteger(mergeDelayMs) || mergeDelayMs < 0 || mergeDelayMs > 60_000) fail('--activity-merge-delay-ms must be an integer from 0 to 60000.');

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be an integer from 0 to 65535.');

let apiKeys;
if (values['api-keys-file'] !== undefined) {
  let text;
  try {
    text = readFileSync(values['api-keys-file'], 'utf8');
  } catch (error) {
    fail(`cannot read --api-keys-file: ${error.code ?? error.message}`);
  }
  try {
    apiKeys = server.validateApiKeyEntries(JSON.parse(text));
  } catch (error) {
    fail(`--api-keys-file: ${error.message}`);
  }
  if (apiKeys.length === 0) fail('--api-keys-file lists no keys: nobody could call the server.');
  if (values['insecure-no-auth']) fail('--insecure-no-auth and --api-keys-file contradict each other.');
} else if (!values['insecure-no-auth']) {
  fail('refusing to start without authentication: give --api-keys-file (make keys with --generate-key), or --insecure-no-auth for a throwaway local run.');
}

const corsOrigins = values['cors-origin'] ? values['cors-origin'].split(',').map((o) => o.trim()).filter(Boolean) : [];
try {
  corsOrigins.forEach(server.normalizeOrigin);
} catch (error) {
  fail(error.message);
}

let postgres;
try {
  postgres = await load('threatdeck-postgres', "export { createPostgresAdapter, runMigrations } from './src/server/index';");
} catch (error) {
  const why = error.errors?.[0]?.text ?? error.message.split('\n')[0];
  console.error(`threatdeck server: cannot load the PostgreSQL adapter (src/server/index.ts): ${why}`);
  process.exit(1);
}

if (!values['skip-migrations']) {
  // Versioned and idempotent: every process may run them at start (a second run is a no-op).
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await postgres.runMigrations(pool);
  } finally {
    await pool.end();
  }
}

// Migrated above (or deliberately not): the adapter itself need not try again.
const adapter = postgres.createPostgresAdapter({ connectionString: databaseUrl, migrate: false, activityMergeDelayMs: mergeDelayMs });
const running = await server.startReferenceServer({
  adapter,
  port,
  host: values.host,
  basePath: values['base-path'],
  ...(apiKeys ? { apiKeys } : {}),
  ...(corsOrigins.length ? { corsOrigins } : {}),
});
console.log(`threatdeck server listening on ${running.url} (${apiKeys ? `${apiKeys.length} API keys` : 'AUTHENTICATION OFF'}, CORS ${corsOrigins.length ? corsOrigins.join(' ') : 'off'})`);
console.log(`  wire it: createHttpAdapter({ baseUrl: '${running.url}', headers: { 'X-API-Key': key } })`);
const stop = async () => {
  await running.close();
  await adapter.close?.();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

#!/usr/bin/env node
// One command for host teams: a mock threatdeck backend speaking the REST
// contract (openapi/threatdeck.openapi.yaml) over the seeded memory adapter.
//
//   node server/start.mjs [--port 4010] [--host 127.0.0.1] [--base-path /api]
//                         [--seed 1] [--activities 10000] [--latency 0|min,max]
//                         [--live-interval 4000] [--failure-rate 0]
//                         [--cors-origin http://localhost:5173,https://b.example]
//
// For development: authentication is off (use `npm run server` for a
// deployment). CORS is off unless --cors-origin lists the origins of the
// pages that may call it; writes take application/json only either way.
//
// It bundles server/reference-server.ts with esbuild into .tmp/ and runs it.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReferenceServer } from './loadReferenceServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'base-path': { type: 'string', default: '' },
    seed: { type: 'string', default: '1' },
    activities: { type: 'string', default: '10000' },
    latency: { type: 'string', default: '0' },
    'live-interval': { type: 'string', default: '4000' },
    'failure-rate': { type: 'string', default: '0' },
    'cors-origin': { type: 'string', default: '' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('Usage: node server/start.mjs [--port 4010] [--host 127.0.0.1] [--base-path /api] [--seed 1] [--activities 10000] [--latency 0|min,max] [--live-interval 4000] [--failure-rate 0] [--cors-origin http://localhost:5173]');
  process.exit(0);
}
const number = (name) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number`);
    process.exit(2);
  }
  return n;
};
const corsOrigins = values['cors-origin'].split(',').map((o) => o.trim()).filter(Boolean);
const latency = values.latency.includes(',') ? values.latency.split(',').map(Number) : number('latency');

const { startReferenceServer, createMemoryAdapter } = await loadReferenceServer(join(root, '.tmp', 'reference-server.mjs'));
const running = await startReferenceServer({
  port: number('port'),
  host: values.host,
  basePath: values['base-path'],
  ...(corsOrigins.length ? { corsOrigins } : {}),
  adapter: createMemoryAdapter({
    seed: number('seed'),
    activities: number('activities'),
    latencyMs: latency,
    failureRate: number('failure-rate'),
    live: { intervalMs: number('live-interval') },
  }),
});
console.log(`threatdeck reference server listening on ${running.url}`);
console.log(`  try: curl ${running.url}/activities?pageSize=2`);
console.log(`  wire it: createHttpAdapter({ baseUrl: '${running.url}' })`);
console.log(corsOrigins.length ? `  CORS allowed for: ${corsOrigins.join(' ')}` : '  CORS off: for a front end on another origin add --cors-origin http://localhost:5173');
const stop = () => running.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * The executable adapter contract, run against createHttpAdapter talking to
 * the reference server on 127.0.0.1 (random port) over a fresh memory backend
 * per case, with authentication on: the adapter sends an admin key through
 * its `headers` option. (`loadHttpAdapter` is covered in referenceServer.test.ts.)
 */
import { createHttpAdapter } from '../../../src/adapters/http/createHttpAdapter';
import { createMemoryAdapter } from '../../../src/adapters/memory/index';
import { DEMO_USERS } from '../../../src/adapters/memory/demoTeam';
import { runAdapterContract } from '../../../src/testing/index';
import { startReferenceServer, type RunningReferenceServer } from '../../../server/reference-server';
import { generateApiKey } from '../../../server/auth';

const NOW = 1_748_779_200_000;
const { key, entry } = generateApiKey('contract-admin', 'admin');
const servers: RunningReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve() {
  // The caller (the key's principal) is one of the users, so 'me' assignments are exercised over HTTP too.
  const users = [...DEMO_USERS, { id: entry.id, name: 'Contract Admin' }];
  const adapter = createMemoryAdapter({ seed: 11, activities: 800, hugeActivityAttempts: 0, now: () => NOW, live: false, users });
  const running = await startReferenceServer({ adapter, apiKeys: [entry], live: { lingerMs: 50 } });
  servers.push(running);
  return running;
}

runAdapterContract({
  name: 'http adapter (reference server)',
  createAdapter: async () => createHttpAdapter({ baseUrl: (await serve()).url, headers: { 'x-api-key': key }, retry: { retries: 1, baseDelayMs: 5 } }),
  test: it,
});

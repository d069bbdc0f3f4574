/**
 * Shared set-up of the Postgres adapter tests: one throwaway cluster per test
 * file, a template database loaded once with the seeded demo dataset, and a
 * fresh copy of it (CREATE DATABASE … TEMPLATE) per case.
 */
import pg from 'pg';
import { createPostgresAdapter, loadDemoDataset, type PostgresAdapter, type PostgresAdapterOptions } from '../../../src/server/index';
import { requirePostgres, startPostgresCluster, type PostgresCluster } from '../../support/postgresCluster';

export const NOW = 1_748_779_200_000;
export const SEED = 11;
export const ACTIVITIES = 600;

export interface PgTestContext {
  cluster: PostgresCluster;
  /** A fresh database copied from the loaded template; closed after the test. */
  freshDatabase(): string;
  adapter(options?: Omit<PostgresAdapterOptions, 'connectionString'> & { database?: string }): PostgresAdapter;
  pool(database: string): pg.Pool;
  /** A pool whose connections push every SQL text they send to `statements` (for an adapter's `readPool`); closed after the test. */
  recordingPool(database: string, statements: string[]): pg.Pool;
}

/** Registers beforeAll/afterAll/afterEach; returns false (nothing registered) when PostgreSQL is missing outside CI. */
export function usePostgres(): { enabled: boolean; ctx: () => PgTestContext } {
  const enabled = requirePostgres();
  let context: PgTestContext | null = null;
  if (!enabled) return { enabled, ctx: () => { throw new Error('PostgreSQL is not available'); } };
  const open: Array<{ close(): Promise<void> } | pg.Pool> = [];
  let n = 0;
  beforeAll(async () => {
    const cluster = await startPostgresCluster();
    try {
      cluster.createDatabase('template_demo');
      const pool = new pg.Pool({ connectionString: cluster.url('template_demo'), max: 2 });
      pool.on('error', () => {});
      try {
        await loadDemoDataset(pool, { activities: ACTIVITIES, seed: SEED, now: NOW, hugeActivityAttempts: 0 });
      } finally {
        await pool.end();
      }
    } catch (e) {
      cluster.stop();
      throw e;
    }
    context = {
      cluster,
      freshDatabase() {
        const name = `case_${++n}`;
        cluster.createDatabase(name, 'template_demo');
        return name;
      },
      adapter(options = {}) {
        const { database, ...rest } = options;
        const adapter = createPostgresAdapter({ ...rest, connectionString: cluster.url(database ?? context!.freshDatabase()), now: rest.now ?? (() => NOW) });
        open.push(adapter);
        return adapter;
      },
      pool(database) {
        const pool = new pg.Pool({ connectionString: cluster.url(database), max: 4 });
        pool.on('error', () => {});
        open.push(pool);
        return pool;
      },
      recordingPool(database, statements) {
        const pool = context!.pool(database);
        pool.on('connect', (client) => {
          const query = client.query.bind(client) as (...args: unknown[]) => unknown;
          (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, ...rest: unknown[]) => {
            if (typeof text === 'string') statements.push(text);
            return query(text, ...rest);
          };
        });
        return pool;
      },
    };
  }, 180_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => (x instanceof pg.Pool ? x.end() : x.close()).catch(() => {})));
  }, 60_000);
  afterAll(() => {
    context?.cluster.stop();
  }, 60_000);
  return { enabled, ctx: () => context! };
}

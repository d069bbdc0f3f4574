/**
 * The executable adapter contract on the Postgres adapter: a fresh copy of
 * the demo database per case, the same data the memory adapter serves.
 */
import { runAdapterContract } from '../../../src/testing/index';
import { usePostgres } from './pgTestDatabase';

const pg = usePostgres();

describe.runIf(pg.enabled)('postgres adapter', () => {
  runAdapterContract({ name: 'postgres adapter', createAdapter: () => pg.ctx().adapter(), test: it });
});

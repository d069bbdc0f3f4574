/**
 * The executable adapter contract on the Postgres adapter: a fresh copy of
 * the demo database per case, the same data the memory adapter serves.
 */
import { runAdapterContract } from '../../../src/testing/index';
import { supports } from '../../../src/core/capabilities';
import { DEMO_CURRENT_USER_ID } from '../../../src/adapters/memory/demoTeam';
import { usePostgres } from './pgTestDatabase';

const pg = usePostgres();

describe.runIf(pg.enabled)('postgres adapter', () => {
  // The demo loader seeds the memory adapter's team; 'me' is its signed-in user there too.
  runAdapterContract({ name: 'postgres adapter', createAdapter: () => pg.ctx().adapter({ currentUserId: DEMO_CURRENT_USER_ID }), test: it });
});

describe.runIf(pg.enabled)('postgres adapter case handling', () => {
  it('advertises cases and sorts by age in triage', async () => {
    const adapter = await pg.ctx().adapter();
    expect(supports(adapter, 'cases')).toBe(true);
    expect(adapter.capabilities.sortableFields).toContain('activeSince');
  });
});

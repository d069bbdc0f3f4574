/**
 * The executable adapter contract on the Postgres adapter: a fresh copy of
 * the demo database per case, the same data the memory adapter serves.
 */
import { runAdapterContract } from '../../../src/testing/index';
import { supports } from '../../../src/core/capabilities';
import { createQuery } from '../../../src/core/query';
import { usePostgres } from './pgTestDatabase';

const pg = usePostgres();

describe.runIf(pg.enabled)('postgres adapter', () => {
  runAdapterContract({ name: 'postgres adapter', createAdapter: () => pg.ctx().adapter(), test: it });
});

// Case handling has not landed in this backend (no migration 5): it must say so, never answer as if the filter were absent.
describe.runIf(pg.enabled)('postgres adapter without case handling', () => {
  it('does not advertise cases, refuses an assignee filter by name, and leaves age in triage out of its sortable fields', async () => {
    const adapter = await pg.ctx().adapter();
    expect(supports(adapter, 'cases')).toBe(false);
    expect(adapter.capabilities.sortableFields).not.toContain('activeSince');
    const signal = new AbortController().signal;
    await expect(adapter.listActivities({ query: createQuery({ assignee: 'me' }), pageSize: 5, signal })).rejects.toMatchObject({ code: 'invalid_request', path: 'query.assignee' });
    await expect(adapter.getFacet({ query: createQuery({ assignee: 'unassigned' }), field: 'host', signal })).rejects.toMatchObject({ code: 'invalid_request', path: 'query.assignee' });
    await expect(adapter.setStatusByQuery!({ query: createQuery({ assignee: { userId: 'u-ana' } }), status: 'ignored', signal })).rejects.toMatchObject({ code: 'invalid_request', path: 'query.assignee' });
  });
});

/**
 * `withFaults` works over any adapter: a planned failure rejects before the
 * wrapped adapter sees the call, a lost response after it committed, and
 * `times` lets a retry through.
 */
import { withFaults } from '../../src/adapters/withFaults';
import type { ActivityPage } from '../../src/core/adapter';
import { createQuery } from '../../src/core/query';
import { createTestAdapter } from '../../src/testing/createTestAdapter';

const signal = () => new AbortController().signal;
const page: ActivityPage = { items: [], total: 0, totalIsEstimate: false, nextCursor: null, counts: { active: 0, under_review: 0, ignored: 0 } };

function countingAdapter() {
  const calls: string[] = [];
  const adapter = createTestAdapter({
    listActivities: async () => (calls.push('listActivities'), page),
    setStatus: async ({ ids }) => (calls.push(`setStatus:${ids.join(',')}`), { affected: ids.length }),
    exportActivities: () => ({
      async *[Symbol.asyncIterator]() {
        calls.push('export');
        yield [];
      },
    }),
  });
  return { adapter, calls };
}

it('failOn rejects with the code before the adapter is called, only `times` times', async () => {
  const { adapter, calls } = countingAdapter();
  const faulty = withFaults(adapter, { failOn: { setStatus: { code: 'network', times: 1 } } });
  await expect(faulty.setStatus({ ids: ['a'], status: 'ignored', signal: signal() })).rejects.toMatchObject({ code: 'network' });
  expect(calls).toEqual([]);
  await expect(faulty.setStatus({ ids: ['a'], status: 'ignored', signal: signal() })).resolves.toEqual({ affected: 1 });
  expect(calls).toEqual(['setStatus:a']);
});

it('failAfterCommitOn lets the call commit, then loses its answer', async () => {
  const { adapter, calls } = countingAdapter();
  const faulty = withFaults(adapter, { failAfterCommitOn: { setStatus: 'timeout' } });
  await expect(faulty.setStatus({ ids: ['b'], status: 'active', signal: signal() })).rejects.toMatchObject({ code: 'timeout' });
  expect(calls).toEqual(['setStatus:b']);
});

it('leaves unplanned methods, capabilities and other properties alone', async () => {
  const { adapter } = countingAdapter();
  const faulty = withFaults(adapter, { failOn: { setStatus: 'server' } });
  expect(faulty.capabilities).toBe(adapter.capabilities);
  await expect(faulty.listActivities({ query: createQuery(), pageSize: 5, signal: signal() })).resolves.toBe(page);
});

it('an export fails when iterated, before the adapter streams anything', async () => {
  const { adapter, calls } = countingAdapter();
  const faulty = withFaults(adapter, { failOn: { exportActivities: 'forbidden' } });
  const pages = faulty.exportActivities!({ query: createQuery(), signal: signal() });
  await expect((async () => { for await (const _ of pages) void _; })()).rejects.toMatchObject({ code: 'forbidden' });
  expect(calls).toEqual([]);
});

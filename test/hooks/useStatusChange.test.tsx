// @vitest-environment jsdom
/**
 * The status write on the cache: a failed write takes back only its own
 * optimistic change, and a write never leaves another open detail loading.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ActivityPage, BulkStatusParams, ListActivitiesParams, SetStatusParams } from '../../src/core/adapter';
import { AdapterError } from '../../src/core/errors';
import type { Activity, ActivityDetail } from '../../src/core/model';
import { createQuery } from '../../src/core/query';
import { ThreatDeckProvider } from '../../src/hooks/ThreatDeckProvider';
import { useActivityDetail } from '../../src/hooks/useActivityDetail';
import { useActivityList } from '../../src/hooks/useActivityList';
import { useStatusChange } from '../../src/hooks/useStatusChange';
import { createTestAdapter, type TestAdapterInput } from '../../src/testing/createTestAdapter';
import { anActivity, detailOf } from '../support/activityFixture';

function activity(id: string, over: Partial<Activity> = {}): Activity {
  return anActivity({ id, endpoint: { method: 'GET', path: `/api/${id}`, host: 'api.example.com' }, ...over });
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const never = <T,>() => new Promise<T>(() => {});

function wrapperFor(input: TestAdapterInput) {
  const adapter = createTestAdapter(input);
  return ({ children }: { children: ReactNode }) => (
    <ThreatDeckProvider adapter={adapter} writeRetry={{ retries: 0 }}>
      {children}
    </ThreatDeckProvider>
  );
}

describe('useStatusChange: concurrent writes', () => {
  it('a failed write on B does not undo a successful write on A that started after it (mark B, next, mark A)', async () => {
    const a = activity('a');
    const b = activity('b');
    let listCalls = 0;
    // After the first page the network is gone: refetches fail, so the cache shows exactly what rollback left.
    const offline = () => Promise.reject(new AdapterError('network', 'offline'));
    const listActivities = vi.fn(async ({ query }: ListActivitiesParams): Promise<ActivityPage> => {
      listCalls++;
      if (listCalls > 1) return offline();
      const items = query.status === 'active' ? [a, b] : [];
      return { items, total: items.length, totalIsEstimate: false, nextCursor: null, counts: { active: 2, under_review: 0, ignored: 0 } };
    });
    const detailCalls = new Map<string, number>();
    const getActivity = vi.fn(async ({ id }: { id: string }) => {
      const n = (detailCalls.get(id) ?? 0) + 1;
      detailCalls.set(id, n);
      return n > 1 ? offline() : detailOf(id === 'a' ? a : b);
    });
    const writeB = deferred<{ affected: number }>();
    const setStatus = vi.fn(({ ids }: SetStatusParams) => (ids[0] === 'b' ? writeB.promise : Promise.resolve({ affected: 1 })));

    const { result } = renderHook(
      () => ({
        list: useActivityList(createQuery({ status: 'active' })),
        detailA: useActivityDetail('a'),
        detailB: useActivityDetail('b'),
        forA: useStatusChange(),
        forB: useStatusChange(),
      }),
      { wrapper: wrapperFor({ listActivities, getActivity, setStatus }) },
    );
    await waitFor(() => expect(result.current.list.rows.map((r) => r.id)).toEqual(['a', 'b']));
    await waitFor(() => expect(result.current.detailA.data && result.current.detailB.data).toBeTruthy());

    let runB!: Promise<unknown>;
    await act(async () => {
      runB = result.current.forB.changeStatus({ ids: ['b'] }, 'under_review');
    });
    await waitFor(() => expect(result.current.list.rows.map((r) => r.id)).toEqual(['a']));
    await act(async () => {
      await result.current.forA.changeStatus({ ids: ['a'] }, 'under_review');
    });
    expect(result.current.forA.status).toBe('success');
    expect(result.current.list.rows).toEqual([]);

    await act(async () => {
      writeB.reject(new AdapterError('server', 'boom'));
      await runB;
    });
    expect(result.current.forB.status).toBe('error');
    // B is back; A stays where its successful write put it.
    expect(result.current.list.rows.map((r) => r.id)).toEqual(['b']);
    expect(result.current.list.counts).toEqual({ active: 1, under_review: 1, ignored: 0 });
    expect(result.current.list.total).toBe(1);
    expect(result.current.detailA.data?.status).toBe('under_review');
    expect(result.current.detailB.data?.status).toBe('active');
  });
});

describe('useStatusChange: reads it cancels', () => {
  it('leaves another activity\'s loading detail alone: it arrives instead of staying "loading" forever', async () => {
    const a = activity('a');
    const b = activity('b');
    const slowB = deferred<ActivityDetail>();
    let bCalls = 0;
    const getActivity = vi.fn(({ id }: { id: string }) => {
      if (id === 'a') return Promise.resolve(detailOf(a));
      bCalls++;
      return bCalls === 1 ? slowB.promise : Promise.resolve(detailOf(b));
    });
    const setStatus = vi.fn(async () => ({ affected: 1 }));
    const { result } = renderHook(
      () => ({ detailA: useActivityDetail('a'), detailB: useActivityDetail('b'), change: useStatusChange() }),
      { wrapper: wrapperFor({ getActivity, setStatus }) },
    );
    await waitFor(() => expect(result.current.detailA.data).toBeTruthy());
    expect(result.current.detailB.status).toBe('pending');

    await act(async () => {
      await result.current.change.changeStatus({ ids: ['a'] }, 'ignored');
    });
    await act(async () => {
      slowB.resolve(detailOf(b));
    });
    await waitFor(() => expect(result.current.detailB.status).toBe('success'));
    expect(result.current.detailB.data?.id).toBe('b');
  });

  it('refetches a read of the target that it cancelled', async () => {
    const a = activity('a');
    let calls = 0;
    const getActivity = vi.fn(() => {
      calls++;
      // The first read would land after the optimistic update and undo it: it is cancelled.
      return calls === 1 ? never<ActivityDetail>() : Promise.resolve(detailOf({ ...a, status: 'ignored' }));
    });
    const setStatus = vi.fn(async () => ({ affected: 1 }));
    const { result } = renderHook(() => ({ detail: useActivityDetail('a'), change: useStatusChange() }), {
      wrapper: wrapperFor({ getActivity, setStatus }),
    });
    await waitFor(() => expect(getActivity).toHaveBeenCalledTimes(1));
    await act(async () => {
      await result.current.change.changeStatus({ ids: ['a'] }, 'ignored');
    });
    await waitFor(() => expect(result.current.detail.data?.status).toBe('ignored'));
  });
});

describe('useStatusChange: the request', () => {
  it('sends the key, the as-of bound and lift; a query target dry-runs for its count', async () => {
    const setStatus = vi.fn(async () => ({ affected: 1, liftedRuleIds: ['r1'] }));
    const setStatusByQuery = vi.fn(async (_p: BulkStatusParams) => ({ affected: 7 }));
    const { result } = renderHook(() => useStatusChange({ mode: 'pessimistic' }), { wrapper: wrapperFor({ setStatus, setStatusByQuery }) });
    const query = createQuery({ status: 'active' });
    await act(async () => {
      expect(await result.current.countAffected({ query, excludeIds: ['x'], asOf: '41' }, 'ignored')).toBe(7);
    });
    expect(setStatusByQuery).toHaveBeenLastCalledWith(expect.objectContaining({ dryRun: true, asOf: '41', excludeIds: ['x'] }));
    await act(async () => {
      await result.current.changeStatus({ query, excludeIds: ['x'], asOf: '41' }, 'ignored');
    });
    const last = setStatusByQuery.mock.calls.at(-1)![0];
    expect(last.dryRun).toBeUndefined();
    expect(last.asOf).toBe('41');
    expect(last.idempotencyKey).toEqual(expect.any(String));
    await act(async () => {
      await result.current.changeStatus({ ids: ['a'] }, 'active', { liftRules: true });
    });
    expect(setStatus).toHaveBeenLastCalledWith(expect.objectContaining({ ids: ['a'], status: 'active', liftRules: true, idempotencyKey: expect.any(String) }));
  });
});

// @vitest-environment jsdom
/**
 * The case hooks over a memory adapter with injected faults (withFaults): a
 * failure before the write applies nothing and says so; a lost answer is
 * retried with the same key and applied once; an outcome that stays unknown
 * says `unknown`, never "not saved"; reads are checked at the boundary.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryAdapter } from '../../src/adapters/memory';
import { withFaults, type FaultOptions } from '../../src/adapters/withFaults';
import type { ThreatDeckAdapter } from '../../src/core/adapter';
import { createQuery } from '../../src/core/query';
import { ThreatDeckProvider } from '../../src/hooks/ThreatDeckProvider';
import { useActivityHistory, useActivityNotes, useUsers } from '../../src/hooks/useCaseReads';
import { useAddNote, useAssign } from '../../src/hooks/useCaseWrites';

const NOW = 1_748_779_200_000;
const signal = () => new AbortController().signal;
const memory = () => createMemoryAdapter({ seed: 9, activities: 60, hugeActivityAttempts: 0, now: () => NOW, live: false });

function setup(faults: FaultOptions, adapterOf: (m: ReturnType<typeof memory>) => ThreatDeckAdapter = (m) => m) {
  const store = memory();
  const adapter = withFaults(adapterOf(store), faults);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ThreatDeckProvider adapter={adapter} writeRetry={{ retries: 2, delayMs: () => 0 }}>
      {children}
    </ThreatDeckProvider>
  );
  return { store, wrapper };
}

async function someUnassigned(store: ReturnType<typeof memory>) {
  const page = await store.listActivities({ query: createQuery({ assignee: 'unassigned' }), pageSize: 1, signal: signal() });
  return page.items[0]!;
}
const assignments = async (store: ReturnType<typeof memory>, id: string) =>
  (await store.listHistory({ activityId: id, signal: signal() })).items.filter((h) => h.kind === 'assignment').length;
const notesOf = async (store: ReturnType<typeof memory>, id: string) => (await store.listNotes({ activityId: id, signal: signal() })).items;

describe('useAssign', () => {
  it('a failure before the write: error, nothing assigned; a retry then assigns once', async () => {
    const { store, wrapper } = setup({ failOn: { assignActivities: { code: 'server', times: 1 } } });
    const a = await someUnassigned(store);
    const onError = vi.fn();
    const { result } = renderHook(() => useAssign({ onError }), { wrapper });
    await act(async () => void (await result.current.assign({ ids: [a.id] }, 'u-ben')));
    expect(result.current.status).toBe('error');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'server' }), expect.anything(), 'failed');
    expect((await store.getActivity({ id: a.id, signal: signal() })).assigneeId).toBeUndefined();
    await act(async () => void (await result.current.assign({ ids: [a.id] }, 'u-ben')));
    expect(result.current.status).toBe('success');
    expect((await store.getActivity({ id: a.id, signal: signal() })).assigneeId).toBe('u-ben');
    expect(await assignments(store, a.id)).toBe(1);
  });

  it('a lost answer is retried with the same key: checking, then success, applied once', async () => {
    const store = memory();
    const reached = vi.spyOn(store, 'assignActivities');
    const faulty = withFaults(store, { failAfterCommitOn: { assignActivities: { code: 'network', times: 1 } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ThreatDeckProvider adapter={faulty} writeRetry={{ retries: 2, delayMs: () => 150 }}>
        {children}
      </ThreatDeckProvider>
    );
    const a = await someUnassigned(store);
    const { result } = renderHook(() => useAssign(), { wrapper });
    let pending: Promise<unknown> = Promise.resolve();
    act(() => {
      pending = result.current.assign({ ids: [a.id] }, 'u-chen');
    });
    // The answer was lost: the UI says it is checking (not failed) while the same request goes again.
    await waitFor(() => expect(result.current.status).toBe('checking'));
    await act(async () => void (await pending));
    expect(result.current.status).toBe('success');
    // Both tries reached the backend with one key: the second replayed the first.
    expect(reached).toHaveBeenCalledTimes(2);
    const [first, second] = reached.mock.calls.map(([p]) => p.idempotencyKey);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
    expect(await assignments(store, a.id)).toBe(1);
  });
});

describe('useAddNote', () => {
  it('an outcome that stays unknown says unknown; the note was stored once, and the user’s retry (same key) settles it without a second note', async () => {
    const { store, wrapper } = setup({ failAfterCommitOn: { addNote: { code: 'network', times: 3 } } });
    const a = await someUnassigned(store);
    const onError = vi.fn();
    const { result } = renderHook(() => useAddNote({ onError }), { wrapper });
    await act(async () => void (await result.current.addNote(a.id, 'checked the WAF logs')));
    expect(result.current.status).toBe('unknown');
    expect(result.current.retrySafe).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'network' }), expect.anything(), 'unknown');
    expect((await notesOf(store, a.id)).filter((n) => n.text === 'checked the WAF logs')).toHaveLength(1);
    await act(async () => void (await result.current.addNote(a.id, 'checked the WAF logs')));
    expect(result.current.status).toBe('success');
    expect((await notesOf(store, a.id)).filter((n) => n.text === 'checked the WAF logs')).toHaveLength(1);
  });

  it('on a backend that ignores keys a lost answer is not retried (no second note), and says unknown', async () => {
    const { store, wrapper } = setup({ failAfterCommitOn: { addNote: { code: 'network', times: 1 } } }, (m) => ({ ...m, capabilities: { ...m.capabilities, idempotentWrites: false } }));
    const a = await someUnassigned(store);
    const { result } = renderHook(() => useAddNote(), { wrapper });
    await act(async () => void (await result.current.addNote(a.id, 'once only')));
    expect(result.current.status).toBe('unknown');
    expect(result.current.retrySafe).toBe(false);
    expect((await notesOf(store, a.id)).filter((n) => n.text === 'once only')).toHaveLength(1);
  });

  it('bad input is a definitive error naming the field, and the notes list shows the new note newest first', async () => {
    const { store, wrapper } = setup({});
    const a = await someUnassigned(store);
    const { result } = renderHook(() => ({ add: useAddNote(), notes: useActivityNotes(a.id), history: useActivityHistory(a.id) }), { wrapper });
    await act(async () => void (await result.current.add.addNote(a.id, '   ')));
    expect(result.current.add.status).toBe('error');
    expect(result.current.add.error).toMatchObject({ code: 'invalid_request', path: 'text' });
    await act(async () => void (await result.current.add.addNote(a.id, 'first')));
    await act(async () => void (await result.current.add.addNote(a.id, '<b>second</b>')));
    await waitFor(() => expect(result.current.notes.items.map((n) => n.text)).toEqual(['<b>second</b>', 'first']));
    await waitFor(() => expect(result.current.history.items[0]).toMatchObject({ kind: 'note', text: '<b>second</b>', who: 'u-ana' }));
  });
});

describe('case reads', () => {
  it('useUsers searches; a malformed page is invalid_response naming the field; no cases, no request', async () => {
    const { wrapper } = setup({});
    const { result, rerender } = renderHook(({ search }) => useUsers({ search }), { wrapper, initialProps: { search: '' } });
    await waitFor(() => expect(result.current.items).toHaveLength(6));
    rerender({ search: 'okafor' });
    await waitFor(() => expect(result.current.items.map((u) => u.id)).toEqual(['u-ben']));

    const bad = setup({}, (m) => ({ ...m, listUsers: async () => ({ items: [{ id: 'u1', name: 42 }], total: 1, nextCursor: null }) as never }));
    const broken = renderHook(() => useUsers(), { wrapper: bad.wrapper });
    await waitFor(() => expect(broken.result.current.error).toMatchObject({ code: 'invalid_response', path: 'items[0].name' }));

    const listUsers = vi.fn();
    const none = setup({}, (m) => ({ ...m, capabilities: { ...m.capabilities, cases: false }, listUsers }));
    const off = renderHook(() => useUsers(), { wrapper: none.wrapper });
    expect(off.result.current.supported).toBe(false);
    expect(listUsers).not.toHaveBeenCalled();
  });
});

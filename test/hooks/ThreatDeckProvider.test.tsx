// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { ActivityPage, ListActivitiesParams } from '../../src/core/adapter';
import type { Activity } from '../../src/core/model';
import { createQuery, type ActivityQuery } from '../../src/core/query';
import { ThreatDeckProvider, useThreatDeck } from '../../src/hooks/ThreatDeckProvider';
import { useActivityList } from '../../src/hooks/useActivityList';
import { createTestAdapter } from '../../src/testing/createTestAdapter';
import { anActivity } from '../support/activityFixture';

function activity(id: string, over: Partial<Activity> = {}): Activity {
  return anActivity({ id, ...over });
}

function page(items: Activity[]): ActivityPage {
  return { items, total: items.length, totalIsEstimate: false, nextCursor: null, counts: { active: items.length, under_review: 0, ignored: 0 } };
}

describe('ThreatDeckProvider', () => {
  it('formats catalog messages and lets the host override any key', () => {
    function Probe() {
      const { t } = useThreatDeck();
      return <p>{t('status.under_review')} / {t('error.network')}</p>;
    }
    render(
      <ThreatDeckProvider adapter={createTestAdapter()} messages={{ 'status.under_review': 'In Prüfung' }}>
        <Probe />
      </ThreatDeckProvider>,
    );
    expect(screen.getByText(/In Prüfung \/ The server could not be reached/)).toBeInTheDocument();
  });

  it('explains a missing provider instead of failing obscurely', () => {
    expect(() => renderHook(() => useThreatDeck())).toThrow(/ThreatDeckProvider/);
  });

  it('keeps its cache apart from a host QueryClientProvider', async () => {
    const hostClient = new QueryClient();
    let inner: QueryClient | undefined;
    function Probe() {
      inner = useThreatDeck().queryClient;
      return <span>{useQueryClient() === hostClient ? 'host client intact' : 'clobbered'}</span>;
    }
    render(
      <QueryClientProvider client={hostClient}>
        <ThreatDeckProvider adapter={createTestAdapter()}>
          <Probe />
        </ThreatDeckProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByText('host client intact')).toBeInTheDocument();
    expect(inner).toBeDefined();
    expect(inner).not.toBe(hostClient);
  });

  it('marks its root with the theme for CSS variables', () => {
    const { container } = render(<ThreatDeckProvider adapter={createTestAdapter()} theme="dark" />);
    expect(container.querySelector('[data-slot="threatdeck-root"]')).toHaveAttribute('data-theme', 'dark');
  });
});

describe('useActivityList', () => {
  function wrapperFor(adapter: ReturnType<typeof createTestAdapter>) {
    return ({ children }: { children: ReactNode }) => <ThreatDeckProvider adapter={adapter}>{children}</ThreatDeckProvider>;
  }

  it('aborts the superseded request and never shows a stale response', async () => {
    const calls: ListActivitiesParams[] = [];
    const resolvers: Array<() => void> = [];
    const adapter = createTestAdapter({
      listActivities: (params) => {
        calls.push(params);
        const search = params.query.search;
        return new Promise((resolve) => {
          // Older queries answer later than newer ones.
          resolvers.push(() => resolve(page([activity(`row-for-${search || 'none'}`)])));
        });
      },
    });
    const { result, rerender } = renderHook(({ query }: { query: ActivityQuery }) => useActivityList(query), {
      wrapper: wrapperFor(adapter),
      initialProps: { query: createQuery({ search: 'a' }) },
    });
    rerender({ query: createQuery({ search: 'ab' }) });
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);
    await act(async () => {
      resolvers[1]!();
      resolvers[0]!();
    });
    await waitFor(() => expect(result.current.rows.map((r) => r.id)).toEqual(['row-for-ab']));
  });

  it('surfaces a malformed adapter record as a typed invalid_response naming the field', async () => {
    const adapter = createTestAdapter({
      listActivities: async () => ({ ...page([activity('ok')]), items: [activity('ok'), { ...activity('bad'), status: 'exploding' } as unknown as Activity] }),
    });
    const { result } = renderHook(() => useActivityList(createQuery()), { wrapper: wrapperFor(adapter) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.code).toBe('invalid_response');
    expect(result.current.error?.path).toBe('items[1].status');
  });

  it('de-duplicates rows across pages', async () => {
    const adapter = createTestAdapter({
      listActivities: async ({ cursor }) =>
        cursor
          ? page([activity('b'), activity('c')])
          : { ...page([activity('a'), activity('b')]), nextCursor: 'next', total: 3 },
    });
    const { result } = renderHook(() => useActivityList(createQuery()), { wrapper: wrapperFor(adapter) });
    await waitFor(() => expect(result.current.rows).toHaveLength(2));
    act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']));
  });

  it('appends pages without rebuilding: loaded rows keep their objects, indexOf follows, a refetch that reorders starts over', async () => {
    let first = [activity('a'), activity('b')];
    const adapter = createTestAdapter({
      listActivities: async ({ cursor }) =>
        cursor ? page([activity('c'), activity('a')]) : { ...page(first), nextCursor: 'next', total: 3 },
    });
    const { result } = renderHook(() => useActivityList(createQuery()), { wrapper: wrapperFor(adapter) });
    await waitFor(() => expect(result.current.rows).toHaveLength(2));
    const before = result.current;
    expect(before.indexOf('b')).toBe(1);
    expect(before.indexOf('c')).toBe(-1);
    act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']));
    expect(result.current.rows[0]).toBe(before.rows[0]);
    expect(result.current.indexOf('c')).toBe(2);
    // The earlier snapshot does not see rows that arrived after it.
    expect(before.indexOf('c')).toBe(-1);
    expect(before.rows).toHaveLength(2);

    first = [activity('b'), activity('d')];
    await act(async () => result.current.refetch());
    await waitFor(() => expect(result.current.rows.map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']));
    expect(result.current.indexOf('a')).toBe(3);
    expect(result.current.indexOf('missing')).toBe(-1);
  });
});

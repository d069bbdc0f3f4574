// @vitest-environment jsdom
/** Every adapter read is checked at the hooks' boundary with the core's schemas: a bad record is a typed error naming the field. */
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { AttemptPage } from '../../src/core/adapter';
import type { ActivityDetail, Remediation } from '../../src/core/model';
import { ThreatDeckProvider } from '../../src/hooks/ThreatDeckProvider';
import { useActivityDetail, useAttempts, useRemediation } from '../../src/hooks/useActivityDetail';
import { useBlockList } from '../../src/hooks/useBlockList';
import { useSuppressionRules } from '../../src/hooks/useSuppressionRules';
import { createTestAdapter, type TestAdapterInput } from '../../src/testing/createTestAdapter';
import { anActivity, detailOf } from '../support/activityFixture';

const wrapperFor = (input: TestAdapterInput) => {
  const adapter = createTestAdapter(input);
  return ({ children }: { children: ReactNode }) => <ThreatDeckProvider adapter={adapter}>{children}</ThreatDeckProvider>;
};

const attempt = {
  id: 'at-1',
  activityId: 'act-1',
  timestamp: 1,
  sourceIp: '203.0.113.7',
  outcome: 'blocked',
  request: { method: 'GET', url: 'https://api.example.com/x', httpVersion: 'HTTP/1.1', headers: [], body: null },
  response: null,
} as const;

describe('reads are validated at the boundary', () => {
  it('a detail with a bad field fails as invalid_response naming it', async () => {
    const bad = { ...detailOf(anActivity()), references: 'none' } as unknown as ActivityDetail;
    const { result } = renderHook(() => useActivityDetail('act-1'), { wrapper: wrapperFor({ getActivity: async () => bad }) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'invalid_response', path: 'references' });
    expect(result.current.data).toBeUndefined();
  });

  it('a well-formed detail passes unchanged', async () => {
    const good = detailOf(anActivity());
    const { result } = renderHook(() => useActivityDetail('act-1'), { wrapper: wrapperFor({ getActivity: async () => good }) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.data).toBe(good);
  });

  it('an attempt page with a bad outcome fails as invalid_response naming the item', async () => {
    const page = { items: [attempt, { ...attempt, id: 'at-2', outcome: 'exploded' }], total: 2, nextCursor: null } as unknown as AttemptPage;
    const { result } = renderHook(() => useAttempts('act-1'), { wrapper: wrapperFor({ listAttempts: async () => page }) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'invalid_response', path: 'items[1].outcome' });
    expect(result.current.attempts).toEqual([]);
  });

  it('a remediation without its steps fails as invalid_response', async () => {
    const bad = { references: [] } as unknown as Remediation;
    const { result } = renderHook(() => useRemediation('act-1'), { wrapper: wrapperFor({ getRemediation: async () => bad }) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'invalid_response', path: 'steps' });
  });

  it('rule and block pages are checked with the same schemas as the HTTP adapter', async () => {
    const rule = { id: 'r1', actorIp: '203.0.113.7', endpoint: { method: 'GET', path: '/', host: 'h' }, policyId: 'p', createdAt: 1, expiresAt: null, suppressedCount: -1 };
    const rules = renderHook(() => useSuppressionRules(), {
      wrapper: wrapperFor({ ignore: async () => Promise.reject(new Error('unused')), listSuppressionRules: async () => ({ items: [rule], total: 1, nextCursor: null }) }),
    });
    await waitFor(() => expect(rules.result.current.status).toBe('error'));
    expect(rules.result.current.error).toMatchObject({ code: 'invalid_response', path: 'items[0].suppressedCount' });

    const block = { blockId: 'b1', target: '203.0.113.7', createdAt: 'yesterday', expiresAt: null };
    const blocks = renderHook(() => useBlockList(), {
      wrapper: wrapperFor({ listBlocks: async () => ({ items: [block], total: 1, nextCursor: null }) as never }),
    });
    await waitFor(() => expect(blocks.result.current.status).toBe('error'));
    expect(blocks.result.current.error).toMatchObject({ code: 'invalid_response', path: 'items[0].createdAt' });
  });
});

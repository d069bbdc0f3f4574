import { createMemoryAdapter } from '../../../src/adapters/memory';
import { decodeCursor, encodeCursor } from '../../../src/adapters/memory/cursorCodec';

const NOW = 1_748_779_200_000;

describe('cursorCodec', () => {
  it('round-trips any JSON, including text outside Latin-1 (btoa alone throws on it)', () => {
    const value = { k: '/api/ü/✓/𝌆', q: 'пароль', n: 3 };
    expect(decodeCursor(encodeCursor(value))).toEqual(value);
  });

  it('rejects anything else as invalid_request at cursor', () => {
    for (const bad of ['%%', 'bm9wZQ', '', 'x'.repeat(10_000), 42, btoa('\xff\xfe{')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'invalid_request', path: 'cursor' }));
    }
  });

  it('pages a search for non-Latin-1 text', async () => {
    const adapter = createMemoryAdapter({ seed: 4, activities: 300, hugeActivityAttempts: 0, now: () => NOW, live: false });
    const rows = adapter.dataset.activities.filter((a) => a.status === 'active').slice(0, 3);
    for (const a of rows) {
      await adapter.ignore({ rule: { actorIp: a.actor.ip, endpoint: a.endpoint, policyId: a.policy.id, expiresAt: null, reason: 'Prüfung ✓' }, signal: new AbortController().signal });
    }
    const first = await adapter.listSuppressionRules({ search: 'prüfung ✓', pageSize: 2, signal: new AbortController().signal });
    expect(first.total).toBe(3);
    const second = await adapter.listSuppressionRules({ search: 'prüfung ✓', pageSize: 2, cursor: first.nextCursor!, signal: new AbortController().signal });
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(3);
    expect(second.nextCursor).toBeNull();
  });
});

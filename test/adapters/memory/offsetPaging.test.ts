import { createMemoryAdapter } from '../../../src/adapters/memory';
import { createQuery } from '../../../src/core/query';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const adapter = createMemoryAdapter({ seed: 4, activities: 1500, hugeActivityAttempts: 0, now: () => NOW, live: false });
const signal = new AbortController().signal;

describe('memory adapter: offset reads', () => {
  test('advertised; a page from an offset is the rows the cursor walk gives at that position, and it continues by cursor', async () => {
    expect(adapter.capabilities.offsetPaging).toBe(true);
    const query = createQuery({ sort: { field: 'severity', direction: 'desc' } });
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await adapter.listActivities({ query, pageSize: 200, signal, ...(cursor ? { cursor } : {}) });
      walked.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const jump = await adapter.listActivities({ query, pageSize: 50, offset: 777, signal });
    expect(jump.items.map((a) => a.id)).toEqual(walked.slice(777, 827));
    expect(jump.total).toBe(walked.length);
    const next = await adapter.listActivities({ query, pageSize: 50, cursor: jump.nextCursor!, signal });
    expect(next.items.map((a) => a.id)).toEqual(walked.slice(827, 877));
    const past = await adapter.listActivities({ query, pageSize: 50, offset: walked.length, signal });
    expect(past.items).toEqual([]);
    expect(past.nextCursor).toBeNull();
  });

  test('a bad offset is an invalid_request at offset', async () => {
    for (const offset of [-1, 1.5, Number.NaN, 1e12]) {
      await expect(adapter.listActivities({ query: createQuery(), pageSize: 10, offset, signal })).rejects.toMatchObject({ code: 'invalid_request', path: 'offset' });
    }
  });
});

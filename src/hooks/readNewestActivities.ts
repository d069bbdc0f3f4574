/**
 * The newest activities of a query, read page by page up to `max`: what the
 * overview and the actor pivot fall back to on a backend without their
 * capability. `total` is the query's whole count, so callers can say how much
 * of it they saw.
 */
import type { ThreatDeckAdapter } from '../core/adapter';
import type { Activity } from '../core/model';
import type { ActivityQuery } from '../core/query';

const PAGE_SIZE = 500;

export async function readNewestActivities(adapter: ThreatDeckAdapter, query: ActivityQuery, max: number, signal: AbortSignal): Promise<{ items: Activity[]; total: number }> {
  const byLastSeen: ActivityQuery = { ...query, sort: { field: 'lastSeen', direction: 'desc' } };
  const items: Activity[] = [];
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await adapter.listActivities({ query: byLastSeen, pageSize: Math.min(PAGE_SIZE, max - items.length), signal, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    total = Math.max(page.total, items.length);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return { items, total };
}

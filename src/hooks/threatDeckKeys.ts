/**
 * Query keys for threatdeck's cache. Everything lives under 'threatdeck' so an
 * invalidation never touches a host's own queries (even on a shared client).
 */
import type { QueryClient } from '@tanstack/react-query';
import type { FilterField, ActivityQuery } from '../core/query';
import { queryKey } from '../core/query';

export const threatDeckKeys = {
  all: ['threatdeck'] as const,
  activities: () => ['threatdeck', 'activities'] as const,
  activityList: (query: ActivityQuery, pageSize: number) =>
    ['threatdeck', 'activities', 'list', queryKey(query), pageSize] as const,
  facets: () => ['threatdeck', 'activities', 'facet'] as const,
  facet: (field: FilterField, query: ActivityQuery, search: string, limit: number) =>
    ['threatdeck', 'activities', 'facet', field, queryKey(query), search, limit] as const,
  // Under 'activities' so every write that changes activities refreshes it.
  overview: (query: ActivityQuery, groupBy: string, maxBuckets: number, top: number) =>
    ['threatdeck', 'activities', 'overview', queryKey(query), groupBy, maxBuckets, top] as const,
  actors: (query: ActivityQuery, sort: { field: string; direction: string }, pageSize: number) =>
    ['threatdeck', 'activities', 'actors', queryKey(query), sort.field, sort.direction, pageSize] as const,
  activity: (id: string) => ['threatdeck', 'activity', id] as const,
  detail: (id: string) => ['threatdeck', 'activity', id, 'detail'] as const,
  attempts: (id: string, pageSize: number) => ['threatdeck', 'activity', id, 'attempts', pageSize] as const,
  timeline: (id: string, from: number | undefined, to: number | undefined, bucketMs: number) =>
    ['threatdeck', 'activity', id, 'timeline', from ?? null, to ?? null, bucketMs] as const,
  remediation: (id: string) => ['threatdeck', 'activity', id, 'remediation'] as const,
  workItemTargets: () => ['threatdeck', 'work-item-targets'] as const,
  suppressionRules: () => ['threatdeck', 'suppression-rules'] as const,
};

/** After any write that changes activities: lists, counts, facets and details refetch. */
export async function invalidateActivities(client: QueryClient, ids?: string[]): Promise<void> {
  const tasks: Array<Promise<void>> = [client.invalidateQueries({ queryKey: threatDeckKeys.activities() })];
  if (ids) for (const id of ids) tasks.push(client.invalidateQueries({ queryKey: threatDeckKeys.activity(id) }));
  else tasks.push(client.invalidateQueries({ queryKey: ['threatdeck', 'activity'] }));
  await Promise.all(tasks);
}

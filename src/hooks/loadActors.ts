/**
 * Pages of the actor pivot. A backend with the `actors` capability groups
 * every matching activity; any other backend gets the core's grouping of the
 * newest list pages (at most `FALLBACK_ACTOR_ACTIVITIES` activities), sorted
 * here, as one page marked `partial` when the result holds more. A backend
 * whose `listActors` answers `unsupported` gets the same fallback.
 */
import type { Page, ThreatDeckAdapter } from '../core/adapter';
import { compareActors, summarizeActors, type ActorSort, type ActorSummary } from '../core/actors';
import { supports } from '../core/capabilities';
import { isAdapterError } from '../core/errors';
import type { ActivityQuery } from '../core/query';
import { readNewestActivities } from './readNewestActivities';

export const FALLBACK_ACTOR_ACTIVITIES = 5000;

export interface ActorPage extends Page<ActorSummary> {
  /** Set when the actors were grouped from only the newest `activities` of `of` matching activities. */
  partial: { activities: number; of: number } | null;
}

export async function loadActorPage(
  adapter: ThreatDeckAdapter,
  params: { query: ActivityQuery; sort: ActorSort; cursor?: string; pageSize: number; signal: AbortSignal },
): Promise<ActorPage> {
  if (supports(adapter, 'actors')) {
    try {
      return { ...(await adapter.listActors!(params)), partial: null };
    } catch (error) {
      // A backend that advertised the pivot (or was assumed to) but answers "unsupported" (an older
      // server behind createHttpAdapter's defaults) gets the grouping of its list pages instead.
      if (!(isAdapterError(error) && error.code === 'unsupported') || params.cursor !== undefined) throw error;
    }
  }
  const { items, total } = await readNewestActivities(adapter, params.query, FALLBACK_ACTOR_ACTIVITIES, params.signal);
  const actors = summarizeActors(items).sort(compareActors(params.sort));
  return { items: actors, total: actors.length, nextCursor: null, partial: total > items.length ? { activities: items.length, of: total } : null };
}

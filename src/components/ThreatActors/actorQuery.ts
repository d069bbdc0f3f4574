/** The query of one actor's activities: the pivot's query narrowed to that IP, newest first. */
import type { ActivityQuery } from '../../core/query';

export function actorActivityQuery(query: ActivityQuery, ip: string): ActivityQuery {
  return { ...query, filters: { ...query.filters, actor: [ip] }, sort: { field: 'lastSeen', direction: 'desc' } };
}

/**
 * The open actor's activities (the pivot's query with the actor filter), a
 * compact list newest first, more on request. With `onActivityOpen` each entry
 * is a button that asks the host to open that activity (ThreatActivityView
 * opens it in the activity drilldown); without it the entries are plain text.
 */
import type { Activity } from '../../core/model';
import type { ActivityListState } from '../../hooks/useActivityList';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ErrorNotice } from '../shared/ErrorNotice';
import { SeverityBadge } from '../shared/SeverityBadge';

export interface ActorActivitiesProps {
  list: ActivityListState;
  titleId: string;
  onActivityOpen: ((id: string) => void) | undefined;
}

export function ActorActivities({ list, titleId, onActivityOpen }: ActorActivitiesProps) {
  const { t, format } = useThreatDeck();
  if (list.status === 'pending') {
    return (
      <p role="status" data-slot="actor-activities-loading">
        {t('actors.drilldown.activitiesLoading')}
      </p>
    );
  }
  if (list.error) return <ErrorNotice error={list.error} title={t('actors.drilldown.activitiesError')} onRetry={list.refetch} />;
  if (list.rows.length === 0) return <p data-slot="actor-activities-empty">{t('actors.drilldown.activitiesEmpty')}</p>;
  return (
    <>
      <ul aria-labelledby={titleId} data-slot="actor-activities" className="td-actors-activities">
        {list.rows.map((a) => (
          <li key={a.id} data-slot="actor-activity">
            {onActivityOpen ? (
              // Named by its visible text (severity, endpoint, subcategory, attempts, last seen).
              <button type="button" className="td-actors-activity" onClick={() => onActivityOpen(a.id)}>
                <ActivityLine activity={a} />
              </button>
            ) : (
              <span className="td-actors-activity">
                <ActivityLine activity={a} />
              </span>
            )}
          </li>
        ))}
      </ul>
      <p className="td-actors-activities-footer">
        <span>{t('actors.drilldown.shown', { count: format.number(list.rows.length), total: format.number(list.total) })}</span>{' '}
        {list.hasNextPage ? (
          <button type="button" className="td-button" data-slot="actor-activities-more" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {t('actors.drilldown.loadMore')}
          </button>
        ) : null}
      </p>
    </>
  );
}

function ActivityLine({ activity: a }: { activity: Activity }) {
  const { format, t } = useThreatDeck();
  return (
    <>
      <SeverityBadge severity={a.severity} />{' '}
      <span className="td-mono" data-slot="endpoint">
        {a.endpoint.method} {a.endpoint.path}
      </span>{' '}
      <span data-slot="subcategory">{a.subcategory}</span>{' '}
      <span data-slot="attempts">{t('actors.drilldown.attempts', { count: a.attemptCount })}</span>{' '}
      <time dateTime={format.utc(a.lastSeen)}>{format.dateTime(a.lastSeen)}</time>
    </>
  );
}

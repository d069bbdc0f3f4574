/**
 * ActorDrilldown: one actor of the pivot — its facts, one timeline of
 * attempts across all its activities (the overview series of the query
 * narrowed to the actor, stacked by severity; a brushed range becomes the
 * query's time filter), its activities, and Block / Unblock (BlockIpButton on
 * the actor's newest activity, whose block state is the actor's). Usable on
 * its own with `ip` and `query`; ThreatActors renders it for the open actor.
 */
import { clsx } from 'clsx';
import { forwardRef, useCallback, useId, useMemo, type HTMLAttributes } from 'react';
import { summarizeActors, type ActorSummary } from '../../core/actors';
import type { ActivityQuery } from '../../core/query';
import { useActivityList } from '../../hooks/useActivityList';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useThreatOverview } from '../../hooks/useThreatOverview';
import { BlockIpButton } from '../BlockIpButton';
import { OverviewSeriesChart } from '../ThreatOverview/OverviewSeriesChart';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useElementWidth } from '../shared/useElementWidth';
import { ActorActivities } from './ActorActivities';
import { ActorFacts } from './ActorFacts';
import { actorActivityQuery } from './actorQuery';

export interface ActorDrilldownProps extends Omit<HTMLAttributes<HTMLElement>, 'onChange'> {
  /** The actor's IP. */
  ip: string;
  /** The pivot's query (filters shared with the list); the drilldown narrows it to the actor. */
  query: ActivityQuery;
  /** A brushed range on the timeline asks for this query (the same one with a time range). */
  onQueryChange?: (query: ActivityQuery) => void;
  /** The actor's row of the pivot when it is loaded; otherwise the facts come from the activities read here. */
  actor?: ActorSummary | undefined;
  /** Asks the host to open an activity (ThreatActivityView: the activity drilldown). Without it the activities are listed as text. */
  onActivityOpen?: (id: string) => void;
  onClose?: () => void;
  /** The host's own addresses (NAT egress, analyst IP): blocking them asks twice. */
  ownAddresses?: string[];
}

export const ActorDrilldown = forwardRef<HTMLElement, ActorDrilldownProps>(function ActorDrilldown(
  { ip, query, onQueryChange, actor: actorProp, onActivityOpen, onClose, ownAddresses, className, onKeyDown, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  const id = useId();
  const actorQuery = useMemo(() => actorActivityQuery(query, ip), [query, ip]);
  const list = useActivityList(actorQuery, { pageSize: 50 });
  const [chartRef, width] = useElementWidth(480);
  const timeline = useThreatOverview(actorQuery, { groupBy: 'severity', top: 1, maxBuckets: Math.max(6, Math.min(60, Math.floor(width / 12))) });
  // Facts from the loaded activities when the row is not loaded (an actor opened from a URL).
  const fromActivities = useMemo(() => (actorProp || list.rows.length === 0 ? undefined : summarizeActors(list.rows)[0]), [actorProp, list.rows]);
  const actor = actorProp ?? fromActivities;
  const newest = list.rows[0];
  const stackAttr = useCallback((key: string) => key, []);

  return (
    // Escape closes the panel from whichever control inside has focus (as the activity drilldown's does).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      data-slot="actor-drilldown"
      className={clsx('td-actors-drilldown', className)}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        // Keys from portalled content (the Block dialog) bubble through React: Escape there closes only the dialog.
        const inside = event.target instanceof Node && event.currentTarget.contains(event.target);
        if (inside && !event.defaultPrevented && event.key === 'Escape' && onClose) {
          event.preventDefault();
          onClose();
        }
      }}
      {...rest}
    >
      <header className="td-actors-drilldown-header" data-slot="actor-drilldown-header">
        <h2 id={`${id}-title`} className="td-actors-drilldown-title">
          {t('actors.drilldown.label', { ip })}
        </h2>
        <div className="td-actors-drilldown-actions" data-slot="actor-drilldown-actions">
          {newest ? (
            // Keyed by the activity: a new newest activity (or the first load) starts the button afresh.
            <BlockIpButton key={newest.id} activity={newest} {...(ownAddresses ? { ownAddresses } : {})} />
          ) : null}
          {onClose ? (
            <button type="button" className="td-button" data-slot="actor-drilldown-close" aria-keyshortcuts="Escape" onClick={onClose}>
              {t('actors.drilldown.close')}
            </button>
          ) : null}
        </div>
      </header>
      {actor ? <ActorFacts actor={actor} /> : null}
      <div ref={chartRef} className="td-actors-timeline" data-slot="actor-timeline">
        {timeline.status === 'pending' ? <p role="status">{t('actors.drilldown.timelineLoading')}</p> : null}
        {timeline.status === 'error' && timeline.error ? (
          <ErrorNotice error={timeline.error} title={t('actors.drilldown.timelineError')} onRetry={timeline.refetch} />
        ) : null}
        {timeline.data && timeline.data.totals.activities > 0 ? (
          <OverviewSeriesChart
            series={timeline.data}
            measure="attempts"
            width={width}
            height={150}
            title={t('actors.drilldown.timeline')}
            stackAttr={stackAttr}
            onRangeSelect={(range) => onQueryChange?.({ ...query, time: range })}
          />
        ) : null}
      </div>
      <h3 id={`${id}-activities`} className="td-actors-drilldown-subtitle">
        {t('actors.drilldown.activities')}
      </h3>
      <ActorActivities list={list} titleId={`${id}-activities`} onActivityOpen={onActivityOpen} />
    </section>
  );
});

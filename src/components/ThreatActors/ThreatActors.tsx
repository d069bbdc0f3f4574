/**
 * ThreatActors: the list's query pivoted by actor — one row per actor IP with
 * its activities, endpoints hit, subcategories, first / last seen, country,
 * attempts, highest severity and block state; sortable on ACTOR_SORT_FIELDS,
 * windowed like the activity list, keyboard-driven (arrows, Home / End,
 * Enter opens). The query is shared with FilterBar and ThreatActivityList
 * (`query / onQueryChange`); the open actor (`openActorIp`) shows in an
 * ActorDrilldown beside the grid. Data comes from `useThreatActors` (the
 * backend's `actors`, else a grouping of the newest list pages, said so).
 */
import { clsx } from 'clsx';
import { forwardRef, useCallback, useEffect, useId, useRef, type HTMLAttributes } from 'react';
import { DEFAULT_ACTOR_SORT, type ActorSort } from '../../core/actors';
import { defaultQuery as createDefaultQuery, type ActivityQuery } from '../../core/query';
import { useControllableState } from '../../hooks/useControllableState';
import { useThreatActors } from '../../hooks/useThreatActors';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ActivityListEmpty } from '../ThreatActivityList/ActivityListEmpty';
import { ErrorNotice } from '../shared/ErrorNotice';
import { ActorDrilldown } from './ActorDrilldown';
import { ActorGrid } from './ActorGrid';

export interface ThreatActorsProps extends Omit<HTMLAttributes<HTMLElement>, 'defaultValue'> {
  /** The query (status, search, filters, time) shared with FilterBar and the list. */
  query?: ActivityQuery;
  defaultQuery?: ActivityQuery;
  onQueryChange?: (query: ActivityQuery) => void;
  /** The actor order (a field of ACTOR_SORT_FIELDS). Default: last seen, newest first. */
  sort?: ActorSort;
  defaultSort?: ActorSort;
  onSortChange?: (sort: ActorSort) => void;
  /** The actor open in the drilldown (`null` for none). */
  openActorIp?: string | null;
  defaultOpenActorIp?: string | null;
  onOpenActorIpChange?: (ip: string | null) => void;
  /** Asks the host to open one of the open actor's activities (ThreatActivityView: in the activity drilldown). */
  onActivityOpen?: (id: string) => void;
  /** The host's own addresses (NAT egress, analyst IP): blocking them asks twice. */
  ownAddresses?: string[];
  /** Actors per page. Default 100. */
  pageSize?: number;
  /** Row height in px (fixed: rows are windowed). Default 40. */
  rowHeight?: number;
  /** Rows rendered beyond the viewport on each side. Default 8. */
  overscan?: number;
}

export const ThreatActors = forwardRef<HTMLElement, ThreatActorsProps>(function ThreatActors(
  {
    query: queryProp,
    defaultQuery,
    onQueryChange,
    sort: sortProp,
    defaultSort = DEFAULT_ACTOR_SORT,
    onSortChange,
    openActorIp,
    defaultOpenActorIp = null,
    onOpenActorIpChange,
    onActivityOpen,
    ownAddresses,
    pageSize,
    rowHeight = 40,
    overscan = 8,
    className,
    ...rest
  },
  ref,
) {
  const { t, format } = useThreatDeck();
  const id = useId();
  const [query, setQuery] = useControllableState<ActivityQuery>({
    value: queryProp,
    defaultValue: () => defaultQuery ?? createDefaultQuery(),
    onValueChange: onQueryChange,
    name: 'ThreatActors.query',
  });
  const [sort, setSort] = useControllableState<ActorSort>({ value: sortProp, defaultValue: defaultSort, onValueChange: onSortChange, name: 'ThreatActors.sort' });
  const [openIp, setOpenIp] = useControllableState<string | null>({
    value: openActorIp,
    defaultValue: defaultOpenActorIp,
    onValueChange: onOpenActorIpChange,
    name: 'ThreatActors.openActorIp',
  });
  const actors = useThreatActors(query, { sort, ...(pageSize !== undefined ? { pageSize } : {}) });
  const gridWrapRef = useRef<HTMLDivElement>(null);
  const drilldownRef = useRef<HTMLElement>(null);
  // Focus follows the analyst's own open / close, not a host setting the prop.
  const focusNext = useRef<'drilldown' | 'grid' | null>(null);

  const open = useCallback(
    (ip: string) => {
      focusNext.current = 'drilldown';
      setOpenIp(ip);
    },
    [setOpenIp],
  );
  const close = () => {
    focusNext.current = 'grid';
    setOpenIp(null);
  };
  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'drilldown') drilldownRef.current?.focus();
    else if (target === 'grid') gridWrapRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }, [openIp]);

  const { fetchNextPage } = actors;
  const canLoadMore = actors.hasNextPage && !actors.isFetchingNextPage && !actors.isPlaceholder;
  const onLoadMore = useCallback(() => fetchNextPage(), [fetchNextPage]);
  const status = actors.status === 'pending' ? 'pending' : actors.status === 'error' ? 'error' : actors.actors.length === 0 ? 'empty' : 'success';
  const openActor = openIp ? actors.actors.find((a) => a.ip === openIp) : undefined;

  const body = () => {
    if (status === 'pending') {
      return (
        <p role="status" data-slot="actors-loading" className="td-actors-loading">
          {t('actors.loading')}
        </p>
      );
    }
    if (status === 'error' && actors.error) return <ErrorNotice error={actors.error} title={t('actors.error.title')} onRetry={actors.refetch} />;
    if (status === 'empty') return <ActivityListEmpty query={query} onQueryChange={setQuery} />;
    return (
      <ActorGrid
        actors={actors.actors}
        total={actors.total ?? actors.actors.length}
        sort={sort}
        onSortChange={setSort}
        openIp={openIp}
        onOpen={open}
        busy={actors.isPlaceholder}
        canLoadMore={canLoadMore}
        onLoadMore={onLoadMore}
        rowHeight={rowHeight}
        overscan={overscan}
        label={t('actors.gridLabel')}
      />
    );
  };

  return (
    <section
      ref={ref}
      aria-labelledby={`${id}-title`}
      data-slot="threat-actors"
      data-status={status}
      data-state={openIp ? 'open' : 'closed'}
      className={clsx('td-actors', className)}
      {...rest}
    >
      <header className="td-actors-header" data-slot="actors-header">
        <h2 id={`${id}-title`} className="td-actors-title">
          {t('actors.label')}
        </h2>
        {actors.total !== undefined ? (
          <span className="td-list-total" data-slot="actors-total">
            {t('actors.total', { count: actors.total })}
          </span>
        ) : null}
      </header>
      {actors.partial ? (
        <p className="td-actors-partial" data-slot="actors-partial">
          {t('actors.partial', { count: format.number(actors.partial.activities), total: format.number(actors.partial.of) })}
        </p>
      ) : null}
      <div className="td-actors-layout" data-state={openIp ? 'open' : 'closed'}>
        <div ref={gridWrapRef} className="td-actors-main" data-slot="actors-main">
          {body()}
          {actors.isFetchingNextPage ? (
            <p role="status" data-slot="loading-more" className="td-list-more">
              {t('actors.loadingMore')}
            </p>
          ) : null}
        </div>
        {openIp ? (
          <ActorDrilldown
            key={openIp}
            ref={drilldownRef}
            ip={openIp}
            query={query}
            onQueryChange={setQuery}
            actor={openActor}
            onClose={close}
            {...(onActivityOpen ? { onActivityOpen } : {})}
            {...(ownAddresses ? { ownAddresses } : {})}
          />
        ) : null}
      </div>
    </section>
  );
});

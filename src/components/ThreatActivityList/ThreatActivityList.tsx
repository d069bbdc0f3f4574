/**
 * ThreatActivityList: status tabs with counts, a virtualised, keyboard-driven
 * grid of activities, selection with bulk status changes (by ids or by query),
 * live "N new" banner, and CSV export of the whole query. Data comes only
 * from the adapter, through hooks.
 */
import * as Tabs from '@radix-ui/react-tabs';
import { clsx } from 'clsx';
import { forwardRef, useCallback, useEffect, useId, useMemo, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import type { StatusCounts } from '../../core/adapter';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../../core/model';
import { defaultQuery as createDefaultQuery, queryKey, type ActivityQuery, type ActivitySort } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { CountText } from '../shared/CountText';
import { useCapabilities } from '../../hooks/useCapabilities';
import { useActivityList } from '../../hooks/useActivityList';
import { useControllableState } from '../../hooks/useControllableState';
import { useLiveActivities } from '../../hooks/useLiveActivities';
import { isPlaceholderId, useOffsetRows } from '../../hooks/useOffsetRows';
import { EMPTY_SELECTION, type ActivitySelection } from '../../core/activitySelection';
import { ErrorNotice } from '../shared/ErrorNotice';
import { ActivityGrid, type ActivityGridHandle } from './ActivityGrid';
import { ActivityListEmpty } from './ActivityListEmpty';
import type { ActivityColumnId } from './activityColumns';
import { ExportCsvButton } from './ExportCsvButton';
import { LiveBanner } from './LiveBanner';
import { RelativeTimeScope } from './RelativeTime';
import { SelectionToolbar, type BulkActionContext } from './SelectionToolbar';

export interface ThreatActivityListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'defaultValue' | 'onChange'> {
  /** The query (status, search, filters, time, sort); controlled. */
  query?: ActivityQuery;
  /** Initial query when uncontrolled. */
  defaultQuery?: ActivityQuery;
  onQueryChange?: (query: ActivityQuery) => void;
  /** The activity whose drilldown is open (`null` for none), when controlled; its row is marked `aria-current`. */
  openActivityId?: string | null;
  /** The open activity when uncontrolled. */
  defaultOpenActivityId?: string | null;
  /** A row was activated (click, Enter): open its drilldown. Rows are activatable when this or an open activity is given. */
  onOpenActivityChange?: (id: string | null) => void;
  /** The selected rows (ids, or "all that match" but some), when controlled. A new query starts with none: the list asks for `EMPTY_SELECTION` then. */
  selection?: ActivitySelection;
  /** The selection when uncontrolled (none by default). */
  defaultSelection?: ActivitySelection;
  /** Called on every change of selection, controlled or not. */
  onSelectionChange?: (selection: ActivitySelection) => void;
  /** Hide columns (`{ host: false }`); the selection column always shows. */
  columnVisibility?: Partial<Record<ActivityColumnId, boolean>>;
  /** Column order by id; unlisted columns follow. */
  columnOrder?: ActivityColumnId[];
  /** Extra actions in the selection toolbar. */
  renderBulkActions?: (context: BulkActionContext) => ReactNode;
  /** Receives the exported CSV instead of the default browser download. */
  onExportCsv?: (csv: string, filename: string) => void;
  /** SLA for the time an activity waits in triage (ms); the "In triage" column marks ages past it. */
  triageSlaMs?: number;
  /** Rows per adapter page (default 100). */
  pageSize?: number;
  /** Row height in px (rows are fixed-height for smooth virtualisation; default 40). */
  rowHeight?: number;
  /** Rows rendered beyond the viewport on each side (default 8). */
  overscan?: number;
}

export const ThreatActivityList = forwardRef<HTMLDivElement, ThreatActivityListProps>(function ThreatActivityList(
  {
    query: queryProp,
    defaultQuery,
    onQueryChange,
    openActivityId: openActivityProp,
    defaultOpenActivityId,
    onOpenActivityChange,
    selection: selectionProp,
    defaultSelection = EMPTY_SELECTION,
    onSelectionChange,
    columnVisibility,
    columnOrder,
    renderBulkActions,
    onExportCsv,
    triageSlaMs,
    pageSize = 100,
    rowHeight = 40,
    overscan = 8,
    className,
    ...rest
  },
  ref,
) {
  const { t } = useThreatDeck();
  const capabilities = useCapabilities();
  const [query, setQuery] = useControllableState<ActivityQuery>({
    value: queryProp,
    defaultValue: () => defaultQuery ?? createDefaultQuery(),
    onValueChange: onQueryChange,
    name: 'ThreatActivityList.query',
  });
  const list = useActivityList(query, { pageSize });
  const live = useLiveActivities(query, { mergedThrough: list.requestSequence });
  const [openActivityId, setOpenActivityId] = useControllableState<string | null>({
    value: openActivityProp,
    defaultValue: defaultOpenActivityId ?? null,
    onValueChange: onOpenActivityChange,
    name: 'ThreatActivityList.openActivityId',
  });
  const activatable = onOpenActivityChange !== undefined || openActivityProp !== undefined || defaultOpenActivityId !== undefined;
  const [storedSelection, setSelection] = useControllableState<ActivitySelection>({
    value: selectionProp,
    defaultValue: defaultSelection,
    onValueChange: onSelectionChange,
    name: 'ThreatActivityList.selection',
  });
  // A bulk action never applies to rows the analyst can no longer see: a new query starts with none selected.
  const scope = queryKey(query);
  const [selectionScope, setSelectionScope] = useState(scope);
  const selection = selectionScope === scope ? storedSelection : EMPTY_SELECTION;
  useEffect(() => {
    if (selectionScope === scope) return;
    setSelectionScope(scope);
    setSelection(EMPTY_SELECTION);
  }, [scope, selectionScope, setSelection]);
  const updateRawSelection = useCallback(
    (update: (prev: ActivitySelection) => ActivitySelection) => setSelection((prev) => update(selectionScope === scope ? prev : EMPTY_SELECTION)),
    [setSelection, selectionScope, scope],
  );
  // Offset reads: the grid holds a position for every matching activity, loaded or not.
  const offsetPaging = capabilities.offsetPaging;
  const offsetRows = useOffsetRows(query, {
    pageSize,
    total: list.total,
    prefix: list.rows,
    enabled: offsetPaging && list.status === 'success' && !list.isPlaceholder,
  });
  // Placeholder rows are never selected (a range or "all loaded" over them skips them).
  const updateSelection = useCallback(
    (update: (prev: ActivitySelection) => ActivitySelection) => updateRawSelection((prev) => withoutPlaceholders(update(prev))),
    [updateRawSelection],
  );
  const openActivity = useCallback((id: string) => (isPlaceholderId(id) ? undefined : setOpenActivityId(id)), [setOpenActivityId]);
  const gridRef = useRef<ActivityGridHandle>(null);
  // Only Active activities wait in triage: on the other tabs the column would be empty.
  const gridVisibility = useMemo(
    () => (query.status === 'active' ? columnVisibility : { ...columnVisibility, inTriage: false }),
    [query.status, columnVisibility],
  );
  const helpId = useId();

  const setStatus = (status: string) => setQuery((q) => ({ ...q, status: status as ActivityStatus }));
  const setSort = useCallback((sort: ActivitySort) => setQuery((q) => ({ ...q, sort })), [setQuery]);
  const { hasNextPage, isFetchingNextPage, nextPageError, fetchNextPage } = list;
  const canLoadMore = !offsetPaging && hasNextPage && !isFetchingNextPage && !nextPageError && !list.isPlaceholder;
  const loadMore = useCallback(() => fetchNextPage(), [fetchNextPage]);

  const mergeLive = async () => {
    await live.merge();
    gridRef.current?.scrollToTop();
  };

  // Tab counts follow live traffic: arrivals the list has not merged yet are added on top.
  const counts = list.isPlaceholder || !list.counts ? undefined : addCounts(list.counts, live.countDelta);
  const listStatus = list.status === 'pending' ? 'loading' : list.error ? 'error' : list.rows.length === 0 ? 'empty' : nextPageError ? 'partial' : 'ready';

  const body = () => {
    if (listStatus === 'loading') {
      return (
        <div data-slot="list-skeleton" className="td-list-skeleton" aria-busy="true">
          <span role="status" className="td-visually-hidden">
            {t('common.loading')}
          </span>
          {Array.from({ length: 8 }, (_, i) => (
            <span key={i} aria-hidden="true" className="td-skeleton" />
          ))}
        </div>
      );
    }
    if (listStatus === 'error' && list.error) {
      return <ErrorNotice error={list.error} title={t('list.error.title')} onRetry={list.refetch} />;
    }
    if (listStatus === 'empty') return <ActivityListEmpty query={query} onQueryChange={setQuery} />;
    return (
      <>
        <p id={helpId} className="td-visually-hidden">
          {t('list.keyboardHelp')}
        </p>
        <ActivityGrid
          ref={gridRef}
          rows={offsetPaging ? offsetRows.rows : list.rows}
          indexOf={offsetPaging && offsetRows.rows !== list.rows ? offsetRows.indexOf : list.indexOf}
          total={list.total}
          sort={query.sort}
          onSortChange={setSort}
          sortableFields={capabilities.sortableFields}
          columnVisibility={gridVisibility}
          triageSlaMs={triageSlaMs}
          columnOrder={columnOrder}
          selection={selection}
          onSelectionChange={updateSelection}
          activeActivityId={openActivityId}
          onActivityOpen={activatable ? openActivity : undefined}
          busy={list.isPlaceholder}
          canLoadMore={canLoadMore}
          onLoadMore={loadMore}
          onRangeChange={offsetPaging ? offsetRows.onRangeChange : undefined}
          rowHeight={rowHeight}
          overscan={overscan}
          label={t('list.label')}
          describedBy={helpId}
        />
        {isFetchingNextPage ? (
          <p role="status" data-slot="loading-more" className="td-list-more">
            {t('list.loadingMore')}
          </p>
        ) : null}
        {nextPageError ? (
          <ErrorNotice data-slot="partial-error" error={nextPageError} title={t('list.partial.title')} onRetry={fetchNextPage} />
        ) : null}
      </>
    );
  };

  return (
    <div ref={ref} data-slot="activity-list" data-status={listStatus} className={clsx('td-list', className)} {...rest}>
      <RelativeTimeScope>
        <Tabs.Root value={query.status} onValueChange={setStatus} activationMode="automatic">
          <div data-slot="list-header" className="td-list-header">
            <Tabs.List aria-label={t('list.tabs.label')} data-slot="status-tabs" className="td-list-tabs">
              {ACTIVITY_STATUSES.map((status) => {
                const count = counts?.[status];
                return (
                  <Tabs.Trigger key={status} value={status} data-slot="status-tab" className="td-list-tab">
                    <span>{t(`status.${status}`)}</span>{' '}
                    <span data-slot="status-count" data-estimate={count !== undefined && list.totalIsEstimate ? '' : undefined} className="td-list-count">
                      {count === undefined
                        ? t('list.tabs.countPending')
                        : <CountText count={count} estimated={list.totalIsEstimate} />}
                    </span>
                  </Tabs.Trigger>
                );
              })}
            </Tabs.List>
            <span data-slot="list-total" className="td-list-total">
              {list.status === 'success'
                ? t(list.totalIsEstimate ? 'list.totalEstimate' : 'list.total', { count: list.total })
                : null}
            </span>
            <ExportCsvButton query={query} onExport={onExportCsv} />
          </div>
          {live.available ? <LiveBanner newCount={live.newCount} onMerge={() => void mergeLive()} /> : null}
          <SelectionToolbar
            query={query}
            selection={selection}
            total={list.total}
            loadedCount={list.rows.length}
            asOf={list.isPlaceholder ? undefined : list.asOf}
            onSelectionChange={updateSelection}
            renderBulkActions={renderBulkActions}
          />
          {ACTIVITY_STATUSES.map((status) => (
            <Tabs.Content key={status} value={status} tabIndex={-1} data-slot="status-panel" className="td-list-panel">
              {status === query.status ? body() : null}
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </RelativeTimeScope>
    </div>
  );
});

function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  return { active: a.active + b.active, under_review: a.under_review + b.under_review, ignored: a.ignored + b.ignored };
}

function withoutPlaceholders(selection: ActivitySelection): ActivitySelection {
  const set = selection.kind === 'ids' ? selection.ids : selection.excluded;
  let found = false;
  for (const id of set) if (isPlaceholderId(id)) found = true;
  if (!found) return selection;
  const clean = new Set([...set].filter((id) => !isPlaceholderId(id)));
  return selection.kind === 'ids' ? { ...selection, ids: clean } : { ...selection, excluded: clean };
}

import type { ReactNode } from 'react';
import { selectAllMatching, selectedCount, type ActivitySelection } from '../../core/activitySelection';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../../core/model';
import type { ActivityQuery } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useBulkStatus, type BulkTarget } from '../../hooks/useBulkStatus';
import { ErrorNotice } from '../shared/ErrorNotice';

export interface BulkActionContext {
  /** What is selected, as the adapter takes it: ids, or a query with exclusions. */
  target: BulkTarget;
  count: number;
  clearSelection: () => void;
}

export interface SelectionToolbarProps {
  query: ActivityQuery;
  selection: ActivitySelection;
  total: number;
  loadedCount: number;
  onSelectionChange: (update: (prev: ActivitySelection) => ActivitySelection) => void;
  renderBulkActions?: ((context: BulkActionContext) => ReactNode) | undefined;
}

export function selectionTarget(selection: ActivitySelection, query: ActivityQuery): BulkTarget {
  return selection.kind === 'ids'
    ? { kind: 'ids', ids: [...selection.ids] }
    : { kind: 'query', query, excludeIds: [...selection.excluded] };
}

/** Selection count, "select all N that match", status actions and the host's own actions. */
export function SelectionToolbar({ query, selection, total, loadedCount, onSelectionChange, renderBulkActions }: SelectionToolbarProps) {
  const { t, adapter } = useThreatDeck();
  const bulk = useBulkStatus();
  const count = selectedCount(selection, total);
  const byQuery = adapter.capabilities.bulkByQuery && typeof adapter.setStatusByQuery === 'function';
  const clearSelection = () => onSelectionChange(() => ({ kind: 'ids', ids: new Set(), anchor: null }));
  const target = selectionTarget(selection, query);
  const targets = ACTIVITY_STATUSES.filter((s) => s !== query.status);

  const move = async (status: ActivityStatus) => {
    try {
      await bulk.run({ target, status });
      clearSelection();
    } catch {
      // The error is shown below; the selection stays so the user can retry.
    }
  };

  const result =
    bulk.status === 'success' && bulk.affected !== null && bulk.lastInput ? (
      <p role="status" data-slot="bulk-result" className="td-alert" data-tone="success">
        {t('list.bulk.done', { count: bulk.affected, status: t(`status.${bulk.lastInput.status}`) })}
      </p>
    ) : (
      <p role="status" className="td-visually-hidden" />
    );

  if (count === 0) return result;

  const allLoaded = selection.kind === 'ids' && count >= loadedCount && loadedCount > 0;
  return (
    <>
      <div role="toolbar" aria-label={t('list.bulk.label')} data-slot="selection-toolbar" data-state={selection.kind} className="td-list-selection">
        <span data-slot="selection-count">
          {selection.kind === 'query' && selection.excluded.size === 0
            ? t('list.selection.allMatching', { count })
            : t('list.selection.count', { count })}
        </span>
        {byQuery && allLoaded && total > loadedCount ? (
          <button type="button" className="td-button" data-variant="ghost" data-slot="select-all-matching" onClick={() => onSelectionChange(() => selectAllMatching())}>
            {t('list.selection.selectAllMatching', { count: total })}
          </button>
        ) : null}
        {selection.kind === 'query' && !byQuery ? null : (
          <span data-slot="bulk-actions" className="td-list-bulk">
            {targets.map((status) => (
              <button
                key={status}
                type="button"
                className="td-button"
                data-slot="bulk-action"
                data-status={status}
                disabled={bulk.status === 'pending'}
                onClick={() => void move(status)}
              >
                {t(`list.bulk.${status}`)}
              </button>
            ))}
          </span>
        )}
        {renderBulkActions?.({ target, count, clearSelection })}
        <button type="button" className="td-button" data-variant="ghost" data-slot="clear-selection" onClick={clearSelection}>
          {t('list.selection.clear')}
        </button>
      </div>
      {bulk.error ? <ErrorNotice error={bulk.error} title={t('list.bulk.failed')} /> : null}
      {result}
    </>
  );
}

import { useState, type ReactNode } from 'react';
import { selectAllMatching, selectedCount, selectionTarget, type ActivitySelection, type ActivityTarget } from '../../core/activitySelection';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../../core/model';
import type { ActivityQuery } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useStatusChange, useTargetBusy, type WriteMode } from '../../hooks/useStatusChange';
import { WriteNotice } from '../EventActions/ActionDialog';
import { ActionButton } from '../EventActions/ActionButton';
import { ConfirmByQueryDialog, useQueryConfirmation } from '../EventActions/ConfirmByQueryDialog';
import { BulkCaseActions } from './BulkCaseActions';

export interface BulkActionContext {
  /** What is selected, as the adapter takes it: ids, or a query with exclusions and the list's `asOf`. */
  target: ActivityTarget;
  count: number;
  clearSelection: () => void;
}

export interface SelectionToolbarProps {
  query: ActivityQuery;
  selection: ActivitySelection;
  total: number;
  loadedCount: number;
  /** The list's bound (`ActivityPage.asOf`): a write by query leaves later arrivals alone. */
  asOf?: string | undefined;
  /** Default `optimistic`. */
  mode?: WriteMode;
  onSelectionChange: (update: (prev: ActivitySelection) => ActivitySelection) => void;
  renderBulkActions?: ((context: BulkActionContext) => ReactNode) | undefined;
}

/**
 * Selection count, "select all N that match", status actions and the host's
 * own actions. A write by query is first dry-run: the confirmation shows the
 * server-confirmed count of what will change, bounded by what the list
 * showed (`asOf`), before anything changes.
 */
export function SelectionToolbar({ query, selection, total, loadedCount, asOf, mode, onSelectionChange, renderBulkActions }: SelectionToolbarProps) {
  const { t } = useThreatDeck();
  const [done, setDone] = useState<{ count: number; status: ActivityStatus } | null>(null);
  const [caseDone, setCaseDone] = useState<string | null>(null);
  const clearSelection = () => onSelectionChange(() => ({ kind: 'ids', ids: new Set(), anchor: null }));
  const change = useStatusChange({
    ...(mode ? { mode } : {}),
    onSuccess: (result, variables) => {
      setDone({ count: result.affected, status: variables.status });
      confirmation.close();
      clearSelection();
    },
  });
  const confirmation = useQueryConfirmation(change);
  const count = selectedCount(selection, total);
  const byQuery = change.canChangeByQuery;
  const target = selectionTarget(selection, query, asOf);
  const busy = useTargetBusy(count > 0 ? target : null);
  const writing = change.status === 'pending' || change.status === 'checking';
  const statuses = ACTIVITY_STATUSES.filter((s) => s !== query.status);

  const move = (status: ActivityStatus) => {
    setDone(null);
    setCaseDone(null);
    return confirmation.request(target, status);
  };

  const result = done || caseDone ? (
    <p role="status" data-slot="bulk-result" className="td-alert" data-tone="success">
      {caseDone ?? (done ? t('list.bulk.done', { count: done.count, status: t(`status.${done.status}`) }) : null)}
    </p>
  ) : (
    <p role="status" className="td-visually-hidden" />
  );

  const notice = (
    <WriteNotice status={change.status} error={change.error} failed="list.bulk.failed" unknown="list.bulk.unknown" checking="list.bulk.checking" slot="bulk-error" />
  );

  const allLoaded = selection.kind === 'ids' && count >= loadedCount && loadedCount > 0;
  return (
    <>
      {count > 0 ? (
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
              {statuses.map((status) => (
                <ActionButton key={status} data-slot="bulk-action" data-status={status} pending={busy || writing} onClick={() => void move(status)}>
                  {t(`list.bulk.${status}`)}
                </ActionButton>
              ))}
            </span>
          )}
          <BulkCaseActions
            target={target}
            count={count}
            pending={busy || writing}
            onDone={(message) => {
              setDone(null);
              setCaseDone(message);
              clearSelection();
            }}
          />
          {renderBulkActions?.({ target, count, clearSelection })}
          <button type="button" className="td-button" data-variant="ghost" data-slot="clear-selection" onClick={clearSelection}>
            {t('list.selection.clear')}
          </button>
        </div>
      ) : null}
      {confirmation.confirm ? null : notice}
      {result}
      <ConfirmByQueryDialog confirmation={confirmation} busy={writing} notice={notice} />
    </>
  );
}

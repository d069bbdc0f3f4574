import type { ReactNode } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { StatusChangeState } from '../../hooks/useStatusChange';
import { ActionMessage, useInActionBar } from './ActionBar';

export interface EventActionsMessageProps {
  change: StatusChangeState;
  /** The last success message, shown while nothing newer is pending or failed. */
  message: string | null;
  /** The write's error notice; left out while a dialog shows it instead. */
  notice: ReactNode;
  /** A dialog (Reactivate, confirm by query) holds the notice and its retry. */
  inDialog: boolean;
  onRetry: () => void;
}

/**
 * What EventActions says about its last write: undo while it is scheduled, the
 * success message, the error notice and Retry when the outcome is unknown.
 * Inside an ActionBar it goes to the bar's one status region (already live),
 * never among the buttons.
 */
export function EventActionsMessage({ change, message, notice, inDialog, onRetry }: EventActionsMessageProps) {
  const { t } = useThreatDeck();
  const inBar = useInActionBar();
  const statusRole = inBar ? undefined : 'status';
  const writing = change.status === 'pending' || change.status === 'checking';
  return (
    <ActionMessage>
      <div data-slot="event-actions-message" aria-live={inBar ? undefined : 'polite'}>
        {change.canUndo ? (
          <p role={statusRole} className="td-alert" data-tone="info" data-slot="event-actions-scheduled">
            {t('actions.scheduled')}{' '}
            <button type="button" className="td-button" data-slot="undo" onClick={() => change.undo()}>
              {t('common.undo')}
            </button>
          </p>
        ) : message && change.status !== 'error' && change.status !== 'unknown' && !writing ? (
          <p role={statusRole} className="td-alert" data-tone="success" data-slot="event-actions-done">
            {message}
          </p>
        ) : null}
      </div>
      {inDialog ? null : notice}
      {!inDialog && change.status === 'unknown' && change.variables ? (
        <button type="button" className="td-button" data-slot="retry" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </ActionMessage>
  );
}

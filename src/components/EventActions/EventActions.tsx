import { clsx } from 'clsx';
import { forwardRef, useLayoutEffect, useRef, useState, type HTMLAttributes } from 'react';
import type { AdapterError } from '../../core/errors';
import type { Activity, ActivityStatus, SuppressionRule } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { isQueryTarget, useStatusChange, type ActivityTarget } from '../../hooks/useStatusChange';
import { ActionButton } from './ActionButton';
import { IgnoreDialog } from './IgnoreDialog';

export interface StatusChange {
  target: ActivityTarget;
  from: ActivityStatus;
  status: ActivityStatus;
  /** How many activities the backend says it changed. */
  affected: number;
  /** The suppression rule an Ignore created, when the backend supports rules. */
  rule?: SuppressionRule;
}

export interface EventActionsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** The activity to act on (its status decides which actions show). */
  activity?: Activity;
  /** A selection from the list instead: ids, or every activity matching a query except `excludeIds`. */
  target?: ActivityTarget;
  /** Status of the selected activities; defaults to the query's status for a query target. */
  status?: ActivityStatus;
  /** How many activities the selection holds (for labels and messages). */
  count?: number;
  onStatusChanged?: (change: StatusChange) => void;
  onError?: (error: AdapterError) => void;
  /** Opens the Ignore dialog on mount (single activity only). */
  defaultIgnoreOpen?: boolean;
}

type Action = 'under_review' | 'ignored' | 'active';
const ACTIONS_FOR: Record<ActivityStatus, Action[]> = {
  active: ['under_review', 'ignored'],
  under_review: ['ignored', 'active'],
  ignored: ['active'],
};
const LABEL = { under_review: 'actions.markForReview', ignored: 'actions.ignore', active: 'actions.reactivate' } as const;

/**
 * Mark for Review, Ignore and Reactivate for one activity or a selection.
 * Ignore on a single activity opens a dialog that states the suppression rule
 * before it is created; on a selection it is a plain status change.
 */
export const EventActions = forwardRef<HTMLDivElement, EventActionsProps>(function EventActions(
  { activity, target: givenTarget, status: givenStatus, count: givenCount, onStatusChanged, onError, defaultIgnoreOpen = false, className, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  const groupRef = useRef<HTMLDivElement | null>(null);
  const target: ActivityTarget | null = givenTarget ?? (activity ? { ids: [activity.id] } : null);
  const baseStatus: ActivityStatus = givenStatus ?? activity?.status ?? (givenTarget && isQueryTarget(givenTarget) ? givenTarget.query.status : 'active');
  const count = givenCount ?? (target && !isQueryTarget(target) ? target.ids.length : 1);
  const single = !givenTarget && !!activity;

  // The status the user just chose, shown until the host passes the new one (or the write fails).
  const [override, setOverride] = useState<{ from: ActivityStatus; to: ActivityStatus } | null>(null);
  const shownStatus = override && override.from === baseStatus ? override.to : baseStatus;
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const refocus = useRef(false);

  const change = useStatusChange({
    onSuccess: (result, variables) => {
      setMessage({ tone: 'success', text: t(`actions.done.${variables.status}`, { count: result.affected }) });
      onStatusChanged?.({ target: variables.target, from: baseStatus, status: variables.status, affected: result.affected });
    },
    onError: (error) => {
      setOverride(null);
      setMessage({ tone: 'error', text: `${t('actions.failed')} ${t(`error.${error.code}`)}` });
      onError?.(error);
    },
  });

  // The clicked button may disappear with the status change; keep focus in the group.
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const group = groupRef.current;
    if (group && !group.contains(document.activeElement)) group.querySelector<HTMLButtonElement>('button')?.focus();
  }, [shownStatus]);

  const run = (status: Action) => {
    if (!target) return;
    setMessage(null);
    refocus.current = true;
    setOverride({ from: baseStatus, to: status });
    void change.changeStatus(target, status);
  };

  const byQueryUnavailable = target && isQueryTarget(target) && !change.canChangeByQuery ? t('actions.unavailable.byQuery') : null;
  const pending = change.status === 'pending';

  return (
    <div
      ref={(node) => {
        groupRef.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      role="group"
      aria-label={single ? t('actions.group') : t('actions.groupSelection', { count })}
      data-slot="event-actions"
      data-status={change.status}
      data-activity-status={shownStatus}
      className={clsx('td-event-actions', className)}
      {...rest}
    >
      <div data-slot="event-actions-buttons" className="td-event-actions__buttons">
        {ACTIONS_FOR[shownStatus].map((action) =>
          action === 'ignored' && single && activity ? (
            <IgnoreDialog
              key={action}
              activity={activity}
              defaultOpen={defaultIgnoreOpen}
              disabled={pending}
              onIgnored={(outcome) => {
                refocus.current = true;
                setOverride({ from: baseStatus, to: 'ignored' });
                setMessage({ tone: 'success', text: t('ignore.done') });
                onStatusChanged?.({
                  target: { ids: [activity.id] },
                  from: baseStatus,
                  status: 'ignored',
                  affected: outcome.affected,
                  ...(outcome.rule ? { rule: outcome.rule } : {}),
                });
              }}
              {...(onError ? { onError } : {})}
            />
          ) : (
            <ActionButton
              key={action}
              data-slot={`action-${action}`}
              pending={pending}
              unavailableReason={byQueryUnavailable}
              onClick={() => run(action)}
            >
              {t(LABEL[action])}
            </ActionButton>
          ),
        )}
      </div>
      <div data-slot="event-actions-message" aria-live="polite">
        {message?.tone === 'success' ? (
          <p role="status" className="td-alert" data-tone="success">
            {message.text}
          </p>
        ) : null}
      </div>
      {message?.tone === 'error' ? (
        <p role="alert" className="td-alert" data-tone="error" data-slot="event-actions-error" data-code={change.error?.code}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
});

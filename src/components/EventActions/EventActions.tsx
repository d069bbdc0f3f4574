import { clsx } from 'clsx';
import { forwardRef, useLayoutEffect, useRef, useState, type HTMLAttributes } from 'react';
import { isQueryTarget, type ActivityTarget } from '../../core/activitySelection';
import type { AdapterError } from '../../core/errors';
import type { Activity, ActivityStatus, SuppressionRule } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useControllableState } from '../../hooks/useControllableState';
import type { WriteOutcome } from '../../hooks/useGuardedMutation';
import { useStatusChange, useTargetBusy, type WriteMode } from '../../hooks/useStatusChange';
import { ActionButton } from './ActionButton';
import { WriteNotice } from './ActionDialog';
import { EventActionsMessage } from './EventActionsMessage';
import { ConfirmByQueryDialog, useQueryConfirmation } from './ConfirmByQueryDialog';
import { IgnoreDialog } from './IgnoreDialog';
import { ReactivateDialog } from './ReactivateDialog';
import { BarReasonPanel, BarReasonToggle, useBarReason } from './BarReason';
import { useDefaultStatusReasons, type StatusReasonChoice } from './StatusReasonFields';

export interface StatusChange {
  target: ActivityTarget;
  from: ActivityStatus;
  status: ActivityStatus;
  /** How many activities the backend says it changed. */
  affected: number;
  /** The suppression rule an Ignore created, when the backend supports rules. */
  rule?: SuppressionRule;
  /** Rules a Reactivate lifted (removed) in the same operation. */
  liftedRuleIds?: string[];
}

export interface EventActionsProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** The activity to act on (its status decides which actions show). */
  activity?: Activity;
  /** A selection from the list instead: ids, or every activity matching a query except `excludeIds` (as of `asOf`). */
  target?: ActivityTarget;
  /** Status of the selected activities; defaults to the query's status for a query target. */
  status?: ActivityStatus;
  /** How many activities the selection holds (for labels and messages). */
  count?: number;
  /** `optimistic` (default), `pessimistic`, or `undoable` (sent after a grace period unless undone). Ignore with a rule is always optimistic. */
  mode?: WriteMode;
  /** Grace period of `undoable` writes in ms. */
  graceMs?: number;
  onStatusChanged?: (change: StatusChange) => void;
  /** `outcome` is `unknown` when the backend may have applied the write. */
  onError?: (error: AdapterError, outcome: WriteOutcome) => void;
  /** Whether the Ignore dialog is open, when controlled (single activity only). */
  ignoreOpen?: boolean;
  /** Opens the Ignore dialog on mount when uncontrolled (single activity only). */
  defaultIgnoreOpen?: boolean;
  /** Called on every open and close of the Ignore dialog, controlled or not. */
  onIgnoreOpenChange?: (open: boolean) => void;
  /** Whether the Reactivate dialog (offered when a suppression rule ignored the activity) is open, when controlled. */
  reactivateOpen?: boolean;
  defaultReactivateOpen?: boolean;
  onReactivateOpenChange?: (open: boolean) => void;
  /** Reasons offered on Ignore and Mark for Review, kept with the change in the history (default: the catalog's). */
  statusReasons?: readonly StatusReasonChoice[];
  /** Ignore and Mark for Review only with a reason (a choice or text). Otherwise a reason is optional and Mark for Review stays one click. */
  requireReason?: boolean;
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
 * and its preview before it is created; on a selection it is a plain status
 * change. Reactivating an activity a rule ignored offers to lift the rule in
 * the same operation. Dialogs stay mounted while open, so an optimistic
 * status change (which swaps the buttons) never takes a pending dialog away.
 */
export const EventActions = forwardRef<HTMLDivElement, EventActionsProps>(function EventActions(
  {
    activity,
    target: givenTarget,
    status: givenStatus,
    count: givenCount,
    mode,
    graceMs,
    onStatusChanged,
    onError,
    ignoreOpen: ignoreOpenProp,
    defaultIgnoreOpen = false,
    onIgnoreOpenChange,
    reactivateOpen: reactivateOpenProp,
    defaultReactivateOpen = false,
    onReactivateOpenChange,
    statusReasons,
    requireReason = false,
    className,
    ...rest
  },
  ref,
) {
  const { t } = useThreatDeck();
  const defaultReasons = useDefaultStatusReasons();
  const reasonChoices = statusReasons ?? defaultReasons;
  const reason = useBarReason(requireReason);
  const groupRef = useRef<HTMLDivElement | null>(null);
  const ignoreTriggerRef = useRef<HTMLButtonElement | null>(null);
  const target: ActivityTarget | null = givenTarget ?? (activity ? { ids: [activity.id] } : null);
  const baseStatus: ActivityStatus = givenStatus ?? activity?.status ?? (givenTarget && isQueryTarget(givenTarget) ? givenTarget.query.status : 'active');
  const count = givenCount ?? (target && !isQueryTarget(target) ? target.ids.length : 1);
  const single = !givenTarget && !!activity;

  // The status the user just chose, shown until the host passes the new one (or the write fails).
  const [override, setOverride] = useState<{ from: ActivityStatus; to: ActivityStatus } | null>(null);
  const shownStatus = override && override.from === baseStatus ? override.to : baseStatus;
  const [message, setMessage] = useState<string | null>(null);
  const [ignoreOpen, setIgnoreOpen] = useControllableState({ value: ignoreOpenProp, defaultValue: defaultIgnoreOpen && single, onValueChange: onIgnoreOpenChange, name: 'EventActions.ignoreOpen' });
  const [reactivateOpen, setReactivateOpen] = useControllableState({ value: reactivateOpenProp, defaultValue: defaultReactivateOpen && single, onValueChange: onReactivateOpenChange, name: 'EventActions.reactivateOpen' });
  const refocus = useRef(false);

  const change = useStatusChange({
    ...(mode ? { mode } : {}),
    ...(graceMs !== undefined ? { graceMs } : {}),
    onSuccess: (result, variables) => {
      const lifted = result.liftedRuleIds ?? [];
      setMessage(variables.liftRules ? t('reactivate.done', { count: lifted.length }) : t(`actions.done.${variables.status}`, { count: result.affected }));
      setReactivateOpen(false);
      confirmation.close();
      if (variables.reason) reason.clear();
      onStatusChanged?.({
        target: variables.target,
        from: baseStatus,
        status: variables.status,
        affected: result.affected,
        ...(result.liftedRuleIds ? { liftedRuleIds: result.liftedRuleIds } : {}),
      });
    },
    onError: (error, _variables, outcome) => {
      setOverride(null);
      onError?.(error, outcome);
    },
    onUndo: () => {
      setOverride(null);
      setMessage(t('actions.undone'));
    },
  });
  const confirmation = useQueryConfirmation(change);
  const busy = useTargetBusy(target);
  const writing = change.status === 'pending' || change.status === 'checking';

  const focusGroup = () => {
    const trigger = ignoreTriggerRef.current;
    if (trigger?.isConnected) trigger.focus();
    else groupRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  };

  // The clicked button may disappear with the status change; keep focus in the group.
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const group = groupRef.current;
    if (group && !group.contains(document.activeElement)) group.querySelector<HTMLButtonElement>('button')?.focus();
  }, [shownStatus]);

  const run = (status: Action, liftRules = false) => {
    if (!target) return;
    const statusReason = status === 'active' ? undefined : reason.take();
    if (statusReason === false) return;
    setMessage(null);
    refocus.current = !reactivateOpen;
    if (isQueryTarget(target)) {
      // Dry run and confirmation first; the shown status follows the write, not the click.
      void confirmation.request(target, status, statusReason);
      return;
    }
    setOverride({ from: baseStatus, to: status });
    void change.changeStatus(target, status, { liftRules, ...(statusReason ? { reason: statusReason } : {}) });
  };
  // Changes made from the bar that can carry a reason (a single Ignore has its dialog).
  const reasonable = ACTIONS_FOR[shownStatus].some((a) => a === 'under_review' || (a === 'ignored' && !single));
  const showReason = reasonable && (reason.open || requireReason);

  const offersLift = single && !!activity?.suppressedBy && baseStatus === 'ignored';
  const byQueryUnavailable = target && isQueryTarget(target) && !change.canChangeByQuery ? t('actions.unavailable.byQuery') : null;
  const notice = (
    <WriteNotice
      status={change.status}
      retrySafe={change.retrySafe}
      error={change.error}
      failed="actions.failed"
      unknown="actions.unknown"
      checking="actions.checking"
      slot="event-actions-error"
    />
  );

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
          action === 'ignored' && single ? (
            <ActionButton
              key={action}
              ref={ignoreTriggerRef}
              data-slot="action-ignored"
              aria-haspopup="dialog"
              pending={busy || writing}
              onClick={() => setIgnoreOpen(true)}
            >
              {t('actions.ignore')}
            </ActionButton>
          ) : (
            <ActionButton
              key={action}
              data-slot={`action-${action}`}
              pending={busy || writing}
              unavailableReason={byQueryUnavailable}
              {...(action === 'active' && offersLift ? { 'aria-haspopup': 'dialog' as const } : {})}
              onClick={() => {
                if (action === 'active' && offersLift) {
                  change.reset();
                  setReactivateOpen(true);
                } else run(action);
              }}
            >
              {t(LABEL[action])}
            </ActionButton>
          ),
        )}
        {reasonable && !requireReason ? <BarReasonToggle reason={reason} /> : null}
      </div>
      <BarReasonPanel reason={reason} shown={showReason} choices={reasonChoices} required={requireReason} />
      {single && activity ? (
        <IgnoreDialog
          statusReasons={reasonChoices}
          requireReason={requireReason}
          activity={activity}
          open={ignoreOpen}
          onOpenChange={setIgnoreOpen}
          showTrigger={false}
          onRequestFocus={focusGroup}
          onIgnored={(outcome) => {
            setOverride({ from: baseStatus, to: 'ignored' });
            setMessage(t(outcome.rule ? 'ignore.done' : 'ignore.doneNoRule'));
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
      ) : null}
      {single ? (
        <ReactivateDialog
          open={reactivateOpen}
          onOpenChange={setReactivateOpen}
          busy={writing}
          onConfirm={(liftRules) => run('active', liftRules)}
          onRequestFocus={focusGroup}
          notice={reactivateOpen ? notice : null}
        />
      ) : null}
      {target && isQueryTarget(target) ? <ConfirmByQueryDialog confirmation={confirmation} busy={writing} notice={notice} /> : null}
      <EventActionsMessage
        change={change}
        message={message}
        notice={notice}
        inDialog={reactivateOpen || !!confirmation.confirm}
        onRetry={() => {
          const v = change.variables!;
          setOverride({ from: baseStatus, to: v.status as Action });
          void change.run(v);
        }}
      />
    </div>
  );
});

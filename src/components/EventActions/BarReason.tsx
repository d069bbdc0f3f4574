import { useId, useState } from 'react';
import type { StatusReason } from '../../core/cases';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { EMPTY_REASON, StatusReasonFields, toStatusReason, type StatusReasonChoice, type StatusReasonDraft } from './StatusReasonFields';

/**
 * The reason for the changes made in the action bar itself (Mark for Review;
 * Ignore on a selection). It sits behind a disclosure, so one click stays one
 * click, unless the host requires a reason.
 */
export function useBarReason(requireReason: boolean) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<StatusReasonDraft>(EMPTY_REASON);
  const [missing, setMissing] = useState(false);
  return {
    panelId,
    open,
    toggle: () => setOpen((o) => !o),
    draft,
    missing,
    change: (next: StatusReasonDraft) => {
      setDraft(next);
      if (toStatusReason(next)) setMissing(false);
    },
    /** The reason to send with the change, or `false` when one is required and missing (the panel opens and says so). */
    take: (): StatusReason | undefined | false => {
      const reason = toStatusReason(draft);
      if (requireReason && !reason) {
        setOpen(true);
        setMissing(true);
        return false;
      }
      setMissing(false);
      return reason;
    },
    /** After a change that carried the reason: empty and closed again. */
    clear: () => {
      setDraft(EMPTY_REASON);
      setOpen(false);
    },
  };
}

export type BarReason = ReturnType<typeof useBarReason>;

export function BarReasonToggle({ reason }: { reason: BarReason }) {
  const { t } = useThreatDeck();
  return (
    <button
      type="button"
      className="td-button"
      data-variant="ghost"
      data-slot="reason-toggle"
      aria-expanded={reason.open}
      aria-controls={reason.panelId}
      onClick={reason.toggle}
    >
      {t('reason.review.toggle')}
    </button>
  );
}

export function BarReasonPanel({ reason, shown, choices, required }: { reason: BarReason; shown: boolean; choices: readonly StatusReasonChoice[]; required: boolean }) {
  const { t } = useThreatDeck();
  return (
    <div id={reason.panelId} data-slot="reason-panel" hidden={!shown}>
      {shown ? (
        <StatusReasonFields
          legend={t('reason.bar.legend')}
          choices={choices}
          value={reason.draft}
          onChange={reason.change}
          required={required}
          missing={reason.missing}
          slot="status-reason"
        />
      ) : null}
    </div>
  );
}

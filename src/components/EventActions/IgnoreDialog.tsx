import * as Dialog from '@radix-ui/react-dialog';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { AdapterError } from '../../core/errors';
import type { Activity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useDraft } from '../../hooks/useDraft';
import type { WriteOutcome } from '../../hooks/useGuardedMutation';
import {
  IGNORE_EXPIRIES,
  IGNORE_EXPIRY_MS,
  suppressionRuleFor,
  useIgnore,
  useRulePreview,
  type IgnoreChoices,
  type IgnoreOutcome,
} from '../../hooks/useIgnore';
import { ActionButton } from './ActionButton';
import { ActionDialogContent, ActionDialogFooter, WriteNotice } from './ActionDialog';
import { EMPTY_REASON, StatusReasonFields, toStatusReason, useDefaultStatusReasons, type StatusReasonChoice, type StatusReasonDraft } from './StatusReasonFields';
import { useActionDialogOpen } from './useActionDialogOpen';

export interface IgnoreDialogProps {
  activity: Activity;
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Render the Ignore trigger (default). EventActions renders its own and keeps the dialog mounted. */
  showTrigger?: boolean;
  /** Another write is in flight. */
  disabled?: boolean;
  onIgnored?: (outcome: IgnoreOutcome) => void;
  onError?: (error: AdapterError, outcome: WriteOutcome) => void;
  /** Where focus goes when the dialog closes, instead of the trigger. */
  onRequestFocus?: () => void;
  /** The reasons offered for the status change (default: the catalog's). */
  statusReasons?: readonly StatusReasonChoice[];
  /** Ignore only with a reason (a choice or text). */
  requireReason?: boolean;
}

const INITIAL: IgnoreChoices = { expiry: '30d', reason: '', applyToExisting: false };

/**
 * The Ignore trigger and its dialog: states the rule exactly (policy, actor,
 * method, templated path, host) and what it would have matched (the
 * backend's preview), then ignores the activity and creates the rule in one
 * operation. The dialog stays open while the write is pending and after any
 * failure, with the analyst's input; the input is a draft per activity that
 * survives moving to another activity and back.
 */
export function IgnoreDialog({
  activity,
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  showTrigger = true,
  disabled = false,
  onIgnored,
  onError,
  onRequestFocus,
  statusReasons,
  requireReason = false,
}: IgnoreDialogProps) {
  const { t, format, now } = useThreatDeck();
  const [draft, updateDraft, clearDraft] = useDraft<IgnoreChoices>(`ignore:${activity.id}`, INITIAL);
  // The status reason (history) is its own draft: the rule's reason above is a different field with a different audience.
  const [reasonDraft, updateReasonDraft, clearReasonDraft] = useDraft<StatusReasonDraft>(`ignore-status-reason:${activity.id}`, EMPTY_REASON);
  const defaultReasons = useDefaultStatusReasons();
  const [reasonMissing, setReasonMissing] = useState(false);
  const { expiry, reason, applyToExisting } = draft;
  const ids = { reason: useId(), existing: useId(), expiry: useId(), preview: useId() };

  const ignore = useIgnore({
    onSuccess: (outcome) => {
      clearDraft();
      clearReasonDraft();
      dialog.setOpen(false);
      onIgnored?.(outcome);
    },
    ...(onError ? { onError: (error: AdapterError, _v: unknown, outcome: WriteOutcome) => onError(error, outcome) } : {}),
  });
  const busy = ignore.status === 'pending' || ignore.status === 'checking';
  const dialog = useActionDialogOpen({
    open: openProp,
    defaultOpen,
    onOpenChange,
    name: 'IgnoreDialog.open',
    busy,
    finished: ignore.status === 'success',
    clear: ignore.reset,
  });
  const open = dialog.open;
  const expiryMs = IGNORE_EXPIRY_MS[expiry];
  // What it matches does not depend on the expiry or reason: one preview per activity.
  const previewRule = useMemo(
    () => (open && ignore.canSuppress ? suppressionRuleFor(activity, INITIAL, now()) : null),
    [open, ignore.canSuppress, activity, now],
  );
  const preview = useRulePreview(previewRule);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const statusReason = toStatusReason(reasonDraft);
    if (requireReason && !statusReason) {
      setReasonMissing(true);
      return;
    }
    setReasonMissing(false);
    void ignore.ignore({ activity, expiry, reason, applyToExisting, ...(statusReason ? { statusReason } : {}) });
  };

  return (
    <Dialog.Root open={open} onOpenChange={dialog.request}>
      {showTrigger ? (
        <Dialog.Trigger asChild>
          <ActionButton data-slot="action-ignored" pending={disabled}>
            {t('actions.ignore')}
          </ActionButton>
        </Dialog.Trigger>
      ) : null}
      <ActionDialogContent
        data-slot="ignore-dialog"
        data-status={ignore.status}
        title={t('ignore.title')}
        onCloseAutoFocus={(event) => {
          if (!onRequestFocus) return;
          event.preventDefault();
          onRequestFocus();
        }}
        description={
          ignore.canSuppress
            ? t('ignore.summary', {
                policy: activity.policy.name,
                actor: activity.actor.ip,
                method: activity.endpoint.method,
                path: activity.endpoint.path,
                host: activity.endpoint.host,
              })
            : t('ignore.noSuppression')
        }
      >
        <form onSubmit={submit} noValidate data-slot="ignore-form">
          {preview.supported && ignore.canSuppress ? (
            <p id={ids.preview} data-slot="ignore-preview" data-status={preview.status} className="td-hint" aria-live="polite">
              {preview.status === 'success' && preview.preview
                ? t('ignore.preview', { activities: preview.preview.activities, events: preview.preview.events })
                : preview.status === 'error'
                  ? t('ignore.previewFailed')
                  : t('ignore.previewLoading')}
            </p>
          ) : null}
          {ignore.canSuppress ? (
            <>
              <fieldset className="td-field td-choice-group" data-slot="ignore-expiry" aria-describedby={ids.expiry}>
                <legend>{t('ignore.expiry')}</legend>
                {IGNORE_EXPIRIES.map((value) => (
                  <label key={value} className="td-choice">
                    <input type="radio" name="ignore-expiry" value={value} checked={expiry === value} onChange={() => updateDraft({ expiry: value })} />
                    {t(`ignore.expiry.${value}`)}
                  </label>
                ))}
                <span id={ids.expiry} data-slot="ignore-expires-at" className="td-hint">
                  {expiryMs === null ? t('ignore.neverExpires') : t('ignore.expiresAt', { date: format.dateTime(now() + expiryMs) })}
                </span>
              </fieldset>
              <div className="td-field">
                <label className="td-choice">
                  <input
                    id={ids.existing}
                    type="checkbox"
                    checked={applyToExisting}
                    onChange={(e) => updateDraft({ applyToExisting: e.currentTarget.checked })}
                  />
                  {t('ignore.applyToExisting')}
                </label>
              </div>
            </>
          ) : null}
          <div className="td-field">
            <label htmlFor={ids.reason}>{t('ignore.reason')}</label>
            <textarea
              id={ids.reason}
              className="td-textarea"
              value={reason}
              maxLength={2000}
              onChange={(e) => updateDraft({ reason: e.currentTarget.value })}
            />
          </div>
          <StatusReasonFields
            legend={t('reason.ignore.legend')}
            choices={statusReasons ?? defaultReasons}
            value={reasonDraft}
            onChange={(next) => {
              updateReasonDraft(next);
              if (toStatusReason(next)) setReasonMissing(false);
            }}
            required={requireReason}
            missing={reasonMissing}
            slot="ignore-status-reason"
          />
          <WriteNotice
            status={ignore.status}
            retrySafe={ignore.retrySafe}
            error={ignore.error}
            failed="ignore.failed"
            unknown="ignore.unknown"
            checking="ignore.checking"
            slot="ignore-error"
          />
          <ActionDialogFooter submitLabel={t('ignore.submit')} pending={busy} slot="ignore-submit" />
        </form>
      </ActionDialogContent>
    </Dialog.Root>
  );
}

import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState, type FormEvent } from 'react';
import type { AdapterError } from '../../core/errors';
import type { Activity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { IGNORE_EXPIRIES, IGNORE_EXPIRY_MS, useIgnore, type IgnoreExpiry, type IgnoreOutcome } from '../../hooks/useIgnore';
import { ActionButton } from './ActionButton';
import { ActionDialogContent, ActionDialogFooter, ActionError } from './ActionDialog';

export interface IgnoreDialogProps {
  activity: Activity;
  defaultOpen?: boolean;
  /** Another write is in flight. */
  disabled?: boolean;
  onIgnored?: (outcome: IgnoreOutcome) => void;
  onError?: (error: AdapterError) => void;
}

/**
 * The Ignore trigger and its dialog: states the rule exactly (policy, actor,
 * method, templated path, host), then creates it with an expiry and a reason.
 * A failure keeps the dialog open with what the user chose.
 */
export function IgnoreDialog({ activity, defaultOpen = false, disabled = false, onIgnored, onError }: IgnoreDialogProps) {
  const { t, format, now } = useThreatDeck();
  const [open, setOpen] = useState(defaultOpen);
  const [expiry, setExpiry] = useState<IgnoreExpiry>('30d');
  const [reason, setReason] = useState('');
  const [applyToExisting, setApplyToExisting] = useState(false);
  const ids = { reason: useId(), existing: useId(), expiry: useId() };

  const ignore = useIgnore({
    onSuccess: (outcome) => {
      setOpen(false);
      onIgnored?.(outcome);
    },
    ...(onError ? { onError } : {}),
  });
  const pending = ignore.status === 'pending';
  const expiryMs = IGNORE_EXPIRY_MS[expiry];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ignore.ignore({ activity, expiry, reason, applyToExisting });
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next && pending) return;
        if (next) ignore.reset();
        setOpen(next);
      }}
    >
      <Dialog.Trigger asChild>
        <ActionButton data-slot="action-ignored" pending={disabled}>
          {t('actions.ignore')}
        </ActionButton>
      </Dialog.Trigger>
      <ActionDialogContent
        data-slot="ignore-dialog"
        data-status={ignore.status}
        title={t('ignore.title')}
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
          {ignore.canSuppress ? (
            <>
              <fieldset className="td-field td-choice-group" data-slot="ignore-expiry" aria-describedby={ids.expiry}>
                <legend>{t('ignore.expiry')}</legend>
                {IGNORE_EXPIRIES.map((value) => (
                  <label key={value} className="td-choice">
                    <input type="radio" name="ignore-expiry" value={value} checked={expiry === value} onChange={() => setExpiry(value)} />
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
                    onChange={(e) => setApplyToExisting(e.currentTarget.checked)}
                  />
                  {t('ignore.applyToExisting')}
                </label>
              </div>
            </>
          ) : null}
          <div className="td-field">
            <label htmlFor={ids.reason}>{t('ignore.reason')}</label>
            <textarea id={ids.reason} className="td-textarea" value={reason} maxLength={2000} onChange={(e) => setReason(e.currentTarget.value)} />
          </div>
          <ActionError error={ignore.error} failed="ignore.failed" slot="ignore-error" />
          <ActionDialogFooter submitLabel={t('ignore.submit')} pending={pending} slot="ignore-submit" />
        </form>
      </ActionDialogContent>
    </Dialog.Root>
  );
}

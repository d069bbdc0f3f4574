import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactNode } from 'react';
import { isWriteOutcomeUnknown, type AdapterError } from '../../core/errors';
import type { WriteStatus } from '../../hooks/useGuardedMutation';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ActionButton } from '../EventActions/ActionButton';
import { ActionDialogContent } from '../EventActions/ActionDialog';

export interface ConfirmRemovalDialogProps {
  open: boolean;
  /** Asked to close (Cancel, Escape, overlay) with `false`; not asked while the write is pending. */
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  status: WriteStatus;
  error: AdapterError | null;
  /** "Nothing changed" wording for a definitive failure. */
  failedText: string;
  /** Wording when the write may have happened (no definitive answer came back). */
  unknownText: string;
  /** Wording while a write without an answer is being checked (retried with its key). */
  checkingText: string;
  slot: string;
  onCloseAutoFocus: (event: Event) => void;
}

// A write in flight, or one whose answer was lost being retried with its key: either way, not yet settled.
const BUSY: ReadonlySet<string> = new Set(['pending', 'checking']);

/**
 * The confirmation of a removal (delete a rule, unblock). It stays open while
 * the write is pending and after a failure, which it states honestly: a write
 * whose answer was lost may have happened, and repeating it is safe.
 */
export function ConfirmRemovalDialog({
  open,
  onOpenChange,
  onConfirm,
  title,
  description,
  submitLabel,
  pendingLabel,
  status,
  error,
  failedText,
  unknownText,
  checkingText,
  slot,
  onCloseAutoFocus,
}: ConfirmRemovalDialogProps) {
  const { t } = useThreatDeck();
  const pending = BUSY.has(status);
  const checking = (status as string) === 'checking';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onConfirm();
  };
  const unknown = error ? isWriteOutcomeUnknown(error) : false;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (next || !pending) onOpenChange(next);
      }}
    >
      <ActionDialogContent title={title} description={description} data-slot={slot} data-status={status} onCloseAutoFocus={onCloseAutoFocus}>
        <form onSubmit={submit} noValidate data-slot={`${slot}-form`}>
          {checking ? (
            <p role="status" className="td-alert" data-tone="warning" data-slot={`${slot}-checking`}>
              {checkingText}
            </p>
          ) : error ? (
            <p role="alert" className="td-alert" data-tone={unknown ? 'warning' : 'error'} data-slot={`${slot}-error`} data-code={error.code} data-outcome={unknown ? 'unknown' : 'failed'}>
              {unknown ? unknownText : `${failedText} ${t(`error.${error.code}`)}`}
            </p>
          ) : null}
          <div className="td-dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="td-button" data-slot="cancel" aria-disabled={pending || undefined}>
                {t('common.cancel')}
              </button>
            </Dialog.Close>
            <ActionButton type="submit" variant="danger" data-slot={`${slot}-submit`} pending={pending}>
              {pending ? pendingLabel : submitLabel}
            </ActionButton>
          </div>
        </form>
      </ActionDialogContent>
    </Dialog.Root>
  );
}

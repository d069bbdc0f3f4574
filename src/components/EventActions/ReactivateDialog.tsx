import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { ActionDialogContent, ActionDialogFooter } from './ActionDialog';

export interface ReactivateDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Reactivates; `liftRules` also removes the rule that ignored the activity, in the same operation. */
  onConfirm: (liftRules: boolean) => void;
  /** The write is in flight: the dialog cannot be dismissed. */
  busy: boolean;
  /** The outcome notice of the write (failure, checking, unknown). */
  notice?: ReactNode;
  onRequestFocus?: () => void;
}

/** Reactivate an activity that a suppression rule ignored, optionally lifting the rule. */
export function ReactivateDialog({ open, onOpenChange, onConfirm, busy, notice, onRequestFocus }: ReactivateDialogProps) {
  const { t } = useThreatDeck();
  const liftId = useId();
  const [lift, setLift] = useState(true);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(lift);
  };
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next && busy) return;
        onOpenChange(next);
      }}
    >
      <ActionDialogContent
        data-slot="reactivate-dialog"
        title={t('reactivate.title')}
        description={t('reactivate.description')}
        onCloseAutoFocus={(event) => {
          if (!onRequestFocus) return;
          event.preventDefault();
          onRequestFocus();
        }}
      >
        <form onSubmit={submit} noValidate data-slot="reactivate-form">
          <div className="td-field">
            <label className="td-choice">
              <input id={liftId} type="checkbox" checked={lift} onChange={(e) => setLift(e.currentTarget.checked)} />
              {t('reactivate.liftRule')}
            </label>
          </div>
          {notice}
          <ActionDialogFooter submitLabel={t('reactivate.submit')} pending={busy} slot="reactivate-submit" />
        </form>
      </ActionDialogContent>
    </Dialog.Root>
  );
}

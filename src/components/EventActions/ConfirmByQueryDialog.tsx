import * as Dialog from '@radix-ui/react-dialog';
import { useState, type FormEvent, type ReactNode } from 'react';
import { isQueryTarget, type ActivityTarget } from '../../core/activitySelection';
import { toAdapterError, type AdapterError } from '../../core/errors';
import type { StatusReason } from '../../core/cases';
import type { ActivityStatus } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { StatusChangeState } from '../../hooks/useStatusChange';
import { ErrorNotice } from '../shared/ErrorNotice';
import { ActionButton } from './ActionButton';
import { ActionDialogContent } from './ActionDialog';

type Intent = { status: ActivityStatus; target: ActivityTarget; reason?: StatusReason | undefined };
export type QueryConfirmation =
  | (Intent & { phase: 'counting' })
  | (Intent & { phase: 'ready'; count: number })
  | (Intent & { phase: 'error'; error: AdapterError });

/**
 * A status write by query goes through a dry run first: the confirmation
 * shows the server-confirmed count of what will change before anything does.
 * Writes by ids go straight through.
 */
export function useQueryConfirmation(change: StatusChangeState) {
  const [confirm, setConfirm] = useState<QueryConfirmation | null>(null);
  const request = async (target: ActivityTarget, status: ActivityStatus, reason?: StatusReason) => {
    const extra = reason ? { reason } : {};
    if (!isQueryTarget(target)) {
      await change.changeStatus(target, status, extra);
      return;
    }
    change.reset();
    setConfirm({ phase: 'counting', status, target, reason });
    try {
      const count = await change.countAffected(target, status);
      setConfirm((c) => (c && c.target === target ? { phase: 'ready', status, target, reason, count } : c));
    } catch (e) {
      setConfirm((c) => (c && c.target === target ? { phase: 'error', status, target, reason, error: toAdapterError(e) } : c));
    }
  };
  const submit = () => {
    if (confirm?.phase === 'ready') void change.changeStatus(confirm.target, confirm.status, confirm.reason ? { reason: confirm.reason } : {});
  };
  return { confirm, request, submit, close: () => setConfirm(null) };
}

export interface ConfirmByQueryDialogProps {
  confirmation: ReturnType<typeof useQueryConfirmation>;
  /** The write is in flight: the dialog cannot be dismissed. */
  busy: boolean;
  /** The write's outcome notice (failure, checking, unknown). */
  notice: ReactNode;
}

export function ConfirmByQueryDialog({ confirmation, busy, notice }: ConfirmByQueryDialogProps) {
  const { t } = useThreatDeck();
  const { confirm } = confirmation;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirmation.submit();
  };
  return (
    <Dialog.Root
      open={!!confirm}
      onOpenChange={(next) => {
        if (!next && busy) return;
        if (!next) confirmation.close();
      }}
    >
      {confirm ? (
        <ActionDialogContent
          data-slot="bulk-confirm"
          data-phase={confirm.phase}
          title={
            confirm.phase === 'ready'
              ? t('list.bulk.confirmTitle', { count: confirm.count, status: t(`status.${confirm.status}`) })
              : t(`list.bulk.${confirm.status}`)
          }
          description={
            confirm.phase === 'ready'
              ? t('list.bulk.confirmDescription', { count: confirm.count })
              : confirm.phase === 'counting'
                ? t('list.bulk.counting')
                : t('list.bulk.countFailed')
          }
        >
          <form onSubmit={submit} noValidate data-slot="bulk-confirm-form">
            {confirm.phase === 'error' ? <ErrorNotice error={confirm.error} title={t('list.bulk.countFailed')} /> : null}
            {notice}
            <div className="td-dialog-actions">
              <Dialog.Close asChild>
                <button type="button" className="td-button" data-slot="cancel">
                  {t('common.cancel')}
                </button>
              </Dialog.Close>
              {confirm.phase === 'ready' ? (
                <ActionButton type="submit" variant="primary" data-slot="bulk-confirm-submit" pending={busy}>
                  {busy ? t('actions.saving') : t('list.bulk.confirmSubmit', { count: confirm.count })}
                </ActionButton>
              ) : null}
            </div>
          </form>
        </ActionDialogContent>
      ) : null}
    </Dialog.Root>
  );
}

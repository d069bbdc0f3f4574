import * as Dialog from '@radix-ui/react-dialog';
import { clsx } from 'clsx';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import type { AdapterError } from '../../core/errors';
import type { MessageKey } from '../../i18n/en';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { WriteStatus } from '../../hooks/useGuardedMutation';
import { ActionButton } from './ActionButton';

export interface ActionDialogContentProps extends Omit<ComponentPropsWithoutRef<typeof Dialog.Content>, 'title'> {
  title: ReactNode;
  description: ReactNode;
}

/**
 * The portalled, themed dialog shell of every action: overlay, focus trap,
 * title and description (Radix restores focus to the trigger on close).
 */
export function ActionDialogContent({ title, description, className, children, ...rest }: ActionDialogContentProps) {
  const { portalContainer } = useThreatDeck();
  return (
    <Dialog.Portal container={portalContainer}>
      <Dialog.Overlay className="td-dialog-overlay" data-slot="dialog-overlay" />
      <Dialog.Content className={clsx('td-dialog', className)} {...rest}>
        <Dialog.Title>{title}</Dialog.Title>
        <Dialog.Description data-slot="dialog-description">{description}</Dialog.Description>
        {children}
      </Dialog.Content>
    </Dialog.Portal>
  );
}

export interface ActionDialogFooterProps {
  submitLabel: string;
  pending: boolean;
  variant?: 'primary' | 'danger';
  slot: string;
  /** Extra description of the submit button (e.g. the summary of what it does). */
  describedBy?: string;
}

/** Cancel and submit; the submit keeps focus while the write is pending. */
export function ActionDialogFooter({ submitLabel, pending, variant = 'primary', slot, describedBy }: ActionDialogFooterProps) {
  const { t } = useThreatDeck();
  return (
    <div className="td-dialog-actions">
      <Dialog.Close asChild>
        <button type="button" className="td-button" data-slot="cancel">
          {t('common.cancel')}
        </button>
      </Dialog.Close>
      <ActionButton type="submit" variant={variant} data-slot={slot} pending={pending} aria-describedby={describedBy}>
        {pending ? t('actions.saving') : submitLabel}
      </ActionButton>
    </div>
  );
}

export interface WriteNoticeProps {
  status: WriteStatus;
  error: AdapterError | null;
  /** "What failed" for a definitive error (the backend's own answer). */
  failed: MessageKey;
  /** The outcome could not be confirmed after the automatic retries. */
  unknown: MessageKey;
  /** Retrying with the same key after an unknown outcome. */
  checking: MessageKey;
  /** False when a repeat could apply twice (a backend without idempotency keys): the unknown notice then says to check first. */
  retrySafe?: boolean;
  slot: string;
  id?: string;
  /** A more specific text for a definitive error (e.g. the server's risk refusal). */
  describeError?: (error: AdapterError) => string | null;
}

/**
 * What a write's outcome is, said honestly: checking while the outcome is
 * being confirmed, "could not confirm; retrying is safe" when it is still
 * unknown, and "what failed. Why." only when the backend said it failed.
 */
export function WriteNotice({ status, error, failed, unknown, checking, retrySafe = true, slot, id, describeError }: WriteNoticeProps) {
  const { t } = useThreatDeck();
  if (status === 'checking') {
    return (
      <p id={id} role="status" className="td-alert" data-tone="info" data-slot={slot} data-outcome="checking">
        {t(checking)}
      </p>
    );
  }
  if (status === 'unknown') {
    return (
      <p id={id} role="alert" className="td-alert" data-tone="warning" data-slot={slot} data-outcome="unknown" data-code={error?.code}>
        {t(retrySafe ? unknown : 'write.unknownCheckFirst')}
      </p>
    );
  }
  if (status !== 'error' || !error) return null;
  const specific = describeError?.(error);
  return (
    <p id={id} role="alert" className="td-alert" data-tone="error" data-slot={slot} data-outcome="failed" data-code={error.code}>
      {specific ?? `${t(failed)} ${t(`error.${error.code}`)}`}
    </p>
  );
}

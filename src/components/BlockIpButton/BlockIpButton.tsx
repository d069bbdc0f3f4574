import * as Dialog from '@radix-ui/react-dialog';
import { clsx } from 'clsx';
import { forwardRef, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type HTMLAttributes } from 'react';
import type { AdapterError } from '../../core/errors';
import {
  analyzeBlockTarget,
  DANGEROUS_BLOCK_WARNINGS,
  isDangerousBlockWarning,
  type BlockTargetAnalysis,
  type BlockTargetWarning,
  type DangerousBlockWarning,
  type InformationalBlockWarning,
} from '../../core/ipBlockTarget';
import type { Activity, BlockState, IpBlock } from '../../core/model';
import { useThreatDeck, type ThreatDeckContextValue } from '../../hooks/ThreatDeckProvider';
import { BLOCK_DURATIONS, BLOCK_DURATION_MS, isRiskRefusal, useBlockIp, type BlockDuration } from '../../hooks/useBlockIp';
import { ActionMessage, useInActionBar } from '../EventActions/ActionBar';
import { ActionButton } from '../EventActions/ActionButton';
import { ActionDialogContent, ActionDialogFooter, WriteNotice } from '../EventActions/ActionDialog';
import { useActionDialogOpen } from '../EventActions/useActionDialogOpen';

export interface BlockIpButtonProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** The activity whose actor IP is blocked. */
  activity: Activity;
  /** The host's own addresses or ranges (NAT egress, the analyst's IP): blocking them needs a second confirmation. */
  ownAddresses?: string[];
  /** Whether the dialog is open, when controlled; `defaultOpen` opens it on mount; `onOpenChange` hears every open and close. */
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  defaultDuration?: BlockDuration;
  onBlocked?: (block: IpBlock) => void;
  onUnblocked?: (blockId: string) => void;
  onError?: (error: AdapterError) => void;
}

const SAFE_INTEGER = BigInt(Number.MAX_SAFE_INTEGER);

/** "Will block X (N addresses) until …": exact counts, and 2^n when too large to print. */
function summaryText(t: ThreatDeckContextValue['t'], analysis: Extract<BlockTargetAnalysis, { valid: true }>, until: string | null): string {
  const huge = analysis.addressCount > SAFE_INTEGER;
  const width = analysis.kind === 'ipv4' || analysis.kind === 'cidr4' ? 32 : 128;
  const values = { target: analysis.normalized, count: huge ? 0 : Number(analysis.addressCount), bits: width - analysis.prefixLength, until: until ?? '' };
  if (until === null) return t(huge ? 'block.summaryHugePermanent' : 'block.summaryPermanent', values);
  return t(huge ? 'block.summaryHuge' : 'block.summary', values);
}

/**
 * Blocks the actor's IP, or a range the user widens it to. The dialog states
 * what will be blocked and until when; dangerous targets (private, special,
 * very wide, the host's own) need an explicit "I understand", which is sent
 * as `acknowledgeRisk` (the backend refuses such targets without it, and its
 * refusal is shown as such, with the confirmation). After a block the
 * button becomes Unblock (explained when the backend cannot unblock) and
 * "Blocked … until …" goes to the status message (an ActionBar's region).
 */
export const BlockIpButton = forwardRef<HTMLDivElement, BlockIpButtonProps>(function BlockIpButton(
  { activity, ownAddresses, open: openProp, defaultOpen = false, onOpenChange, defaultDuration = '24h', onBlocked, onUnblocked, onError, className, ...rest },
  ref,
) {
  const { t, format, now } = useThreatDeck();
  const statusRole = useInActionBar() ? undefined : 'status';
  const ids = { target: useId(), targetHint: useId(), targetError: useId(), summary: useId(), ack: useId(), ackError: useId(), reason: useId(), state: useId() };
  const [targetText, setTargetText] = useState(activity.actor.ip);
  const [duration, setDuration] = useState<BlockDuration>(defaultDuration);
  const [reason, setReason] = useState('');
  const [acknowledgedFor, setAcknowledgedFor] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [made, setMade] = useState<IpBlock | null>(null);
  const [undone, setUndone] = useState<{ blockId: string; target: string } | null>(null);
  const targetRef = useRef<HTMLInputElement>(null);
  const ackRef = useRef<HTMLInputElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const focusTriggerNext = useRef(false);

  const blocking = useBlockIp({
    onBlocked: (block) => {
      setMade(block);
      setUndone(null);
      dialog.setOpen(false);
      onBlocked?.(block);
    },
    onUnblocked: ({ blockId }) => {
      setUndone({ blockId, target: current?.target ?? '' });
      focusTriggerNext.current = true;
      onUnblocked?.(blockId);
    },
    ...(onError ? { onError: (error: AdapterError) => onError(error) } : {}),
  });

  const analysis = useMemo(() => analyzeBlockTarget(targetText, ownAddresses ? { ownAddresses } : {}), [targetText, ownAddresses]);
  // The backend may hold a wider idea of "dangerous" than this UI: its refusal names why.
  const blockError = blocking.blockWrite.error;
  const refused = isRiskRefusal(blockError) ? blocking.blockWrite.variables?.target ?? null : null;
  const serverWarnings: DangerousBlockWarning[] =
    refused && analysis.valid && refused === analysis.normalized
      ? ((blockError?.detail ?? '').split(',').map((w) => w.trim()).filter((w) => DANGEROUS_BLOCK_WARNINGS.has(w as BlockTargetWarning)) as DangerousBlockWarning[])
      : [];
  const refusedHere = !!refused && analysis.valid && refused === analysis.normalized;
  const dangerous = analysis.valid && (analysis.dangerous || refusedHere);
  const acknowledged = analysis.valid && acknowledgedFor === analysis.normalized;
  const durationMs = BLOCK_DURATION_MS[duration];
  const until = durationMs === null ? null : format.dateTime(now() + durationMs);
  const pending = blocking.blockWrite.status === 'pending' || blocking.blockWrite.status === 'checking';
  const finished = blocking.blockWrite.status === 'success';
  const dialog = useActionDialogOpen({ open: openProp, defaultOpen, onOpenChange, name: 'BlockIpButton.open', busy: pending, finished, clear: blocking.blockWrite.reset });

  const shownBlock: BlockState | IpBlock | null = made ?? activity.blocked ?? null;
  const current = shownBlock && shownBlock.blockId !== undone?.blockId ? shownBlock : null;

  useLayoutEffect(() => {
    if (focusTriggerNext.current && !current) {
      focusTriggerNext.current = false;
      triggerRef.current?.focus();
    }
  }, [current]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (!analysis.valid) {
      targetRef.current?.focus();
      return;
    }
    if (dangerous && !acknowledged) {
      ackRef.current?.focus();
      return;
    }
    void blocking.block({ target: analysis.normalized, duration, reason, activityId: activity.id, ...(dangerous && acknowledged ? { acknowledgeRisk: true } : {}) });
  };

  const targetInvalid = showErrors && !analysis.valid;
  const ackMissing = showErrors && dangerous && !acknowledged;
  const warnings = analysis.valid ? [...new Set([...analysis.warnings.filter(isDangerousBlockWarning), ...serverWarnings])] : [];
  const notes = analysis.valid ? analysis.warnings.filter((w): w is InformationalBlockWarning => !isDangerousBlockWarning(w)) : [];

  return (
    <div ref={ref} data-slot="block-ip" data-state={current ? 'blocked' : 'unblocked'} className={clsx('td-block-ip', className)} {...rest}>
      <Dialog.Root open={dialog.open} onOpenChange={dialog.request}>
        {/* The button stays where it is: Block IP, or Unblock while a block holds; the state goes to the status message. */}
        <div className="td-action-row" data-slot={current ? 'block-result' : undefined}>
          {current ? (
            <ActionButton
              ref={undoRef}
              data-slot="block-undo"
              aria-describedby={ids.state}
              unavailableReason={blocking.canUnblock ? null : t('block.undoUnavailable')}
              pending={blocking.unblockWrite.status === 'pending' || blocking.unblockWrite.status === 'checking'}
              onClick={() => void blocking.unblock({ blockId: current.blockId, activityId: activity.id })}
            >
              {t('block.unblock')}
            </ActionButton>
          ) : (
            <Dialog.Trigger asChild>
              <ActionButton ref={triggerRef} variant="danger" data-slot="block-trigger" unavailableReason={blocking.canBlock ? null : t('block.unavailable')}>
                {t('block.trigger')}
              </ActionButton>
            </Dialog.Trigger>
          )}
        </div>
        <ActionMessage>
          {current ? (
            <p role={statusRole} id={ids.state} data-slot="block-status" className="td-block-status">
              {current.expiresAt === null
                ? t('block.blockedPermanently', { target: current.target })
                : t('block.blockedUntil', { target: current.target, until: format.dateTime(current.expiresAt) })}
            </p>
          ) : undone ? (
            <p role={statusRole} data-slot="block-status" className="td-block-status">
              {t('block.undone', { target: undone.target })}
            </p>
          ) : null}
          <WriteNotice
            status={blocking.unblockWrite.status}
            retrySafe={blocking.unblockWrite.retrySafe}
            error={blocking.unblockWrite.error}
            failed="block.undoFailed"
            unknown="block.undoUnknown"
            checking="block.undoChecking"
            slot="block-undo-error"
          />
        </ActionMessage>
          <ActionDialogContent
            title={t('block.title')}
            description={t('block.description')}
            data-slot="block-dialog"
            data-status={blocking.blockWrite.status}
            data-danger={dangerous ? '' : undefined}
            onCloseAutoFocus={(event) => {
              // After a block the trigger has become Unblock: focus it (the trigger Radix would restore is gone).
              if (undoRef.current) {
                event.preventDefault();
                undoRef.current.focus();
              }
            }}
          >
            <form onSubmit={submit} noValidate data-slot="block-form">
              <div className="td-field">
                <label htmlFor={ids.target}>{t('block.target')}</label>
                <input
                  ref={targetRef}
                  id={ids.target}
                  className="td-input td-mono"
                  value={targetText}
                  spellCheck={false}
                  autoComplete="off"
                  maxLength={200}
                  aria-invalid={targetInvalid || undefined}
                  aria-describedby={clsx(ids.targetHint, targetInvalid && ids.targetError)}
                  onChange={(e) => setTargetText(e.currentTarget.value)}
                />
                <span id={ids.targetHint} className="td-hint">
                  {t('block.targetHint', { ip: activity.actor.ip, example: exampleRange(activity.actor.ip) })}
                </span>
                {targetInvalid && !analysis.valid ? (
                  <span id={ids.targetError} className="td-field-error" data-slot="field-error">
                    {t(`block.invalid.${analysis.reason}`)}
                  </span>
                ) : null}
              </div>
              <fieldset className="td-field td-choice-group" data-slot="block-duration">
                <legend>{t('block.duration')}</legend>
                {BLOCK_DURATIONS.map((value) => (
                  <label key={value} className="td-choice">
                    <input type="radio" name="block-duration" value={value} checked={duration === value} onChange={() => setDuration(value)} />
                    {t(`block.duration.${value}`)}
                  </label>
                ))}
              </fieldset>
              <div className="td-field">
                <label htmlFor={ids.reason}>{t('block.reason')}</label>
                <textarea id={ids.reason} className="td-textarea" value={reason} maxLength={2000} onChange={(e) => setReason(e.currentTarget.value)} />
              </div>
              <div aria-live="polite" id={ids.summary}>
                {analysis.valid ? (
                  <p data-slot="block-summary">{summaryText(t, analysis, until)}</p>
                ) : null}
                {notes.map((note) => (
                  <p key={note} className="td-hint" data-slot="block-note">
                    {t(`block.note.${note}`)}
                  </p>
                ))}
              </div>
              {analysis.valid && dangerous ? (
                <div className="td-alert" data-tone="warning" data-slot="block-warnings">
                  <strong>{t('block.warningsTitle')}</strong>
                  <ul>
                    {warnings.map((w) => (
                      <li key={w} data-warning={w}>
                        {t(`block.warning.${w}`)}
                      </li>
                    ))}
                  </ul>
                  <label className="td-choice" data-slot="block-acknowledge">
                    <input
                      ref={ackRef}
                      id={ids.ack}
                      type="checkbox"
                      checked={acknowledged}
                      aria-invalid={ackMissing || undefined}
                      aria-describedby={ackMissing ? ids.ackError : undefined}
                      onChange={(e) => setAcknowledgedFor(e.currentTarget.checked ? analysis.normalized : null)}
                    />
                    {t('block.acknowledge', { target: analysis.normalized })}
                  </label>
                  {/* Its own block under the checkbox, styled as the error it is, and the checkbox's description (aria-invalid): not text run on after the label. */}
                  {ackMissing ? (
                    <p id={ids.ackError} className="td-field-error" data-slot="field-error">
                      {t('block.acknowledgeRequired')}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <WriteNotice
                status={blocking.blockWrite.status}
                retrySafe={blocking.blockWrite.retrySafe}
                error={blockError}
                failed="block.failed"
                unknown="block.unknown"
                checking="block.checking"
                slot="block-error"
                describeError={(error) => (isRiskRefusal(error) && refused ? t('block.refusedRisk', { target: refused }) : null)}
              />
              <ActionDialogFooter submitLabel={t('block.submit')} pending={pending} variant="danger" slot="block-submit" describedBy={ids.summary} />
            </form>
          </ActionDialogContent>
      </Dialog.Root>
    </div>
  );
});

/** A /24 (IPv4) or /64 (IPv6) around the actor, as a hint of how to widen. */
function exampleRange(ip: string): string {
  const single = analyzeBlockTarget(ip);
  if (!single.valid) return '198.51.100.0/24';
  const widened = analyzeBlockTarget(`${single.normalized}/${single.kind === 'ipv4' ? 24 : 64}`);
  return widened.valid ? widened.normalized : single.normalized;
}

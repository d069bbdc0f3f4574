/**
 * Block an IP or CIDR range (and undo it by block id). Each write is single-
 * flight (one click, one block) and carries one idempotency key per intent,
 * so a retry after a lost response replays the first block instead of making
 * a second. Lists and details refetch afterwards so the actor shows as
 * blocked (or no longer blocked).
 */
import { toAdapterError, AdapterError } from '../core/errors';
import type { IpBlock } from '../core/model';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities } from './threatDeckKeys';
import { blockListKeys } from './useBlockList';
import { useGuardedMutation, type GuardedMutation, type WriteOutcome } from './useGuardedMutation';
import { supports } from '../core/capabilities';

export const BLOCK_DURATIONS = ['1h', '24h', '7d', '30d', 'permanent'] as const;
export type BlockDuration = (typeof BLOCK_DURATIONS)[number];
export const BLOCK_DURATION_MS: Record<BlockDuration, number | null> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  permanent: null,
};

export interface BlockVariables {
  /** Normalised IP or CIDR (see analyzeBlockTarget). */
  target: string;
  duration: BlockDuration;
  reason: string;
  activityId?: string;
  /** The analyst confirmed blocking a dangerous target (the backend refuses it otherwise). */
  acknowledgeRisk?: boolean;
}

/** The backend refused a dangerous target for want of `acknowledgeRisk`; `detail` lists the warning codes. */
export function isRiskRefusal(error: AdapterError | null | undefined): boolean {
  return !!error && error.code === 'invalid_request' && error.path === 'acknowledgeRisk';
}

export interface UnblockVariables {
  blockId: string;
  activityId?: string;
}

export interface UseBlockIpOptions {
  onBlocked?: (block: IpBlock, variables: BlockVariables) => void;
  onUnblocked?: (variables: UnblockVariables) => void;
  onError?: (error: AdapterError, action: 'block' | 'unblock', outcome: WriteOutcome) => void;
}

export interface BlockIpState {
  canBlock: boolean;
  canUnblock: boolean;
  blockWrite: GuardedMutation<IpBlock, BlockVariables>;
  unblockWrite: GuardedMutation<void, UnblockVariables>;
  block: (variables: BlockVariables) => Promise<IpBlock | undefined>;
  unblock: (variables: UnblockVariables) => Promise<void | undefined>;
}

const unsupported = (what: string) => Promise.reject(new AdapterError('unsupported', `This backend cannot ${what}.`));

export function useBlockIp(options: UseBlockIpOptions = {}): BlockIpState {
  const { adapter, queryClient } = useThreatDeck();
  const canBlock = supports(adapter, 'block');
  const canUnblock = supports(adapter, 'unblock');
  // The actor's block mark and the block list both change.
  const invalidate = (activityId: string | undefined) =>
    Promise.all([
      invalidateActivities(queryClient, activityId ? [activityId] : undefined),
      queryClient.invalidateQueries({ queryKey: blockListKeys.all() }),
    ]);

  const blockWrite = useGuardedMutation<IpBlock, BlockVariables>({
    mutationFn: ({ target, duration, reason, activityId, acknowledgeRisk }, { idempotencyKey, signal }) => {
      if (!canBlock || !adapter.block) return unsupported('block IP addresses');
      const trimmed = reason.trim();
      return adapter.block({
        target,
        durationMs: BLOCK_DURATION_MS[duration],
        signal,
        idempotencyKey,
        ...(trimmed ? { reason: trimmed } : {}),
        ...(activityId ? { activityId } : {}),
        ...(acknowledgeRisk ? { acknowledgeRisk: true } : {}),
      });
    },
    intentOf: ({ target, duration, reason, activityId, acknowledgeRisk }) => JSON.stringify([target, duration, reason.trim(), activityId ?? null, !!acknowledgeRisk]),
    onSuccess: (block, variables) => options.onBlocked?.(block, variables),
    onError: (error, _v, _c, outcome) => options.onError?.(toAdapterError(error), 'block', outcome),
    onSettled: (_d, _e, { activityId }) => invalidate(activityId),
  });

  const unblockWrite = useGuardedMutation<void, UnblockVariables>({
    mutationFn: ({ blockId }, { idempotencyKey, signal }) =>
      canUnblock && adapter.unblock ? adapter.unblock({ blockId, signal, idempotencyKey }) : unsupported('undo blocks'),
    intentOf: ({ blockId }) => blockId,
    onSuccess: (_d, variables) => options.onUnblocked?.(variables),
    onError: (error, _v, _c, outcome) => options.onError?.(toAdapterError(error), 'unblock', outcome),
    onSettled: (_d, _e, { activityId }) => invalidate(activityId),
  });

  return { canBlock, canUnblock, blockWrite, unblockWrite, block: blockWrite.run, unblock: unblockWrite.run };
}

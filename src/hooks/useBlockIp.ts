/**
 * Block an IP or CIDR range (and undo it by block id). Each write is single-
 * flight: one click, one block. Lists and details refetch afterwards so the
 * actor shows as blocked (or no longer blocked).
 */
import { toAdapterError, AdapterError } from '../core/errors';
import type { IpBlock } from '../core/model';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities } from './threatDeckKeys';
import { useGuardedMutation, writeSignal, type GuardedMutation } from './useGuardedMutation';

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
}

export interface UnblockVariables {
  blockId: string;
  activityId?: string;
}

export interface UseBlockIpOptions {
  onBlocked?: (block: IpBlock, variables: BlockVariables) => void;
  onUnblocked?: (variables: UnblockVariables) => void;
  onError?: (error: AdapterError, action: 'block' | 'unblock') => void;
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
  const canBlock = !!adapter.capabilities.block && typeof adapter.block === 'function';
  const canUnblock = !!adapter.capabilities.unblock && typeof adapter.unblock === 'function';
  const invalidate = (activityId: string | undefined) => invalidateActivities(queryClient, activityId ? [activityId] : undefined);

  const blockWrite = useGuardedMutation<IpBlock, BlockVariables>({
    mutationFn: ({ target, duration, reason, activityId }) => {
      if (!canBlock || !adapter.block) return unsupported('block IP addresses');
      const trimmed = reason.trim();
      return adapter.block({
        target,
        durationMs: BLOCK_DURATION_MS[duration],
        signal: writeSignal(),
        ...(trimmed ? { reason: trimmed } : {}),
        ...(activityId ? { activityId } : {}),
      });
    },
    onSuccess: (block, variables) => options.onBlocked?.(block, variables),
    onError: (error) => options.onError?.(toAdapterError(error), 'block'),
    onSettled: (_d, _e, { activityId }) => invalidate(activityId),
  });

  const unblockWrite = useGuardedMutation<void, UnblockVariables>({
    mutationFn: ({ blockId }) => (canUnblock && adapter.unblock ? adapter.unblock({ blockId, signal: writeSignal() }) : unsupported('undo blocks')),
    onSuccess: (_d, variables) => options.onUnblocked?.(variables),
    onError: (error) => options.onError?.(toAdapterError(error), 'unblock'),
    onSettled: (_d, _e, { activityId }) => invalidate(activityId),
  });

  return { canBlock, canUnblock, blockWrite, unblockWrite, block: blockWrite.run, unblock: unblockWrite.run };
}

/**
 * The IP blocks, paged (active or expired, narrowed by a search), and the
 * write that removes one. A removed block leaves every cached page at once;
 * blocks and activities (whose actors may no longer show as blocked) refetch.
 */
import { useCallback } from 'react';
import type { CollectionState, ThreatDeckAdapter } from '../core/adapter';
import { AdapterError, toAdapterError } from '../core/errors';
import type { IpBlock } from '../core/model';
import { checkRecord } from '../core/parseRecord';
import { ipBlockPageSchema } from '../core/schemas';
import { useThreatDeck } from './ThreatDeckProvider';
import { invalidateActivities } from './threatDeckKeys';
import { removeFromCollections, useCollectionPages, type CollectionPagesState } from './useCollectionPages';
import { useGuardedMutation, type GuardedMutation } from './useGuardedMutation';
import { supports } from '../core/capabilities';

export const blockListKeys = {
  all: () => ['threatdeck', 'blocks'] as const,
  list: (state: CollectionState, search: string, pageSize: number) => ['threatdeck', 'blocks', 'list', state, search, pageSize] as const,
};

export interface UnblockListedVariables {
  blockId: string;
}

export interface UseBlockListOptions {
  /** Default `active`. */
  state?: CollectionState;
  search?: string;
  /** Blocks per adapter page (default 50). */
  pageSize?: number;
  enabled?: boolean;
  onUnblocked?: (blockId: string) => void;
  onUnblockError?: (error: AdapterError, variables: UnblockListedVariables) => void;
}

export interface BlockListState extends CollectionPagesState<IpBlock> {
  /** The adapter lists blocks (`blockList` capability and `listBlocks`). */
  supported: boolean;
  /** The adapter can remove blocks. */
  canUnblock: boolean;
  unblockWrite: GuardedMutation<void, UnblockListedVariables>;
  unblock: (variables: UnblockListedVariables) => Promise<void | undefined>;
}

/** The adapter can list IP blocks. */
export function canListBlocks(adapter: ThreatDeckAdapter): boolean {
  return supports(adapter, 'blockList');
}

export function useBlockList(options: UseBlockListOptions = {}): BlockListState {
  const { adapter, queryClient } = useThreatDeck();
  const state = options.state ?? 'active';
  const search = (options.search ?? '').trim();
  const pageSize = options.pageSize ?? 50;
  const supported = canListBlocks(adapter);
  const canUnblock = supports(adapter, 'unblock');

  const pages = useCollectionPages<IpBlock>({
    queryKey: blockListKeys.list(state, search, pageSize),
    placeholderScope: blockListKeys.list(state, search, pageSize).slice(0, 4),
    load: ({ signal, cursor }) => {
      if (!adapter.listBlocks) return Promise.reject(new AdapterError('unsupported', 'This backend does not list IP blocks.'));
      return adapter.listBlocks({ signal, state, pageSize, ...(search ? { search } : {}), ...(cursor !== undefined ? { cursor } : {}) });
    },
    checkPage: (page) => checkRecord(ipBlockPageSchema, page, 'IP blocks page'),
    idOf: blockId,
    enabled: supported && (options.enabled ?? true),
  });

  const { onUnblocked, onUnblockError } = options;
  const unblockWrite = useGuardedMutation<void, UnblockListedVariables>({
    idempotent: true,
    mutationFn: async ({ blockId: id }, { idempotencyKey, signal }) => {
      if (!canUnblock || !adapter.unblock) throw new AdapterError('unsupported', 'This backend cannot remove blocks.');
      try {
        await adapter.unblock({ blockId: id, idempotencyKey, signal });
      } catch (error) {
        // Already gone (expired and purged, removed elsewhere, or our own earlier attempt whose answer was lost).
        if (toAdapterError(error).code !== 'not_found') throw error;
      }
    },
    onSuccess: (_data, { blockId: id }) => {
      removeFromCollections<IpBlock>(queryClient, blockListKeys.all(), (block) => block.blockId === id);
      onUnblocked?.(id);
    },
    onError: (error, variables) => onUnblockError?.(toAdapterError(error), variables),
    onSettled: async () => {
      // A block covers every activity of its range, not only the one it was made from.
      await Promise.all([queryClient.invalidateQueries({ queryKey: blockListKeys.all() }), invalidateActivities(queryClient)]);
    },
  });

  const { run } = unblockWrite;
  const unblock = useCallback((variables: UnblockListedVariables) => run(variables), [run]);
  return { ...pages, supported, canUnblock, unblockWrite, unblock };
}

const blockId = (block: IpBlock) => block.blockId;

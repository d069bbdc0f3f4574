/**
 * The IP blocks, paged (active or expired, narrowed by a search), and the
 * write that removes one (see useRemovableCollection). Activities refetch after
 * it: a block covers every activity of its range, not only the one it was made from.
 */
import type { CollectionState, ThreatDeckAdapter } from '../core/adapter';
import type { AdapterError } from '../core/errors';
import type { IpBlock } from '../core/model';
import { checkRecord } from '../core/parseRecord';
import { ipBlockPageSchema } from '../core/schemas';
import { useThreatDeck } from './ThreatDeckProvider';
import type { CollectionPagesState } from './useCollectionPages';
import type { GuardedMutation } from './useGuardedMutation';
import { useRemovableCollection } from './useRemovableCollection';
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
  const { adapter } = useThreatDeck();
  const removeOne = adapter.unblock?.bind(adapter);
  const supported = canListBlocks(adapter);
  const canUnblock = supports(adapter, 'unblock');
  const { removeWrite, remove, ...pages } = useRemovableCollection<IpBlock, UnblockListedVariables>({
    keys: blockListKeys,
    state: options.state ?? 'active',
    search: (options.search ?? '').trim(),
    pageSize: options.pageSize ?? 50,
    enabled: options.enabled ?? true,
    supported,
    canRemove: canUnblock,
    list: adapter.listBlocks?.bind(adapter),
    remove: removeOne && ((blockId, call) => removeOne({ blockId, ...call })),
    checkPage: (page) => checkRecord(ipBlockPageSchema, page, 'IP blocks page'),
    idOf: (block) => block.blockId,
    removedId: (variables) => variables.blockId,
    unsupportedList: 'This backend does not list IP blocks.',
    unsupportedRemove: 'This backend cannot remove blocks.',
    ...(options.onUnblocked ? { onRemoved: options.onUnblocked } : {}),
    ...(options.onUnblockError ? { onRemoveError: options.onUnblockError } : {}),
  });
  return { ...pages, supported, canUnblock, unblockWrite: removeWrite, unblock: remove };
}

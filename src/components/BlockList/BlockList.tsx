/**
 * BlockList: the IP blocks, paged, Active or Expired, searchable, each with
 * its target, reason, creation, expiry (or permanent) and the activity it was
 * made from, and Unblock with a confirmation. Every value from the backend is
 * rendered as text.
 */
import type { IpBlock } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useBlockList } from '../../hooks/useBlockList';
import { TimeText } from '../SuppressionRules/CollectionCells';
import { createRemovableCollection, type CollectionProps, type RowProps } from '../SuppressionRules/RemovableCollection';

/** Search matches target or reason. */
export interface BlockListProps extends CollectionProps {
  /** Makes the source activity a button that opens it (otherwise its id shows as text). */
  onActivityOpen?: (activityId: string) => void;
  onUnblocked?: (blockId: string) => void;
}

export const BlockList = createRemovableCollection<IpBlock, BlockListProps>({
  name: 'BlockList',
  p: 'blocks',
  r: 'blocks.unblock',
  slot: 'block-list',
  button: 'block-unblock',
  unavailable: 'blocks-unblock-unavailable',
  columns: [
    ['target', 'blocks.column.target'],
    ['reason', 'blocks.column.reason'],
    ['createdAt', 'blocks.column.createdAt'],
    ['expiresAt', 'blocks.column.expiresAt'],
    ['activity', 'blocks.column.activity'],
  ],
  own: ['onActivityOpen', 'onUnblocked'],
  id: (block) => block.blockId,
  useItems: ({ onRemoved, onRemoveError, ...options }) => {
    const blocks = useBlockList({ ...options, onUnblocked: onRemoved, ...(onRemoveError ? { onUnblockError: onRemoveError } : {}) });
    return { ...blocks, canRemove: blocks.canUnblock, write: blocks.unblockWrite, remove: (block) => void blocks.unblock({ blockId: block.blockId }) };
  },
  onRemoved: (props, id) => props.onUnblocked?.(id),
  values: (block) => ({ target: block.target }),
  announce: 'blocks.unblocked',
  // An expired block no longer refuses anything: there is nothing to unblock.
  showRemove: (canRemove, state) => canRemove && state === 'active',
  Row: BlockRow,
});

function BlockRow({ item: block, now, showRemove, removeButton, props: { onActivityOpen } }: RowProps<IpBlock, BlockListProps>) {
  const { t } = useThreatDeck();
  const expired = block.expiresAt !== null && block.expiresAt <= now;
  const { activityId } = block;
  return (
    <tr data-slot="block-row" data-state={expired ? 'expired' : 'active'}>
      <th scope="row" data-slot="block-target" className="td-mono">
        {block.target}
      </th>
      <td data-slot="block-reason" className="td-collection-wrap" data-state={block.reason ? 'given' : 'none'}>
        {block.reason ? block.reason : <span className="td-collection-muted">{t('blocks.noReason')}</span>}
      </td>
      <td data-slot="block-created">
        <TimeText at={block.createdAt} />
      </td>
      <td data-slot="block-expires" data-state={block.expiresAt === null ? 'permanent' : expired ? 'expired' : 'scheduled'}>
        {block.expiresAt === null ? (
          t('blocks.permanent')
        ) : (
          <TimeText at={block.expiresAt} label={expired ? (date) => t('blocks.expiredAt', { date }) : undefined} />
        )}
      </td>
      <td data-slot="block-activity" data-state={activityId ? 'linked' : 'none'}>
        {!activityId ? (
          <span className="td-collection-muted">{t('blocks.noActivity')}</span>
        ) : onActivityOpen ? (
          <button
            type="button"
            className="td-button td-mono"
            data-variant="ghost"
            data-slot="block-open-activity"
            aria-label={t('blocks.openActivity', { id: activityId })}
            onClick={() => onActivityOpen(activityId)}
          >
            {activityId}
          </button>
        ) : (
          <span className="td-mono">{activityId}</span>
        )}
      </td>
      {showRemove ? <td data-slot="block-actions">{removeButton}</td> : null}
    </tr>
  );
}

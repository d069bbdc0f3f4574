/**
 * BlockList: the IP blocks, paged, Active or Expired, searchable, each with
 * its target, reason, creation, expiry (or permanent) and the activity it was
 * made from, and Unblock with a confirmation. Every value from the backend is
 * rendered as text.
 */
import { clsx } from 'clsx';
import { forwardRef, useRef, useState, type HTMLAttributes } from 'react';
import type { CollectionState } from '../../core/adapter';
import type { AdapterError } from '../../core/errors';
import type { IpBlock } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useBlockList } from '../../hooks/useBlockList';
import { useControllableState } from '../../hooks/useControllableState';
import { TimeText } from '../SuppressionRules/CollectionCells';
import { CollectionShell, collectionStatus, type CollectionMessages } from '../SuppressionRules/CollectionShell';
import { ConfirmRemovalDialog } from '../SuppressionRules/ConfirmRemovalDialog';

export interface BlockListProps extends Omit<HTMLAttributes<HTMLElement>, 'defaultValue' | 'onChange' | 'onError'> {
  /** Active or expired blocks; controlled. */
  state?: CollectionState;
  defaultState?: CollectionState;
  onStateChange?: (state: CollectionState) => void;
  /** The committed search (target or reason); controlled. */
  search?: string;
  defaultSearch?: string;
  onSearchChange?: (search: string) => void;
  /** Blocks per adapter page (default 50). */
  pageSize?: number;
  /** Makes the source activity a button that opens it (otherwise its id shows as text). */
  onActivityOpen?: (activityId: string) => void;
  onUnblocked?: (blockId: string) => void;
  /** An unblock failed (the dialog also says why). */
  onError?: (error: AdapterError) => void;
}

const MESSAGES: CollectionMessages = {
  tabsLabel: 'blocks.tabs.label',
  searchLabel: 'blocks.search.label',
  searchPlaceholder: 'blocks.search.placeholder',
  caption: { active: 'blocks.caption.active', expired: 'blocks.caption.expired' },
  shown: 'blocks.shown',
  empty: { active: 'blocks.empty.active', expired: 'blocks.empty.expired' },
  emptySearch: 'blocks.empty.search',
  errorTitle: 'blocks.error.title',
  partialTitle: 'blocks.partial.title',
};

export const BlockList = forwardRef<HTMLElement, BlockListProps>(function BlockList(
  {
    state: stateProp,
    defaultState = 'active',
    onStateChange,
    search: searchProp,
    defaultSearch = '',
    onSearchChange,
    pageSize = 50,
    onActivityOpen,
    onUnblocked,
    onError,
    className,
    ...rest
  },
  ref,
) {
  const { t, now } = useThreatDeck();
  const [state, setState] = useControllableState<CollectionState>({ value: stateProp, defaultValue: defaultState, onChange: onStateChange, name: 'BlockList.state' });
  const [search, setSearch] = useControllableState<string>({ value: searchProp, defaultValue: defaultSearch, onChange: onSearchChange, name: 'BlockList.search' });
  const [target, setTarget] = useState<IpBlock | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const removed = useRef(false);
  // Where the confirmed row was, for focus after it is gone (the dialog closes after `target` is cleared).
  const rowIndex = useRef(0);
  const targetRef = useRef(target);
  targetRef.current = target;

  const blocks = useBlockList({
    state,
    search,
    pageSize,
    onUnblocked: (blockId) => {
      removed.current = true;
      const gone = targetRef.current;
      setAnnouncement(gone && gone.blockId === blockId ? t('blocks.unblocked', { target: gone.target }) : null);
      setTarget(null);
      onUnblocked?.(blockId);
    },
    ...(onError ? { onUnblockError: (error: AdapterError) => onError(error) } : {}),
  });
  const status = collectionStatus(blocks, blocks.supported);
  // An expired block no longer refuses anything: there is nothing to unblock.
  const showUnblock = blocks.canUnblock && state === 'active';

  const openUnblock = (block: IpBlock, index: number, button: HTMLElement) => {
    trigger.current = button;
    rowIndex.current = index;
    removed.current = false;
    blocks.unblockWrite.reset();
    setAnnouncement(null);
    setTarget(block);
  };

  const restoreFocus = (event: Event) => {
    event.preventDefault();
    if (removed.current) {
      const buttons = tableRef.current?.querySelectorAll<HTMLElement>('[data-slot="block-unblock"]');
      const next = buttons && buttons.length > 0 ? buttons[Math.min(rowIndex.current, buttons.length - 1)] : null;
      (next ?? searchRef.current)?.focus();
    } else if (trigger.current?.isConnected) trigger.current.focus();
    else searchRef.current?.focus();
  };

  const block = target;
  return (
    <section
      ref={ref}
      aria-label={t('blocks.label')}
      data-slot="block-list"
      data-state={state}
      data-status={status}
      className={clsx('td-collection', 'td-blocks', className)}
      {...rest}
    >
      {status === 'unsupported' ? (
        <p className="td-alert" data-slot="collection-unsupported">
          {t('blocks.unsupported')}
        </p>
      ) : (
        <CollectionShell
          messages={MESSAGES}
          state={state}
          onStateChange={(next) => {
            setAnnouncement(null);
            setState(next);
          }}
          search={search}
          onSearchChange={setSearch}
          pages={blocks}
          status={status}
          searchRef={searchRef}
          notes={
            <>
              {!blocks.canUnblock ? (
                <p className="td-action-note" data-slot="blocks-unblock-unavailable">
                  {t('blocks.unblockUnavailable')}
                </p>
              ) : null}
              <p role="status" data-slot="collection-announcement" className="td-collection-announcement">
                {announcement}
              </p>
            </>
          }
          renderTable={(items, caption) => (
            <table ref={tableRef} data-slot="blocks-table" className="td-collection-table">
              <caption className="td-visually-hidden">{caption}</caption>
              <thead data-slot="table-head">
                <tr>
                  <th scope="col" data-slot="column-header" data-column="target">{t('blocks.column.target')}</th>
                  <th scope="col" data-slot="column-header" data-column="reason">{t('blocks.column.reason')}</th>
                  <th scope="col" data-slot="column-header" data-column="createdAt">{t('blocks.column.createdAt')}</th>
                  <th scope="col" data-slot="column-header" data-column="expiresAt">{t('blocks.column.expiresAt')}</th>
                  <th scope="col" data-slot="column-header" data-column="activity">{t('blocks.column.activity')}</th>
                  {showUnblock ? <th scope="col" data-slot="column-header" data-column="actions"><span className="td-visually-hidden">{t('blocks.column.actions')}</span></th> : null}
                </tr>
              </thead>
              <tbody data-slot="table-body">
                {items.map((item, index) => (
                  <BlockRow
                    key={item.blockId}
                    block={item}
                    now={now()}
                    showUnblock={showUnblock}
                    onUnblock={(button) => openUnblock(item, index, button)}
                    onActivityOpen={onActivityOpen}
                  />
                ))}
              </tbody>
            </table>
          )}
        />
      )}
      <ConfirmRemovalDialog
        open={!!target}
        onClose={() => setTarget(null)}
        onConfirm={() => {
          if (block) void blocks.unblock({ blockId: block.blockId });
        }}
        title={t('blocks.unblock.title')}
        description={block ? t('blocks.unblock.description', { target: block.target }) : ''}
        submitLabel={t('blocks.unblock.submit')}
        pendingLabel={t('blocks.unblock.pending')}
        status={blocks.unblockWrite.status}
        error={blocks.unblockWrite.error}
        failedText={t('blocks.unblock.failed')}
        unknownText={t('blocks.unblock.unknown')}
        checkingText={t('blocks.unblock.checking')}
        slot="block-unblock-dialog"
        onCloseAutoFocus={restoreFocus}
      />
    </section>
  );
});

interface BlockRowProps {
  block: IpBlock;
  now: number;
  showUnblock: boolean;
  onUnblock: (button: HTMLElement) => void;
  onActivityOpen: ((activityId: string) => void) | undefined;
}

function BlockRow({ block, now, showUnblock, onUnblock, onActivityOpen }: BlockRowProps) {
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
      {showUnblock ? (
        <td data-slot="block-actions">
          <button
            type="button"
            className="td-button"
            data-variant="ghost"
            data-slot="block-unblock"
            aria-label={t('blocks.unblockLabel', { target: block.target })}
            onClick={(e) => onUnblock(e.currentTarget)}
          >
            {t('blocks.unblock')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}

/**
 * What SuppressionRules and BlockList share: Active / Expired tabs, a search
 * box, the loading / error / empty / ready states, and paging (a Load more
 * button, and infinite scroll where IntersectionObserver exists).
 */
import * as Tabs from '@radix-ui/react-tabs';
import { useEffect, useRef, type ReactNode, type Ref } from 'react';
import type { CollectionState } from '../../core/adapter';
import type { MessageKey } from '../../i18n/en';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { CollectionPagesState } from '../../hooks/useCollectionPages';
import { ErrorNotice } from '../shared/ErrorNotice';
import { CollectionSearch } from './CollectionSearch';

export const COLLECTION_STATES: readonly CollectionState[] = ['active', 'expired'];

export type CollectionStatus = 'loading' | 'error' | 'empty' | 'ready' | 'partial' | 'unsupported';

export interface CollectionMessages {
  tabsLabel: MessageKey;
  searchLabel: MessageKey;
  searchPlaceholder: MessageKey;
  caption: Record<CollectionState, MessageKey>;
  shown: MessageKey;
  empty: Record<CollectionState, MessageKey>;
  emptySearch: MessageKey;
  errorTitle: MessageKey;
  partialTitle: MessageKey;
}

export function collectionStatus(pages: CollectionPagesState<unknown>, supported: boolean): CollectionStatus {
  if (!supported) return 'unsupported';
  if (pages.status === 'pending') return 'loading';
  if (pages.error) return 'error';
  if (pages.items.length === 0) return 'empty';
  return pages.nextPageError ? 'partial' : 'ready';
}

export interface CollectionShellProps<T> {
  messages: CollectionMessages;
  state: CollectionState;
  onStateChange: (state: CollectionState) => void;
  search: string;
  onSearchChange: (search: string) => void;
  pages: CollectionPagesState<T>;
  status: CollectionStatus;
  searchRef?: Ref<HTMLInputElement>;
  /** Above the list (e.g. why an action is unavailable, the last action's outcome). */
  notes?: ReactNode;
  /** The table of the loaded items, with `caption` as its caption. */
  renderTable: (items: T[], caption: string) => ReactNode;
}

export function CollectionShell<T>({
  messages,
  state,
  onStateChange,
  search,
  onSearchChange,
  pages,
  status,
  searchRef,
  notes,
  renderTable,
}: CollectionShellProps<T>) {
  const { t, format } = useThreatDeck();
  const caption = t(messages.caption[state]);

  const body = () => {
    if (status === 'loading') {
      return (
        <div data-slot="collection-skeleton" className="td-collection-skeleton" aria-busy="true">
          <span role="status" className="td-visually-hidden">
            {t('common.loading')}
          </span>
          {Array.from({ length: 6 }, (_, i) => (
            <span key={i} aria-hidden="true" className="td-skeleton" />
          ))}
        </div>
      );
    }
    if (status === 'error' && pages.error) return <ErrorNotice error={pages.error} title={t(messages.errorTitle)} onRetry={pages.refetch} />;
    if (status === 'empty') {
      return (
        <div data-slot="collection-empty" className="td-collection-empty">
          <p>{search ? t(messages.emptySearch, { search }) : t(messages.empty[state])}</p>
          {search ? (
            <button type="button" className="td-button" data-slot="collection-clear-search" onClick={() => onSearchChange('')}>
              {t('collection.clearSearch')}
            </button>
          ) : null}
        </div>
      );
    }
    return (
      <>
        <ScrollArea label={caption} canLoadMore={pages.hasNextPage && !pages.isFetchingNextPage && !pages.nextPageError && !pages.isPlaceholder} onLoadMore={pages.fetchNextPage} busy={pages.isPlaceholder}>
          {renderTable(pages.items, caption)}
        </ScrollArea>
        <div data-slot="collection-footer" className="td-collection-footer">
          {pages.hasNextPage && !pages.nextPageError ? (
            <button
              type="button"
              className="td-button"
              data-slot="collection-load-more"
              aria-disabled={pages.isFetchingNextPage || undefined}
              onClick={pages.fetchNextPage}
            >
              {t('collection.loadMore')}
            </button>
          ) : null}
          {pages.isFetchingNextPage ? (
            <p role="status" data-slot="collection-loading-more">
              {t('collection.loadingMore')}
            </p>
          ) : null}
          {pages.nextPageError ? (
            <ErrorNotice data-slot="collection-partial-error" error={pages.nextPageError} title={t(messages.partialTitle)} onRetry={pages.fetchNextPage} />
          ) : null}
        </div>
      </>
    );
  };

  return (
    <Tabs.Root value={state} onValueChange={(next) => onStateChange(next as CollectionState)} activationMode="automatic" data-slot="collection-body" className="td-collection-body">
      <div data-slot="collection-header" className="td-collection-header">
        <Tabs.List aria-label={t(messages.tabsLabel)} data-slot="collection-tabs" className="td-list-tabs">
          {COLLECTION_STATES.map((value) => (
            <Tabs.Trigger key={value} value={value} data-slot="collection-tab" className="td-list-tab">
              {t(`collection.state.${value}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <CollectionSearch ref={searchRef} label={t(messages.searchLabel)} placeholder={t(messages.searchPlaceholder)} value={search} onValueChange={onSearchChange} />
        <span data-slot="collection-total" className="td-collection-total">
          {pages.status === 'success' && pages.items.length > 0 ? t(messages.shown, { shown: format.number(pages.items.length), count: pages.total }) : null}
        </span>
      </div>
      {notes}
      {COLLECTION_STATES.map((value) => (
        <Tabs.Content key={value} value={value} tabIndex={-1} data-slot="collection-panel" className="td-collection-panel">
          {value === state ? body() : null}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}

/**
 * The scrolling box around a table: focusable (keyboard scrolling, and axe's
 * scrollable-region rule when no row has a button), loading the next page as
 * its end comes into view.
 */
function ScrollArea({ label, canLoadMore, onLoadMore, busy, children }: { label: string; canLoadMore: boolean; onLoadMore: () => void; busy: boolean; children: ReactNode }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const loadMore = useRef(onLoadMore);
  loadMore.current = onLoadMore;
  useEffect(() => {
    const root = scrollRef.current;
    const sentinel = sentinelRef.current;
    if (!canLoadMore || !root || !sentinel || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore.current();
    }, { root, rootMargin: '0px 0px 240px 0px' });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [canLoadMore]);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll container must be reachable by keyboard
    <div ref={scrollRef} role="region" aria-label={label} tabIndex={0} aria-busy={busy || undefined} data-slot="collection-scroll" data-status={busy ? 'pending' : 'idle'} className="td-collection-scroll">
      {children}
      <div ref={sentinelRef} data-slot="collection-sentinel" aria-hidden="true" className="td-collection-sentinel" />
    </div>
  );
}

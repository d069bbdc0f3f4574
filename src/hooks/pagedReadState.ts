import type { AdapterError } from '../core/errors';

/** What every paged read (the activity list, rules, blocks) reports besides its items. */
export interface PagedReadState {
  /** `pending` until the first page arrives. */
  status: 'pending' | 'error' | 'success';
  /** The first page failed (nothing to show). */
  error: AdapterError | null;
  /** A later page failed; the items loaded so far stay. */
  nextPageError: AdapterError | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** True while a new query's or search's first page loads and the previous items are shown. */
  isPlaceholder: boolean;
  fetchNextPage: () => void;
  refetch: () => void;
}

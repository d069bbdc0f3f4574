/**
 * The user picker's shared parts (assignee control, assignee filter, bulk
 * assign): a search that applies after a pause, read while the picker is open,
 * and what the read says besides the users (loading, failure with Retry,
 * none, more than shown).
 */
import { useEffect, useState } from 'react';
import type { User } from '../../core/cases';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useUsers, type CaseReadState } from '../../hooks/useCaseReads';

export function useUserSearch(open: boolean, debounceMs: number): { search: string; setSearch: (text: string) => void; users: CaseReadState<User> } {
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setApplied(search), debounceMs);
    return () => clearTimeout(timer);
  }, [search, debounceMs]);
  return { search, setSearch, users: useUsers({ search: applied, enabled: open }) };
}

/** The read failed: its typed error and Retry. */
export function UsersReadError({ users }: { users: CaseReadState<User> }) {
  const { t } = useThreatDeck();
  if (!users.error) return null;
  return (
    <p role="alert" className="td-alert" data-tone="error">
      {t(`error.${users.error.code}`)}{' '}
      <button type="button" className="td-button" onClick={users.refetch}>
        {t('common.retry')}
      </button>
    </p>
  );
}

/** Inside the list of users: loading, the error, or that there are none (`empty`). */
export function UsersReadState({ users, empty }: { users: CaseReadState<User>; empty: boolean }) {
  const { t } = useThreatDeck();
  return (
    <>
      {users.status === 'pending' ? <p role="status">{t('filters.assignee.loading')}</p> : null}
      <UsersReadError users={users} />
      {users.status === 'success' && empty ? <p>{t('filters.assignee.noUsers')}</p> : null}
    </>
  );
}

/** Below the list: more users match than the page shows (narrow by searching). */
export function UsersMore({ users, slot }: { users: CaseReadState<User>; slot?: string }) {
  const { t, format } = useThreatDeck();
  if (users.status !== 'success' || users.total <= users.items.length) return null;
  return (
    <p data-slot={slot} className="td-filter-more" role="status">
      {t('filters.assignee.more', { shown: format.number(users.items.length), total: format.number(users.total) })}
    </p>
  );
}

/**
 * Names for user ids (assignees, note authors, history "who"), from the
 * adapter's first page of users. An id the page does not hold, or a backend
 * without case handling, shows the id itself — as text, like any value.
 */
import { useCallback, useMemo } from 'react';
import { SYSTEM_PRINCIPAL_ID, type User } from '../../core/cases';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useUsers } from '../../hooks/useCaseReads';

export function useUserNames(): { nameOf: (id: string) => string; users: User[] } {
  const { t } = useThreatDeck();
  const users = useUsers({ pageSize: 100 });
  const byId = useMemo(() => new Map(users.items.map((u) => [u.id, u])), [users.items]);
  const nameOf = useCallback(
    (id: string) => {
      if (id === SYSTEM_PRINCIPAL_ID) return t('cases.user.system');
      const user = byId.get(id);
      if (!user) return id;
      return user.deleted ? t('cases.user.deleted', { name: user.name }) : user.name;
    },
    [byId, t],
  );
  return { nameOf, users: users.items };
}

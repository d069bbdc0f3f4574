/**
 * The drilldown's assignee control: who has the activity, and a non-modal
 * dialog under the button (like the facet filters) with "Assign to me",
 * "Unassigned" and the searchable list of assignable users. Choosing one
 * writes at once (idempotent, retried with one key); the outcome is said
 * honestly next to the button. Hidden without the adapter's case handling.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useId, useRef, useState } from 'react';
import type { Activity } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useAssign } from '../../hooks/useCaseWrites';
import { WriteNotice } from '../EventActions/ActionDialog';
import { useAnchoredPosition } from '../shared/useAnchoredPosition';
import { useUserNames } from '../shared/useUserNames';
import { UsersMore, UsersReadState, useUserSearch } from '../shared/userSearch';

export interface AssigneeControlProps {
  activity: Activity;
  /** The signed-in analyst's user id: offers "Assign to me". */
  currentUserId?: string | undefined;
  /** Pause after typing before the user search applies (default 250 ms). */
  searchDebounceMs?: number;
}

export function AssigneeControl({ activity, currentUserId, searchDebounceMs = 250 }: AssigneeControlProps) {
  const { t, portalContainer } = useThreatDeck();
  const { nameOf } = useUserNames();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const anchorRef = useAnchoredPosition<HTMLDivElement>(triggerRef, { align: 'end', offset: 4 });
  const ids = { search: useId(), list: useId(), name: useId() };
  const { search, setSearch, users } = useUserSearch(open, searchDebounceMs);
  const assign = useAssign({ onSuccess: () => setOpen(false) });
  // Until the refetched activity arrives, the chosen assignee is shown.
  const [chosen, setChosen] = useState<{ for: string | undefined; to: string | null } | null>(null);
  const current = chosen && chosen.for === activity.assigneeId && assign.status !== 'error' && assign.status !== 'unknown' ? chosen.to : (activity.assigneeId ?? null);
  const busy = assign.status === 'pending' || assign.status === 'checking';
  if (!assign.supported) return null;

  const choose = (userId: string | null) => {
    if (busy) return;
    setChosen({ for: activity.assigneeId, to: userId });
    void assign.assign({ ids: [activity.id] }, userId);
  };
  const listed = users.items.filter((u) => !u.deleted);
  const currentText = current === null ? t('cases.assignee.none') : nameOf(current);

  return (
    <div data-slot="assignee-control" className="td-assignee">
      <Dialog.Root open={open} onOpenChange={setOpen} modal={false}>
        <Dialog.Trigger asChild>
          <button ref={triggerRef} type="button" className="td-button" data-slot="assignee-button" aria-busy={busy || undefined}>
            {t('cases.assignee.button', { name: currentText })}
          </button>
        </Dialog.Trigger>
        <Dialog.Portal container={portalContainer}>
          <Dialog.Content ref={anchorRef} className="td-dialog td-filter-popover" data-slot="assignee-dialog" aria-describedby={undefined}>
            <Dialog.Title className="td-visually-hidden">{t('cases.assignee.title')}</Dialog.Title>
            {currentUserId && current !== currentUserId ? (
              <button type="button" className="td-button" data-slot="assign-to-me" aria-busy={busy || undefined} onClick={() => choose(currentUserId)}>
                {t('cases.assignee.toMe')}
              </button>
            ) : null}
            <div className="td-field">
              <label htmlFor={ids.search}>{t('filters.assignee.search')}</label>
              <input id={ids.search} type="search" className="td-input" value={search} autoComplete="off" aria-controls={ids.list} onChange={(e) => setSearch(e.target.value)} />
            </div>
            <fieldset id={ids.list} className="td-filter-options" data-slot="assignee-choices" data-status={users.status} aria-busy={users.isPlaceholder || undefined}>
              <legend className="td-visually-hidden">{t('cases.assignee.title')}</legend>
              <label className="td-filter-option">
                <input type="radio" name={ids.name} checked={current === null} onChange={() => choose(null)} />
                <span>{t('cases.assignee.none')}</span>
              </label>
              <UsersReadState users={users} empty={listed.length === 0} />
              {listed.map((u) => (
                <label key={u.id} className="td-filter-option" data-slot="assignee-user">
                  <input type="radio" name={ids.name} checked={current === u.id} onChange={() => choose(u.id)} />
                  <span>{u.name}</span>
                </label>
              ))}
            </fieldset>
            <UsersMore users={users} />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <WriteNotice
        status={assign.status}
        retrySafe={assign.retrySafe}
        error={assign.error}
        failed="cases.assignee.failed"
        unknown="cases.assignee.unknown"
        checking="cases.assignee.checking"
        slot="assignee-error"
      />
    </div>
  );
}

/**
 * The assignee filter: "Assigned to me", "Unassigned" or one user from the
 * adapter's (searchable) list, bound to `query.assignee`. The same non-modal
 * dialog as the facet filters (focus moves in, Escape and an outside click
 * close it, focus returns to the button); native radios, so arrow keys move
 * between the choices. Shown only when the adapter has case handling.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useId, useRef, useState } from 'react';
import type { AssigneeFilter as AssigneeValue, ActivityQuery } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useAnchoredPosition } from '../shared/useAnchoredPosition';
import { useUserNames } from '../shared/useUserNames';
import { UsersMore, UsersReadState, useUserSearch } from '../shared/userSearch';

export interface AssigneeFilterProps {
  query: ActivityQuery;
  onQueryChange: (query: ActivityQuery) => void;
  debounceMs: number;
}

const keyOf = (value: AssigneeValue | undefined) => (value === undefined ? '' : typeof value === 'string' ? value : `user:${value.userId}`);

export function AssigneeFilter({ query, onQueryChange, debounceMs }: AssigneeFilterProps) {
  const { t, portalContainer } = useThreatDeck();
  const { nameOf } = useUserNames();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const anchorRef = useAnchoredPosition<HTMLDivElement>(triggerRef, { align: 'start', offset: 4 });
  const searchId = useId();
  const listId = useId();
  const name = useId();
  const { search, setSearch, users } = useUserSearch(open, debounceMs);

  const value = query.assignee;
  const current = keyOf(value);
  const set = (next: AssigneeValue | undefined) => {
    const { assignee: _drop, ...rest } = query;
    onQueryChange(next === undefined ? rest : { ...rest, assignee: next });
  };
  const label = t('filters.field.assignee');
  const triggerText =
    value === undefined ? label : `${label}: ${value === 'me' ? t('filters.assignee.me') : value === 'unassigned' ? t('filters.assignee.unassigned') : nameOf(value.userId)}`;
  // Assignable users only; the one filtered on stays listed even if a search hides it.
  const listed = users.items.filter((u) => !u.deleted);
  const chosenUser = typeof value === 'object' && !listed.some((u) => u.id === value.userId) ? value.userId : null;

  const radio = (key: string, text: string, next: AssigneeValue | undefined) => (
    <label key={key} data-slot="assignee-option" className="td-filter-option">
      <input type="radio" name={name} checked={current === key} onChange={() => set(next)} />
      <span>{text}</span>
    </label>
  );

  return (
    <Dialog.Root open={open} onOpenChange={setOpen} modal={false}>
      <Dialog.Trigger asChild>
        <button ref={triggerRef} type="button" className="td-button" data-slot="assignee-trigger" data-state={value === undefined ? 'inactive' : 'active'}>
          {triggerText}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal container={portalContainer}>
        <Dialog.Content ref={anchorRef} className="td-dialog td-filter-popover" data-slot="assignee-popover" aria-describedby={undefined}>
          <Dialog.Title className="td-visually-hidden">{label}</Dialog.Title>
          <fieldset data-slot="assignee-options" className="td-filter-options">
            <legend className="td-visually-hidden">{label}</legend>
            {radio('', t('filters.assignee.any'), undefined)}
            {radio('me', t('filters.assignee.me'), 'me')}
            {radio('unassigned', t('filters.assignee.unassigned'), 'unassigned')}
          </fieldset>
          <div className="td-field">
            <label htmlFor={searchId}>{t('filters.assignee.search')}</label>
            <input
              id={searchId}
              type="search"
              className="td-input"
              data-slot="assignee-search"
              value={search}
              autoComplete="off"
              aria-controls={listId}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <fieldset id={listId} data-slot="assignee-users" data-status={users.status} className="td-filter-options" aria-busy={users.isPlaceholder || undefined}>
            <legend className="td-visually-hidden">{t('filters.assignee.users')}</legend>
            <UsersReadState users={users} empty={listed.length === 0 && chosenUser === null} />
            {chosenUser !== null ? radio(`user:${chosenUser}`, nameOf(chosenUser), { userId: chosenUser }) : null}
            {listed.map((u) => radio(`user:${u.id}`, u.name, { userId: u.id }))}
          </fieldset>
          <UsersMore users={users} slot="assignee-more" />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

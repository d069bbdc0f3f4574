/**
 * Bulk assign and bulk note for a selection, in the selection toolbar: by
 * ids, or by query bounded by the list's `asOf` (the same target the status
 * bulk uses, so later arrivals are left alone). Each opens a dialog that
 * says how many activities it applies to; the outcome is said honestly
 * (failed: nothing saved; unknown: may be saved). Shown with the cases capability.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState, type FormEvent } from 'react';
import type { ActivityTarget } from '../../core/activitySelection';
import { MAX_NOTE_LENGTH } from '../../core/cases';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useUsers } from '../../hooks/useCaseReads';
import { useAddNotes, useAssign } from '../../hooks/useCaseWrites';
import { ActionButton } from '../EventActions/ActionButton';
import { ActionDialogContent, ActionDialogFooter, WriteNotice } from '../EventActions/ActionDialog';
import { UsersReadError } from '../shared/userSearch';

export interface BulkCaseActionsProps {
  target: ActivityTarget;
  count: number;
  pending: boolean;
  onDone: (message: string) => void;
}

const UNASSIGNED = '\u0000unassigned';

export function BulkCaseActions({ target, count, pending, onDone }: BulkCaseActionsProps) {
  const { t, format } = useThreatDeck();
  const [open, setOpen] = useState<'assign' | 'note' | null>(null);
  const [userId, setUserId] = useState<string>(UNASSIGNED);
  const [text, setText] = useState('');
  const ids = { user: useId(), text: useId(), count: useId() };
  const users = useUsers({ enabled: open === 'assign' });
  const assign = useAssign({
    onSuccess: (result) => {
      setOpen(null);
      onDone(t('list.bulk.assigned', { count: result.affected }));
    },
  });
  const notes = useAddNotes({
    onSuccess: (result) => {
      setOpen(null);
      setText('');
      onDone(t('list.bulk.noted', { count: result.affected }));
    },
  });
  if (!assign.supported) return null;
  const assigning = assign.status === 'pending' || assign.status === 'checking';
  const noting = notes.status === 'pending' || notes.status === 'checking';
  const length = text.trim().length;
  const over = length > MAX_NOTE_LENGTH;

  const submitAssign = (event: FormEvent) => {
    event.preventDefault();
    void assign.assign(target, userId === UNASSIGNED ? null : userId);
  };
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    if (length === 0 || over) return;
    void notes.addNotes(target, text);
  };
  const openDialog = (which: 'assign' | 'note') => {
    assign.reset();
    notes.reset();
    setOpen(which);
  };
  const onOpenChange = (next: boolean) => {
    // A write in flight keeps its dialog: its outcome is said there.
    if (!next && (assigning || noting)) return;
    if (!next) setOpen(null);
  };

  return (
    <>
      <ActionButton data-slot="bulk-assign" aria-haspopup="dialog" pending={pending} onClick={() => openDialog('assign')}>
        {t('list.bulk.assign')}
      </ActionButton>
      <ActionButton data-slot="bulk-note" aria-haspopup="dialog" pending={pending} onClick={() => openDialog('note')}>
        {t('list.bulk.note')}
      </ActionButton>
      <Dialog.Root open={open === 'assign'} onOpenChange={onOpenChange}>
        <ActionDialogContent data-slot="bulk-assign-dialog" title={t('list.bulk.assignTitle')} description={t('list.bulk.assignSummary', { count })}>
          <form onSubmit={submitAssign} noValidate>
            <div className="td-field">
              <label htmlFor={ids.user}>{t('list.bulk.assignee')}</label>
              <select id={ids.user} className="td-select" value={userId} onChange={(e) => setUserId(e.currentTarget.value)} aria-busy={users.status === 'pending' || undefined}>
                <option value={UNASSIGNED}>{t('cases.assignee.none')}</option>
                {users.items
                  .filter((u) => !u.deleted)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
              <UsersReadError users={users} />
            </div>
            <WriteNotice status={assign.status} retrySafe={assign.retrySafe} error={assign.error} failed="list.bulk.assignFailed" unknown="list.bulk.assignUnknown" checking="list.bulk.checking" slot="bulk-assign-error" />
            <ActionDialogFooter submitLabel={t('list.bulk.assignSubmit', { count })} pending={assigning} slot="bulk-assign-submit" />
          </form>
        </ActionDialogContent>
      </Dialog.Root>
      <Dialog.Root open={open === 'note'} onOpenChange={onOpenChange}>
        <ActionDialogContent data-slot="bulk-note-dialog" title={t('list.bulk.noteTitle')} description={t('list.bulk.noteSummary', { count })}>
          <form onSubmit={submitNote} noValidate>
            <div className="td-field">
              <label htmlFor={ids.text}>{t('cases.note.label')}</label>
              <textarea id={ids.text} className="td-textarea" value={text} aria-describedby={ids.count} aria-invalid={over || undefined} onChange={(e) => setText(e.currentTarget.value)} />
              <span id={ids.count} data-slot="note-count" data-state={over ? 'over' : 'within'} className="td-hint">
                {t(over ? 'cases.note.countOver' : 'cases.note.count', { count: format.number(length), max: format.number(MAX_NOTE_LENGTH) })}
              </span>
            </div>
            <WriteNotice status={notes.status} retrySafe={notes.retrySafe} error={notes.error} failed="list.bulk.noteFailed" unknown="list.bulk.noteUnknown" checking="list.bulk.checking" slot="bulk-note-error" />
            <ActionDialogFooter submitLabel={t('list.bulk.noteSubmit', { count })} pending={noting} slot="bulk-note-submit" />
          </form>
        </ActionDialogContent>
      </Dialog.Root>
    </>
  );
}

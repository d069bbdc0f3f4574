/**
 * The append-only notes composer: plain text (never markup), a counter
 * against MAX_NOTE_LENGTH, and the write's honest outcome (WriteNotice:
 * checking, saved, failed with nothing saved, or unknown). The text stays
 * until the note is confirmed saved, so a failure never loses it.
 */
import { useId, useState, type FormEvent } from 'react';
import { MAX_NOTE_LENGTH } from '../../core/cases';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useAddNote } from '../../hooks/useCaseWrites';
import { useDraft } from '../../hooks/useDraft';
import { ActionButton } from '../EventActions/ActionButton';
import { WriteNotice } from '../EventActions/ActionDialog';

export interface NoteComposerProps {
  activityId: string;
}

export function NoteComposer({ activityId }: NoteComposerProps) {
  const { t, format } = useThreatDeck();
  const ids = { text: useId(), count: useId() };
  const [draft, updateDraft, clearDraft] = useDraft<{ text: string }>(`note:${activityId}`, { text: '' });
  const [saved, setSaved] = useState(false);
  const add = useAddNote({
    onSuccess: () => {
      clearDraft();
      setSaved(true);
    },
  });
  const busy = add.status === 'pending' || add.status === 'checking';
  const length = draft.text.trim().length;
  const over = length > MAX_NOTE_LENGTH;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (length === 0 || over || busy) return;
    setSaved(false);
    void add.addNote(activityId, draft.text);
  };
  return (
    <form data-slot="note-composer" className="td-note-composer" onSubmit={submit} noValidate>
      <div className="td-field">
        <label htmlFor={ids.text}>{t('cases.note.label')}</label>
        <textarea
          id={ids.text}
          className="td-textarea"
          value={draft.text}
          aria-describedby={ids.count}
          aria-invalid={over || undefined}
          onChange={(e) => {
            setSaved(false);
            updateDraft({ text: e.currentTarget.value });
          }}
        />
        <span id={ids.count} data-slot="note-count" data-state={over ? 'over' : 'within'} className="td-hint">
          {t(over ? 'cases.note.countOver' : 'cases.note.count', { count: format.number(length), max: format.number(MAX_NOTE_LENGTH) })}
        </span>
      </div>
      <WriteNotice
        status={add.status}
        retrySafe={add.retrySafe}
        error={add.error}
        failed="cases.note.failed"
        unknown="cases.note.unknown"
        checking="cases.note.checking"
        slot="note-error"
      />
      {saved && add.status === 'success' ? (
        <p role="status" className="td-alert" data-tone="success" data-slot="note-saved">
          {t('cases.note.saved')}
        </p>
      ) : null}
      <ActionButton type="submit" variant="primary" pending={busy} unavailableReason={length === 0 ? null : over ? t('cases.note.tooLong') : null} data-slot="note-submit">
        {t('cases.note.submit')}
      </ActionButton>
    </form>
  );
}

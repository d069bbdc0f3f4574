/**
 * The reason kept with a status change (Ignore, Mark for Review): one of the
 * host's choices and/or free text. Both are optional unless the host asks for
 * a reason; what is sent is the normalised `StatusReason` (empty parts left out).
 */
import { useId } from 'react';
import { MAX_REASON_TEXT_LENGTH, type StatusReason } from '../../core/cases';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

/** A host-configured reason: `id` is stored with the change, `label` is shown. */
export interface StatusReasonChoice {
  id: string;
  label: string;
}

export interface StatusReasonDraft {
  choice: string;
  text: string;
}

export const EMPTY_REASON: StatusReasonDraft = { choice: '', text: '' };

/** The catalog's default choices (a host replaces them with `statusReasons`). */
export function useDefaultStatusReasons(): StatusReasonChoice[] {
  const { t } = useThreatDeck();
  return [
    { id: 'false-positive', label: t('reason.choice.falsePositive') },
    { id: 'expected-traffic', label: t('reason.choice.expectedTraffic') },
    { id: 'duplicate', label: t('reason.choice.duplicate') },
    { id: 'needs-investigation', label: t('reason.choice.needsInvestigation') },
  ];
}

/** What goes with the write: `undefined` when nothing was given. */
export function toStatusReason(draft: StatusReasonDraft): StatusReason | undefined {
  const choice = draft.choice.trim();
  const text = draft.text.trim();
  if (!choice && !text) return undefined;
  return { ...(choice ? { choice } : {}), ...(text ? { text } : {}) };
}

export interface StatusReasonFieldsProps {
  legend: string;
  choices: readonly StatusReasonChoice[];
  value: StatusReasonDraft;
  onChange: (value: StatusReasonDraft) => void;
  /** The host requires a reason: the fields say so, and `missing` marks them invalid. */
  required?: boolean;
  missing?: boolean;
  slot: string;
}

export function StatusReasonFields({ legend, choices, value, onChange, required = false, missing = false, slot }: StatusReasonFieldsProps) {
  const { t } = useThreatDeck();
  const ids = { choice: useId(), text: useId(), error: useId() };
  return (
    <fieldset className="td-field td-reason-fields" data-slot={slot} aria-describedby={missing ? ids.error : undefined}>
      <legend>{required ? t('reason.legendRequired', { legend }) : legend}</legend>
      <label htmlFor={ids.choice}>{t('reason.choice.label')}</label>
      <select
        id={ids.choice}
        className="td-select"
        data-slot={`${slot}-choice`}
        value={value.choice}
        aria-invalid={missing || undefined}
        onChange={(e) => onChange({ ...value, choice: e.currentTarget.value })}
      >
        <option value="">{t('reason.choice.none')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <label htmlFor={ids.text}>{t('reason.text.label')}</label>
      <textarea
        id={ids.text}
        className="td-textarea"
        data-slot={`${slot}-text`}
        value={value.text}
        maxLength={MAX_REASON_TEXT_LENGTH}
        aria-invalid={missing || undefined}
        onChange={(e) => onChange({ ...value, text: e.currentTarget.value })}
      />
      {missing ? (
        <p id={ids.error} data-slot="field-error" role="alert">
          {t('reason.required')}
        </p>
      ) : null}
    </fieldset>
  );
}

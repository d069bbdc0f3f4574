import { clsx } from 'clsx';
import { useId } from 'react';
import type { WorkItemField } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface WorkItemFieldControlProps {
  field: WorkItemField;
  /** The field's text as typed (labels comma-separated). */
  value: string;
  onValueChange: (text: string) => void;
  /** The validation message, linked to the control with aria-describedby. */
  error: string | null;
  controlRef?: (node: HTMLElement | null) => void;
}

/** One discovered field: text, long text, select, labels or assignee, labelled and validated. */
export function WorkItemFieldControl({ field, value, onValueChange, error, controlRef }: WorkItemFieldControlProps) {
  const { t } = useThreatDeck();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const listId = `${id}-options`;
  const hint = field.type === 'labels' ? t('workItem.labelsHint') : null;
  const common = {
    id,
    ref: controlRef,
    required: field.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': clsx(hint && hintId, error && errorId) || undefined,
    'data-role': field.role,
  };
  const suggestions = field.type === 'labels' || field.type === 'assignee' ? (field.options ?? []) : [];

  return (
    <div className="td-field" data-slot="work-item-field" data-type={field.type} data-invalid={error ? '' : undefined}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? (
          <>
            {' '}
            <span className="td-required">({t('workItem.required')})</span>
          </>
        ) : null}
      </label>
      {field.type === 'longtext' ? (
        <textarea {...common} className="td-textarea" value={value} spellCheck={false} onChange={(e) => onValueChange(e.currentTarget.value)} />
      ) : field.type === 'select' ? (
        <select {...common} className="td-select" value={value} onChange={(e) => onValueChange(e.currentTarget.value)}>
          <option value="">{t('workItem.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          className="td-input"
          type="text"
          value={value}
          autoComplete="off"
          list={suggestions.length > 0 ? listId : undefined}
          onChange={(e) => onValueChange(e.currentTarget.value)}
        />
      )}
      {suggestions.length > 0 ? (
        <datalist id={listId}>
          {suggestions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </datalist>
      ) : null}
      {hint ? (
        <span id={hintId} className="td-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="td-field-error" data-slot="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

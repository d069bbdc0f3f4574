import { useEffect, useId, useRef, useState } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface SearchBoxProps {
  value: string;
  onValueChange: (value: string) => void;
  debounceMs: number;
}

/**
 * Free-text search, committed after the user pauses typing (or on Enter).
 * The draft follows the committed value when it changes from outside
 * (a chip removed, clear all).
 */
export function SearchBox({ value, onValueChange, debounceMs }: SearchBoxProps) {
  const { t } = useThreatDeck();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // What this box itself last committed: its echo must not replace newer typing.
  const sentRef = useRef(value);
  if (seen !== value) {
    // Adjust during render (no effect): only an outside change replaces the draft.
    setSeen(value);
    if (value !== sentRef.current) {
      sentRef.current = value;
      setDraft(value);
    }
  }
  const onValueChangeRef = useRef(onValueChange);
  onValueChangeRef.current = onValueChange;
  const commit = (next: string) => {
    sentRef.current = next;
    onValueChangeRef.current(next);
  };
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => {
      sentRef.current = draft;
      onValueChangeRef.current(draft);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [draft, value, debounceMs]);

  return (
    <div data-slot="filter-search" className="td-filter-search">
      <label htmlFor={id} className="td-visually-hidden">
        {t('filters.search.label')}
      </label>
      <input
        id={id}
        type="search"
        className="td-input"
        data-slot="search-input"
        value={draft}
        placeholder={t('filters.search.placeholder')}
        maxLength={512}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft !== value) commit(draft);
        }}
      />
    </div>
  );
}

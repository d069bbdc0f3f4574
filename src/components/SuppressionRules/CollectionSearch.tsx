import { forwardRef, useEffect, useId, useRef, useState } from 'react';

export interface CollectionSearchProps {
  label: string;
  placeholder: string;
  value: string;
  /** Called with the committed search (after the pause, or on Enter). */
  onValueChange: (value: string) => void;
  debounceMs?: number;
}

/**
 * The search box of a collection, committed after a pause in typing (or on
 * Enter). The draft follows the committed value when it changes from outside
 * (a host's controlled `search`, "Clear search").
 */
export const CollectionSearch = forwardRef<HTMLInputElement, CollectionSearchProps>(function CollectionSearch(
  { label, placeholder, value, onValueChange, debounceMs = 250 },
  ref,
) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // What this box itself last committed: its echo must not replace newer typing.
  const sent = useRef(value);
  if (seen !== value) {
    setSeen(value);
    if (value !== sent.current) {
      sent.current = value;
      setDraft(value);
    }
  }
  const onValueChangeRef = useRef(onValueChange);
  onValueChangeRef.current = onValueChange;
  const commit = (next: string) => {
    sent.current = next;
    onValueChangeRef.current(next);
  };
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => commit(draft), debounceMs);
    return () => clearTimeout(timer);
  }, [draft, value, debounceMs]);

  return (
    <div data-slot="collection-search" className="td-collection-search">
      <label htmlFor={id} className="td-visually-hidden">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        type="search"
        className="td-input"
        data-slot="collection-search-input"
        value={draft}
        placeholder={placeholder}
        maxLength={256}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft !== value) commit(draft);
        }}
      />
    </div>
  );
});

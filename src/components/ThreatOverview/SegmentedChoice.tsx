/** A small radio group drawn as segmented buttons (native radios: arrow keys and forms work as users expect). */
import { useId } from 'react';

export interface SegmentedChoiceProps<T extends string> {
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onValueChange: (value: T) => void;
}

export function SegmentedChoice<T extends string>({ label, options, value, onValueChange }: SegmentedChoiceProps<T>) {
  const name = useId();
  return (
    <fieldset className="td-segmented" data-slot="segmented">
      <legend className="td-segmented-legend">{label}</legend>
      {options.map((o) => (
        <label key={o.value} className="td-segmented-option" data-state={o.value === value ? 'selected' : 'unselected'}>
          <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onValueChange(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

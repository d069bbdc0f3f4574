/**
 * One ranked list of the overview (top subcategories, endpoints, actors, the
 * severity split): each row is a toggle button that adds or removes its value
 * in the list's filter. A vertical toolbar: one Tab stop per list, Up / Down /
 * Home / End move between rows.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FacetOption } from '../../core/adapter';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { CountText } from '../shared/CountText';

export interface OverviewTopListProps {
  field: string;
  title: string;
  options: readonly FacetOption[];
  selected: readonly string[];
  labelOf: (option: FacetOption) => string;
  /** The counts are estimates (a sampled facet): shown "~N", read "about N". */
  estimated?: boolean;
  onToggle: (value: string) => void;
}

export function OverviewTopList({ field, title, options, selected, labelOf, estimated = false, onToggle }: OverviewTopListProps) {
  const { t } = useThreatDeck();
  const headingId = useId();
  const hintId = useId();
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const max = options.reduce((m, o) => Math.max(m, o.count), 0);
  const current = Math.min(focusIndex, Math.max(0, options.length - 1));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    const jump = { Home: 0, End: options.length - 1 }[event.key];
    if (step === undefined && jump === undefined) return;
    event.preventDefault();
    const next = jump ?? Math.min(options.length - 1, Math.max(0, current + step!));
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <section className="td-overview-top" data-slot="overview-top" data-field={field} aria-labelledby={headingId}>
      <h3 id={headingId} className="td-overview-top-title">
        {title}
      </h3>
      {options.length === 0 ? (
        <p className="td-overview-none">{t('overview.top.empty')}</p>
      ) : (
        <div role="toolbar" aria-orientation="vertical" aria-labelledby={headingId} aria-describedby={hintId} className="td-overview-top-list" onKeyDown={onKeyDown}>
          <p id={hintId} className="td-visually-hidden">
            {t('overview.top.hint')}
          </p>
          {options.map((option, i) => {
            const on = selected.includes(option.value);
            const label = labelOf(option);
            return (
                <button
                  key={option.value}
                  ref={(el) => {
                    buttons.current[i] = el;
                  }}
                  type="button"
                  className="td-overview-top-row"
                  data-state={on ? 'selected' : 'unselected'}
                  aria-pressed={on}
                  tabIndex={i === current ? 0 : -1}
                  onFocus={() => setFocusIndex(i)}
                  onClick={() => onToggle(option.value)}
                  title={label}
                >
                  <span className="td-overview-top-label">{label}</span>{' '}
                  <span className="td-overview-top-count" data-estimate={estimated ? '' : undefined}>
                    <CountText count={option.count} estimated={estimated} />
                    {estimated ? ' ' : null}
                    <span className="td-visually-hidden"> {t('overview.top.unit', { count: option.count })}</span>
                  </span>
                  <span className="td-overview-top-bar" aria-hidden="true" style={{ inlineSize: `${max ? (option.count / max) * 100 : 0}%` }} />
                </button>
            );
          })}
        </div>
      )}
    </section>
  );
}

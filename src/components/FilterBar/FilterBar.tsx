/**
 * FilterBar: search, facet filters with counts, severity, time range, chips.
 * Its value is the same serialisable `ActivityQuery` the list takes, so a host
 * can share one value between both and keep it in its URL.
 */
import { clsx } from 'clsx';
import { forwardRef, useId, type HTMLAttributes } from 'react';
import { defaultQuery as createDefaultQuery, TIME_PRESETS, type ActivityQuery, type FilterField, type TimePreset } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useCapabilities } from '../../hooks/useCapabilities';
import { useControllableState } from '../../hooks/useControllableState';
import { AssigneeFilter } from './AssigneeFilter';
import { activeFilterKey, clearAllFilters, listActiveFilters, removeActiveFilter, useFilterLabels } from './activeFilters';
import { FacetFilter } from './FacetFilter';
import { SearchBox } from './SearchBox';

export const FILTER_BAR_FIELDS: readonly FilterField[] = ['actor', 'url', 'host', 'type', 'subcategory', 'successfulExploit', 'severity'];

export interface FilterBarProps extends Omit<HTMLAttributes<HTMLDivElement>, 'defaultValue' | 'onChange'> {
  query?: ActivityQuery;
  defaultQuery?: ActivityQuery;
  onQueryChange?: (query: ActivityQuery) => void;
  /** Pause after typing before the search applies (default 300 ms). */
  searchDebounceMs?: number;
  /** Facet options fetched at once; more are reached by searching (default 100). */
  facetLimit?: number;
  /** Which filters to show, in order (default: all). */
  fields?: readonly FilterField[];
}

export const FilterBar = forwardRef<HTMLDivElement, FilterBarProps>(function FilterBar(
  { query: queryProp, defaultQuery, onQueryChange, searchDebounceMs = 300, facetLimit = 100, fields = FILTER_BAR_FIELDS, className, ...rest },
  ref,
) {
  const { t } = useThreatDeck();
  const capabilities = useCapabilities();
  const { fieldLabel, valueLabel } = useFilterLabels();
  const timeId = useId();
  const [query, setQuery] = useControllableState<ActivityQuery>({
    value: queryProp,
    defaultValue: () => defaultQuery ?? createDefaultQuery(),
    onValueChange: onQueryChange,
    name: 'FilterBar.query',
  });
  const active = listActiveFilters(query);
  const timeValue = query.time === null ? '' : 'preset' in query.time ? query.time.preset : 'custom';

  return (
    <div ref={ref} role="search" aria-label={t('filters.label')} data-slot="filter-bar" className={clsx('td-filter-bar', className)} {...rest}>
      <div data-slot="filter-controls" className="td-filter-controls">
        <SearchBox value={query.search} debounceMs={searchDebounceMs} onValueChange={(search) => setQuery((q) => ({ ...q, search }))} />
        {fields.map((field) => (
          <FacetFilter key={field} field={field} query={query} onQueryChange={setQuery} limit={facetLimit} debounceMs={searchDebounceMs} />
        ))}
        {capabilities.cases ? <AssigneeFilter query={query} onQueryChange={setQuery} debounceMs={searchDebounceMs} /> : null}
        <span data-slot="time-range" className="td-filter-time">
          <label htmlFor={timeId}>{t('filters.field.time')}</label>
          <select
            id={timeId}
            className="td-select"
            value={timeValue}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'custom') return;
              setQuery((q) => ({ ...q, time: v === '' ? null : { preset: v as TimePreset } }));
            }}
          >
            <option value="">{t('filters.time.any')}</option>
            {TIME_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`filters.time.${p}`)}
              </option>
            ))}
            {timeValue === 'custom' && query.time ? <option value="custom">{valueLabel('time', query.time)}</option> : null}
          </select>
        </span>
      </div>
      {active.length ? (
        <div data-slot="filter-chips" className="td-filter-chips">
          <ul aria-label={t('filters.chips.label')}>
            {active.map((f) => {
              const text = `${fieldLabel(f.field)}: ${valueLabel(f.field, f.value)}`;
              return (
                <li key={activeFilterKey(f)}>
                  <button
                    type="button"
                    className="td-filter-chip"
                    data-slot="filter-chip"
                    data-field={f.field}
                    aria-label={t('filters.chip.remove', { field: fieldLabel(f.field), value: valueLabel(f.field, f.value) })}
                    onClick={() => setQuery((q) => removeActiveFilter(q, f))}
                  >
                    <span>{text}</span>
                    <span aria-hidden="true"> ×</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="td-button" data-variant="ghost" data-slot="clear-all" onClick={() => setQuery((q) => clearAllFilters(q))}>
            {t('filters.clearAll')}
          </button>
        </div>
      ) : null}
    </div>
  );
});

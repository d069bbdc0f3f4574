import type { ActivityQuery } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { activeFilterKey, clearAllFilters, listActiveFilters, useFilterLabels } from '../FilterBar/activeFilters';

export interface ActivityListEmptyProps {
  query: ActivityQuery;
  onQueryChange: (query: ActivityQuery) => void;
}

/** Nothing matches: say which filters caused it and offer to clear them. */
export function ActivityListEmpty({ query, onQueryChange }: ActivityListEmptyProps) {
  const { t } = useThreatDeck();
  const { fieldLabel, valueLabel } = useFilterLabels();
  const active = listActiveFilters(query);
  if (active.length === 0) {
    return (
      <div data-slot="list-empty" data-state="no-activities" className="td-list-empty">
        <p>{t('list.empty.status', { status: t(`status.${query.status}`) })}</p>
      </div>
    );
  }
  return (
    <div data-slot="list-empty" data-state="filtered" className="td-list-empty">
      <p>{t('list.empty.filtered')}</p>
      <ul aria-label={t('list.empty.filtersLabel')} data-slot="empty-filters">
        {active.map((f) => (
          <li key={activeFilterKey(f)}>
            <strong>{fieldLabel(f.field)}:</strong> {valueLabel(f.field, f.value)}
          </li>
        ))}
      </ul>
      <button type="button" className="td-button" data-slot="clear-all-filters" onClick={() => onQueryChange(clearAllFilters(query))}>
        {t('list.empty.clearAll')}
      </button>
    </div>
  );
}

/**
 * The active parts of a query as a flat list (search, each filter value, the
 * time range), for chips and for the list's empty state, plus how to remove
 * one or all of them. The status and sort are not filters and are kept.
 */
import { useCallback } from 'react';
import { emptyFilters, FILTER_FIELDS, type ActivityQuery, type AssigneeFilter, type FilterField, type TimeRange } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useUserNames } from '../shared/useUserNames';

export type ActiveFilter =
  | { field: FilterField; value: string }
  | { field: 'search'; value: string }
  | { field: 'time'; value: TimeRange }
  | { field: 'assignee'; value: AssigneeFilter };

export function listActiveFilters(query: ActivityQuery): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (query.search !== '') out.push({ field: 'search', value: query.search });
  for (const field of FILTER_FIELDS) for (const value of query.filters[field]) out.push({ field, value });
  if (query.time) out.push({ field: 'time', value: query.time });
  if (query.assignee !== undefined) out.push({ field: 'assignee', value: query.assignee });
  return out;
}

export function removeActiveFilter(query: ActivityQuery, filter: ActiveFilter): ActivityQuery {
  if (filter.field === 'search') return { ...query, search: '' };
  if (filter.field === 'time') return { ...query, time: null };
  if (filter.field === 'assignee') return withoutAssignee(query);
  const field = filter.field;
  return {
    ...query,
    filters: { ...query.filters, [field]: (query.filters[field] as string[]).filter((v) => v !== filter.value) },
  };
}

function withoutAssignee(query: ActivityQuery): ActivityQuery {
  const { assignee: _removed, ...rest } = query;
  return rest;
}

export function clearAllFilters(query: ActivityQuery): ActivityQuery {
  return { ...withoutAssignee(query), search: '', filters: emptyFilters(), time: null };
}

export function activeFilterKey(filter: ActiveFilter): string {
  const value = typeof filter.value === 'string' ? filter.value : JSON.stringify(filter.value);
  return `${filter.field}\u0000${value}`;
}

/** Labels for filter fields and values through the message catalog. */
export function useFilterLabels() {
  const { t, format } = useThreatDeck();
  const { nameOf } = useUserNames();
  const fieldLabel = useCallback((field: ActiveFilter['field']) => t(`filters.field.${field}`), [t]);
  const valueLabel = useCallback(
    (field: ActiveFilter['field'], value: string | TimeRange | AssigneeFilter): string => {
      if (field === 'assignee') {
        if (value === 'me' || value === 'unassigned') return t(`filters.assignee.${value}`);
        if (typeof value === 'object' && 'userId' in value) return nameOf(value.userId);
      }
      if (typeof value !== 'string') {
        if (!('preset' in value) && !('from' in value)) return '';
        return 'preset' in value
          ? t(`filters.time.${value.preset}`)
          : t('filters.time.custom', { from: format.dateTime(value.from), to: format.dateTime(value.to) });
      }
      if (field === 'type' && (value === 'rule-based' || value === 'anomaly')) return t(`type.${value}`);
      if (field === 'severity') return t(`severity.${value}` as 'severity.high');
      if (field === 'successfulExploit') return t(value === 'yes' ? 'filters.exploit.yes' : 'filters.exploit.no');
      return value;
    },
    [t, format, nameOf],
  );
  return { fieldLabel, valueLabel };
}

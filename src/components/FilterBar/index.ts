export { FilterBar, FILTER_BAR_FIELDS } from './FilterBar';
export type { FilterBarProps } from './FilterBar';
export { listActiveFilters, removeActiveFilter, clearAllFilters } from './activeFilters';
export type { ActiveFilter } from './activeFilters';

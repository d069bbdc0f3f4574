import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useId, useRef, useState } from 'react';
import { SEVERITIES } from '../../core/model';
import type { FacetOption } from '../../core/adapter';
import type { ActivityQuery, FilterField } from '../../core/query';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { CountText } from '../shared/CountText';
import { useFacet } from '../../hooks/useFacet';
import { useAnchoredPosition } from '../shared/useAnchoredPosition';
import { useFilterLabels } from './activeFilters';

/** Fields whose values are open-ended (IPs, paths, hosts): searchable, limited lists. */
const SEARCHABLE: ReadonlySet<FilterField> = new Set(['actor', 'url', 'host', 'subcategory']);

export interface FacetFilterProps {
  field: FilterField;
  query: ActivityQuery;
  onQueryChange: (query: ActivityQuery) => void;
  /** Options shown at once; the rest is reached by searching. */
  limit: number;
  debounceMs: number;
}

/** Severity has its own order (critical first); a backend's count order would shuffle it as traffic changes. */
const SEVERITY_RANK = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));
function inFieldOrder(field: FilterField, options: FacetOption[]): FacetOption[] {
  if (field !== 'severity') return options;
  const rank = (v: string) => SEVERITY_RANK.get(v) ?? SEVERITIES.length;
  return [...options].sort((a, b) => rank(a.value) - rank(b.value));
}

/**
 * One filter: a non-modal dialog under its button (Radix Dialog, already in the
 * bundle for the action dialogs, instead of a popper-positioned popover: focus
 * moves in, Escape and an outside click close it, focus returns to the button),
 * with a search box (for open-ended fields) and
 * checkboxes with counts from the adapter's facet. Thousands of values stay
 * usable: the adapter returns the top `limit` matching the search, and the
 * user narrows by typing.
 */
export function FacetFilter({ field, query, onQueryChange, limit, debounceMs }: FacetFilterProps) {
  const { t, format, portalContainer } = useThreatDeck();
  const { fieldLabel, valueLabel } = useFilterLabels();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [facetSearch, setFacetSearch] = useState('');
  const triggerRef = useRef<HTMLButtonElement>(null);
  const anchorRef = useAnchoredPosition<HTMLDivElement>(triggerRef, { align: 'start', offset: 4 });
  const searchId = useId();
  const listId = useId();
  const estimatedId = useId();
  useEffect(() => {
    const timer = setTimeout(() => setFacetSearch(search), debounceMs);
    return () => clearTimeout(timer);
  }, [search, debounceMs]);
  const facet = useFacet(field, query, { search: facetSearch, limit, enabled: open });

  const selected = query.filters[field] as readonly string[];
  const label = fieldLabel(field);
  const setValues = (values: string[]) => onQueryChange({ ...query, filters: { ...query.filters, [field]: values } });
  const toggle = (value: string) => setValues(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  const options = inFieldOrder(field, facet.data?.options ?? []);
  const shownValues = new Set(options.map((o) => o.value));
  // Selected values stay visible (and untickable) even when the search hides them.
  const extra = selected.filter((v) => !shownValues.has(v)).map((value) => ({ value, count: undefined as number | undefined }));
  const rows = [...extra, ...options.map((o) => ({ value: o.value, count: o.count as number | undefined }))];
  const totalOptions = facet.data?.totalOptions ?? 0;
  // A backend may sample a facet of very many rows: its counts then read "~" (and "about" to a screen reader).
  const estimated = facet.data?.countsAreEstimates === true;

  return (
    <Dialog.Root open={open} onOpenChange={setOpen} modal={false}>
      <Dialog.Trigger asChild>
        <button
          ref={triggerRef}
          type="button"
          className="td-button"
          data-slot="facet-trigger"
          data-field={field}
          data-state={selected.length ? 'active' : 'inactive'}
        >
          {selected.length ? t('filters.trigger.count', { field: label, count: selected.length }) : label}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal container={portalContainer}>
        <Dialog.Content
          ref={anchorRef}
          className="td-dialog td-filter-popover"
          data-slot="facet-popover"
          data-field={field}
          aria-describedby={undefined}
        >
          {/* The dialog's name (aria-labelledby); the button above already shows it. */}
          <Dialog.Title className="td-visually-hidden">{label}</Dialog.Title>
          {SEARCHABLE.has(field) ? (
            <div className="td-field">
              <label htmlFor={searchId}>{t('filters.options.search', { field: label })}</label>
              <input
                id={searchId}
                type="search"
                className="td-input"
                data-slot="facet-search"
                value={search}
                autoComplete="off"
                aria-controls={listId}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
          ) : null}
          <fieldset
            id={listId}
            data-slot="facet-options"
            data-status={facet.status}
            className="td-filter-options"
            aria-busy={facet.isFetching || undefined}
            aria-describedby={estimated && options.length > 0 ? estimatedId : undefined}
          >
            <legend className="td-visually-hidden">{t('filters.options.label', { field: label })}</legend>
            {facet.status === 'pending' ? <p role="status">{t('filters.options.loading')}</p> : null}
            {facet.error ? (
              <p role="alert" className="td-alert" data-tone="error">
                {t(`error.${facet.error.code}`)}{' '}
                <button type="button" className="td-button" onClick={facet.refetch}>
                  {t('common.retry')}
                </button>
              </p>
            ) : null}
            {facet.status === 'success' && rows.length === 0 ? <p>{t('filters.options.empty')}</p> : null}
            {rows.map((row) => (
              <label key={row.value} data-slot="facet-option" className="td-filter-option">
                <input
                  type="checkbox"
                  checked={selected.includes(row.value)}
                  aria-label={
                    row.count !== undefined
                      ? t(estimated ? 'filters.options.optionEstimate' : 'filters.options.option', { label: valueLabel(field, row.value), count: format.number(row.count) })
                      : undefined
                  }
                  onChange={() => toggle(row.value)}
                />
                {/* The checkbox's aria-label says both; read once, not again as the label's text ("~" read as "tilde"). */}
                <span data-slot="facet-value" aria-hidden={row.count !== undefined || undefined}>
                  {valueLabel(field, row.value)}
                </span>
                {row.count !== undefined ? (
                  <span data-slot="facet-count" className="td-filter-count" data-estimate={estimated ? '' : undefined} aria-hidden="true">
                    <CountText count={row.count} estimated={estimated} spoken={false} />
                  </span>
                ) : null}
              </label>
            ))}
          </fieldset>
          {totalOptions > options.length ? (
            <p data-slot="facet-more" className="td-filter-more" role="status">
              {t(estimated ? 'filters.options.moreEstimate' : 'filters.options.more', { shown: format.number(options.length), total: format.number(totalOptions) })}
            </p>
          ) : null}
          {estimated && options.length > 0 ? (
            <p id={estimatedId} data-slot="facet-estimated" className="td-filter-more">
              {t('filters.options.estimated')}
            </p>
          ) : null}
          {selected.length ? (
            <button type="button" className="td-button" data-variant="ghost" data-slot="facet-clear" onClick={() => setValues([])}>
              {t('filters.options.clear', { field: label })}
            </button>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

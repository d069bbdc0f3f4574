/**
 * ThreatOverview: charts above the list for the list's query — activities (or
 * their attempts) over time stacked by severity or subcategory, where a brushed
 * range becomes the list's time filter, and the top subcategories, endpoints,
 * actors and the severity split, where each bar toggles its filter. Shares the
 * query with FilterBar and ThreatActivityList (`query / onQueryChange`). A text
 * summary and a table alternative say what the chart shows. Data comes from
 * `useThreatOverview` (the backend's `overview`, else list pages and facets).
 */
import { clsx } from 'clsx';
import { forwardRef, useCallback, useId, useState, type HTMLAttributes } from 'react';
import type { FacetOption } from '../../core/adapter';
import { SEVERITIES } from '../../core/model';
import { OTHER_GROUP, OVERVIEW_FIELDS, OVERVIEW_GROUPINGS, type OverviewField, type OverviewGrouping } from '../../core/overview';
import { defaultQuery as createDefaultQuery, type ActivityFilters, type ActivityQuery } from '../../core/query';
import type { MessageKey } from '../../i18n/en';
import { useControllableState } from '../../hooks/useControllableState';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useThreatOverview } from '../../hooks/useThreatOverview';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useElementWidth } from '../shared/useElementWidth';
import { OverviewSeriesChart } from './OverviewSeriesChart';
import { OverviewSummary } from './OverviewSummary';
import { OverviewTable } from './OverviewTable';
import { OverviewTopList } from './OverviewTopList';
import { SegmentedChoice } from './SegmentedChoice';

export const OVERVIEW_MEASURES = ['activities', 'attempts'] as const;
/** What the series counts: activities, or the attempts of those activities. */
export type OverviewMeasure = (typeof OVERVIEW_MEASURES)[number];

export interface ThreatOverviewProps extends Omit<HTMLAttributes<HTMLElement>, 'defaultValue'> {
  query?: ActivityQuery;
  defaultQuery?: ActivityQuery;
  onQueryChange?: (query: ActivityQuery) => void;
  groupBy?: OverviewGrouping;
  defaultGroupBy?: OverviewGrouping;
  onGroupByChange?: (groupBy: OverviewGrouping) => void;
  measure?: OverviewMeasure;
  defaultMeasure?: OverviewMeasure;
  onMeasureChange?: (measure: OverviewMeasure) => void;
  /** Values per top list. Default 5. */
  top?: number;
  /** Height of the time chart in px. Default 180. */
  chartHeight?: number;
}

export const ThreatOverview = forwardRef<HTMLElement, ThreatOverviewProps>(function ThreatOverview(
  {
    query: queryProp,
    defaultQuery,
    onQueryChange,
    groupBy: groupByProp,
    defaultGroupBy = 'severity',
    onGroupByChange,
    measure: measureProp,
    defaultMeasure = 'activities',
    onMeasureChange,
    top = 5,
    chartHeight,
    className,
    ...rest
  },
  ref,
) {
  const { t, format } = useThreatDeck();
  const id = useId();
  const [query, setQuery] = useControllableState<ActivityQuery>({
    value: queryProp,
    defaultValue: () => defaultQuery ?? createDefaultQuery(),
    onValueChange: onQueryChange,
    name: 'ThreatOverview.query',
  });
  const [groupBy, setGroupBy] = useControllableState({ value: groupByProp, defaultValue: defaultGroupBy, onValueChange: onGroupByChange, name: 'ThreatOverview.groupBy' });
  const [measure, setMeasure] = useControllableState({ value: measureProp, defaultValue: defaultMeasure, onValueChange: onMeasureChange, name: 'ThreatOverview.measure' });
  const [showTable, setShowTable] = useState(false);
  const [chartRef, width] = useElementWidth(720);
  const { data, status, error, isFetching, refetch } = useThreatOverview(query, { groupBy, top, maxBuckets: Math.max(6, Math.min(96, Math.floor(width / 14))) });

  const toggle = (field: OverviewField, value: string) => {
    const current = query.filters[field] as string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    setQuery({ ...query, filters: { ...query.filters, [field]: next } as ActivityFilters });
  };
  const stackLabel = useCallback(
    (key: string) => (key === OTHER_GROUP ? t('overview.other') : groupBy === 'severity' ? t(`severity.${key}` as MessageKey) : key),
    [groupBy, t],
  );
  const stackAttr = useCallback((key: string, index: number) => (groupBy === 'severity' ? key : key === OTHER_GROUP ? 'other' : String(index + 1)), [groupBy]);
  const labelOf = (field: OverviewField) => (o: FacetOption) => (field === 'severity' ? t(`severity.${o.value}` as MessageKey) : (o.label ?? o.value));
  const topOptions = (field: OverviewField) => {
    const options = data?.top[field] ?? [];
    // Severity has its own order; the other lists are ranked by count.
    return field === 'severity' ? [...options].sort((a, b) => SEVERITIES.indexOf(a.value as never) - SEVERITIES.indexOf(b.value as never)) : options;
  };
  const empty = status === 'success' && data !== undefined && data.totals.activities === 0 && data.partial === null;

  return (
    <section
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-busy={status === 'pending' || isFetching}
      data-slot="overview"
      data-status={status === 'pending' ? 'pending' : status === 'error' ? 'error' : empty ? 'empty' : 'success'}
      className={clsx('td-overview', className)}
      {...rest}
    >
      <header className="td-overview-header">
        <h2 id={`${id}-title`} className="td-overview-title">
          {t('overview.label')}
        </h2>
        <SegmentedChoice
          label={t('overview.measure')}
          options={OVERVIEW_MEASURES.map((m) => ({ value: m, label: t(`overview.measure.${m}`) }))}
          value={measure}
          onValueChange={setMeasure}
        />
        <SegmentedChoice
          label={t('overview.groupBy')}
          options={OVERVIEW_GROUPINGS.map((g) => ({ value: g, label: t(`overview.groupBy.${g}`) }))}
          value={groupBy}
          onValueChange={setGroupBy}
        />
      </header>
      {status === 'error' && error ? <ErrorNotice error={error} title={t('overview.loadError')} onRetry={refetch} /> : null}
      {status === 'pending' ? (
        <p role="status" className="td-overview-loading" data-slot="overview-loading">
          {t('overview.loading')}
        </p>
      ) : null}
      {empty ? <p className="td-overview-empty" data-slot="overview-empty">{t('overview.empty')}</p> : null}
      {data && !empty ? (
        <>
          <OverviewSummary data={data} />
          <div ref={chartRef} className="td-overview-series">
            <OverviewSeriesChart
              series={data}
              measure={measure}
              width={width}
              {...(chartHeight !== undefined ? { height: chartHeight } : {})}
              title={t(`overview.series.${measure}`)}
              stackAttr={stackAttr}
              onRangeSelect={(range) => setQuery({ ...query, time: range })}
            />
            <ul className="td-overview-legend" data-slot="overview-legend">
              {data.groups.map((g, i) => (
                <li key={g}>
                  <span className="td-overview-swatch" data-stack={stackAttr(g, i)} aria-hidden="true" /> {stackLabel(g)}
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="td-button td-overview-table-toggle"
              data-slot="overview-table-toggle"
              aria-expanded={showTable}
              aria-controls={`${id}-table`}
              onClick={() => setShowTable((v) => !v)}
            >
              {showTable ? t('overview.table.hide') : t('overview.table.show')}
            </button>
            {showTable ? <OverviewTable id={`${id}-table`} series={data} measure={measure} stackLabel={stackLabel} /> : null}
          </div>
          <div className="td-overview-tops">
            {OVERVIEW_FIELDS.map((field) => (
              <OverviewTopList
                key={field}
                field={field}
                title={t(`overview.top.${field}`)}
                options={topOptions(field)}
                selected={query.filters[field]}
                labelOf={labelOf(field)}
                estimated={data.estimatedTop?.includes(field) === true}
                onToggle={(value) => toggle(field, value)}
              />
            ))}
          </div>
          {data.partial ? (
            <p className="td-overview-partial" data-slot="overview-partial">
              {t(data.estimatedTop?.length ? 'overview.partialEstimated' : 'overview.partial', { count: format.number(data.partial.activities), total: format.number(data.partial.of) })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
});

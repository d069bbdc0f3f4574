import { forwardRef, useId, useRef, useState } from 'react';
import { ATTEMPT_OUTCOMES } from '../../core/model';
import { zoomDomain } from '../../core/timeScale';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { useControllableState } from '../../hooks/useControllableState';
import { useTimeline, type TimelineRange } from '../../hooks/useTimeline';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useElementWidth } from '../shared/useElementWidth';
import { DrilldownPanel, type DrilldownPanelProps } from './DrilldownPanel';
import { useDrilldownContext } from './drilldownContext';
import { formatBucketSize } from './formatBucketSize';
import { PanelLoading } from './PanelLoading';
import { TimelineChart } from './TimelineChart';
import { TimelineSummaryText } from './TimelineSummaryText';
import { TimelineTable } from './TimelineTable';

export interface ThreatDrilldownTimelineProps extends DrilldownPanelProps {
  /** Chart height in px; default 220. */
  chartHeight?: number;
  /**
   * When given, a zoomed timeline offers "Use this range as the list filter",
   * which calls this with the zoomed range (ThreatActivityView sets its query's time range).
   */
  onApplyTimeRange?: (range: TimelineRange) => void;
  /** The zoomed range, when controlled; `null` shows the whole activity. */
  zoom?: TimelineRange | null;
  /** The range shown first when uncontrolled; `null` (the whole activity) by default. */
  defaultZoom?: TimelineRange | null;
  /** Called on every zoom (brush, buttons, a table row, reset), controlled or not; `null` when back to the whole activity. */
  onZoomChange?: (zoom: TimelineRange | null) => void;
}

type TimelineBodyProps = Pick<ThreatDrilldownTimelineProps, 'chartHeight' | 'onApplyTimeRange' | 'zoom' | 'defaultZoom' | 'onZoomChange'>;

// Width used before the container is measured (and where it cannot be, e.g. jsdom).
const DEFAULT_WIDTH = 640;
// Roughly one bar per this many px: the bucket size follows the zoom and the width.
const PX_PER_BUCKET = 8;
// The zoom buttons stop here: ten seconds still bin into one-second buckets.
const MIN_ZOOM_MS = 10_000;

/** Every attempt over time: histogram by outcome, brush to zoom, summary and data table. */
export const ThreatDrilldownTimeline = forwardRef<HTMLDivElement, ThreatDrilldownTimelineProps>(function ThreatDrilldownTimeline(
  { chartHeight, onApplyTimeRange, zoom, defaultZoom, onZoomChange, children, ...rest },
  ref,
) {
  return (
    <DrilldownPanel ref={ref} tab="timeline" {...rest}>
      {children ?? <TimelineBody chartHeight={chartHeight} onApplyTimeRange={onApplyTimeRange} zoom={zoom} defaultZoom={defaultZoom} onZoomChange={onZoomChange} />}
    </DrilldownPanel>
  );
});

function TimelineBody({ chartHeight, onApplyTimeRange, zoom: zoomProp, defaultZoom = null, onZoomChange }: TimelineBodyProps) {
  const { activityId } = useDrilldownContext('Timeline');
  const { t, format } = useThreatDeck();
  const tableId = useId();
  const [containerRef, width] = useElementWidth(DEFAULT_WIDTH);
  const [zoom, setZoom] = useControllableState<TimelineRange | null>({
    value: zoomProp,
    defaultValue: defaultZoom,
    onValueChange: onZoomChange,
    name: 'ThreatDrilldown.Timeline.zoom',
  });
  const [showTable, setShowTable] = useState(false);
  const state = useTimeline(activityId, { range: zoom, targetBuckets: Math.max(10, Math.floor(width / PX_PER_BUCKET)) });
  const { timeline, summary, fullRange, range } = state;
  const zoomInRef = useRef<HTMLButtonElement>(null);
  const zoomOutRef = useRef<HTMLButtonElement>(null);

  // A zoom that covers the whole activity is no zoom.
  const applyZoom = (next: TimelineRange) => setZoom(fullRange && next.from <= fullRange.from && next.to >= fullRange.to ? null : next);
  const canZoomIn = !!range && range.to - range.from > MIN_ZOOM_MS;
  const zoomBy = (factor: number) => {
    if (!range || !fullRange) return;
    const next = zoomDomain(range, factor, fullRange, MIN_ZOOM_MS);
    applyZoom(next);
    // The button pressed may now be disabled: keep focus on the one that still works.
    if (factor > 1 && next === fullRange) zoomInRef.current?.focus();
    if (factor < 1 && next.to - next.from <= MIN_ZOOM_MS) zoomOutRef.current?.focus();
  };

  let content;
  if (state.error) content = <ErrorNotice error={state.error} title={t('drilldown.timeline.error')} onRetry={state.refetch} />;
  else if (!timeline || !summary) content = <PanelLoading label={t('drilldown.timeline.loading')} />;
  else {
    const size = formatBucketSize(timeline.bucketMs, t);
    content = (
      <>
        <div className="td-timeline-toolbar">
          <div role="status" className="td-timeline-status" data-slot="timeline-status">
            <p data-slot="timeline-bucket-size">{t('drilldown.timeline.bucketSize', { size })}</p>
            {zoom ? (
              <p data-slot="timeline-zoom">{t('drilldown.timeline.zoomed', { from: format.dateTime(zoom.from), to: format.dateTime(zoom.to) })}</p>
            ) : null}
          </div>
          <div role="group" aria-label={t('drilldown.timeline.zoomControls')} className="td-timeline-zoom" data-slot="timeline-zoom-controls">
            <button ref={zoomInRef} type="button" className="td-button" data-slot="timeline-zoom-in" disabled={!canZoomIn} onClick={() => zoomBy(0.5)}>
              {t('drilldown.timeline.zoomIn')}
            </button>
            <button ref={zoomOutRef} type="button" className="td-button" data-slot="timeline-zoom-out" disabled={!zoom} onClick={() => zoomBy(2)}>
              {t('drilldown.timeline.zoomOut')}
            </button>
            <button
              type="button"
              className="td-button"
              data-slot="timeline-reset"
              disabled={!zoom}
              onClick={() => {
                setZoom(null);
                zoomInRef.current?.focus();
              }}
            >
              {t('drilldown.timeline.reset')}
            </button>
            {onApplyTimeRange && zoom ? (
              <button type="button" className="td-button" data-slot="timeline-apply-range" onClick={() => onApplyTimeRange({ from: Math.floor(zoom.from), to: Math.ceil(zoom.to) })}>
                {t('drilldown.timeline.applyRange')}
              </button>
            ) : null}
          </div>
        </div>
        <ul className="td-timeline-legend" data-slot="timeline-legend">
          {ATTEMPT_OUTCOMES.map((o) => (
            <li key={o}>
              <span className="td-timeline-swatch" data-outcome={o} aria-hidden="true" /> {t(`outcome.${o}`)}
            </li>
          ))}
        </ul>
        {summary.total === 0 ? (
          <p data-slot="timeline-empty" data-status="empty">{t('drilldown.timeline.empty')}</p>
        ) : (
          <TimelineChart
            timeline={timeline}
            width={width}
            {...(chartHeight !== undefined ? { height: chartHeight } : {})}
            onZoom={applyZoom}
            title={t('drilldown.timeline.title')}
            description={t('drilldown.timeline.description')}
          />
        )}
        {state.partial ? (
          <p className="td-alert" data-tone="warning">{t('drilldown.timeline.partial', { count: format.number(state.partial.loaded) })}</p>
        ) : null}
        <TimelineSummaryText summary={summary} />
        {summary.total > 0 ? (
          <>
            <button type="button" className="td-button" data-slot="timeline-table-toggle" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((s) => !s)}>
              {showTable ? t('drilldown.timeline.hideTable') : t('drilldown.timeline.showTable')}
            </button>
            <div id={tableId} hidden={!showTable}>
              {showTable ? <TimelineTable timeline={timeline} onZoomToBucket={applyZoom} /> : null}
            </div>
          </>
        ) : null}
      </>
    );
  }
  return (
    <div ref={containerRef} data-slot="timeline" data-status={state.status === 'success' ? 'idle' : state.status} className="td-timeline">
      {content}
    </div>
  );
}

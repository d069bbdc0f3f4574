/**
 * The overview's series: stacked bars per time bucket. A range is chosen by
 * dragging (snapped to whole buckets) or by keyboard: the chart is a
 * multi-select listbox of its buckets (one Tab stop, the focused bucket read
 * through aria-activedescendant); arrows move, Shift extends, Enter applies,
 * Escape clears. Bars are plain rects per non-empty stack, so the size
 * follows the bucket count.
 */
import { Group } from '@visx/group';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { bucketTotal, type OverviewSeries } from '../../core/overview';
import { countTicks, linearScale, timeTickFormat, timeTicks } from '../../core/timeScale';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { TimelineAxis } from '../ThreatDrilldown/TimelineAxis';
import { TimelineBrush } from '../ThreatDrilldown/TimelineBrush';
import type { OverviewMeasure } from './ThreatOverview';

export interface OverviewSeriesChartProps {
  series: OverviewSeries;
  measure: OverviewMeasure;
  width: number;
  height?: number;
  /** Called with an inclusive epoch-ms range covering whole buckets. */
  onRangeSelect: (range: { from: number; to: number }) => void;
  /** `data-stack` of each stack key (for its colour). */
  stackAttr: (key: string, index: number) => string;
  title: string;
}

const MARGIN = { top: 8, right: 12, bottom: 42, left: 48 };
const PX_PER_TIME_TICK = 90;

export function OverviewSeriesChart({ series, measure, width, height = 180, onRangeSelect, stackAttr, title }: OverviewSeriesChartProps) {
  const { t, format, locale } = useThreatDeck();
  const id = useId();
  const { buckets, bucketMs } = series;
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const slot = innerW / Math.max(1, buckets.length);
  const [cursor, setCursor] = useState<number | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);

  const { xScale, xTicks, yTicks, rects } = useMemo(() => {
    let max = 0;
    for (const b of buckets) max = Math.max(max, bucketTotal(b, measure));
    const x = linearScale([series.from, series.to], [0, innerW]);
    const counts = countTicks(max, 4);
    const y = linearScale([0, counts.max], [innerH, 0]);
    const time = timeTicks(series.from, series.to, Math.min(8, Math.max(2, Math.floor(innerW / PX_PER_TIME_TICK))));
    const label = timeTickFormat(time.step, locale);
    const gap = slot > 4 ? 1 : 0;
    const out: Array<{ key: string; x: number; y: number; w: number; h: number; stack: string }> = [];
    buckets.forEach((b, i) => {
      let base = 0;
      b[measure].forEach((n, s) => {
        if (n === 0) return;
        const top = y(base + n);
        out.push({ key: `${i}:${s}`, x: i * slot, y: top, w: Math.max(1, slot - gap), h: Math.max(1, y(base) - top), stack: stackAttr(series.groups[s]!, s) });
        base += n;
      });
    });
    return {
      xScale: x,
      xTicks: time.ticks.map((ms) => ({ at: x(ms), label: label(ms) })),
      yTicks: counts.ticks.map((n) => ({ at: y(n), label: format.number(n) })),
      rects: out,
    };
  }, [buckets, measure, series.from, series.to, series.groups, innerW, innerH, slot, locale, format, stackAttr]);

  const bucketRange = (lo: number, hi: number) => ({ from: buckets[lo]!.start, to: buckets[hi]!.start + bucketMs - 1 });
  const describe = (i: number) => {
    const b = buckets[i]!;
    return t('overview.series.bucket', {
      from: format.dateTime(b.start),
      to: format.dateTime(b.start + bucketMs),
      count: bucketTotal(b, 'activities'),
      attempts: bucketTotal(b, 'attempts'),
    });
  };
  const lo = cursor === null ? null : Math.min(cursor, anchor ?? cursor);
  const hi = cursor === null ? null : Math.max(cursor, anchor ?? cursor);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (buckets.length === 0) return;
    const last = buckets.length - 1;
    const moves: Record<string, (c: number) => number> = {
      ArrowLeft: (c) => Math.max(0, c - 1),
      ArrowRight: (c) => Math.min(last, c + 1),
      Home: () => 0,
      End: () => last,
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = cursor === null ? (event.key === 'ArrowLeft' || event.key === 'End' ? last : 0) : move(cursor);
      if (!event.shiftKey || anchor === null) setAnchor(event.shiftKey && cursor !== null ? cursor : next);
      setCursor(next);
    } else if (event.key === 'Enter' && lo !== null && hi !== null) {
      event.preventDefault();
      onRangeSelect(bucketRange(lo, hi));
    } else if (event.key === 'Escape' && cursor !== null) {
      event.stopPropagation();
      setCursor(null);
      setAnchor(null);
    }
  };

  // Pointer brushes snap outwards to whole buckets, so the list shows exactly the bars under the selection.
  const onBrush = ({ from, to }: { from: number; to: number }) => {
    const index = (ms: number) => Math.min(buckets.length - 1, Math.max(0, Math.floor((ms - series.from) / bucketMs)));
    onRangeSelect(bucketRange(index(from), index(to)));
  };

  const announcement =
    lo !== null && hi !== null && lo !== hi
      ? t('overview.series.selection', { from: format.dateTime(buckets[lo]!.start), to: format.dateTime(buckets[hi]!.start + bucketMs) })
      : '';
  const optionId = (i: number) => `${id}-bucket-${i}`;

  return (
    <div className="td-overview-chart" data-slot="overview-series" style={{ width }}>
      <div
        role="listbox"
        aria-multiselectable="true"
        tabIndex={0}
        aria-label={title}
        aria-describedby={`${id}-help`}
        aria-activedescendant={cursor !== null ? optionId(cursor) : undefined}
        className="td-overview-chart-focus"
        data-slot="overview-series-plot"
        onKeyDown={onKeyDown}
        onBlur={() => setCursor(null)}
      >
        <svg width={width} height={height} aria-hidden="true" focusable="false">
          <Group left={MARGIN.left} top={MARGIN.top}>
            {lo !== null && hi !== null ? (
              <rect className="td-overview-selection" data-slot="overview-selection" x={lo * slot} y={0} width={(hi - lo + 1) * slot} height={innerH} />
            ) : null}
            {rects.map((r) => (
              <rect key={r.key} x={r.x} y={r.y} width={r.w} height={r.h} className="td-overview-bar" data-stack={r.stack} />
            ))}
            <TimelineAxis orientation="left" length={innerH} ticks={yTicks} />
            <TimelineAxis orientation="bottom" length={innerW} top={innerH} ticks={xTicks} />
            <text x={innerW} y={innerH + 32} textAnchor="end" className="td-timeline-tick">
              {t('drilldown.timeline.axisUtc')}
            </text>
            {buckets.length > 0 ? <TimelineBrush xScale={xScale} width={innerW} height={innerH} onBrush={onBrush} /> : null}
          </Group>
        </svg>
        {buckets.map((_, i) => (
          <div key={i} id={optionId(i)} role="option" aria-selected={lo !== null && hi !== null && i >= lo && i <= hi} className="td-visually-hidden">
            {describe(i)}
          </div>
        ))}
      </div>
      <p id={`${id}-help`} className="td-visually-hidden">
        {t('overview.series.help')}
      </p>
      <div role="status" className="td-visually-hidden" data-slot="overview-series-cursor">
        {announcement}
      </div>
    </div>
  );
}

import { Group } from '@visx/group';
import { Bar } from '@visx/shape';
import { useId, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { ATTEMPT_OUTCOMES, type Timeline } from '../../core/model';
import { countTicks, linearScale, placeTooltip, timeTickFormat, timeTicks } from '../../core/timeScale';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { TimelineAxis } from './TimelineAxis';
import { TimelineBrush } from './TimelineBrush';

export interface TimelineChartProps {
  timeline: Timeline;
  width: number;
  height?: number;
  /** Called with the brushed time range. */
  onZoom?: (range: { from: number; to: number }) => void;
  title: string;
  description: string;
}

// The bottom margin holds the tick labels and, on a row of its own below them, the time zone.
const MARGIN = { top: 8, right: 12, bottom: 42, left: 44 };
// About one x tick label per this many px (labels are up to ~60px wide).
const PX_PER_TIME_TICK = 90;

/**
 * Stacked histogram of attempts per bucket by outcome. Draws at most three
 * rects per non-empty bucket, so its size follows the bucket count, never the
 * attempt count. Colours come from CSS (`--td-chart-*`) through classes.
 * The time axis is in UTC, the zone its ticks are aligned in; the tooltip
 * and the data table give local times as well.
 */
export function TimelineChart({ timeline, width, height = 220, onZoom, title, description }: TimelineChartProps) {
  const { t, format, locale } = useThreatDeck();
  const id = useId();
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const { buckets } = timeline;
  const start = buckets[0]?.start ?? timeline.from;
  const end = buckets[buckets.length - 1]?.end ?? timeline.to;
  const slot = innerW / Math.max(1, buckets.length);

  const { xScale, xTicks, yTicks, bars } = useMemo(() => {
    let max = 0;
    for (const b of buckets) max = Math.max(max, b.blocked + b.allowed + b.exploited);
    const x = linearScale([start, end], [0, innerW]);
    const counts = countTicks(max, 4);
    const y = linearScale([0, counts.max], [innerH, 0]);
    const time = timeTicks(start, end, Math.min(8, Math.max(2, Math.floor(innerW / PX_PER_TIME_TICK))));
    const label = timeTickFormat(time.step, locale);
    const gap = slot > 4 ? 1 : 0;
    const rects: Array<{ key: string; x: number; y: number; w: number; h: number; outcome: string }> = [];
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      let base = 0;
      for (const outcome of ATTEMPT_OUTCOMES) {
        const n = b[outcome];
        if (n === 0) continue;
        const top = y(base + n);
        const bottom = y(base);
        rects.push({ key: `${i}:${outcome}`, x: i * slot, y: top, w: Math.max(1, slot - gap), h: Math.max(1, bottom - top), outcome });
        base += n;
      }
    }
    return {
      xScale: x,
      xTicks: time.ticks.map((ms) => ({ at: x(ms), label: label(ms) })),
      yTicks: counts.ticks.map((n) => ({ at: y(n), label: format.number(n) })),
      bars: rects,
    };
  }, [buckets, start, end, innerW, innerH, slot, locale, format]);

  const [hoveredIndex, setHoveredIndex] = useState(-1);
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left - MARGIN.left;
    const i = Math.floor((x / innerW) * buckets.length);
    setHoveredIndex(i >= 0 && i < buckets.length ? i : -1);
  };
  const hovered = buckets[hoveredIndex];
  // The tooltip's width is known only once drawn: measure it, then place it so that it stays inside the chart.
  const tipRef = useRef<HTMLDivElement>(null);
  const [tipWidth, setTipWidth] = useState(0);
  useLayoutEffect(() => {
    const w = tipRef.current?.offsetWidth ?? 0;
    if (w !== tipWidth) setTipWidth(w);
  }, [hoveredIndex, buckets, tipWidth]);
  const barLeft = MARGIN.left + hoveredIndex * slot;
  const tipLeft = placeTooltip(barLeft, barLeft + slot, tipWidth, width);
  const flip = tipLeft < barLeft;
  return (
    <div className="td-timeline-chart" data-slot="timeline-chart" style={{ position: 'relative', width }}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHoveredIndex(-1)}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {hovered ? <rect className="td-timeline-hover" x={hoveredIndex * slot} y={0} width={Math.max(1, slot)} height={innerH} /> : null}
          {bars.map((r) => (
            <Bar key={r.key} x={r.x} y={r.y} width={r.w} height={r.h} className="td-timeline-bar" data-outcome={r.outcome} />
          ))}
          <TimelineAxis orientation="left" length={innerH} ticks={yTicks} />
          <TimelineAxis orientation="bottom" length={innerW} top={innerH} ticks={xTicks} />
          <text x={innerW} y={innerH + 32} textAnchor="end" className="td-timeline-tick" data-slot="timeline-axis-zone">
            {t('drilldown.timeline.axisUtc')}
          </text>
          {onZoom ? <TimelineBrush xScale={xScale} width={innerW} height={innerH} onBrush={onZoom} /> : null}
        </Group>
      </svg>
      {hovered ? (
        <div
          ref={tipRef}
          role="tooltip"
          className="td-timeline-tooltip"
          data-slot="timeline-tooltip"
          data-side={flip ? 'left' : 'right'}
          style={{ left: tipLeft, top: MARGIN.top, maxWidth: width }}
        >
          <div>{t('drilldown.timeline.tooltipLocal', { time: `${format.dateTime(hovered.start)} – ${format.dateTime(hovered.end)}` })}</div>
          <div>{t('drilldown.timeline.tooltipUtc', { time: format.utc(hovered.start) })}</div>
          {ATTEMPT_OUTCOMES.map((o) => (
            <div key={o} data-outcome={o}>
              <span className="td-timeline-swatch" data-outcome={o} aria-hidden="true" /> {t(`outcome.${o}`)}: {format.number(hovered[o])}
            </div>
          ))}
          <div>{t('drilldown.timeline.tooltipTotal', { count: format.number(hovered.blocked + hovered.allowed + hovered.exploited) })}</div>
        </div>
      ) : null}
    </div>
  );
}

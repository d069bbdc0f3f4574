import { AxisBottom, AxisLeft } from '@visx/axis';
import { Brush } from '@visx/brush';
import { Group } from '@visx/group';
import { scaleLinear, scaleTime } from '@visx/scale';
import { Bar } from '@visx/shape';
import { TooltipWithBounds, useTooltip } from '@visx/tooltip';
import { useId, useMemo, type PointerEvent as ReactPointerEvent } from 'react';
import { ATTEMPT_OUTCOMES, type Timeline, type TimelineBucket } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface TimelineChartProps {
  timeline: Timeline;
  width: number;
  height?: number;
  /** Called with the brushed time range. */
  onZoom?: (range: { from: number; to: number }) => void;
  title: string;
  description: string;
}

const MARGIN = { top: 8, right: 12, bottom: 28, left: 44 };
// Tick labels are plain <text>: visx's <Text> measures every word (a forced layout per label).
// A brush narrower than this (px) is a click, not a zoom.
const MIN_BRUSH_PX = 4;

/**
 * Stacked histogram of attempts per bucket by outcome. Draws at most three
 * rects per non-empty bucket, so its size follows the bucket count, never the
 * attempt count. Colours come from CSS (`--td-chart-*`) through classes.
 */
export function TimelineChart({ timeline, width, height = 220, onZoom, title, description }: TimelineChartProps) {
  const { t, format } = useThreatDeck();
  const id = useId();
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const { buckets } = timeline;
  const start = buckets[0]?.start ?? timeline.from;
  const end = buckets[buckets.length - 1]?.end ?? timeline.to;

  const { xScale, yScale, bars } = useMemo(() => {
    let max = 0;
    for (const b of buckets) max = Math.max(max, b.blocked + b.allowed + b.exploited);
    const x = scaleTime<number>({ domain: [new Date(start), new Date(end)], range: [0, innerW] });
    const y = scaleLinear<number>({ domain: [0, Math.max(1, max)], range: [innerH, 0], nice: true });
    const slot = innerW / Math.max(1, buckets.length);
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
    return { xScale: x, yScale: y, bars: rects };
  }, [buckets, start, end, innerW, innerH]);

  const tooltip = useTooltip<TimelineBucket>();
  const bucketAt = (clientX: number, svg: SVGSVGElement | null): { bucket: TimelineBucket; left: number } | null => {
    if (!svg || buckets.length === 0) return null;
    const x = clientX - svg.getBoundingClientRect().left - MARGIN.left;
    const i = Math.floor((x / innerW) * buckets.length);
    const bucket = buckets[i];
    return bucket ? { bucket, left: x + MARGIN.left } : null;
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const hit = bucketAt(event.clientX, event.currentTarget);
    if (!hit) return tooltip.hideTooltip();
    tooltip.showTooltip({ tooltipData: hit.bucket, tooltipLeft: hit.left, tooltipTop: MARGIN.top });
  };

  const hovered = tooltip.tooltipOpen ? tooltip.tooltipData : undefined;
  const hoveredIndex = hovered ? buckets.indexOf(hovered) : -1;
  const slot = innerW / Math.max(1, buckets.length);
  return (
    <div className="td-timeline-chart" data-slot="timeline-chart" style={{ position: 'relative', width }}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => tooltip.hideTooltip()}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {hoveredIndex >= 0 ? (
            <rect className="td-timeline-hover" x={hoveredIndex * slot} y={0} width={Math.max(1, slot)} height={innerH} />
          ) : null}
          {bars.map((r) => (
            <Bar key={r.key} x={r.x} y={r.y} width={r.w} height={r.h} className="td-timeline-bar" data-outcome={r.outcome} />
          ))}
          <AxisLeft
            scale={yScale}
            numTicks={4}
            axisClassName="td-timeline-axis"
            tickFormat={(v) => format.number(Number(v))}
            tickComponent={({ formattedValue, x, y }) => (
              <text x={x - 4} y={y} dy={3} textAnchor="end" className="td-timeline-tick">
                {formattedValue}
              </text>
            )}
          />
          <AxisBottom
            top={innerH}
            scale={xScale}
            numTicks={Math.max(2, Math.floor(innerW / 110))}
            axisClassName="td-timeline-axis"
            tickComponent={({ formattedValue, x, y }) => (
              <text x={x} y={y} dy={4} textAnchor="middle" className="td-timeline-tick">
                {formattedValue}
              </text>
            )}
          />
          {onZoom ? (
            <Brush
              xScale={xScale}
              yScale={yScale}
              width={innerW}
              height={innerH}
              handleSize={8}
              brushDirection="horizontal"
              resizeTriggerAreas={['left', 'right']}
              resetOnEnd
              disableDraggingSelection={false}
              useWindowMoveEvents
              selectedBoxStyle={{ className: 'td-timeline-brush' }}
              onBrushEnd={(bounds) => {
                if (!bounds) return;
                const from = Number(bounds.x0);
                const to = Number(bounds.x1);
                const px = Math.abs(xScale(new Date(to)) - xScale(new Date(from)));
                if (px >= MIN_BRUSH_PX && to > from) onZoom({ from, to });
              }}
            />
          ) : null}
        </Group>
      </svg>
      {tooltip.tooltipOpen && hovered ? (
        <TooltipWithBounds
          left={tooltip.tooltipLeft}
          top={tooltip.tooltipTop}
          unstyled
          applyPositionStyle
          className="td-timeline-tooltip"
          data-slot="timeline-tooltip"
        >
          <div>{t('drilldown.timeline.tooltipLocal', { time: `${format.dateTime(hovered.start)} – ${format.dateTime(hovered.end)}` })}</div>
          <div>{t('drilldown.timeline.tooltipUtc', { time: format.utc(hovered.start) })}</div>
          {ATTEMPT_OUTCOMES.map((o) => (
            <div key={o} data-outcome={o}>
              <span className="td-timeline-swatch" data-outcome={o} aria-hidden="true" /> {t(`outcome.${o}`)}: {format.number(hovered[o])}
            </div>
          ))}
          <div>{t('drilldown.timeline.tooltipTotal', { count: format.number(hovered.blocked + hovered.allowed + hovered.exploited) })}</div>
        </TooltipWithBounds>
      ) : null}
    </div>
  );
}

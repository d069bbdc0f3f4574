import { Fragment } from 'react';

export interface TimelineAxisTick {
  /** Position along the axis in px. */
  at: number;
  label: string;
}

export interface TimelineAxisProps {
  orientation: 'bottom' | 'left';
  /** Length of the axis line in px. */
  length: number;
  ticks: readonly TimelineAxisTick[];
  /** Offset of a bottom axis from the top of the plot (its height). */
  top?: number;
}

const TICK = 4;

/** A bare SVG axis: one line, and a short line plus a label per tick (no measuring, no d3). */
export function TimelineAxis({ orientation, length, ticks, top = 0 }: TimelineAxisProps) {
  const bottom = orientation === 'bottom';
  return (
    <g className="td-timeline-axis" data-slot="timeline-axis" data-orientation={orientation} transform={bottom ? `translate(0, ${top})` : undefined}>
      {bottom ? <line x1={0} x2={length} y1={0} y2={0} /> : <line x1={0} x2={0} y1={0} y2={length} />}
      {ticks.map((tick) =>
        bottom ? (
          <Fragment key={tick.at}>
            <line x1={tick.at} x2={tick.at} y1={0} y2={TICK} />
            <text x={tick.at} y={TICK + 10} textAnchor="middle" className="td-timeline-tick">
              {tick.label}
            </text>
          </Fragment>
        ) : (
          <Fragment key={tick.at}>
            <line x1={-TICK} x2={0} y1={tick.at} y2={tick.at} />
            <text x={-TICK - 2} y={tick.at} dy={3} textAnchor="end" className="td-timeline-tick">
              {tick.label}
            </text>
          </Fragment>
        ),
      )}
    </g>
  );
}

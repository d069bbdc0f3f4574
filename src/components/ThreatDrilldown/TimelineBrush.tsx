import { useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { LinearScale } from '../../core/timeScale';

export interface TimelineBrushProps {
  /** Time → px across the plot. */
  xScale: LinearScale;
  width: number;
  height: number;
  /** Called with the dragged time range on release. */
  onBrush: (range: { from: number; to: number }) => void;
}

// A drag narrower than this (px) is a click, not a zoom.
const MIN_BRUSH_PX = 4;

/**
 * Drag across the plot to select a time range: a transparent overlay takes the
 * pointer (captured, so a drag may leave the chart) and draws the selection.
 * Pointer-only; the keyboard zooms through the buttons and the data table.
 */
export function TimelineBrush({ xScale, width, height, onBrush }: TimelineBrushProps) {
  const [drag, setDrag] = useState<{ pointerId: number; x0: number; x1: number } | null>(null);
  const clampedX = (event: ReactPointerEvent<SVGRectElement>) =>
    Math.min(width, Math.max(0, event.clientX - event.currentTarget.getBoundingClientRect().left));

  const onPointerDown = (event: ReactPointerEvent<SVGRectElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const x = clampedX(event);
    setDrag({ pointerId: event.pointerId, x0: x, x1: x });
  };
  const onPointerMove = (event: ReactPointerEvent<SVGRectElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const x = clampedX(event);
    setDrag((d) => (d ? { ...d, x1: x } : d));
  };
  const onPointerUp = (event: ReactPointerEvent<SVGRectElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    setDrag(null);
    const x1 = clampedX(event);
    const lo = Math.min(drag.x0, x1);
    const hi = Math.max(drag.x0, x1);
    if (hi - lo >= MIN_BRUSH_PX) onBrush({ from: xScale.invert(lo), to: xScale.invert(hi) });
  };

  const lo = drag ? Math.min(drag.x0, drag.x1) : 0;
  return (
    <>
      {drag ? <rect className="td-timeline-brush" data-slot="timeline-brush-selection" x={lo} y={0} width={Math.abs(drag.x1 - drag.x0)} height={height} /> : null}
      <rect
        className="td-timeline-brush-overlay"
        data-slot="timeline-brush"
        data-state={drag ? 'dragging' : 'idle'}
        x={0}
        y={0}
        width={width}
        height={height}
        fill="transparent"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
      />
    </>
  );
}

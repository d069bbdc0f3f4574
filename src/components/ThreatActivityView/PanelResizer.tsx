/**
 * The splitter between list and drilldown (WAI-ARIA window splitter):
 * focusable separator with its value; arrows resize by 24 px, Home/End jump to
 * the bounds; pointer drag resizes. Dragging left widens the right-hand panel.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface PanelResizerProps {
  value: number;
  min: number;
  max: number;
  onValueChange: (value: number) => void;
  label: string;
}

const STEP = 24;

export function PanelResizer({ value, min, max, onValueChange, label }: PanelResizerProps) {
  const drag = useRef<{ startX: number; startValue: number } | null>(null);
  const clamp = (v: number) => Math.min(max, Math.max(min, Math.round(v)));

  const onKeyDown = (event: KeyboardEvent) => {
    const next =
      event.key === 'ArrowLeft' ? value + STEP
      : event.key === 'ArrowRight' ? value - STEP
      : event.key === 'Home' ? max
      : event.key === 'End' ? min
      : null;
    if (next === null) return;
    event.preventDefault();
    onValueChange(clamp(next));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { startX: event.clientX, startValue: value };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (drag.current) onValueChange(clamp(drag.current.startValue + (drag.current.startX - event.clientX)));
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    // A focusable separator is the ARIA window-splitter pattern: arrows move it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation="vertical"
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      data-slot="view-resizer"
      className="td-view-resizer"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}

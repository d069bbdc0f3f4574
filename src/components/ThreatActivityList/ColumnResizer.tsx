/**
 * The resize handle at a column header's end: a focusable vertical
 * separator (WAI-ARIA window splitter) with its width as aria-valuenow.
 * ArrowLeft / ArrowRight change it by 16 px (Shift: 64), Home / End go to
 * the minimum / maximum, Enter or a double click gives the layout back the
 * column (its fitted width). Dragging works with a pointer.
 */
import type { ColumnSizingState, Updater } from '@tanstack/react-table';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface ColumnResizerProps {
  columnId: string;
  /** The column's label, for the separator's name. */
  label: string;
  width: number;
  minSize: number;
  maxSize: number;
  /** TanStack's `table.setColumnSizing`. */
  setColumnSizing: (updater: Updater<ColumnSizingState>) => void;
}

const STEP = 16;

export function ColumnResizer({ columnId, label, width, minSize, maxSize, setColumnSizing }: ColumnResizerProps) {
  const { t } = useThreatDeck();
  const setWidth = (next: number) =>
    setColumnSizing((old) => ({ ...old, [columnId]: Math.round(Math.min(maxSize, Math.max(minSize, next))) }));
  const reset = () =>
    setColumnSizing((old) => {
      const { [columnId]: _dropped, ...rest } = old;
      return rest;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? STEP * 4 : STEP;
    switch (event.key) {
      case 'ArrowLeft':
        setWidth(width - step);
        break;
      case 'ArrowRight':
        setWidth(width + step);
        break;
      case 'Home':
        setWidth(minSize);
        break;
      case 'End':
        setWidth(maxSize);
        break;
      case 'Enter':
        reset();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = width;
    const target = event.currentTarget;
    target.setPointerCapture?.(event.pointerId);
    const move = (e: globalThis.PointerEvent) => setWidth(startWidth + e.clientX - startX);
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };

  return (
    // A focusable separator is the ARIA window-splitter pattern: arrows move it.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('list.column.resize', { column: label })}
      aria-valuenow={width}
      aria-valuemin={minSize}
      aria-valuemax={maxSize}
      tabIndex={0}
      data-slot="column-resizer"
      className="td-list-resizer"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={reset}
    />
  );
}

import { useRef } from 'react';
import { ATTEMPT_OUTCOMES, type Timeline } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { formatBucketSize } from './formatBucketSize';

export interface TimelineTableProps {
  timeline: Timeline;
  /** Adds a "Zoom to bucket" button per row: the keyboard's way to zoom into a burst. */
  onZoomToBucket?: (range: { from: number; to: number }) => void;
}

/** Every non-empty bucket with its counts: the chart's data as a table. */
export function TimelineTable({ timeline, onZoomToBucket }: TimelineTableProps) {
  const { t, format } = useThreatDeck();
  const tableRef = useRef<HTMLTableElement>(null);
  const rows = timeline.buckets.filter((b) => b.blocked + b.allowed + b.exploited > 0);
  return (
    // Focusable so that focus lands on the re-binned table after a row's button zooms (the button is gone).
    <table ref={tableRef} tabIndex={-1} data-slot="timeline-table" className="td-drilldown-table">
      <caption>{t('drilldown.timeline.tableCaption', { size: formatBucketSize(timeline.bucketMs, t) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('drilldown.timeline.colStart')}</th>
          <th scope="col">{t('drilldown.timeline.colStartUtc')}</th>
          {ATTEMPT_OUTCOMES.map((o) => (
            <th scope="col" key={o}>
              {t(`outcome.${o}`)}
            </th>
          ))}
          <th scope="col">{t('drilldown.timeline.colTotal')}</th>
          {onZoomToBucket ? <th scope="col">{t('drilldown.timeline.colZoom')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.start}>
            <th scope="row">{format.dateTime(b.start)}</th>
            <td className="td-mono">{format.utc(b.start)}</td>
            {ATTEMPT_OUTCOMES.map((o) => (
              <td key={o}>{format.number(b[o])}</td>
            ))}
            <td>{format.number(b.blocked + b.allowed + b.exploited)}</td>
            {onZoomToBucket ? (
              <td>
                <button
                  type="button"
                  className="td-button"
                  data-variant="ghost"
                  data-slot="timeline-zoom-bucket"
                  aria-label={t('drilldown.timeline.zoomToBucketLabel', { time: format.dateTime(b.start) })}
                  onClick={() => {
                    // Ranges include their end; a bucket does not (the next one starts there).
                    onZoomToBucket({ from: b.start, to: b.end - 1 });
                    tableRef.current?.focus();
                  }}
                >
                  {t('drilldown.timeline.zoomToBucket')}
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

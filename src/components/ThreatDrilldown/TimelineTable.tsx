import { ATTEMPT_OUTCOMES, type Timeline } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { formatBucketSize } from './formatBucketSize';

/** Every non-empty bucket with its counts: the chart's data as a table. */
export function TimelineTable({ timeline }: { timeline: Timeline }) {
  const { t, format } = useThreatDeck();
  const rows = timeline.buckets.filter((b) => b.blocked + b.allowed + b.exploited > 0);
  return (
    <table data-slot="timeline-table" className="td-drilldown-table">
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}

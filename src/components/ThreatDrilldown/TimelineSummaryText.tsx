import type { TimelineSummary } from '../../core/timelineSummary';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import { formatBucketSize } from './formatBucketSize';

// The biggest bursts listed in the summary.
const MAX_BURSTS_LISTED = 5;

/** First, last, peak rate and bursts as sentences: the chart's text alternative. */
export function TimelineSummaryText({ summary }: { summary: TimelineSummary }) {
  const { t, format } = useThreatDeck();
  if (!summary.peak || summary.first === null || summary.last === null) {
    return <p data-slot="timeline-summary">{t('drilldown.timeline.summaryEmpty')}</p>;
  }
  const size = formatBucketSize(summary.bucketMs, t);
  const listed = [...summary.bursts].sort((a, b) => b.count - a.count).slice(0, MAX_BURSTS_LISTED).sort((a, b) => a.from - b.from);
  return (
    <div data-slot="timeline-summary" className="td-timeline-summary">
      <p>
        {t('drilldown.timeline.summary', {
          total: summary.total,
          first: format.dateTime(summary.first),
          last: format.dateTime(summary.last),
          peak: format.number(summary.peak.count),
          size,
          peakAt: format.dateTime(summary.peak.start),
        })}{' '}
        {t('drilldown.timeline.bursts', { count: summary.bursts.length })}
      </p>
      {listed.length > 0 ? (
        <ul data-slot="timeline-bursts">
          {listed.map((b) => (
            <li key={b.from}>
              {t('drilldown.timeline.burst', { count: format.number(b.count), from: format.dateTime(b.from), to: format.dateTime(b.to) })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

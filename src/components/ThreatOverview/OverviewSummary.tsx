/** The overview in words: how many, over which range, the busiest bucket and the most frequent subcategory. */
import { bucketTotal, type ThreatOverviewData } from '../../core/overview';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export function OverviewSummary({ data }: { data: ThreatOverviewData }) {
  const { t, format } = useThreatDeck();
  let peak = -1;
  let peakCount = 0;
  data.buckets.forEach((b, i) => {
    const n = bucketTotal(b, 'activities');
    if (n > peakCount) [peak, peakCount] = [i, n];
  });
  const topSubcategory = data.top.subcategory[0];
  const count = data.partial ? data.partial.of : data.totals.activities;
  return (
    <p className="td-overview-summary" data-slot="overview-summary">
      {data.partial
        ? t('overview.summaryPartial', { count, from: format.dateTime(data.from), to: format.dateTime(data.to) })
        : t('overview.summary', { count, attempts: data.totals.attempts, from: format.dateTime(data.from), to: format.dateTime(data.to) })}
      {peak >= 0 ? ` ${t('overview.summary.peak', { from: format.dateTime(data.buckets[peak]!.start), count: peakCount })}` : null}
      {topSubcategory ? ` ${t('overview.summary.top', { value: topSubcategory.label ?? topSubcategory.value, count: topSubcategory.count })}` : null}
    </p>
  );
}

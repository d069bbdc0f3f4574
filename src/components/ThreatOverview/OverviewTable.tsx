/** The series as a table: one row per bucket, one column per stack, for readers who do not use the chart. */
import type { OverviewSeries } from '../../core/overview';
import { bucketTotal } from '../../core/overview';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';
import type { OverviewMeasure } from './ThreatOverview';

export interface OverviewTableProps {
  id: string;
  series: OverviewSeries;
  measure: OverviewMeasure;
  stackLabel: (key: string) => string;
}

export function OverviewTable({ id, series, measure, stackLabel }: OverviewTableProps) {
  const { t, format } = useThreatDeck();
  return (
    <div className="td-overview-table" data-slot="overview-table" id={id}>
      <table>
        <caption>{t('overview.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.table.bucket')}</th>
            {series.groups.map((g) => (
              <th key={g} scope="col">
                {stackLabel(g)}
              </th>
            ))}
            <th scope="col">{t('overview.table.total')}</th>
          </tr>
        </thead>
        <tbody>
          {series.buckets.map((b) => (
            <tr key={b.start}>
              <th scope="row">{format.utc(b.start)}</th>
              {b[measure].map((n, i) => (
                <td key={series.groups[i]}>{format.number(n)}</td>
              ))}
              <td>{format.number(bucketTotal(b, measure))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

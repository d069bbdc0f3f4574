import type { HeaderPairs } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

/** Headers in the order received, duplicates kept, as text. */
export function HeadersTable({ headers, caption }: { headers: HeaderPairs; caption: string }) {
  const { t } = useThreatDeck();
  if (headers.length === 0) return <p data-slot="headers-empty">{t('drilldown.attempt.noHeaders')}</p>;
  return (
    <table data-slot="headers" className="td-drilldown-table td-mono">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('drilldown.attempt.headerName')}</th>
          <th scope="col">{t('drilldown.attempt.headerValue')}</th>
        </tr>
      </thead>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i} data-slot="header">
            <th scope="row" data-slot="header-name">{name}</th>
            <td data-slot="header-value">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

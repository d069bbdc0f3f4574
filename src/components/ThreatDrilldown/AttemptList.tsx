import type { Attempt } from '../../core/model';
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface AttemptListProps {
  attempts: Attempt[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  total: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

/** Attempts newest first; each row's time is a button that shows that attempt. */
export function AttemptList({ attempts, selectedId, onSelect, total, hasNextPage, isFetchingNextPage, onLoadMore }: AttemptListProps) {
  const { t, format } = useThreatDeck();
  return (
    <div data-slot="attempt-list" className="td-drilldown-attempt-list">
      <table className="td-drilldown-table">
        <caption>{t('drilldown.attempt.listLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('drilldown.attempt.time')}</th>
            <th scope="col">{t('drilldown.attempt.sourceIp')}</th>
            <th scope="col">{t('drilldown.attempt.statusCode')}</th>
            <th scope="col">{t('drilldown.attempt.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => {
            const selected = a.id === selectedId;
            return (
              <tr key={a.id} data-slot="attempt-row" data-state={selected ? 'selected' : 'unselected'} data-outcome={a.outcome}>
                <td>
                  <button
                    type="button"
                    className="td-button"
                    data-variant="ghost"
                    aria-current={selected ? 'true' : undefined}
                    onClick={() => onSelect(a.id)}
                  >
                    <time dateTime={format.utc(a.timestamp)}>{format.dateTime(a.timestamp)}</time>
                  </button>
                </td>
                <td className="td-mono" data-slot="attempt-ip">{a.sourceIp}</td>
                <td data-slot="attempt-status">{a.response ? a.response.status : t('drilldown.attempt.noResponse')}</td>
                <td>
                  <span className="td-badge" data-slot="attempt-outcome" data-outcome={a.outcome}>
                    {t(`outcome.${a.outcome}`)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p data-slot="attempt-count">{t('drilldown.attempt.count', { shown: format.number(attempts.length), total: format.number(total) })}</p>
      {hasNextPage ? (
        <button type="button" className="td-button" data-slot="load-more" disabled={isFetchingNextPage} aria-busy={isFetchingNextPage} onClick={onLoadMore}>
          {isFetchingNextPage ? t('common.loading') : t('drilldown.attempt.loadMore')}
        </button>
      ) : null}
    </div>
  );
}

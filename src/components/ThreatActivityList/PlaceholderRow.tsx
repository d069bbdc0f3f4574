/** A position whose activity is still loading (offset reads): a busy row with a skeleton, nothing to select or open. */
import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export function PlaceholderRow({ domId, index, offset, height }: { domId: string; index: number; offset: number; height: number }) {
  const { t } = useThreatDeck();
  return (
    <div
      id={domId}
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      data-slot="activity-row"
      data-state="loading"
      className="td-list-row td-list-row-placeholder"
      style={{ height, transform: `translateY(${offset}px)` }}
    >
      <div role="gridcell" aria-colindex={1} data-slot="cell" className="td-list-cell td-list-placeholder-cell">
        <span className="td-visually-hidden">{t('common.loading')}</span>
        <span aria-hidden="true" className="td-skeleton" />
      </div>
    </div>
  );
}

import { useThreatDeck } from '../../hooks/ThreatDeckProvider';

export interface LiveBannerProps {
  newCount: number;
  onMerge: () => void;
}

/**
 * Polite "N new activities" notice. The live region is always mounted (so
 * screen readers announce changes); the rows only change when the user asks.
 */
export function LiveBanner({ newCount, onMerge }: LiveBannerProps) {
  const { t } = useThreatDeck();
  return (
    <div aria-live="polite" data-slot="live-banner" data-state={newCount > 0 ? 'open' : 'closed'} className="td-list-live">
      {newCount > 0 ? (
        <>
          <span data-slot="live-count">{t('list.live.banner', { count: newCount })}</span>{' '}
          <button type="button" className="td-button" data-variant="primary" data-slot="live-merge" onClick={onMerge}>
            {t('list.live.show')}
          </button>
        </>
      ) : null}
    </div>
  );
}
